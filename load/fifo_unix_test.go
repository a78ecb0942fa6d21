//go:build unix

package load

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNamedPipesInContent loads a site from disk with named pipes where a
// note and site.toml should be: the load ends, with an error for each,
// instead of waiting for a writer that never comes.
func TestNamedPipesInContent(t *testing.T) {
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
	for _, name := range []string{"periods/2026-Q3.md", "site.toml"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.Remove(p)
		if err := syscall.Mkfifo(p, 0o666); err != nil {
			t.Skipf("cannot make a named pipe: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, _, err = Load(root.FS(), "site")
	for _, want := range []string{"site/site.toml: the file is not a regular file (it is a named pipe)", "site/periods/2026-Q3.md: the file is not a regular file"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v; want %s", err, want)
		}
	}
}
