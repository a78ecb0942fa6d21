package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/okrsite/okrsite/build"
)

// TestRealFullDiskRebuild rebuilds a watched site, after an edit that
// changes every page, into a file system that fills up midway, when this
// machine lets the test mount one: the site must stay whole and old, the
// error must say so, and once there is room again the rebuild succeeds.
func TestRealFullDiskRebuild(t *testing.T) {
	dir := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir).Run(); err != nil {
		t.Skip("cannot mount a small file system here:", err)
	}
	defer exec.Command("umount", dir).Run()
	content, dest := filepath.Join(t.TempDir(), "content"), filepath.Join(dir, "public")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, now: time.Now}
	b := build.NewBuilder(e.buildOptions(content, siteFlags{}))
	if err := e.publish(t.Context(), b, content, dest, nil); err != nil {
		t.Fatalf("the first build does not fit: %v", err)
	}
	old := tree(t, dest)
	// Fill the disk but for 64 KB, less than the pages grow by with a
	// longer title: a rebuild that replaced one page at a time ran out of
	// room midway and left a mix of old and new pages (and said the site
	// was as it was).
	filler := filepath.Join(dir, "filler")
	f, _ := os.Create(filler)
	for chunk := make([]byte, 64<<10); ; {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()
	info, _ := os.Stat(filler)
	os.Truncate(filler, info.Size()-64<<10)
	settings := filepath.Join(content, "site.toml")
	src, _ := os.ReadFile(settings)
	os.WriteFile(settings, bytes.Replace(src, []byte("title = \""), []byte("title = \""+strings.Repeat("Edited ", 150)), 1), 0o644)

	err := e.publish(t.Context(), b, content, dest, nil)
	if err == nil || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), dest+" is as it was") {
		t.Errorf("rebuilding into a full disk gives %v; want an error that says the disk is full and the site as it was", err)
	}
	if !sameTree(tree(t, dest), old) {
		t.Errorf("the site changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the failed rebuild left files beside the site: %v", entries)
	}
	os.Remove(filler)
	if err := e.publish(t.Context(), b, content, dest, nil); err != nil {
		t.Fatalf("with room again: %v", err)
	}
	if page, _ := os.ReadFile(filepath.Join(dest, "index.html")); !bytes.Contains(page, []byte("Edited ")) {
		t.Errorf("the rebuild with room again did not write the edit")
	}
}

// TestBuildWatch runs okr build -watch, edits the content, breaks it and
// stops it with Ctrl-C: each rebuild writes the edit, a broken edit leaves
// the site as it was and says why, and Ctrl-C ends the command.
func TestBuildWatch(t *testing.T) {
	bin := okrBinary(t)
	dir := t.TempDir()
	content, dest := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	smallSite(t, content, 1)
	cmd := exec.Command(bin, "build", "-watch", "-dest", dest, content)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 10)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			lines <- scanner.Text()
		}
		close(lines)
	}()
	next := func(want string) {
		t.Helper()
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("okr build -watch ended before %q; stderr: %s", want, stderr.String())
				}
				if strings.Contains(line, want) {
					return
				}
			case <-time.After(time.Minute):
				t.Fatalf("no %q; stderr: %s", want, stderr.String())
			}
		}
	}
	next("watching")
	team := filepath.Join(content, "periods/2026-Q3/sales.toml")
	src, _ := os.ReadFile(team)
	os.WriteFile(team, bytes.Replace(src, []byte(`title = "Land"`), []byte(`title = "Land in Norway"`), 1), 0o644)
	next("rebuilt")
	page := filepath.Join(dest, "periods/2026-Q3/objectives/land.html")
	if b, _ := os.ReadFile(page); !bytes.Contains(b, []byte("Land in Norway")) {
		t.Errorf("the rebuild did not write the edit")
	}
	before := tree(t, dest)
	os.WriteFile(team, bytes.Replace(src, []byte("target"), []byte("taget"), 1), 0o644)
	for !strings.Contains(stderr.String(), `unknown key "taget"`) {
		time.Sleep(20 * time.Millisecond)
	}
	if !sameTree(tree(t, dest), before) {
		t.Errorf("a broken edit changed the site")
	}
	cmd.Process.Signal(os.Interrupt)
	if err := cmd.Wait(); err != nil {
		t.Errorf("Ctrl-C: %v; stderr: %s", err, stderr.String())
	}
}

// syncBuffer is a bytes.Buffer that a command and a test may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
