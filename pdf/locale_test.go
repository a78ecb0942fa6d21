package pdf_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/okrsite/okrsite/internal/golden"
	"github.com/okrsite/okrsite/pdf"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// shared is the one Chromium the package's tests print with, started by
// the first test that asks for it and stopped by TestMain.
var shared struct {
	once sync.Once
	p    *pdf.Printer
}

// printer returns the shared Chromium, started and ready.
func printer(t *testing.T) *pdf.Printer {
	t.Helper()
	shared.once.Do(func() { shared.p = pdf.Start(context.Background(), "") })
	if err := shared.p.Ready(); err != nil {
		t.Fatal(err)
	}
	return shared.p
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.p != nil {
		shared.p.Close()
	}
	os.Exit(code)
}

// TestLocalePDF prints the period report of render's small test site (the
// one TestLocaleGolden renders as HTML) in en-US on Letter, and in en-GB
// and sv-SE on A4, and compares the text pdftotext -layout reads from each
// with a golden file (go test -update rewrites them): dates, numbers and
// money as each locale writes them. The text is the same from print to
// print, so the golden files need nothing taken out.
func TestLocalePDF(t *testing.T) {
	requireTools(t)
	p := printer(t)
	archive, err := txtar.ParseFile("../render/testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ locale, paper string }{
		{"en-US", "letter"}, {"en-GB", "a4"}, {"sv-SE", "a4"},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range archive.Files {
				data := f.Data
				if f.Name == "site.toml" {
					data = bytes.Replace(data, []byte(`language = "en"`), fmt.Appendf(nil, "locale = %q", tc.locale), 1)
				}
				path := filepath.Join(dir, f.Name)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, base := buildSite(t, dir, "")
			doc, err := p.Print(base+"periods/2026-Q3/print.html", pdf.Papers[tc.paper])
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "report.pdf")
			if err := os.WriteFile(file, doc, 0o644); err != nil {
				t.Fatal(err)
			}
			got := []byte(run(t, "pdftotext", "-layout", file, "-"))
			golden.Check(t, filepath.Join("testdata", "locale", tc.locale+".txt"), got, *update)
		})
	}
}
