package build

import (
	"bytes"
	"errors"
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
// gets the first edit that still builds: a string another value that the
// same key has elsewhere, or a letter more; a number a little more or
// less; a date a day later or earlier; a bool the other. A kind of value
// that no edit of builds fails the test. Each setting of site.toml that
// the example leaves out is added, one at a time.
//
// Two Builders, each on a copy of the content, take every other kind of
// value, at the same time: the steps of one never touch the other's files.
func TestIncrementalEveryEdit(t *testing.T) {
	t.Parallel()
	leaves := findLeaves(t, "../content")
	var order []string            // the kinds of value, as first found
	byKind := map[string][]leaf{} // the values of each kind
	for _, l := range leaves {
		if byKind[l.kind] == nil {
			order = append(order, l.kind)
		}
		byKind[l.kind] = append(byKind[l.kind], l)
	}
	if testing.Short() { // -short: a sixth of the kinds
		order = slices.DeleteFunc(order, func(k string) bool { return slices.Index(order, k)%6 != 0 })
	}
	var mu sync.Mutex
	edited := map[string]bool{}
	t.Run("steps", func(t *testing.T) {
		for half := range 2 {
			t.Run(strconv.Itoa(half), func(t *testing.T) {
				t.Parallel()
				s := newStepper(t)
				for i, kind := range order {
					if i%2 != half {
						continue
					}
					tried, done := false, false
					for _, l := range byKind[kind] {
						for _, v := range l.edits(leaves) {
							tried = true
							if done = s.try(l.file, l.line, l.old, v, l.kind); done {
								break
							}
						}
						if done {
							break
						}
					}
					if !tried {
						l := byKind[kind][0]
						t.Errorf("%s (%s:%d): no edit for %s", kind, l.file, l.line, l.old)
					}
					mu.Lock()
					edited[kind] = done
					mu.Unlock()
				}
				if half == 0 {
					s.wholeFiles()
				} else {
					s.settings()
				}
			})
		}
	})
	// Some values have no edit that builds in the example: an id that
	// others name, a file name, the only language of its kind.
	for _, kind := range order {
		if !edited[kind] {
			l := byKind[kind][0]
			t.Logf("%s: no edit of it builds (%s:%d)", kind, l.file, l.line)
		}
	}
	t.Logf("%d kinds of value", len(order))
}

// newStepper copies the example's content and builds it a first time.
func newStepper(t *testing.T) *stepper {
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	s := &stepper{t: t, content: content, b: NewBuilder(Options{Dir: content}), site: &keptSite{}}
	s.build("the first build")
	return s
}

// wholeFiles adds and removes whole files: a team, its file, a note, a
// picture, a KPI, a template.
func (s *stepper) wholeFiles() {
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
		s.t.Error("no KPI can be removed")
	}
	s.write("templates/partials/footer.html", strings.Replace(s.readDefault("partials/footer.html"), "</footer>", "<!-- ours --></footer>", 1))
	s.build("a template added")
}

// omittedSettings are settings of site.toml (docs/format.md) that the
// example does not set, each with a value other than its default.
var omittedSettings = []string{
	`locale = "en-US"`, `base_url = "https://okr.example/goals/"`, `review_since = 2026-11-06`,
	`allow_html = true`, `rollup_at_risk = 0.1`, `rollup_off_track = 0.2`,
}

// settings adds each of omittedSettings to site.toml alone, then none.
func (s *stepper) settings() {
	site := s.read("site.toml")
	for _, line := range omittedSettings {
		if strings.Contains(site, strings.Fields(line)[0]+" ") {
			s.t.Errorf("the example sets %s; edits of it need no step of their own", strings.Fields(line)[0])
		}
		s.write("site.toml", site+"\n"+line+"\n")
		s.build("site.toml: " + line)
	}
	s.write("site.toml", site)
	s.build("site.toml as it was")
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

// build checks an incremental build against a fresh one.
func (s *stepper) build(step string) {
	s.t.Helper()
	fresh, err := s.fresh()
	if err != nil {
		s.t.Fatalf("%s: the fresh build: %v", step, err)
	}
	s.check(step, fresh)
}

// fresh builds the content from scratch. A content error means that the
// content does not build; any other error fails the test.
func (s *stepper) fresh() (*memory, error) {
	s.t.Helper()
	fresh := &memory{files: map[string][]byte{}}
	_, err := Run(Options{Dir: s.content}, fresh)
	var list load.ErrorList
	if err != nil && !errors.As(err, &list) {
		s.t.Fatalf("the fresh build: %v", err)
	}
	return fresh, err
}

// check builds incrementally and compares the site with fresh.
func (s *stepper) check(step string, fresh *memory) {
	s.t.Helper()
	s.site.begin()
	_, err := s.b.Build(s.site)
	s.site.end(err)
	if err != nil {
		s.t.Fatalf("%s: %v", step, err)
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

// try replaces old on line of file with new and builds; when the content
// no longer builds, it puts old back and reports false.
func (s *stepper) try(file string, line int, old, new, step string) bool {
	s.t.Helper()
	src := s.read(file)
	lines := strings.SplitAfter(src, "\n")
	lines[line-1] = strings.Replace(lines[line-1], old, new, 1)
	s.write(file, strings.Join(lines, ""))
	fresh, err := s.fresh()
	if err != nil {
		s.write(file, src)
		return false
	}
	s.check(fmt.Sprintf("%s (%s:%d: %s → %s)", step, file, line, old, new), fresh)
	return true
}

// tryRemove removes a file and builds; when the content no longer builds,
// it puts the file back and reports false.
func (s *stepper) tryRemove(name, step string) bool {
	src := s.read(name)
	s.remove(name)
	fresh, err := s.fresh()
	if err != nil {
		s.write(name, src)
		return false
	}
	s.check(step+" ("+name+")", fresh)
	return true
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
