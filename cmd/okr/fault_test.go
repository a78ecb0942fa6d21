package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/publish"
)

// okrBinary returns the okr command, for the tests that run it as a
// process of their own, to kill or interrupt it: the copy of this test
// binary that testscript.Main (see TestMain) puts first on PATH under the
// name okr, and that runs as okr under that name.
func okrBinary(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("okr")
	if err != nil {
		t.Fatalf("TestMain put no okr on PATH: %v", err)
	}
	return bin
}

// tree reads every file of a built site, by path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestKilledBuild kills builds midway, at several moments, and checks each
// time that the destination holds a whole site: the old one or the new one.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: builds a 50-team site eight times; not in -short mode")
	}
	bin := okrBinary(t)
	dir := t.TempDir()
	content, dest := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	if err := synth.Write(content, synth.Files(synth.Sizes["50team"], 1)); err != nil {
		t.Fatal(err)
	}
	build := func() *exec.Cmd { return exec.Command(bin, "build", "-dest", dest, content) }
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	old := tree(t, dest)
	// The new site differs: another report date.
	newer := exec.Command(bin, "build", "-dest", filepath.Join(dir, "newer"), "-as-of", "2026-11-21", content)
	if out, err := newer.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := tree(t, filepath.Join(dir, "newer"))
	killed := 0
	for _, delay := range []time.Duration{20, 60, 120, 200, 300, 450} {
		cmd := exec.Command(bin, "build", "-dest", dest, "-as-of", "2026-11-21", content)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		got := tree(t, dest)
		switch {
		case sameTree(got, old):
			killed++
		case sameTree(got, want):
			if err == nil {
				old = got // it finished before the kill; the new site is the old now
			}
		default:
			t.Fatalf("killed after %v, the destination holds neither the old site nor the new one", delay*time.Millisecond)
		}
	}
	if killed == 0 {
		t.Logf("every build finished before it was killed; the machine is fast")
	}
	// A killed build leaves its folder beside the site, and nothing else;
	// the next build removes it.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); n != "content" && n != "public" && n != "newer" && !strings.HasPrefix(n, ".public.build-") {
			t.Errorf("the builds left %s", n)
		}
	}
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.build-*")); len(left) > 0 {
		t.Errorf("the next build left the killed builds' folders: %v", left)
	}
}

// TestFullDisk fills the disk once a build has written its files, for a
// cold build and for a watching build's rebuild in place, and checks the
// error and the old site.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	content, dest := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, now: time.Now}
	watching := build.NewBuilder(e.buildOptions(content, siteFlags{}))
	if err := e.publish(t.Context(), watching, content, dest, nil); err != nil {
		t.Fatal(err)
	}
	team := filepath.Join(content, "periods/2026-Q4/operations.toml")
	src, _ := os.ReadFile(team)
	os.WriteFile(team, bytes.ReplaceAll(src, []byte("Operations"), []byte("Edited")), 0o644)
	later := time.Now().Add(time.Minute)
	os.Chtimes(team, later, later)
	full := func(*build.Result, *publish.Dir) (int, error) {
		return 0, &fs.PathError{Op: "write", Path: "periods/2026-Q4/print.pdf", Err: syscall.ENOSPC}
	}
	for _, b := range []*build.Builder{build.Once(e.buildOptions(content, siteFlags{})), watching} {
		old := tree(t, dest)
		err := e.publish(t.Context(), b, content, dest, full)
		if err == nil || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), dest+" is as it was") {
			t.Errorf("a full disk gives %v; want a clear error that says the site is as it was", err)
		}
		if !sameTree(tree(t, dest), old) {
			t.Errorf("the old site changed")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Errorf("the failed build left files beside the site: %v", entries)
		}
	}
}

// TestRealFullDisk builds into a tiny file system, when this machine lets
// the test mount one.
func TestRealFullDisk(t *testing.T) {
	dir := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir).Run(); err != nil {
		t.Skip("cannot mount a small file system here:", err)
	}
	defer exec.Command("umount", dir).Run()
	dest := filepath.Join(dir, "public")
	// A first, small site fits.
	small := filepath.Join(t.TempDir(), "small")
	var stdout, stderr bytes.Buffer
	run([]string{"new", "site", small}, &stdout, &stderr)
	if code := run([]string{"build", "-dest", dest, small}, &stdout, &stderr); code != 0 {
		t.Skipf("even the small site does not fit: %s", stderr.String())
	}
	old := tree(t, dest)
	stderr.Reset()
	if code := run([]string{"build", "-dest", dest, "../../content"}, &stdout, &stderr); code != 1 {
		t.Fatalf("building into a full disk exits %d; want 1", code)
	}
	if !strings.Contains(stderr.String(), "no space left on device") || !strings.Contains(stderr.String(), "is as it was") {
		t.Errorf("the error does not say the disk is full and the site is safe: %s", stderr.String())
	}
	if !sameTree(tree(t, dest), old) {
		t.Errorf("the old site changed")
	}
}

// TestKilledCheckin kills okr checkin at random moments; the team file must
// always be the old file or the new one, never a mix.
func TestKilledCheckin(t *testing.T) {
	bin := okrBinary(t)
	dir := filepath.Join(t.TempDir(), "content")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "site", dir}, &stdout, &stderr); code != 0 {
		t.Fatal(stderr.String())
	}
	site, _, err := load.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	o := site.Objectives[0]
	ref := o.KeyResults[0].Ref()
	file := filepath.Join(dir, "periods", o.Period.ID, o.Team.ID+".toml")
	seen := map[string]bool{}
	for i := range 30 {
		before, _ := os.ReadFile(file)
		seen[string(before)] = true
		cmd := exec.Command(bin, "checkin", "-dir", dir, "-date", o.Period.Start.AddDays(i%60).String(), ref, fmt.Sprint(400+i))
		cmd.Start()
		time.Sleep(time.Duration(i%10) * 3 * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		after, _ := os.ReadFile(file)
		if string(after) != string(before) {
			// It was written: it must be whole, and load.
			if _, _, err := load.Load(os.DirFS(dir), dir); err != nil {
				t.Fatalf("after a killed checkin the site does not load: %v", err)
			}
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".*.tmp"))
	if len(leftovers) > 0 {
		t.Logf("killed checkins left %d temporary files, which the loader ignores", len(leftovers))
	}
}
