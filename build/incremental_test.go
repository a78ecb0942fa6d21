package build

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/publish"
)

// edit rewrites a content file with a change and moves its time on, as an
// editor does.
func edit(t testing.TB, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	os.Chtimes(path, later, later)
}

// readTree reads every file under dir, by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != publish.Marker {
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return nil
	})
	return out
}

func mtimes(t testing.TB, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			out[p] = info.ModTime()
		}
		return nil
	})
	return out
}

// TestIncrementalKeeps edits a check-in of the example and rebuilds it in
// place: the pages that show it change, and pages that read nothing of it
// keep their files. TestIncrementalEveryEdit checks that every edit gives
// a fresh build's site; this checks that an edit does not render the
// whole site to get there.
func TestIncrementalKeeps(t *testing.T) {
	dir := t.TempDir()
	content, dest := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	if err := os.CopyFS(content, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(Options{Dir: content})
	out, err := publish.Open(dest, content)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(out); err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	// Make every file old, to tell rewritten files from kept ones.
	old := time.Now().Add(-time.Hour)
	for p := range mtimes(t, dest) {
		os.Chtimes(p, old, old)
	}
	edit(t, filepath.Join(content, "periods/2026-Q4/operations.toml"), `[2026-10-30, 352,`, `[2026-10-30, 340,`)
	up, err := publish.Update(dest, content)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(up)
	if err != nil {
		t.Fatal(err)
	}
	if err := up.Commit(); err != nil {
		t.Fatal(err)
	}
	after := mtimes(t, dest)
	t.Logf("rendered %d of %d files", res.Files, len(after))
	for _, c := range []string{"periods/2026-Q4/objectives/cost-to-serve.html", "periods/2026-Q4/print.html", "okr.json"} {
		if after[filepath.Join(dest, c)].Equal(old) {
			t.Errorf("%s did not change", c)
		}
	}
	for _, k := range []string{"periods/2026-Q2.html", "periods/2026-Q4/objectives/black-week.html", "kpis/returns.html", "static/okr.css"} {
		if !after[filepath.Join(dest, k)].Equal(old) {
			t.Errorf("%s was rewritten", k)
		}
	}
	sameAsFresh(t, "a check-in's value", content, dest)
}

// sameAsFresh checks that the site in dest is byte for byte what a fresh
// build of content makes.
func sameAsFresh(t *testing.T, step, content, dest string) {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "fresh")
	full, _ := publish.Open(fresh, content)
	if _, err := Run(Options{Dir: content}, full); err != nil {
		t.Fatal(err)
	}
	full.Commit()
	want, got := readTree(t, fresh), readTree(t, dest)
	if len(want) != len(got) {
		t.Errorf("%s: the incremental build has %d files, a fresh one %d", step, len(got), len(want))
	}
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s: %s differs from a fresh build's", step, name)
		}
	}
}

// TestIncrementalPictures changes, adds and removes pictures and rebuilds
// in place: only a changed picture's file is rewritten, a new one appears,
// a removed one is gone, and each build is a fresh build's.
func TestIncrementalPictures(t *testing.T) {
	dir := t.TempDir()
	content, dest := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	if err := os.CopyFS(content, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(Options{Dir: content})
	rebuild := func() error {
		up, err := publish.Update(dest, content)
		if err == nil {
			_, err = b.Build(up)
		}
		if err == nil {
			err = up.Commit()
		}
		return err
	}
	out, err := publish.Open(dest, content)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(out); err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	for p := range mtimes(t, dest) {
		os.Chtimes(p, old, old)
	}

	const diagram = "periods/kpi-to-okr.svg"
	edit(t, filepath.Join(content, diagram), "#c0392b", "#b03020")
	if err := rebuild(); err != nil {
		t.Fatal(err)
	}
	after := mtimes(t, dest)
	if after[filepath.Join(dest, "media", diagram)].Equal(old) {
		t.Error("a changed picture: its file was not rewritten")
	}
	if !after[filepath.Join(dest, "periods/2026-Q4.html")].Equal(old) {
		t.Error("a changed picture: the page that shows it was rewritten")
	}
	sameAsFresh(t, "a changed picture", content, dest)

	note := filepath.Join(content, "periods/2026-Q4/people/win-back-energy.md")
	added := filepath.Join(content, "periods/2026-Q4/people/pulse.svg")
	if err := os.WriteFile(added, []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`), 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, note, "## The plan", "![Pulse](pulse.svg)\n\n## The plan")
	if err := rebuild(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "media/periods/2026-Q4/people/pulse.svg")); err != nil {
		t.Errorf("a new picture: %v", err)
	}
	sameAsFresh(t, "a new picture", content, dest)

	if err := os.Remove(added); err != nil {
		t.Fatal(err)
	}
	if err := rebuild(); err == nil || !strings.Contains(err.Error(), `no picture "pulse.svg" beside this note`) {
		t.Errorf("a shown picture removed: got %v, want the note's error", err)
	}
	edit(t, note, "![Pulse](pulse.svg)\n\n", "")
	if err := rebuild(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "media/periods/2026-Q4/people/pulse.svg")); err == nil {
		t.Error("a picture removed: its file is still in the site")
	}
	sameAsFresh(t, "a picture removed", content, dest)
}

// BenchmarkRebuild10k rebuilds the synthetic 10k site in place after one
// team's file changed (a check-in's note): what "okr build -watch" does on
// every save ("okr serve" does the same into memory; see package preview's
// benchmarks).
func BenchmarkRebuild10k(b *testing.B) {
	rebuild10k(b, "Weekly review done", "Weekly review done!")
}

// BenchmarkRebuild10kCheckin rebuilds the synthetic 10k site in place
// after a check-in was added to a key result, within the review window.
func BenchmarkRebuild10kCheckin(b *testing.B) {
	rebuild10k(b, "    [2026-11-21, 124.40, 0.60],\n", "    [2026-11-18, 124.00, 0.70],\n    [2026-11-21, 124.40, 0.60],\n")
}

// rebuild10k builds the synthetic 10k site, then times rebuilds after its
// team t42's file changed from holding old to holding new, and back.
func rebuild10k(b *testing.B, old, new string) {
	dir := b.TempDir()
	content, dest := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	if err := synth.Write(content, synth.Files(synth.Standard, 1)); err != nil {
		b.Fatal(err)
	}
	bld := NewBuilder(Options{Dir: content})
	out, err := publish.Open(dest, content)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := bld.Build(out); err != nil {
		b.Fatal(err)
	}
	out.Commit()
	team := filepath.Join(content, "periods/2026-Q4/t42.toml")
	start := cpuTime()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		text := []string{old, new}
		edit(b, team, text[i%2], text[(i+1)%2])
		b.StartTimer()
		up, err := publish.Update(dest, content)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bld.Build(up); err != nil {
			b.Fatal(err)
		}
		if err := up.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	// The machine is shared: the processor time a rebuild took (on every
	// core, the collector's included) says more than its wall time.
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the processor time the process has used so far.
func cpuTime() time.Duration {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// failAt is a writer that fails when asked to write one file.
type failAt struct {
	memory
	name string
}

func (f *failAt) WriteFile(name string, data []byte) error {
	if name == f.name {
		return errors.New("disk full")
	}
	return f.memory.WriteFile(name, data)
}

// TestIncrementalAfterFailure makes a build fail after it rendered an
// edited objective, reverts the edit, and builds again: the pieces of HTML
// the failed build made must not outlive it, or the period's print edition
// would show the reverted value.
func TestIncrementalAfterFailure(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	team := filepath.Join(content, "periods/2026-Q4/operations.toml")
	b := NewBuilder(Options{Dir: content})
	if _, err := b.Build(&memory{files: map[string][]byte{}}); err != nil {
		t.Fatal(err)
	}
	const edition = "periods/2026-Q4/print.html"
	edit(t, team, `[2026-10-30, 352,`, `[2026-10-30, 340,`)
	if _, err := b.Build(&failAt{memory{files: map[string][]byte{}}, edition}); err == nil {
		t.Fatal("the build did not fail")
	}
	edit(t, team, `[2026-10-30, 340,`, `[2026-10-30, 352,`)
	edit(t, filepath.Join(content, "periods/2026-Q4/people.md"), "## ", "## Edited ")
	got := &memory{files: map[string][]byte{}}
	if _, err := b.Build(got); err != nil {
		t.Fatal(err)
	}
	want := &memory{files: map[string][]byte{}}
	if _, err := Run(Options{Dir: content}, want); err != nil {
		t.Fatal(err)
	}
	if got.files[edition] == nil {
		t.Fatalf("the last build did not render %s", edition)
	}
	if !bytes.Equal(got.files[edition], want.files[edition]) {
		t.Errorf("%s differs from a fresh build's", edition)
	}
}
