// Package chrome finds a Chromium on this machine and starts it headless,
// for the pdf command and the browser tests.
package chrome

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNotFound is returned by Find when no Chromium is named or installed.
var ErrNotFound = errors.New("no Chromium found; install it (Debian/Ubuntu: apt-get install chromium), or name it with -chromium PATH or OKR_CHROMIUM")

// EnvVar is the environment variable that names the Chromium to use.
const EnvVar = "OKR_CHROMIUM"

// names are the programs Find looks for on PATH, in order. The headless
// shell comes first: it is the build of Chromium made for this work, with
// no browser around the page, and it checks or prints a page with about
// two thirds of the CPU time that the full browser needs headless.
var names = []string{
	"chromium-headless-shell", "chrome-headless-shell",
	"chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
}

// fallback is where Find looks last, for a PATH that lacks /usr/bin.
var fallback = "/usr/bin/chromium"

// Find returns the Chromium to run: flag if it is not empty, else the
// program named by OKR_CHROMIUM, else the first of
// chromium-headless-shell, chrome-headless-shell, chromium,
// chromium-browser, google-chrome and google-chrome-stable on PATH, else
// /usr/bin/chromium. A program named by flag or OKR_CHROMIUM may be a path
// or a name on PATH; it is an error if there is no such program. When
// nothing is named or found, Find returns ErrNotFound.
func Find(flag string) (string, error) {
	if flag != "" {
		return lookPath(flag, "-chromium")
	}
	if env := os.Getenv(EnvVar); env != "" {
		return lookPath(env, EnvVar)
	}
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	if path, err := exec.LookPath(fallback); err == nil {
		return path, nil
	}
	return "", ErrNotFound
}

// lookPath resolves a program that the user named in source.
func lookPath(name, source string) (string, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%s names %s, which is not a program that can run: %w", source, name, err)
	}
	return path, nil
}

// Sandboxed reports whether New starts Chromium in its sandbox, which
// keeps a page that takes over the renderer from the rest of the machine:
// always, unless okr runs as root, where Chromium refuses to start with
// its sandbox on.
func Sandboxed() bool { return os.Geteuid() != 0 }

// New starts the headless Chromium at path and returns a chromedp context
// for its first tab. Further tabs are contexts made from it with
// chromedp.NewContext. Calling stop closes the browser and waits until it
// has exited and its profile, a fresh temporary folder, is removed. Ending
// ctx kills the browser.
//
// Chromium runs in its sandbox unless okr runs as root (see Sandboxed),
// and without GPU, first-run pages, sync, default apps, component updates
// and background networking, so that it makes no connection of its own;
// QUIC is off, and so are the address bar's popup pages.
func New(ctx context.Context, path string) (tab context.Context, stop context.CancelFunc, err error) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless, // also hides scroll bars and mutes audio
		chromedp.Flag("no-sandbox", !Sandboxed()),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-default-apps", true),
		// In Chromium 156 each window of the full browser, headless
		// too, loads its address bar's popup as a hidden page: about
		// 6 s of CPU time for the five windows of four tabs. Each tab
		// of ours is a window. (The headless shell has no such pages.)
		chromedp.Flag("disable-features", "WebUIOmniboxPopup,WebUIOmniboxAimPopup"),
		// Containers often have a small /dev/shm, which Chromium
		// fills and then crashes; keep shared memory in /tmp.
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	// With no user-data-dir flag, chromedp makes a temporary one and
	// removes it when the browser has exited.
	tab, cancelTab := chromedp.NewContext(allocCtx)
	stop = func() {
		// Ask Chromium to close, so that it removes its own temporary
		// files, and kill it if it takes too long.
		closeCtx, cancelClose := context.WithTimeout(tab, 10*time.Second)
		chromedp.Cancel(closeCtx)
		cancelClose()
		cancelTab()
		cancelAlloc() // waits for the browser and removes its profile
	}
	// The first action starts the browser and opens its first tab.
	if err := chromedp.Do(tab); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return tab, stop, nil
}
