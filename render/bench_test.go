package render

import (
	"io/fs"
	"os"
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/load"
)

// benchmarkRender renders the site at the root of fsys into memory:
// every page, chart and static file, but no disk.
func benchmarkRender(b *testing.B, fsys fs.FS, name string) {
	site, _, err := load.Load(fsys, name)
	if err != nil {
		b.Fatal(err)
	}
	card := okrsite.Evaluate(site, site.Settings.AsOf) // both sites set as_of
	for b.Loop() {
		if err := Render(card, Options{}, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderExample renders the example site.
func BenchmarkRenderExample(b *testing.B) { benchmarkRender(b, os.DirFS("../content"), "content") }

// BenchmarkRender10k renders the synthetic 10k site: about 14,600 files.
func BenchmarkRender10k(b *testing.B) {
	benchmarkRender(b, synth.FS(synth.Files(synth.Standard, 1)), "site")
}
