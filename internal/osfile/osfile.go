// Package osfile holds the two file system helpers that the loader, the
// site writer and the commands share: replacing a file in one step, and
// error messages that name a path only once.
package osfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Pending is a new file being written beside the one at its path, which it
// replaces in one step at Commit, so that the file at the path is whole,
// old or new, at every moment.
type Pending struct {
	*os.File
	path string
	mode os.FileMode
}

// Begin starts replacing the file at path. The new file will keep the old
// one's mode; a file that is new gets 0644.
func Begin(path string) (*Pending, error) {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &Pending{File: tmp, path: path, mode: mode}, nil
}

// Commit renames the new file over the old one. With durable, the new file
// is synced first, so that a crash cannot leave an empty file in its place.
func (p *Pending) Commit(durable bool) error {
	err := p.Chmod(p.mode)
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
