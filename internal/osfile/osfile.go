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

// Replace replaces the file at path with data in one step: it writes a new
// file beside it and renames it over the old one, so the file is whole, old
// or new, at every moment. The file keeps its mode; a new one gets 0644.
// With durable, the new file is synced before the rename, so that a crash
// cannot leave an empty file in its place.
func Replace(path string, data []byte, durable bool) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails once renamed
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil && durable {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
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
