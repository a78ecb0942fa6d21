// Command synth writes a synthetic goal site for benchmarks:
//
//	go run ./cmd/synth -size 10k -out /tmp/site10k
//
// Sizes: small, 50team, 10k (500 teams, 4 quarters, 10,000 objectives,
// 40,000 key results, 520,000 check-ins) and 50k. The same size and seed
// always give the same files. With -hugo it writes the equivalent Hugo site
// instead, for comparing build times.
package main

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/load"
)

func main() {
	size := flag.String("size", "10k", "site size: "+strings.Join(slices.Sorted(maps.Keys(synth.Sizes)), ", "))
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "folder to create (required; must not exist)")
	hugo := flag.Bool("hugo", false, "write the equivalent Hugo site instead")
	flag.Parse()
	s, ok := synth.Sizes[*size]
	if !ok || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	files := synth.Files(s, *seed)
	if *hugo {
		site, _, err := load.Load(synth.FS(files), "synth")
		if err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
		files = synth.HugoFiles(site)
	}
	if err := synth.Write(*out, files); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}
