// Package osfile holds the file system helpers that the loader, the site
// writer and the commands share: replacing a file in one step, making a
// temporary folder with an ordinary mode, and error messages that name a
// path only once.
package osfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Pending is a new file being written beside the one at its path, which it
// replaces in one step at Commit, so that the file at the path is whole,
// old or new, at every moment.
type Pending struct {
	*os.File
	path string
	mode os.FileMode // the old file's, to keep
	keep bool        // there was an old file
}

// Begin starts replacing the file at path. The new file keeps the old
// one's mode; a file that is new gets the mode any program's new file
// gets, 0666 less the umask (0644 with the usual umask 022).
func Begin(path string) (*Pending, error) {
	p := &Pending{path: path}
	if info, err := os.Stat(path); err == nil {
		p.mode, p.keep = info.Mode().Perm(), true
	}
	dir, pattern := filepath.Dir(path), "."+filepath.Base(path)+".*.tmp"
	for try := 0; ; try++ {
		f, err := os.OpenFile(filepath.Join(dir, tempName(pattern)), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) && try < 1000 {
			continue
		}
		if err != nil {
			return nil, err
		}
		p.File = f
		return p, nil
	}
}

// MkdirTemp makes a new folder in dir, named by pattern with its "*"
// replaced by a random number, and returns its path. Unlike os.MkdirTemp,
// which makes it 0700, it gives the folder the mode any program's new
// folder gets, 0777 less the umask (0755 with the usual umask 022): a
// built site is for a web server to read, and a copy keeps the mode.
func MkdirTemp(dir, pattern string) (string, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, tempName(pattern))
		err := os.Mkdir(name, 0o777)
		if errors.Is(err, fs.ErrExist) && try < 1000 {
			continue
		}
		return name, err
	}
}

// tempName returns pattern with its last "*" replaced by a random number.
func tempName(pattern string) string {
	i := strings.LastIndexByte(pattern, '*')
	return pattern[:i] + strconv.FormatUint(uint64(rand.Uint32()), 10) + pattern[i+1:]
}

// Commit renames the new file over the old one. With durable, the new file
// is synced first, so that a crash cannot leave an empty file in its place.
func (p *Pending) Commit(durable bool) error {
	var err error
	if p.keep {
		err = p.Chmod(p.mode)
	}
	if err == nil && durable {
		err = p.Sync()
	}
	if cerr := p.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(p.Name(), p.path)
	}
	if err != nil {
		os.Remove(p.Name())
	}
	return err
}

// Abort drops the new file, leaving the old one as it was.
func (p *Pending) Abort() {
	p.Close()
	os.Remove(p.Name())
}

// Replace replaces the file at path with data in one step (see Pending).
func Replace(path string, data []byte, durable bool) error {
	p, err := Begin(path)
	if err != nil {
		return err
	}
	if _, err := p.Write(data); err != nil {
		p.Abort()
		return err
	}
	return p.Commit(durable)
}

// Cause drops the operation and paths from a file system error, for a
// message that names the path itself.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
