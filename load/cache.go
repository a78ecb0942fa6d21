package load

import (
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/tomlfile"
)

// Loader loads a site again and again, as a preview does while its
// content is edited. It remembers what each file decoded to, and on the
// next load decodes only the files that changed since: a file is unchanged
// when its size and modification time are (or, on a file system without
// times, its bytes). Linking and checking references always run whole.
type Loader struct {
	loading sync.Mutex        // one load at a time
	mu      sync.Mutex        // guards the fields below, for a load's jobs
	entries map[string]*entry // by the decoded file's path in the site
	changed []string
}

// entry is the remembered result of decoding one file.
type entry struct {
	files []snapshot // the file, and any file it read (a KPI's CSV)
	value any
}

// snapshot is a file as it was read and decoded.
type snapshot struct {
	rel      string
	size     int64
	mod      time.Time
	src      string
	lineBase int
	problems []tomlfile.Problem // what decoding found
	where    *positions         // where problems found in it so far are written
}

// positions keeps, for a file that does not change, where its problems are
// written, by their path: finding a position indexes the whole text, and a
// warning about a file that stays as it was (a check-in after the report
// date) would otherwise index it again on every load.
type positions struct {
	mu sync.Mutex
	at map[string]tomlfile.Position
}

// NewLoader returns a Loader that remembers nothing yet.
func NewLoader() *Loader { return &Loader{entries: map[string]*entry{}} }

// LoadWith loads the site in fsys as the package's LoadWith does,
// decoding only the files that changed since the Loader's last load.
func (ld *Loader) LoadWith(fsys fs.FS, name string, opts Options) (*okrsite.Site, ErrorList, error) {
	ld.loading.Lock()
	defer ld.loading.Unlock()
	ld.mu.Lock()
	ld.changed = nil
	ld.mu.Unlock()
	return load(&loader{fsys: fsys, name: name, cache: ld, opts: opts})
}

// Changed returns the files the last Load decoded afresh: new or changed
// since the load before it. Removed files are not listed.
func (ld *Loader) Changed() []string {
	ld.mu.Lock()
	defer ld.mu.Unlock()
	return slices.Sorted(slices.Values(ld.changed))
}

// job decodes one file, reading it and any file it depends on through
// read, which notes what was read.
type job struct {
	l    *loader
	read []*file
}

func (j *job) readFile(f *file) bool {
	j.read = append(j.read, f)
	return j.l.read(f)
}

func (j *job) parse(f *file, what string) *tomlfile.Table {
	if !j.readFile(f) {
		return nil
	}
	return f.parse(what)
}

// run decodes f with decode, or, with a Loader whose entry for f is still
// current, restores the remembered result without reading anything.
func (l *loader) run(f *file, decode func(j *job) any) any {
	if v, ok := l.cache.restore(l, f); ok {
		return v
	}
	j := &job{l: l}
	v := decode(j)
	l.cache.remember(f, j.read, v)
	return v
}

// restore returns the remembered value for f if every file its decoding
// read is as it was, and puts those files' content and errors back.
func (ld *Loader) restore(l *loader, f *file) (any, bool) {
	if ld == nil {
		return nil, false
	}
	ld.mu.Lock()
	e := ld.entries[f.rel]
	ld.mu.Unlock()
	if e == nil {
		return nil, false
	}
	for _, s := range e.files {
		info, err := fs.Stat(l.fsys, s.rel)
		if err != nil || info.Size() != s.size || !info.ModTime().Equal(s.mod) {
			return nil, false
		}
		if s.mod.IsZero() {
			b, err := fs.ReadFile(l.fsys, s.rel)
			if err != nil || string(b) != s.src {
				return nil, false
			}
		}
	}
	for _, s := range e.files {
		target := l.fileAt(s.rel)
		if target == nil {
			return nil, false
		}
		target.Src, target.LineBase = s.src, s.lineBase
		target.Problems = slices.Clone(s.problems)
		target.known = s.where
	}
	return e.value, true
}

// remember notes what decoding f read and produced.
func (ld *Loader) remember(f *file, read []*file, v any) {
	if ld == nil {
		return
	}
	e := &entry{value: v}
	for _, r := range read {
		if r.stat == nil {
			return // not found as it was read: decode it again next time
		}
		if r.known == nil {
			r.known = &positions{at: map[string]tomlfile.Position{}}
		}
		e.files = append(e.files, snapshot{
			rel: r.rel, size: r.stat.Size(), mod: r.stat.ModTime(),
			src: r.Src, lineBase: r.LineBase, problems: slices.Clone(r.Problems), where: r.known,
		})
	}
	ld.mu.Lock()
	ld.entries[f.rel] = e
	ld.changed = append(ld.changed, f.rel)
	ld.mu.Unlock()
}
