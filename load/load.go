// Package load reads a goal site from its content files through an fs.FS
// and links it into an okrsite.Site. It is strict: unknown keys, wrong
// types, impossible values and broken references are all reported, each as
// path:line:col: what is wrong; what was expected.
//
// A site's folder holds:
//
//	site.toml                    settings: title, organisation, language, ...
//	site.md                      commentary for the home page (optional)
//	teams.toml                   [[team]] tables: id, name, lead, parent
//	periods/2026-Q3.toml         a period's name and dates (optional for
//	                             quarters, halves and years, named like
//	                             2026-Q3, 2026-H1 and 2026)
//	periods/2026-Q3.md           commentary on the period
//	periods/2026-Q3/TEAM.toml    the team's objectives and key results
//	periods/2026-Q3/TEAM.md      commentary on the team's period
//	periods/2026-Q3/TEAM/OBJ.md  commentary on one objective
//	kpis/ID.toml                 a KPI, with measurements inline or from
//	kpis/ID.csv                  a CSV file beside it
//	kpis/ID.md                   commentary on the KPI
//	*.png, *.svg, ...            pictures, beside the notes that show them
//	templates/                   template overrides (read by package render)
//
// docs/format.md describes every key.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/osfile"
	"github.com/okrsite/okrsite/internal/tomlfile"
)

// MaxFileSize is the largest content file the loader reads.
const MaxFileSize = 64 << 20

// Load reads and links the site in fsys. name is the folder as the user
// knows it; error messages show paths under it. On content errors Load
// returns an ErrorList holding every one, sorted by file and position,
// those of files that could not be read or parsed first; an error that
// only such a file's absence causes elsewhere (a team, an objective or a
// KPI it holds, unknown) is left out. Warnings are returned either way.
func Load(fsys fs.FS, name string) (*okrsite.Site, ErrorList, error) {
	return LoadWith(fsys, name, Options{})
}

// Options are what a load takes besides the content.
type Options struct {
	// AsOf is the report date that warnings measure check-ins against,
	// when HasAsOf: the -as-of flag of okr check, build and serve.
	// Otherwise the site's as_of is, or today.
	AsOf    okrsite.Date
	HasAsOf bool
	Now     func() time.Time // today's clock; nil means time.Now
}

// LoadWith loads the site in fsys as Load does, with options.
func LoadWith(fsys fs.FS, name string, opts Options) (*okrsite.Site, ErrorList, error) {
	return load(&loader{fsys: fsys, name: name, opts: opts})
}

// asOf returns the report date for a site with settings s, and how
// messages name it: the option, else the site's as_of, else today.
func (opts Options) asOf(s okrsite.Settings) (okrsite.Date, string) {
	switch {
	case opts.HasAsOf:
		return opts.AsOf, opts.AsOf.String() + " (-as-of)"
	case s.HasAsOf:
		return s.AsOf, s.AsOf.String() + " (as_of in site.toml)"
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	today := okrsite.DateOf(now())
	return today, today.String() + " (today)"
}

// load runs a loader and gathers its errors and warnings. The errors of
// files that could not be read or parsed come first: the others may
// follow from them.
func load(l *loader) (*okrsite.Site, ErrorList, error) {
	site := l.load()
	var failed, errs, warnings ErrorList
	errs = append(errs, l.loose...)
	// A file with a problem is indexed to place it, which on a large site
	// with a warning in every file is worth doing on every processor.
	type problems struct{ errs, warnings []*Error }
	found := make([]problems, len(l.files))
	jobs := make([]func(), len(l.files))
	for i, f := range l.files {
		jobs[i] = func() { found[i].errs, found[i].warnings = f.errors() }
	}
	parallel(jobs)
	for i, f := range l.files {
		e, w := found[i].errs, found[i].warnings
		if f.failed {
			failed = append(failed, e...)
		} else {
			errs = append(errs, e...)
		}
		warnings = append(warnings, w...)
	}
	warnings = warnings.sort()
	if len(failed)+len(errs) > 0 {
		return nil, warnings, append(failed.sort(), errs.sort()...)
	}
	return site, warnings, nil
}

type loader struct {
	fsys  fs.FS
	name  string
	cache *Loader // remembers decoded files across loads, or nil
	opts  Options
	mu    sync.Mutex
	files []*file          // every file opened, in the order opened
	byRel map[string]*file // the same, by path
	loose []*Error         // problems with files that could not be opened
}

// fileAt returns the file at rel that this load opened, or nil.
func (l *loader) fileAt(rel string) *file {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byRel[rel]
}

// periodFiles are the files of one period.
type periodFiles struct {
	id    string
	def   *file // periods/ID.toml
	note  *file // periods/ID.md
	teams []*teamFiles
	d     periodDef
}

// teamFiles are the files of one team's period.
type teamFiles struct {
	team     string
	toml     *file
	note     *file
	objNotes []*file // periods/PERIOD/TEAM/OBJ.md
	defs     []objectiveDef
}

// kpiFiles are the files of one KPI.
type kpiFiles struct {
	id   string
	toml *file
	note *file
	d    kpiDef
}

// layout is every content file found, before decoding.
type layout struct {
	site, siteNote, teams *file
	periods               []*periodFiles
	kpis                  []*kpiFiles
	csvs                  map[string]*file // kpis/*.csv by file name
	pictures              []*file          // in every folder a note may sit in
}

func (l *loader) load() *okrsite.Site {
	lay := l.discover()
	var (
		settings okrsite.Settings
		teams    []teamDef
		notes    = map[*file]*okrsite.Note{}
		notesMu  sync.Mutex
		jobs     []func()
	)
	addNote := func(f *file) {
		if f != nil {
			jobs = append(jobs, func() {
				n, _ := l.run(f, func(j *job) any {
					if !j.readFile(f) {
						return (*okrsite.Note)(nil)
					}
					return decodeNote(f)
				}).(*okrsite.Note)
				notesMu.Lock()
				notes[f] = n
				notesMu.Unlock()
			})
		}
	}
	jobs = append(jobs,
		func() {
			settings = decodeTOML(l, lay.site, "site settings", func(_ *job, t *tomlfile.Table) okrsite.Settings { return decodeSettings(t) })
		},
		func() {
			teams = decodeTOML(l, lay.teams, "the teams file", func(_ *job, t *tomlfile.Table) []teamDef { return decodeTeams(t) })
		})
	addNote(lay.siteNote)
	for _, p := range lay.periods {
		if p.def != nil {
			jobs = append(jobs, func() {
				p.d = decodeTOML(l, p.def, "a period", func(_ *job, t *tomlfile.Table) periodDef { return decodePeriod(t) })
			})
		}
		addNote(p.note)
		for _, tf := range p.teams {
			if tf.toml != nil {
				jobs = append(jobs, func() {
					tf.defs = decodeTOML(l, tf.toml, teamPeriod, func(_ *job, t *tomlfile.Table) []objectiveDef { return decodeTeamPeriod(t) })
				})
			}
			addNote(tf.note)
			for _, n := range tf.objNotes {
				addNote(n)
			}
		}
	}
	for _, k := range lay.kpis {
		addNote(k.note)
		if k.toml == nil {
			continue
		}
		jobs = append(jobs, func() {
			k.d = decodeTOML(l, k.toml, "a KPI", func(j *job, t *tomlfile.Table) kpiDef {
				return decodeKPI(t, func(name string, columns [2]string) ([]okrsite.Measurement, []csvField) {
					f := lay.csvs[name]
					if f == nil {
						t.Errorf("csv", "no file kpis/%s; expected a CSV file beside %s", name, path.Base(k.toml.path))
						return nil, nil
					}
					if !j.readFile(f) {
						return nil, nil
					}
					return decodeCSV(f, columns)
				})
			})
		})
	}
	pictures := make([]*okrsite.Picture, len(lay.pictures))
	for i, f := range lay.pictures {
		jobs = append(jobs, func() {
			pictures[i], _ = l.run(f, func(j *job) any { return j.readPicture(f) }).(*okrsite.Picture)
		})
	}
	parallel(jobs)

	csvUsed := map[string]bool{}
	for _, k := range lay.kpis {
		csvUsed[k.d.csv] = true
	}
	for name, f := range lay.csvs {
		if !csvUsed[name] {
			f.Warnf(nil, "no KPI reads this file; expected csv = %q in one of kpis/*.toml", name)
		}
	}
	warnUnshown(lay.pictures, pictures, notes)
	lk := &linker{l: l, site: &okrsite.Site{Settings: settings}, notes: notes, siteFailed: lay.site.failed}
	lk.asOf, lk.asOfText = l.opts.asOf(settings)
	if lay.siteNote != nil {
		lk.site.Note = notes[lay.siteNote]
	}
	lk.teams(lay.teams, teams)
	lk.periods(lay.periods)
	lk.kpis(lay.kpis, lay.csvs)
	lk.objectives(lay.periods)
	lk.site.Pictures = checkTotal(lay.pictures, pictures)
	return lk.site
}

// warnUnshown warns of each picture whose file name no note holds: no
// note can show it, yet it is copied into the site. A note that holds the
// name without showing the picture counts as showing it; the build
// refuses a note that shows a picture that is not there. Nothing is said
// when a note could not be read. Without pictures it reads no note: a
// site's commentary can run to many megabytes.
func warnUnshown(files []*file, pictures []*okrsite.Picture, notes map[*file]*okrsite.Note) {
	if !slices.ContainsFunc(pictures, func(p *okrsite.Picture) bool { return p != nil }) {
		return
	}
	named := map[string]bool{}
	for _, n := range notes {
		if n == nil {
			return
		}
		for _, m := range pictureName.FindAllString(n.Markdown, -1) {
			name, err := url.PathUnescape(path.Base(m))
			if err != nil {
				name = path.Base(m)
			}
			named[name] = true
		}
	}
	for i, f := range files {
		if name := path.Base(f.rel); pictures[i] != nil && !named[name] {
			f.Warnf(nil, "no note shows this picture, yet it is copied into the site; expected ![text](%s) in a note, or the file removed", url.PathEscape(name))
		}
	}
}

// pictureName matches what may be the address of a picture in a note.
var pictureName = regexp.MustCompile(`(?i)[^\s()\[\]<>"']+\.(?:png|jpe?g|gif|webp|svg)\b`)

// checkTotal returns the pictures that were read, by path, and reports
// the one that takes them past MaxPicturesSize, and every one after it.
func checkTotal(files []*file, pictures []*okrsite.Picture) []*okrsite.Picture {
	var out []*okrsite.Picture
	total := 0
	for i, p := range pictures {
		if p == nil {
			continue
		}
		if total += len(p.Data); total > MaxPicturesSize {
			files[i].ErrorAt(0, 0, "the pictures come to %s MB with this one; expected at most %d MB in all", megabytes(int64(total)), MaxPicturesSize>>20)
			continue
		}
		out = append(out, p)
	}
	return out
}

// parallel runs the jobs on four goroutines for each processor: a job
// that waits for the disk to read its file leaves the processor to another.
func parallel(jobs []func()) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(4*runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				jobs[i]()
			}
		})
	}
	wg.Wait()
}

// newFile registers the file at rel, a path within the site.
func (l *loader) newFile(rel string) *file {
	f := &file{path: path.Join(l.name, rel), rel: rel}
	l.mu.Lock()
	l.files = append(l.files, f)
	if l.byRel == nil {
		l.byRel = map[string]*file{}
	}
	l.byRel[rel] = f
	l.mu.Unlock()
	return f
}

// fail records a problem with a whole file or folder at rel.
func (l *loader) fail(rel, format string, args ...any) {
	l.mu.Lock()
	l.loose = append(l.loose, &Error{Path: path.Join(l.name, rel), Msg: fmt.Sprintf(format, args...)})
	l.mu.Unlock()
}

// read loads the text of f, reporting why it cannot.
func (l *loader) read(f *file) bool {
	b, info, ok := l.readBytes(f, MaxFileSize, "the file")
	if !ok {
		return false
	}
	text, ok := fileText(f, b)
	if !ok {
		return false
	}
	f.Src, f.stat = text, info
	return true
}

// readBytes loads the bytes of f, at most limit of them, reporting why it
// cannot; noun names the file in the message for one that is too large.
// Only a regular file is opened: opening a named pipe would wait for a
// writer forever.
func (l *loader) readBytes(f *file, limit int64, noun string) ([]byte, fs.FileInfo, bool) {
	if info, err := fs.Stat(l.fsys, f.rel); err == nil && !info.Mode().IsRegular() {
		f.ErrorAt(0, 0, "the file is not a regular file (it is %s); expected a text file", modeName(info.Mode()))
		return nil, nil, false
	}
	fh, err := l.fsys.Open(f.rel)
	if errors.Is(err, fs.ErrNotExist) {
		f.ErrorAt(0, 0, "the file is missing; every site needs it (see docs/format.md)")
		return nil, nil, false
	}
	var info fs.FileInfo
	var src bytes.Buffer
	if err == nil {
		defer fh.Close()
		info, err = fh.Stat()
	}
	if err == nil && info.Size() <= limit {
		// Room for the whole file and one more read, so that reading to
		// its end needs no other buffer.
		src.Grow(int(info.Size()) + bytes.MinRead)
		_, err = src.ReadFrom(io.LimitReader(fh, limit+1)) // it may have grown
	}
	if err != nil {
		f.ErrorAt(0, 0, "cannot read the file: %v", osfile.Cause(err))
		return nil, nil, false
	}
	if size := max(info.Size(), int64(src.Len())); size > limit {
		f.ErrorAt(0, 0, "%s is %s MB; expected at most %d MB", noun, megabytes(size), limit>>20)
		return nil, nil, false
	}
	return src.Bytes(), info, true
}

// megabytes writes a size in megabytes: whole ones, or below 10 MB with
// one decimal, rounded up, so that a size just above 5 MB does not read
// as 5 MB.
func megabytes(size int64) string {
	if size >= 10<<20 {
		return strconv.FormatInt(size>>20, 10)
	}
	return strconv.FormatFloat(math.Ceil(float64(size)*10/(1<<20))/10, 'f', 1, 64)
}

// fileText returns the text of a file's bytes without a byte order mark,
// reporting bytes that are not UTF-8. A CSV file that is not UTF-8 is
// read as Windows-1252, with a warning that says so.
func fileText(f *file, b []byte) (string, bool) {
	if path.Ext(f.rel) == ".csv" {
		text, encoding, err := CSVText(b)
		if err != nil {
			f.ErrorAt(0, 0, "%v", err)
			return "", false
		}
		if encoding != "" {
			f.Warnf(nil, "the file is not UTF-8, so it was read as %s, as Excel's \"CSV\" export writes it; expected UTF-8 (\"CSV UTF-8\" in Excel) to be sure of every letter", encoding)
		}
		return text, true
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	if !utf8.Valid(b) {
		f.ErrorAt(0, 0, "the file is not UTF-8 text; expected a text file")
		return "", false
	}
	return string(b), true
}

// modeName says what kind of file that is not a regular file a mode is.
func modeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a file of text"
}

// Ignored reports whether a file or folder is not content: hidden files,
// editor backups and swap files. The loader skips them, and a watcher need
// not rebuild when they change.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".tmp")
}

// entries lists a folder's content entries; a missing folder is empty.
func (l *loader) entries(dir string) []fs.DirEntry {
	es, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fail(dir, "cannot read the folder: %v", osfile.Cause(err))
		}
		return nil
	}
	return slices.DeleteFunc(es, func(e fs.DirEntry) bool { return Ignored(e.Name()) })
}

// isDir reports whether an entry is a folder, following a symbolic link.
// The site's file system refuses to follow a link out of the site; such a
// link is an error.
func (l *loader) isDir(dir string, e fs.DirEntry) bool {
	if e.Type()&fs.ModeSymlink == 0 {
		return e.IsDir()
	}
	rel := path.Join(dir, e.Name())
	info, err := fs.Stat(l.fsys, rel)
	if err != nil {
		l.fail(rel, "cannot follow this link: %v; expected a file or folder inside the content folder", osfile.Cause(err))
		return false
	}
	return info.IsDir()
}

// discover finds every content file, without reading any.
func (l *loader) discover() *layout {
	lay := &layout{csvs: map[string]*file{}}
	lay.site = l.newFile("site.toml")
	lay.teams = l.newFile("teams.toml")
	for _, e := range l.entries(".") {
		switch name := e.Name(); {
		case name == "site.md" && !e.IsDir():
			lay.siteNote = l.newFile(name)
		case name == "periods" && l.isDir(".", e):
			lay.periods = l.discoverPeriods(lay)
		case name == "kpis" && l.isDir(".", e):
			lay.kpis = l.discoverKPIs(lay)
		case l.picture(lay, ".", e):
		}
	}
	slices.SortFunc(lay.pictures, func(a, b *file) int { return strings.Compare(a.rel, b.rel) })
	return lay
}

// picture notes the entry e of folder dir as a picture, if it is one.
func (l *loader) picture(lay *layout, dir string, e fs.DirEntry) bool {
	if !isPicture(e.Name()) || l.isDir(dir, e) {
		return false
	}
	lay.pictures = append(lay.pictures, l.newFile(path.Join(dir, e.Name())))
	return true
}

// discoverPeriods finds periods/*.
func (l *loader) discoverPeriods(lay *layout) []*periodFiles {
	periods := byName(func(id string) *periodFiles { return &periodFiles{id: id} })
	for _, e := range l.entries("periods") {
		rel := path.Join("periods", e.Name())
		if l.isDir("periods", e) {
			p := periods.get(e.Name())
			p.teams = l.discoverTeamFiles(lay, rel)
			continue
		}
		if l.picture(lay, "periods", e) {
			continue
		}
		id, ext := splitExt(e.Name())
		switch ext {
		case ".toml":
			periods.get(id).def = l.newFile(rel)
		case ".md":
			periods.get(id).note = l.newFile(rel)
		default:
			l.fail(rel, "unexpected file; expected PERIOD.toml, PERIOD.md, a PERIOD folder, such as 2026-Q3.toml, or a picture (%s)", okrsite.PictureFormats)
		}
	}
	return periods.sorted()
}

// discoverTeamFiles finds the team files of one period folder.
func (l *loader) discoverTeamFiles(lay *layout, dir string) []*teamFiles {
	teams := byName(func(team string) *teamFiles { return &teamFiles{team: team} })
	for _, e := range l.entries(dir) {
		rel := path.Join(dir, e.Name())
		if l.isDir(dir, e) {
			t := teams.get(e.Name())
			for _, n := range l.entries(rel) {
				nrel := path.Join(rel, n.Name())
				switch _, ext := splitExt(n.Name()); {
				case l.picture(lay, rel, n):
				case ext != ".md" || l.isDir(rel, n):
					l.fail(nrel, "unexpected file; expected OBJECTIVE.md notes on the team's objectives, or a picture (%s)", okrsite.PictureFormats)
				default:
					t.objNotes = append(t.objNotes, l.newFile(nrel))
				}
			}
			continue
		}
		if l.picture(lay, dir, e) {
			continue
		}
		team, ext := splitExt(e.Name())
		switch ext {
		case ".toml":
			teams.get(team).toml = l.newFile(rel)
		case ".md":
			teams.get(team).note = l.newFile(rel)
		default:
			l.fail(rel, "unexpected file; expected TEAM.toml, TEAM.md, a TEAM folder of objective notes, or a picture (%s)", okrsite.PictureFormats)
		}
	}
	return teams.sorted()
}

// discoverKPIs finds kpis/*, noting CSV files and pictures in lay.
func (l *loader) discoverKPIs(lay *layout) []*kpiFiles {
	kpis := byName(func(id string) *kpiFiles { return &kpiFiles{id: id} })
	for _, e := range l.entries("kpis") {
		rel := path.Join("kpis", e.Name())
		id, ext := splitExt(e.Name())
		switch {
		case l.isDir("kpis", e):
			l.fail(rel, "unexpected folder; expected KPI files: ID.toml, ID.md and CSV files")
		case ext == ".toml":
			kpis.get(id).toml = l.newFile(rel)
		case ext == ".md":
			kpis.get(id).note = l.newFile(rel)
		case ext == ".csv":
			lay.csvs[e.Name()] = l.newFile(rel)
		case l.picture(lay, "kpis", e):
		default:
			l.fail(rel, "unexpected file; expected ID.toml, ID.md, a CSV file or a picture (%s)", okrsite.PictureFormats)
		}
	}
	return kpis.sorted()
}

// decodeTOML parses the TOML file f (what says what it is, for messages)
// and decodes it, as a job of l; a file that cannot be read or parsed
// decodes to T's zero value, and is marked failed.
func decodeTOML[T any](l *loader, f *file, what string, decode func(j *job, t *tomlfile.Table) T) T {
	d, _ := l.run(f, func(j *job) any {
		if t := j.parse(f, what); t != nil {
			return decoded[T]{v: decode(j, t)}
		}
		return decoded[T]{failed: true}
	}).(decoded[T])
	f.failed = d.failed
	return d.v
}

// decoded is what decoding a file gave, or that it failed: the file could
// not be read or parsed.
type decoded[T any] struct {
	v      T
	failed bool
}

// named gathers the files of things found by name (a period, a team, a
// KPI), making each thing when its first file is found.
type named[T any] struct {
	things map[string]*T
	newT   func(name string) *T
}

// byName starts gathering things that newT makes.
func byName[T any](newT func(name string) *T) *named[T] {
	return &named[T]{things: map[string]*T{}, newT: newT}
}

// get returns the thing called name, made if it is new.
func (n *named[T]) get(name string) *T {
	t := n.things[name]
	if t == nil {
		t = n.newT(name)
		n.things[name] = t
	}
	return t
}

// sorted returns the things in the order of their names.
func (n *named[T]) sorted() []*T {
	out := make([]*T, 0, len(n.things))
	for _, name := range slices.Sorted(maps.Keys(n.things)) {
		out = append(out, n.things[name])
	}
	return out
}

// splitExt splits a file name into its base and its extension.
func splitExt(name string) (base, ext string) {
	ext = path.Ext(name)
	return strings.TrimSuffix(name, ext), ext
}
