//go:build unix

package publish

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestOddFilesInThePreviousSite checks that a build compares only regular
// files with what it writes: a pipe in place of a page would block a read,
// and a link could lead anywhere, so both count as changed and are
// replaced.
func TestOddFilesInThePreviousSite(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	src := filepath.Join(dir, "content")
	files := map[string]string{"pipe.html": "page", "link.html": "page"}
	if err := write(t, dest, src, files); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dest, "pipe.html"))
	if err := syscall.Mkfifo(filepath.Join(dest, "pipe.html"), 0o644); err != nil {
		t.Skip("cannot make a pipe here:", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "elsewhere.html"), []byte("page"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dest, "link.html"))
	if err := os.Symlink(filepath.Join(dir, "elsewhere.html"), filepath.Join(dest, "link.html")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- write(t, dest, src, files) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the build hangs on a pipe in the previous site")
	}
	for name, data := range files {
		info, err := os.Lstat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		if !info.Mode().IsRegular() {
			t.Errorf("%s is %v after the build, want a regular file", name, info.Mode())
		}
		if got := read(t, filepath.Join(dest, name)); got != data {
			t.Errorf("%s holds %q, want %q", name, got, data)
		}
	}
}
