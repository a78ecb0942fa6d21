// Package testprogress shows a person who runs the tests how the slow ones
// are getting on.
//
// In package-list mode (go test ./...) the go command shows what a test
// logs only when it fails or with -v, so a slow package that passes says
// nothing until it is done, and looks hung. Printf therefore writes its line
// straight to the terminal, /dev/tty, when the tests run in one: the
// person sees it at once, and the go command's own output, which a pipe, a
// file or a CI log receives, stays as it was. With -v, or where there is
// no terminal (a CI runner has none), it logs the line with t.Log instead,
// which go test shows with -v or when the test fails.
package testprogress

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	start = time.Now()
	// pkg names the package under test: go test names its binary
	// after the package, as render.test.
	pkg = strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")

	openTTY sync.Once
	mu      sync.Mutex // serialises the lines
	tty     *os.File   // nil when there is no terminal, or with -v
)

// Printf reports, in a line, how test t is getting on: to the terminal,
// or to t's log (see the package comment). The line starts with the
// package's name and the time since its tests began.
func Printf(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if w := terminal(); w != nil {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "%s %4.0fs %s: %s\n", pkg, time.Since(start).Seconds(), t.Name(), msg)
		return
	}
	t.Log(msg)
}

// terminal opens the terminal the tests run in, once, and returns it, or
// nil when there is none or go test was given -v.
func terminal() *os.File {
	openTTY.Do(func() {
		if testing.Verbose() {
			return
		}
		// Opening /dev/tty fails (ENXIO) in a process with no
		// controlling terminal, such as one a CI runner starts.
		tty, _ = os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	})
	return tty
}
