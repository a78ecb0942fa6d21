package load

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// bigPNG is the whole text of a file in a case that stands for a PNG
// picture of a size too big to write out.
var bigPNG = regexp.MustCompile(`^\(a PNG picture of (\d+) bytes\)$`)

// siteFS lays the files of overlays over the base site in
// testdata/base.txtar and returns them as a file system: a file whose
// whole text is "(deleted)" is removed, and one whose text is "(a PNG
// picture of N bytes)" is a PNG file of N bytes.
func siteFS(t testing.TB, overlays ...*txtar.Archive) fstest.MapFS {
	t.Helper()
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, a := range append([]*txtar.Archive{base}, overlays...) {
		for _, f := range a.Files {
			text := strings.TrimSpace(string(f.Data))
			if text == "(deleted)" {
				delete(fsys, f.Name)
				continue
			}
			if m := bigPNG.FindStringSubmatch(text); m != nil {
				n, _ := strconv.Atoi(m[1])
				fsys[f.Name] = &fstest.MapFile{Data: append([]byte(pngBytes), make([]byte, n-len(pngBytes))...)}
				continue
			}
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

func TestLoadBase(t *testing.T) {
	site, warnings, err := Load(siteFS(t), "site")
	if err != nil {
		t.Fatalf("base site does not load:\n%v", err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %v", warnings)
	}
	if got := len(site.Objectives); got != 2 {
		t.Fatalf("got %d objectives, want 2", got)
	}
	sales := site.Objectives[1]
	if sales.Parent != site.Objectives[0] || len(site.Objectives[0].Children) != 1 {
		t.Errorf("land-norway does not align to grow")
	}
	eng := site.Objectives[0].KeyResults[1]
	if eng.KPI == nil || eng.Start != 70 || len(eng.Checkins) != 1 || eng.Checkins[0].Value != 71 {
		t.Errorf("engagement key result not lifted from its KPI: start %v, check-ins %v", eng.Start, eng.Checkins)
	}
	if eng.Cadence != 31 || site.Objectives[0].KeyResults[0].Cadence != 7 {
		t.Errorf("cadences: %v, %v", eng.Cadence, site.Objectives[0].KeyResults[0].Cadence)
	}
}

// TestBroken loads each site in testdata/broken and compares the errors,
// and the warnings after them, with the case's golden "errors" section. Run with -update to rewrite them.
func TestBroken(t *testing.T) {
	cases, _ := filepath.Glob("testdata/broken/*.txtar")
	if len(cases) < 20 {
		t.Fatalf("only %d broken cases", len(cases))
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var golden *txtar.File
			var overlay txtar.Archive
			for i := range a.Files {
				if a.Files[i].Name == "errors" {
					golden = &a.Files[i]
				} else {
					overlay.Files = append(overlay.Files, a.Files[i])
				}
			}
			_, warnings, err := Load(siteFS(t, &overlay), "site")
			if err == nil {
				t.Fatal("site loaded without error")
			}
			got := err.Error() + "\n"
			for _, w := range warnings {
				got += "warning: " + w.Error() + "\n"
			}
			if *update {
				if golden == nil {
					a.Files = append(a.Files, txtar.File{Name: "errors"})
					golden = &a.Files[len(a.Files)-1]
				}
				golden.Data = []byte(got)
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if golden == nil || string(golden.Data) != got {
				t.Errorf("errors differ from the golden file (run go test -update to accept)\ngot:\n%s", got)
			}
		})
	}
}

// TestFileTooLarge checks that a file over MaxFileSize is refused with its
// size, and is not read into memory past the limit.
func TestFileTooLarge(t *testing.T) {
	fsys := siteFS(t)
	fsys["teams.toml"] = &fstest.MapFile{Data: make([]byte, MaxFileSize+1)}
	_, _, err := Load(fsys, "site")
	if err == nil || !strings.Contains(err.Error(), "site/teams.toml: the file is 64 MB; expected at most 64 MB") {
		t.Errorf("got %v, want teams.toml refused for its size", err)
	}
}
