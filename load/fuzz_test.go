package load

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzLoad loads the base site with one file replaced by fuzzed text. The
// loader must never panic, and every error must name a file of the site and
// a position inside the text.
func FuzzLoad(f *testing.F) {
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		f.Fatal(err)
	}
	targets := []string{"site.toml", "teams.toml", "periods/2026-Q3/sales.toml", "kpis/engagement.toml", "kpis/churn.csv", "periods/2026-Q3.md"}
	for _, file := range base.Files {
		for i, t := range targets {
			if file.Name == t {
				f.Add(uint8(i), string(file.Data))
			}
		}
	}
	cases, _ := txtarFiles("testdata/broken")
	for _, c := range cases {
		for i, t := range targets {
			if c.Name == t {
				f.Add(uint8(i), string(c.Data))
			}
		}
	}
	f.Add(uint8(4), "date;value\n2026-05;1,5\n")
	f.Fuzz(func(t *testing.T, which uint8, text string) {
		fsys := siteFS(t)
		name := targets[int(which)%len(targets)]
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
		if name == "kpis/churn.csv" {
			fsys["kpis/churn.toml"] = &fstest.MapFile{Data: []byte("name = \"Churn\"\ndirection = \"lower\"\nhealthy = 2\nwarning = 3\ncsv = \"churn.csv\"\n")}
		}
		_, _, err := Load(fsys, "site")
		list, _ := err.(ErrorList)
		lines := strings.Count(text, "\n") + 1
		for _, e := range list {
			if !strings.HasPrefix(e.Path, "site/") {
				t.Errorf("error outside the site: %v", e)
			}
			if e.Path == "site/"+name && e.Line > lines {
				t.Errorf("error at line %d of a %d-line file: %v", e.Line, lines, e)
			}
			if e.Msg == "" {
				t.Errorf("empty message: %#v", e)
			}
		}
	})
}

// FuzzFrontMatter splits notes: the body must be a suffix of the note, and
// the front matter must lie between the fences.
func FuzzFrontMatter(f *testing.F) {
	f.Add("+++\nauthor = \"A\"\n+++\nBody\n")
	f.Add("+++\n+++")
	f.Add("No front matter")
	f.Fuzz(func(t *testing.T, src string) {
		front, body, line, ok := splitFrontMatter(src)
		if !ok {
			return
		}
		if !strings.HasSuffix(src, body) || !strings.Contains(src, front) {
			t.Fatalf("split %q into %q and %q", src, front, body)
		}
		if got := strings.Count(src[:len(src)-len(body)], "\n") + 1; body != "" && got != line {
			t.Fatalf("body line %d, want %d", line, got)
		}
	})
}

// txtarFiles returns every file of every txtar archive in dir.
func txtarFiles(dir string) ([]txtar.File, error) {
	paths, err := filepath.Glob(dir + "/*.txtar")
	var out []txtar.File
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, a.Files...)
	}
	return out, err
}

// FuzzCSV reads fuzzed spreadsheet exports: never a panic, and every error
// on a line of the text.
func FuzzCSV(f *testing.F) {
	f.Add("date,value\n2026-05-31,2.1\n", "", "")
	f.Add("Månad;Andel (%)\n2026-05;4,8\n2026-06;\"5,4\"\n", "Månad", "Andel (%)")
	f.Add("a,b\n\"unclosed,1\n", "", "")
	f.Add("date,value\n2025-02-28,\"33,874,248.61\"\n2025-03-31,\"1,234\"\n", "", "")
	f.Add("date;value\n2025-02-28;1.234,5\n2025-03-31;\u22121 234,5\n", "", "")
	f.Fuzz(func(t *testing.T, src, dateCol, valueCol string) {
		fl := &file{path: "x.csv"}
		fl.Src = src
		ms, ambiguous := decodeCSV(fl, [2]string{dateCol, valueCol})
		errs, _ := fl.errors()
		lines := strings.Count(src, "\n") + 1
		for _, e := range errs {
			if e.Line > lines {
				t.Fatalf("error on line %d of %d: %v", e.Line, lines, e)
			}
		}
		if len(ambiguous) > len(ms) {
			t.Fatalf("%d ambiguous numbers among %d measurements", len(ambiguous), len(ms))
		}
		for i := 1; i < len(ms); i++ {
			if ms[i].Date <= ms[i-1].Date {
				t.Fatalf("measurements out of order: %v", ms)
			}
		}
	})
}
