package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// write builds a site of the given files into dest.
func write(t *testing.T, dest, source string, files map[string]string) error {
	return writeIn(t, dest, source, files, 1)
}

// writeIn builds a site of the given files into dest, each file written
// whole (pieces 1) or through Create in that many pieces.
func writeIn(t *testing.T, dest, source string, files map[string]string, pieces int) error {
	t.Helper()
	d, err := Open(dest, source)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := writePieces(d, name, data, pieces); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

// writePieces writes one file into d, whole or in pieces.
func writePieces(d *Dir, name, data string, pieces int) error {
	if pieces == 1 {
		return d.WriteFile(name, []byte(data))
	}
	f, err := d.Create(name)
	if err != nil {
		return err
	}
	for i := range pieces {
		f.Write([]byte(data[i*len(data)/pieces : (i+1)*len(data)/pieces]))
	}
	return f.Close()
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
// change keeps its modification time, so sync tools skip it, and that any
// other file is written again: one that changed at the same size, one
// edited in the destination by hand, one that grew or shrank, and every
// file under a marker from an older okr.
func TestUnchangedFilesKeepTheirFile(t *testing.T) {
	first := map[string]string{
		"same.html": "same", "long.html": strings.Repeat("long", 40000),
		"changed.html": "v1", "edited.html": "ours", "grew.html": "abc", "shrank.html": "abc",
	}
	second := map[string]string{
		"same.html": "same", "long.html": strings.Repeat("long", 40000),
		"changed.html": "v2", "edited.html": "ours", "grew.html": "abcd", "shrank.html": "ab",
	}
	type testCase struct {
		name    string
		marker  string // replaces the first build's marker when set
		pieces  int    // how the second build writes each file (see writeIn)
		rewrite []string
	}
	var cases []testCase
	for _, pieces := range []int{1, 3} {
		cases = append(cases,
			testCase{name: "manifest", pieces: pieces, rewrite: []string{"changed.html", "edited.html", "grew.html", "shrank.html"}},
			testCase{name: "old marker", pieces: pieces, marker: `{"generator":"okr","files":{"same.html":"8a8de823d5ed3e12746a62ef169bcf37"}}`,
				rewrite: []string{"same.html", "long.html", "changed.html", "edited.html", "grew.html", "shrank.html"}})
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s/%d pieces", tc.name, tc.pieces), func(t *testing.T) {
			dir := t.TempDir()
			dest := filepath.Join(dir, "public")
			src := filepath.Join(dir, "content")
			if err := write(t, dest, src, first); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dest, "edited.html"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.marker != "" {
				if err := os.WriteFile(filepath.Join(dest, Marker), []byte(tc.marker), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			old := time.Now().Add(-time.Hour)
			for name := range first {
				os.Chtimes(filepath.Join(dest, name), old, old)
			}
			if err := writeIn(t, dest, src, second, tc.pieces); err != nil {
				t.Fatal(err)
			}
			for name, data := range second {
				if got := read(t, filepath.Join(dest, name)); got != data {
					t.Errorf("%s holds %.20q, want %.20q", name, got, data)
				}
				info, err := os.Stat(filepath.Join(dest, name))
				if err != nil {
					t.Fatal(err)
				}
				kept := info.ModTime().Sub(old).Abs() < time.Second
				if want := !slices.Contains(tc.rewrite, name); kept != want {
					t.Errorf("%s kept its old file: %v, want %v", name, kept, want)
				}
			}
		})
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

// TestAbortDropsOpenFiles checks that a file created in place and never
// closed, as when rendering its page fails, leaves the old file as it was
// and nothing beside it.
func TestAbortDropsOpenFiles(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	src := filepath.Join(dir, "content")
	if err := write(t, dest, src, map[string]string{"page.html": "old page"}); err != nil {
		t.Fatal(err)
	}
	d, err := Update(dest, src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := d.Create("page.html")
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("new and half"))
	d.Abort()
	if got := read(t, filepath.Join(dest, "page.html")); got != "old page" {
		t.Errorf("page.html holds %q after Abort, want the old page", got)
	}
	entries, _ := os.ReadDir(dest)
	for _, e := range entries {
		if e.Name() != "page.html" && e.Name() != Marker {
			t.Errorf("Abort left %s behind", e.Name())
		}
	}
}
