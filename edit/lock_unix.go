//go:build unix

package edit

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive lock on the content folder in root, waiting
// while another okr holds it, and returns the function that releases it.
// Every edit reads the site, changes a file and writes it under the lock,
// so edits made at once by several processes all land.
func lock(root *os.Root) (unlock func(), err error) {
	f, err := root.Open(".")
	if err != nil {
		return nil, err
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil // closing the folder releases the lock
}
