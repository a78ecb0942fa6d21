package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
