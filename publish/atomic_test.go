package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// update writes files into the site in dest in place, as a watching build
// does, and returns the Dir uncommitted.
func update(t *testing.T, dest, source string, files map[string]string) *Dir {
	t.Helper()
	d, err := Update(dest, source)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := d.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// besides lists what is in dest's parent folder besides dest.
func besides(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dest) {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestUpdateIsAllOrNothing checks that an update in place shows nothing
// of itself before Commit, nothing at all after Abort, and the whole new
// site after Commit, with unchanged files untouched.
func TestUpdateIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	dest, src := filepath.Join(dir, "public"), filepath.Join(dir, "content")
	old := map[string]string{"index.html": "old", "a/one.html": "one", "a/two.html": "two", "gone.html": "gone", "same.html": "same"}
	if err := write(t, dest, src, old); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dest, "same.html"), long, long)
	changes := map[string]string{"index.html": "new", "a/one.html": "ONE", "a/two.html": "TWO", "b/new.html": "new", "same.html": "same"}

	d := update(t, dest, src, changes)
	if got := tree(t, dest); !equal(got, old) {
		t.Errorf("before Commit the site is %v; want the old site", got)
	}
	d.Abort()
	if got := tree(t, dest); !equal(got, old) {
		t.Errorf("after Abort the site is %v; want the old site", got)
	}
	if left := besides(t, dest); len(left) != 0 {
		t.Errorf("Abort left %v beside the site", left)
	}

	d = update(t, dest, src, changes)
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); !equal(got, changes) {
		t.Errorf("after Commit the site is %v; want %v", got, changes)
	}
	if info, _ := os.Stat(filepath.Join(dest, "same.html")); !info.ModTime().Equal(long) {
		t.Errorf("an unchanged file was written again")
	}
	if left := besides(t, dest); len(left) != 0 {
		t.Errorf("Commit left %v beside the site", left)
	}
}

// TestUpdateCommitFailing makes Commit's renames fail, first at once and
// then after one file moved, and checks that the error says which.
func TestUpdateCommitFailing(t *testing.T) {
	for _, c := range []struct {
		blocked, want string
	}{
		{"a.html", "is as it was"},
		{"b.html", "has 1 of the build's 3 new files and is partly old"},
	} {
		dir := t.TempDir()
		dest, src := filepath.Join(dir, "public"), filepath.Join(dir, "content")
		old := map[string]string{"a.html": "a", "b.html": "b", "c.html": "c"}
		if err := write(t, dest, src, old); err != nil {
			t.Fatal(err)
		}
		// A folder with a file in it, where the page was: no rename
		// replaces it.
		blocked := filepath.Join(dest, c.blocked)
		os.Remove(blocked)
		os.MkdirAll(filepath.Join(blocked, "x"), 0o755)
		err := update(t, dest, src, map[string]string{"a.html": "A", "b.html": "B", "c.html": "C"}).Commit()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("blocked %s: Commit gives %v; want an error saying %q", c.blocked, err, c.want)
		}
		if c.blocked == "a.html" && read(t, filepath.Join(dest, "b.html")) != "b" {
			t.Errorf("blocked %s: the site changed, though the error says it did not", c.blocked)
		}
		if left := besides(t, dest); len(left) != 0 {
			t.Errorf("blocked %s: the failed Commit left %v beside the site", c.blocked, left)
		}
	}
}

// TestStaleBuildFolders checks that a build removes the folders of killed
// builds beside its destination (no one holds their lock) and leaves the
// folder of a build still running.
func TestStaleBuildFolders(t *testing.T) {
	dir := t.TempDir()
	dest, src := filepath.Join(dir, "public"), filepath.Join(dir, "content")
	running, err := Open(dest, src)
	if err != nil {
		t.Fatal(err)
	}
	defer running.Abort()
	killed := filepath.Join(dir, ".public.build-12345")
	if err := os.MkdirAll(filepath.Join(killed, "periods"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(killed, "periods", "page.html"), []byte("half"), 0o644)
	if err := write(t, dest, src, map[string]string{"index.html": "new"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Errorf("the killed build's folder is still there")
	}
	if _, err := os.Stat(running.Staging()); err != nil {
		t.Errorf("the running build's folder was removed: %v", err)
	}
}

// TestSymlinkedContent checks that a symbolic link cannot lead a build to
// replace the folder that holds the content: through a linked parent of
// the content folder, or a linked destination.
func TestSymlinkedContent(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := write(t, dest, filepath.Join(dir, "elsewhere"), map[string]string{"index.html": "site"}); err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(dest, "content")
	os.MkdirAll(content, 0o755)
	os.WriteFile(filepath.Join(content, "site.toml"), []byte("title = \"Goals\"\n"), 0o644)
	if err := os.Symlink(dest, filepath.Join(dir, "alias")); err != nil {
		t.Skip("cannot make a symbolic link here:", err)
	}
	for _, c := range []struct{ dest, source string }{
		{dest, filepath.Join(dir, "alias", "content")},
		{filepath.Join(dir, "alias", "."), content},
	} {
		for _, start := range []func(string, string) (*Dir, error){Open, Update} {
			d, err := start(c.dest, c.source)
			if err == nil {
				d.Abort()
			}
			if err == nil || !strings.Contains(err.Error(), "holds the content folder") {
				t.Errorf("building %s into %s: %v; want a refusal", c.source, c.dest, err)
			}
		}
	}
	if read(t, filepath.Join(content, "site.toml")) == "" {
		t.Errorf("the content changed")
	}
}

// tree reads every file of the site in dir but the marker, by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == Marker {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = read(t, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
