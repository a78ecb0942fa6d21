//go:build unix

package edit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
)

// TestRecordThroughALink records a check-in in a team file that is a
// symbolic link to a file elsewhere in the content folder: the link stays
// a link, and its target gets the check-in.
func TestRecordThroughALink(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	for name, f := range siteFS(t) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	team := filepath.Join(dir, "periods", "2026-Q3", "sales.toml")
	target := filepath.Join(dir, "shared", "sales.toml")
	if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(team, target); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../shared/sales.toml", team); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	c := okrsite.Checkin{Date: okrsite.MakeDate(2026, 8, 14), Value: 2, Confidence: okrsite.NoConfidence}
	if _, err := Record(root, "2026-Q3/land-norway/deals", c); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(team); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the team file is no longer a link: %v, %v", info.Mode(), err)
	}
	if b, err := os.ReadFile(target); err != nil || !strings.Contains(string(b), "[2026-08-14, 2]") {
		t.Errorf("the link's target did not get the check-in: %v\n%s", err, b)
	}
}
