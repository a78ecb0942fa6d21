package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
)

// TestIncrementalEveryEdit edits every kind of value in the example's
// content, one at a time, and adds and removes files; after each, a
// Builder that saw every step builds incrementally, and the result must be
// byte for byte a fresh build's. The edits come from the content itself:
// each value of each key (and each element of each array, such as a
// check-in's date, value, confidence and note) of each kind of file, so a
// key the example starts to use is edited without a word here. A value
// gets the first edit that still loads: a string another value that the
// same key has elsewhere, or a letter more; a number a little more or
// less; a date a day later or earlier; a bool the other. A kind of value
// that no edit of loads fails the test.
func TestIncrementalEveryEdit(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	s := &stepper{t: t, content: content, b: NewBuilder(Options{Dir: content}), site: &keptSite{}}
	s.build("the first build")

	leaves := findLeaves(t, content)
	kinds := map[string]bool{} // the kinds edited, or left out
	for _, l := range leaves {
		if kinds[l.kind] {
			continue
		}
		if testing.Short() && len(kinds)%3 != 0 { // -short: a third of the kinds
			kinds[l.kind] = true
			continue
		}
		tried := false
		for _, v := range l.edits(leaves) {
			tried = true
			if s.try(l.file, l.line, l.old, v, l.kind) {
				kinds[l.kind] = true
				break
			}
		}
		if !tried {
			t.Errorf("%s (%s:%d): no edit for %s", l.kind, l.file, l.line, l.old)
		}
	}
	// Some values have no edit that loads in the example: an id that
	// others name, a file name, the only language of its kind.
	for _, l := range leaves {
		if !kinds[l.kind] {
			t.Logf("%s: no edit of it loads (%s:%d)", l.kind, l.file, l.line)
			kinds[l.kind] = true
		}
	}

	// Whole files added and removed.
	s.write("teams.toml", s.read("teams.toml")+"\n[[team]]\nid = \"bikes\"\nname = \"Bikes\"\nlead = \"Nina Ny\"\nparent = \"velora\"\n")
	s.build("a new team")
	s.write("periods/2026-Q4/bikes.toml", `[[objective]]
id = "new-frames"
title = "New frames"
owner = "Nina Ny"
parent = "winter-ready"

  [[objective.kr]]
  id = "frames"
  title = "Frames tested"
  owner = "Nils Ny"
  start = 0
  target = 10
  checkins = [
    [2026-10-09, 2, 0.7],
    [2026-11-13, 5, 0.6, "Halfway"],
  ]
`)
	s.build("a new team's file")
	s.write("periods/2026-Q4/bikes/new-frames.md", "+++\nauthor = \"Nina Ny\"\ndate = 2026-11-01\n+++\n\nWhy frames.\n")
	s.build("a new objective note")
	s.write("periods/2026-Q4/bikes/frame.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`)
	s.build("a new picture")
	s.remove("periods/2026-Q4/bikes/frame.svg")
	s.build("a picture removed")
	s.remove("periods/2026-Q4/bikes/new-frames.md")
	s.build("a note removed")
	s.remove("periods/2026-Q4/bikes.toml")
	s.build("a team's file removed")
	removed := false
	for _, k := range s.files("kpis/*.toml") {
		if s.tryRemove(k, "a KPI removed") {
			removed = true
			break
		}
	}
	if !removed {
		t.Error("no KPI can be removed")
	}
	s.write("templates/partials/footer.html", strings.Replace(s.readDefault("partials/footer.html"), "</footer>", "<!-- ours --></footer>", 1))
	s.build("a template added")
	t.Logf("%d kinds of value", len(kinds))
}

// stepper changes a content folder and checks each incremental build.
type stepper struct {
	t       *testing.T
	content string
	b       *Builder
	site    *keptSite
	clock   time.Time
}

func (s *stepper) path(name string) string { return filepath.Join(s.content, filepath.FromSlash(name)) }

func (s *stepper) read(name string) string {
	b, err := os.ReadFile(s.path(name))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

func (s *stepper) readDefault(name string) string {
	b, err := os.ReadFile(filepath.Join("../templates", filepath.FromSlash(name)))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

// write writes a content file and moves its time on, as an editor does.
func (s *stepper) write(name, data string) {
	p := s.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.touch(p)
}

func (s *stepper) touch(p string) {
	if s.clock.IsZero() {
		s.clock = time.Now()
	}
	s.clock = s.clock.Add(time.Minute)
	os.Chtimes(p, s.clock, s.clock)
	os.Chtimes(filepath.Dir(p), s.clock, s.clock)
}

func (s *stepper) remove(name string) {
	if err := os.Remove(s.path(name)); err != nil {
		s.t.Fatal(err)
	}
	s.touch(s.path(name))
}

func (s *stepper) files(pattern string) []string {
	names, _ := fs.Glob(os.DirFS(s.content), pattern)
	return names
}

// build builds incrementally and checks the site against a fresh build.
func (s *stepper) build(step string) {
	s.t.Helper()
	if err := s.incremental(); err != nil {
		s.t.Fatalf("%s: %v", step, err)
	}
	s.compare(step)
}

func (s *stepper) incremental() error {
	s.site.begin()
	_, err := s.b.Build(s.site)
	s.site.end(err)
	return err
}

// try replaces old on line of file with new and builds; when the site no
// longer loads, it puts old back and reports false.
func (s *stepper) try(file string, line int, old, new, step string) bool {
	s.t.Helper()
	src := s.read(file)
	lines := strings.SplitAfter(src, "\n")
	lines[line-1] = strings.Replace(lines[line-1], old, new, 1)
	s.write(file, strings.Join(lines, ""))
	if !s.loads() {
		s.write(file, src)
		return false
	}
	s.build(fmt.Sprintf("%s (%s:%d: %s → %s)", step, file, line, old, new))
	return true
}

// loads reports whether the content loads.
func (s *stepper) loads() bool {
	_, _, err := load.Load(os.DirFS(s.content), s.content)
	return err == nil
}

// tryRemove removes a file and builds; when the site no longer loads, it
// puts the file back and reports false.
func (s *stepper) tryRemove(name, step string) bool {
	src := s.read(name)
	s.remove(name)
	if !s.loads() {
		s.write(name, src)
		return false
	}
	s.build(step + " (" + name + ")")
	return true
}

func (s *stepper) compare(step string) {
	s.t.Helper()
	fresh := &memory{files: map[string][]byte{}}
	if _, err := Run(Options{Dir: s.content}, fresh); err != nil {
		s.t.Fatalf("%s: the fresh build: %v", step, err)
	}
	got := s.site.files
	for name, want := range fresh.files {
		if g, ok := got[name]; !ok {
			s.t.Errorf("%s: %s is missing", step, name)
		} else if !bytes.Equal(g, want) {
			s.t.Errorf("%s: %s differs from a fresh build's", step, name)
		}
	}
	for name := range got {
		if fresh.files[name] == nil {
			s.t.Errorf("%s: %s is left over", step, name)
		}
	}
}

// keptSite is a built site in memory that an incremental build updates:
// the files it keeps stay, the files it writes replace theirs, and the
// others are gone.
type keptSite struct {
	mu          sync.Mutex
	files, next map[string][]byte
}

func (k *keptSite) begin() { k.next = map[string][]byte{} }

func (k *keptSite) end(err error) {
	if err == nil {
		k.files = k.next
	}
}

func (k *keptSite) WriteFile(name string, data []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.next[name] = bytes.Clone(data)
	return nil
}

func (k *keptSite) Keep(name string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	data, ok := k.files[name]
	if !ok {
		return fmt.Errorf("kept %s, which the last build did not write", name)
	}
	k.next[name] = data
	return nil
}

// leaf is one value in a content file: a key's, or an array element's.
type leaf struct {
	file string // slash path within the content folder
	line int
	kind string // the kind of file, its table, the key and element index
	key  string // the key and element index, as kind has them
	old  string // the value as written
}

var (
	keyLine   = regexp.MustCompile(`^\s*([A-Za-z0-9_]+)\s*=\s*(.*?)\s*$`)
	header    = regexp.MustCompile(`^\s*(\[\[?[^\]]+\]\]?)\s*$`)
	arrayRow  = regexp.MustCompile(`^\s*\[(.*)\],?\s*$`)
	element   = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|[^,\s][^,]*`)
	dateValue = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// findLeaves finds every value of the content's TOML files (and the front
// matter of its notes), the measurements of its CSV files and the text of
// its notes.
func findLeaves(t *testing.T, content string) []leaf {
	var out []leaf
	fsys := os.DirFS(content)
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		fileKind := kindOfFile(name)
		lines := strings.Split(string(b), "\n")
		switch path.Ext(name) {
		case ".csv":
			last := len(lines) - 1
			for last > 0 && strings.TrimSpace(lines[last]) == "" {
				last--
			}
			fields := strings.Split(lines[last], ";")
			out = append(out, leaf{name, last + 1, fileKind + " last value", "csv", fields[len(fields)-1]})
		case ".md":
			out = append(out, tomlLeaves(name, fileKind, lines)...)
			last := len(lines) - 1
			for last > 0 && strings.TrimSpace(lines[last]) == "" {
				last--
			}
			out = append(out, leaf{name, last + 1, fileKind + " text", "text", lines[last]})
		case ".toml":
			out = append(out, tomlLeaves(name, fileKind, lines)...)
		case ".svg":
			out = append(out, leaf{name, 1, fileKind, "svg", "<svg"})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// kindOfFile names the kind of a content file by its place: "site.toml",
// "periods/*/*.toml", "kpis/*.csv".
func kindOfFile(name string) string {
	parts := strings.Split(name, "/")
	for i := range parts[:len(parts)-1] {
		parts[i] = "*"
	}
	if len(parts) > 1 {
		parts[len(parts)-1] = "*" + path.Ext(name)
	}
	return strings.Join(parts, "/")
}

// tomlLeaves finds the values of a TOML file's lines: key = value, and the
// elements of arrays, one array or row to a line.
func tomlLeaves(name, fileKind string, lines []string) []leaf {
	var out []leaf
	table, array := "", ""
	add := func(n int, key, row string) {
		for i, e := range element.FindAllString(row, -1) {
			k := fmt.Sprintf("%s[%d]", key, i)
			out = append(out, leaf{name, n, fileKind + " " + table + " " + k, k, strings.TrimSpace(e)})
		}
	}
	for i, l := range lines {
		n := i + 1
		if array != "" {
			if strings.TrimSpace(l) == "]" {
				array = ""
			} else if m := arrayRow.FindStringSubmatch(l); m != nil {
				add(n, array, m[1])
			}
			continue
		}
		if m := header.FindStringSubmatch(l); m != nil && !strings.Contains(l, "=") {
			table = m[1]
			continue
		}
		m := keyLine.FindStringSubmatch(l)
		if m == nil || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		key, value := m[1], m[2]
		switch {
		case value == "[":
			array = key
		case strings.HasPrefix(value, "["):
			add(n, key, strings.TrimSuffix(strings.TrimPrefix(value, "["), "]"))
		default:
			out = append(out, leaf{name, n, fileKind + " " + table + " " + key, key, value})
		}
	}
	return out
}

// edits returns the values to try in place of l's, best first.
func (l leaf) edits(all []leaf) []string {
	v := l.old
	switch {
	case l.key == "text":
		return []string{v + " Edited."}
	case l.key == "svg":
		return []string{`<svg data-edited="1"`}
	case strings.HasPrefix(v, `"`):
		var out []string
		// Another value of the key, or of an id in the same file (a
		// parent names one).
		for _, o := range all {
			same := o.key == l.key || o.key == "id" && o.file == l.file
			if same && o.old != v && strings.HasPrefix(o.old, `"`) && !slices.Contains(out, o.old) {
				out = append(out, o.old)
			}
		}
		return append([]string{strings.TrimSuffix(v, `"`) + `x"`}, out...)
	case v == "true":
		return []string{"false"}
	case v == "false":
		return []string{"true"}
	case dateValue.MatchString(v):
		d, err := okrsite.ParseDate(v)
		if err != nil {
			return nil
		}
		return []string{(d + 1).String(), (d - 1).String()}
	}
	comma := strings.Contains(v, ",") // a CSV's decimal comma
	f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
	if err != nil {
		return nil
	}
	var out []string
	for _, g := range []float64{f + 1, f - 1, f + 0.05, f - 0.05, f * 1.1, f * 0.9} {
		s := strconv.FormatFloat(g, 'f', -1, 64)
		if comma {
			s = strings.ReplaceAll(s, ".", ",")
		}
		out = append(out, s)
	}
	return out
}
