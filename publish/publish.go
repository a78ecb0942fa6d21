// Package publish writes a built site into its destination folder without
// ever leaving a half-written site behind.
//
// A build writes into a new folder beside the destination. Only when every
// file is written does Commit swap it in for the old site, which is then
// removed; Abort, an error or a crash leaves the old site as it was. The
// folder carries a marker file, so okr never replaces a folder it did not
// write, with a manifest of the files it wrote. A file whose bytes did not
// change (the old site's file has its size and, read back, its bytes) keeps
// its old file and modification time, so sync tools copy only what
// changed. A first build into an empty folder has nothing to compare.
//
// The folder beside the destination is locked while its build runs. A
// build killed midway leaves its folder, unlocked, and the next build into
// the same destination removes it.
package publish

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/okrsite/okrsite/internal/osfile"
)

// Marker is the file okr keeps in every folder it writes a site to. It
// holds the manifest of the site's files.
const Marker = ".okr-site"

// Dir is a site being written.
type Dir struct {
	dest    string   // the destination folder
	tmp     string   // the folder being written, beside dest
	lock    *os.File // tmp, locked while the build runs
	inPlace bool     // only changed files are written, and moved into dest at Commit (Update)

	mu       sync.Mutex
	old      map[string]bool // the files of the previous site's manifest
	manifest map[string]bool // this build's files
	dirs     map[string]bool // folders made in tmp
	open     map[*File]bool  // files created and not yet closed
	written  []string        // in place, the files written into tmp
}

// Open starts writing a site to dest, whose content comes from source.
// It refuses a destination that is the root, the home folder, the source
// folder or one of its parents, or a folder with files that okr did not
// write.
func Open(dest, source string) (*Dir, error) {
	return start(dest, source, false)
}

// tempPattern is the name of the folders a build writes beside dest.
func tempPattern(dest string) string { return "." + filepath.Base(dest) + ".build-*" }

// makeTemp makes the folder the build writes into, beside dest, and locks
// it until the build ends.
func (d *Dir) makeTemp() error {
	tmp, f, err := TempDir(filepath.Dir(d.dest), tempPattern(d.dest))
	if err != nil {
		return fmt.Errorf("cannot write beside %s: %w", d.dest, err)
	}
	d.tmp, d.lock = tmp, f
	return nil
}

// removeStale removes the folders that killed builds left beside dest.
func removeStale(dest string) { RemoveStale(filepath.Dir(dest), tempPattern(dest)) }

// TempDir makes a new folder in parent, named by pattern as os.MkdirTemp
// names it, and locks it: the lock lasts until the returned file is closed
// or the process ends, however it ends. While it lasts, RemoveStale leaves
// the folder alone. Another process may remove a folder it finds unlocked
// between its making and its locking: then TempDir makes another.
func TempDir(parent, pattern string) (dir string, held *os.File, err error) {
	for range 3 {
		tmp, err := osfile.MkdirTemp(parent, pattern)
		if err != nil {
			return "", nil, osfile.Cause(err)
		}
		f, err := os.Open(tmp)
		if err == nil {
			err = lock(f)
		}
		if err != nil {
			return "", nil, fmt.Errorf("cannot lock %s: %w", tmp, osfile.Cause(err))
		}
		mine, err1 := f.Stat()
		there, err2 := os.Stat(tmp)
		if err1 == nil && err2 == nil && os.SameFile(mine, there) {
			return tmp, f, nil
		}
		f.Close()
	}
	return "", nil, errors.New("another process keeps removing the folder")
}

// RemoveStale removes the folders in parent named by pattern (as TempDir
// names them) whose owner is gone: those no running process holds locked,
// left by a process that was killed.
func RemoveStale(parent, pattern string) {
	old, _ := filepath.Glob(filepath.Join(parent, pattern))
	for _, p := range old {
		if info, err := os.Lstat(p); err != nil || !info.IsDir() {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		if tryLock(f) {
			os.RemoveAll(p)
		}
		f.Close()
	}
}

// resolve returns the absolute path abs with every symbolic link in it
// followed, as far as it exists: a folder not made yet resolves through
// its nearest parent that is there.
func resolve(abs string) string {
	var rest []string
	for p := abs; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		if p == filepath.Dir(p) {
			return abs
		}
		rest = append([]string{filepath.Base(p)}, rest...)
	}
}

// checkDest refuses destinations a build must never replace. Paths are
// compared with their symbolic links followed, so that no link leads a
// build to replace the content folder.
func checkDest(abs, source string) error {
	real := resolve(abs)
	if real == filepath.Dir(real) {
		return fmt.Errorf("destination %s is the root of the file system; expected a folder of its own, such as public", abs)
	}
	if home, err := os.UserHomeDir(); err == nil && resolve(filepath.Clean(home)) == real {
		return fmt.Errorf("destination %s is the home folder; expected a folder of its own, such as public", abs)
	}
	if src, err := filepath.Abs(source); err == nil {
		if src = resolve(src); src == real || strings.HasPrefix(src, real+string(filepath.Separator)) {
			return fmt.Errorf("destination %s holds the content folder %s; expected a folder outside it, such as public", abs, source)
		}
	}
	info, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("destination %s is not a folder; expected a folder for the site", abs)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
		return fmt.Errorf("destination %s has files that okr did not write (no %s in it); expected an empty folder, or one an earlier build wrote", abs, Marker)
	}
	return nil
}

// Update starts an incremental build of the site in dest, which an earlier
// build wrote. It is for a builder that renders only what changed, where
// writing every file again would cost more than the build. Files whose
// bytes changed are written into a folder beside dest, as a whole build's
// are, and files whose bytes did not change are not touched; Commit moves
// the changed files into dest, one rename each, and removes the files this
// build neither wrote nor kept. Abort, an error or a crash before Commit
// leaves the site as it was; a crash during Commit's renames, which take
// milliseconds for a typical edit, leaves a site whose pages are partly
// old and partly new until the next build.
func Update(dest, source string) (*Dir, error) {
	return start(dest, source, true)
}

// start checks the destination dest of a build from source, reads the
// manifest of the site in it, if there is one, and makes the folder the
// build writes into.
func start(dest, source string, inPlace bool) (*Dir, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := checkDest(abs, source); err != nil {
		return nil, err
	}
	d := &Dir{dest: abs, inPlace: inPlace, manifest: map[string]bool{}, dirs: map[string]bool{".": true}, open: map[*File]bool{}}
	if d.old, err = readManifest(abs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o777); err != nil {
		return nil, err
	}
	removeStale(abs)
	return d, d.makeTemp()
}

// checkName refuses a name that would leave the site.
func checkName(name string) error {
	if !fs.ValidPath(name) || name == "." || name == Marker || strings.ContainsRune(name, '\\') {
		return fmt.Errorf("refusing to write %q: not a path inside the site", name)
	}
	return nil
}

// WriteFile writes one file of the site; name is slash-separated and must
// stay inside the site. It is safe to call from several goroutines.
func (d *Dir) WriteFile(name string, data []byte) error {
	f, err := d.Create(name)
	if err != nil {
		return err
	}
	f.Write(data) // an error comes back from Close
	return f.Close()
}

// Create starts writing one file of the site in pieces, for a page too
// large to hold in memory whole; WriteFile goes through it too. Close puts
// the file in place, and a file not closed is dropped at Abort. While the
// bytes written match the previous site's file, Create writes nothing, and
// a file that matches it to the end keeps the old file. It is safe to call
// from several goroutines; each File serves one.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.manifest[name] = true
	had := d.old[name]
	d.mu.Unlock()
	if err := d.mkdirs(path.Dir(name)); err != nil {
		return nil, err
	}
	f := &File{d: d, name: name}
	if had {
		f.old, f.oldSize = openRegular(filepath.Join(d.dest, filepath.FromSlash(name)))
	}
	if f.old == nil {
		if err := f.begin(); err != nil {
			f.abort()
			return nil, err
		}
	}
	d.mu.Lock()
	d.open[f] = true
	d.mu.Unlock()
	return f, nil
}

// Keep records that the file name is as the previous build wrote it. The
// render package calls it for each page an incremental build leaves alone.
func (d *Dir) Keep(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	d.mu.Lock()
	ok := d.old[name]
	d.manifest[name] = true
	d.mu.Unlock()
	if !ok {
		return fmt.Errorf("cannot keep %s: the previous build did not write it", name)
	}
	return d.keep(name)
}

// File is one file of the site being written; see Dir.Create.
type File struct {
	d       *Dir
	name    string
	old     *os.File // the previous site's file, while what is written matches its start
	oldSize int64
	n       int64    // bytes written so far
	out     *os.File // the new file, once one is written
	err     error    // the first error, which Close returns
}

// openRegular opens the previous site's file at target for comparing, if
// it is a regular file: anything else put in its place (a folder, a link,
// a pipe that would block) counts as changed.
func openRegular(target string) (*os.File, int64) {
	info, err := os.Lstat(target)
	if err != nil || !info.Mode().IsRegular() {
		return nil, 0
	}
	f, err := os.Open(target)
	if err != nil {
		return nil, 0
	}
	return f, info.Size()
}

// chunks are buffers for reading old files back, 64 KiB each.
var chunks = sync.Pool{New: func() any { return new([64 << 10]byte) }}

// matches reports whether the old file goes on with p, reading past it.
func (f *File) matches(p []byte) bool {
	if f.n+int64(len(p)) > f.oldSize {
		return false
	}
	chunk := chunks.Get().(*[64 << 10]byte)
	defer chunks.Put(chunk)
	for len(p) > 0 {
		n := min(len(p), len(chunk))
		if _, err := io.ReadFull(f.old, chunk[:n]); err != nil || !bytes.Equal(chunk[:n], p[:n]) {
			return false
		}
		p = p[n:]
	}
	return true
}

// begin starts the new file, with the bytes so far, which matched the old
// file's start.
func (f *File) begin() error {
	target := filepath.Join(f.d.tmp, filepath.FromSlash(f.name))
	var err error
	f.out, err = os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
	if err == nil && f.old != nil {
		_, err = io.Copy(f.out, io.NewSectionReader(f.old, 0, f.n))
	}
	f.dropOld()
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", f.name, osfile.Cause(err))
	}
	return nil
}

// Write writes p to the file, or only compares it while the file matches
// the old one.
func (f *File) Write(p []byte) (int, error) {
	if f.err == nil && f.old != nil && !f.matches(p) {
		f.err = f.begin()
	}
	if f.err == nil && f.out != nil {
		if _, err := f.out.Write(p); err != nil {
			f.err = fmt.Errorf("cannot write %s: %w", f.name, osfile.Cause(err))
		}
	}
	if f.err != nil {
		return 0, f.err
	}
	f.n += int64(len(p))
	return len(p), nil
}

// Close puts the file in place: the old one, when every byte matched it
// and it has no more, or else the new one.
func (f *File) Close() error {
	f.d.mu.Lock()
	delete(f.d.open, f)
	f.d.mu.Unlock()
	if f.err == nil && f.old != nil {
		if f.n == f.oldSize && f.d.keep(f.name) == nil {
			f.dropOld()
			return nil
		}
		f.err = f.begin()
	}
	if f.err != nil {
		f.abort()
		return f.err
	}
	if err := f.out.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", f.name, osfile.Cause(err))
	}
	if f.d.inPlace {
		f.d.mu.Lock()
		f.d.written = append(f.d.written, f.name)
		f.d.mu.Unlock()
	}
	return nil
}

// abort drops the new file.
func (f *File) abort() {
	f.dropOld()
	if f.out != nil {
		f.out.Close()
		os.Remove(f.out.Name())
	}
}

// dropOld stops comparing with the old file.
func (f *File) dropOld() {
	if f.old != nil {
		f.old.Close()
		f.old = nil
	}
}

// keep carries the previous build's file over: in place it is already
// there; beside the site it is linked into the new folder, so it keeps its
// modification time.
func (d *Dir) keep(name string) error {
	if d.inPlace {
		return nil
	}
	if err := d.mkdirs(path.Dir(name)); err != nil {
		return err
	}
	return os.Link(filepath.Join(d.dest, filepath.FromSlash(name)), filepath.Join(d.tmp, filepath.FromSlash(name)))
}

// mkdirs makes dir and its parents inside the new folder, once each.
func (d *Dir) mkdirs(dir string) error {
	d.mu.Lock()
	done := d.dirs[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(d.tmp, filepath.FromSlash(dir)), 0o777); err != nil {
		return fmt.Errorf("cannot make folder %s: %w", dir, osfile.Cause(err))
	}
	d.mu.Lock()
	for p := dir; p != "."; p = path.Dir(p) {
		d.dirs[p] = true
	}
	d.mu.Unlock()
	return nil
}

// Commit writes the marker and swaps the new site in for the old one; in
// place, it moves the changed files into the site and removes the files
// the build no longer has. Its errors say what became of the site.
func (d *Dir) Commit() error {
	b, err := json.Marshal(manifest{Generator: "okr", Files: slices.Sorted(maps.Keys(d.manifest))})
	if err != nil {
		d.Abort()
		return err
	}
	if d.inPlace {
		return d.commitInPlace(b)
	}
	if err := os.WriteFile(filepath.Join(d.tmp, Marker), b, 0o666); err != nil {
		d.Abort()
		return fmt.Errorf("cannot write %s: %w; %s is as it was", Marker, osfile.Cause(err), d.dest)
	}
	if err := swap(d.tmp, d.dest); err != nil {
		d.Abort()
		return fmt.Errorf("cannot put the new site in place of %s: %w; it is as it was", d.dest, osfile.Cause(err))
	}
	d.Abort() // tmp now holds the old site, if there was one
	return nil
}

// commitInPlace moves the files written into the site, removes those it no
// longer has, and writes the marker with the manifest b.
func (d *Dir) commitInPlace(b []byte) error {
	defer d.Abort()
	if err := os.MkdirAll(d.dest, 0o777); err != nil {
		return fmt.Errorf("cannot make %s: %w", d.dest, osfile.Cause(err))
	}
	slices.Sort(d.written)
	for i, name := range d.written {
		target := filepath.Join(d.dest, filepath.FromSlash(name))
		err := os.MkdirAll(filepath.Dir(target), 0o777)
		if err == nil {
			err = os.Rename(filepath.Join(d.tmp, filepath.FromSlash(name)), target)
		}
		if err != nil && i == 0 {
			return fmt.Errorf("cannot put %s in place: %w; %s is as it was", name, osfile.Cause(err), d.dest)
		}
		if err != nil {
			return fmt.Errorf("cannot put %s in place: %w; %s has %d of the build's %d new files and is partly old: build it again",
				name, osfile.Cause(err), d.dest, i, len(d.written))
		}
	}
	for name := range d.old {
		if !d.manifest[name] && checkName(name) == nil {
			os.Remove(filepath.Join(d.dest, filepath.FromSlash(name)))
		}
	}
	if err := osfile.Replace(filepath.Join(d.dest, Marker), b, false); err != nil {
		return fmt.Errorf("cannot write %s: %w; the new files of %s are in place, but its list of them is the previous build's", Marker, osfile.Cause(err), d.dest)
	}
	return nil
}

// Abort removes the new folder, leaving the old site as it was, and drops
// the files created and not closed.
func (d *Dir) Abort() {
	d.mu.Lock()
	open := slices.Collect(maps.Keys(d.open))
	clear(d.open)
	d.mu.Unlock()
	for _, f := range open {
		f.abort()
	}
	if d.lock != nil {
		os.RemoveAll(d.tmp)
		d.lock.Close()
		d.lock = nil
	}
}

// Staging returns the folder being written: the new site before Commit
// puts it in place. A build may read its own files there, as the PDF
// printer does.
func (d *Dir) Staging() string { return d.tmp }

// manifest is the marker file's content.
type manifest struct {
	Generator string   `json:"generator"`
	Files     []string `json:"files"`
}

// readManifest reads the previous build's manifest, if any.
func readManifest(dest string) (map[string]bool, error) {
	b, err := os.ReadFile(filepath.Join(dest, Marker))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if len(bytes.TrimSpace(b)) > 0 && json.Unmarshal(b, &m) != nil {
		return nil, nil // an old or damaged marker: rewrite every file
	}
	files := make(map[string]bool, len(m.Files))
	for _, name := range m.Files {
		files[name] = true
	}
	return files, nil
}

// swap puts the folder tmp in place of dest; tmp then holds the old site,
// if there was one.
func swap(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	return exchange(tmp, dest)
}

// exchangeByRename swaps folders a and b with three renames, for systems
// that cannot exchange them in one step.
func exchangeByRename(a, b string) error {
	old := a + ".old"
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(old, b)
		return err
	}
	return os.Rename(old, a)
}
