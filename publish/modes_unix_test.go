//go:build unix

package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestModes writes a site under two umasks: its folders and files get
// 0777 and 0666 less the umask, as cp and any program's new files do, so a
// web server running as another user can read them. The modes hold when a
// second build swaps in for the first, keeping an unchanged file, and when
// a watch build updates the site in place.
func TestModes(t *testing.T) {
	for _, umask := range []int{0o022, 0o027} {
		old := syscall.Umask(umask)
		dir := t.TempDir()
		dest, src := filepath.Join(dir, "public"), filepath.Join(dir, "content")
		builds := []map[string]string{
			{"index.html": "a", "teams/sales/index.html": "b"},
			{"index.html": "a", "teams/sales/index.html": "c", "kpis/nps/index.html": "d"},
		}
		for i, files := range builds {
			if err := write(t, dest, src, files); err != nil {
				t.Fatal(err)
			}
			checkModes(t, dest, umask, i)
		}
		d, err := Update(dest, src)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range map[string]string{"index.html": "a", "teams/sales/index.html": "e", "periods/2026-Q3/index.html": "f"} {
			if err := d.WriteFile(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		checkModes(t, dest, umask, len(builds))
		syscall.Umask(old)
	}
}

// checkModes checks the modes of the site in dest, written by build n
// under umask.
func checkModes(t *testing.T, dest string, umask, n int) {
	t.Helper()
	err := filepath.WalkDir(dest, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		want := os.FileMode(0o666 &^ umask)
		if e.IsDir() {
			want = os.FileMode(0o777 &^ umask)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("umask %03o, build %d: %s has mode %03o; want %03o", umask, n, path, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
