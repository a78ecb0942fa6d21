//go:build unix

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive lock on the open folder f, which lasts until f
// is closed or the process ends; it waits while another build holds it.
func lock(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_EX) }

// tryLock takes the lock on f if no running build holds it.
func tryLock(f *os.File) bool { return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil }
