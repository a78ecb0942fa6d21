// Command million writes a site whose one key result has a million
// check-ins, one a day, in a custom period long enough to hold them: the
// input of issue 20's finding about very long series, for measuring
// okr build, the objective page, its chart and okr pdf by hand.
//
//	go run ./scripts/million -out /tmp/million
//	/usr/bin/time -v okr build /tmp/million -dest /tmp/million-public
//	okr pdf -period long -out /tmp/million.pdf /tmp/million
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"
)

func main() {
	out := flag.String("out", "", "folder to create (required; must not exist)")
	n := flag.Int("checkins", 1_000_000, "check-ins of the key result")
	flag.Parse()
	if *out == "" {
		log.Fatal("million: -out is required")
	}
	if err := os.Mkdir(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	start := time.Date(100, 1, 1, 0, 0, 0, 0, time.UTC)
	last := start.AddDate(0, 0, *n-1)
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	files := map[string]string{
		"site.toml":         "title = \"A million check-ins\"\norganisation = \"Long AB\"\nas_of = " + day(last) + "\n",
		"teams.toml":        "[[team]]\nid = \"long\"\nname = \"Long team\"\n",
		"periods/long.toml": fmt.Sprintf("name = \"The long period\"\nstart = %s\nend = %s\n", day(start), day(last.AddDate(0, 0, 30))),
	}
	for name, text := range files {
		write(filepath.Join(*out, name), func(w *bufio.Writer) { w.WriteString(text) })
	}
	write(filepath.Join(*out, "periods", "long", "long.toml"), func(w *bufio.Writer) {
		w.WriteString("[[objective]]\nid = \"many\"\ntitle = \"Check in every day\"\n\n")
		w.WriteString("  [[objective.kr]]\n  id = \"daily\"\n  title = \"Daily value\"\n  start = 0\n  target = 100\n  checkins = [\n")
		for i := range *n {
			// A rising line with a weekly wave, a planted peak and a dip.
			v := 100 * float64(i) / float64(*n)
			v += float64(i%7) / 2
			switch i {
			case *n / 3:
				v += 40
			case 2 * *n / 3:
				v -= 40
			}
			fmt.Fprintf(w, "    [%s, %.2f],\n", day(start.AddDate(0, 0, i)), v)
		}
		w.WriteString("  ]\n\n  [[objective.kr]]\n  id = \"other\"\n  title = \"Another value\"\n  start = 0\n  target = 10\n")
	})
}

// write makes the file at path with what fill writes.
func write(path string, fill func(*bufio.Writer)) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fill(w)
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
