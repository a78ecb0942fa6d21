package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// write builds a site of the given files into dest.
func write(t *testing.T, dest, source string, files map[string]string) error {
	t.Helper()
	d, err := Open(dest, source)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := d.WriteFile(name, []byte(data)); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommitReplacesTheSite(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := write(t, dest, filepath.Join(dir, "content"), map[string]string{"index.html": "one", "a/b.html": "b", "old.html": "x"}); err != nil {
		t.Fatal(err)
	}
	if err := write(t, dest, filepath.Join(dir, "content"), map[string]string{"index.html": "two", "a/b.html": "b"}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "two" {
		t.Errorf("index.html is %q, want two", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "old.html")); !os.IsNotExist(err) {
		t.Errorf("a file of the old site survived the new build")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind beside the site: %v", entries)
	}
}

// TestUnchangedFilesKeepTheirFile checks that a file whose bytes did not
// change keeps its modification time, so sync tools skip it.
func TestUnchangedFilesKeepTheirFile(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	src := filepath.Join(dir, "content")
	if err := write(t, dest, src, map[string]string{"same.html": "same", "changed.html": "v1"}); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	for _, f := range []string{"same.html", "changed.html"} {
		os.Chtimes(filepath.Join(dest, f), old, old)
	}
	if err := write(t, dest, src, map[string]string{"same.html": "same", "changed.html": "v2"}); err != nil {
		t.Fatal(err)
	}
	same, _ := os.Stat(filepath.Join(dest, "same.html"))
	changed, _ := os.Stat(filepath.Join(dest, "changed.html"))
	if same.ModTime().Sub(old).Abs() > time.Second {
		t.Errorf("an unchanged file was rewritten: %v, want %v", same.ModTime(), old)
	}
	if changed.ModTime().Sub(old) < time.Minute {
		t.Errorf("a changed file kept its old time")
	}
}

func TestAbortKeepsTheOldSite(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	src := filepath.Join(dir, "content")
	if err := write(t, dest, src, map[string]string{"index.html": "old"}); err != nil {
		t.Fatal(err)
	}
	d, err := Open(dest, src)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("index.html", []byte("half"))
	d.Abort()
	if got := read(t, filepath.Join(dest, "index.html")); got != "old" {
		t.Errorf("after an aborted build index.html is %q, want old", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("an aborted build left %v", entries)
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "docs")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "thesis.tex"), []byte("mine"), 0o644)
	home, _ := os.UserHomeDir()
	tests := []struct {
		name, dest, source, want string
	}{
		{"root", "/", "content", "root of the file system"},
		{"home", home, "content", "home folder"},
		{"the source", filepath.Join(dir, "content"), filepath.Join(dir, "content"), "holds the content folder"},
		{"a parent of the source", dir, filepath.Join(dir, "content"), "holds the content folder"},
		{"a folder okr did not write", foreign, filepath.Join(dir, "content"), "okr did not write"},
	}
	for _, tt := range tests {
		_, err := Open(tt.dest, tt.source)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want an error saying %q", tt.name, err, tt.want)
		}
	}
	if got := read(t, filepath.Join(foreign, "thesis.tex")); got != "mine" {
		t.Errorf("a refused destination was touched")
	}
}

func TestNamesStayInside(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(filepath.Join(dir, "public"), filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../escape.html", "/etc/passwd", "a/../../b", `a\..\b`, "", ".", Marker, "a//b"} {
		if err := d.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.html")); err == nil {
		t.Errorf("a file was written outside the site")
	}
}

func TestUnwritableDestination(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root can write anywhere")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if _, err := Open(filepath.Join(dir, "public"), "content"); err == nil {
		t.Errorf("Open in a read-only folder succeeded")
	}
}
