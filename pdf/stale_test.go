package pdf_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/pdf"
	"github.com/okrsite/okrsite/publish"
)

// TestStalePrintFolders checks that okr pdf removes the temporary folder
// a killed run left (its owner is gone, so no one holds its lock), leaves
// the folder of a run still going (locked), and removes its own. The run
// names a period the site lacks, so it stops before it needs Chromium.
func TestStalePrintFolders(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	killed := filepath.Join(tmp, "okr-pdf-12345")
	if err := os.MkdirAll(filepath.Join(killed, "site", "periods"), 0o755); err != nil {
		t.Fatal(err)
	}
	running, held, err := publish.TempDir(tmp, "okr-pdf-*")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	other := filepath.Join(tmp, "okr-other-1") // not okr pdf's
	os.Mkdir(other, 0o755)

	_, _, _, err = pdf.PrintReport(context.Background(), nil, build.Options{Dir: "../content"}, pdf.Request{Period: "1999-Q1"})
	if err == nil || !strings.Contains(err.Error(), `no period "1999-Q1"`) {
		t.Fatalf("printing a missing period: %v; want a refusal", err)
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "*"))
	if want := []string{other, running}; !slices.Equal(left, want) {
		t.Errorf("left %q in the temporary folder; want %q (the killed run's and this run's removed)", left, want)
	}
}
