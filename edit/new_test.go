package edit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
)

// TestNewSiteTitle writes a site whose title holds quotes, a backslash, a
// newline and a key after it: the title is the title, and adds no key.
func TestNewSiteTitle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "goals")
	title := "Goals \"2027\" \\\nallow_html = true\n# \x01"
	if err := NewSite(dir, title, okrsite.MakeDate(2026, 8, 14)); err != nil {
		t.Fatal(err)
	}
	site, _, err := load.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	if site.Settings.Title != title || site.Settings.AllowHTML {
		t.Errorf("title %q, allow_html %v", site.Settings.Title, site.Settings.AllowHTML)
	}
}
