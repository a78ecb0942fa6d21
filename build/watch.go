package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/okrsite/okrsite/load"
)

// Watcher notices changes in a content folder: in every folder under it,
// including folders made while it runs. Hidden files and editors' backup
// and swap files are not changes.
type Watcher struct {
	fs *fsnotify.Watcher
}

// NewWatcher starts watching the folder dir: Run sees the changes from
// then on.
func NewWatcher(dir string) (*Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := addTree(w, dir); err != nil {
		w.Close()
		return nil, err
	}
	return &Watcher{fs: w}, nil
}

// Close stops watching, for a watcher that will not Run.
func (w *Watcher) Close() error { return w.fs.Close() }

// Run calls rebuild whenever the folder changes, until ctx ends, and then
// stops watching; with ctx ended already, it returns at once. Changes are gathered until the folder has been quiet for
// debounce.
//
// rebuild runs on a goroutine of its own, one call at a time, with a
// context that ends when ctx does or when a newer change arrives: a stale
// build stops early, the next starts once it has returned, and the watcher
// itself never waits for a build. Run returns once the last call has.
func (w *Watcher) Run(ctx context.Context, debounce time.Duration, rebuild func(context.Context), logf func(string, ...any)) {
	defer w.fs.Close()
	var (
		timer  *time.Timer
		quiet  <-chan time.Time
		latest = &rebuilding{stop: func() {}, done: make(chan struct{})}
	)
	close(latest.done)
	defer func() { latest.stop(); <-latest.done }()
	for {
		select {
		case <-ctx.Done():
			return
		case err := <-w.fs.Errors:
			logf("watching: %v", err)
		case ev := <-w.fs.Events:
			if load.Ignored(filepath.Base(ev.Name)) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					addTree(w.fs, ev.Name)
				}
			}
			if timer == nil {
				timer = time.NewTimer(debounce)
			} else {
				timer.Reset(debounce)
			}
			quiet = timer.C
		case <-quiet:
			quiet = nil
			latest.stop()
			latest = startRebuild(ctx, latest, rebuild)
		}
	}
}

// rebuilding is a call of Watch's rebuild: stop ends its context, and done
// is closed once it has returned.
type rebuilding struct {
	stop context.CancelFunc
	done chan struct{}
}

// startRebuild calls rebuild on a goroutine once the previous call has
// returned, unless its context has ended by then.
func startRebuild(ctx context.Context, previous *rebuilding, rebuild func(context.Context)) *rebuilding {
	ctx, stop := context.WithCancel(ctx)
	r := &rebuilding{stop: stop, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		<-previous.done
		if ctx.Err() == nil {
			rebuild(ctx)
		}
	}()
	return r
}

// addTree watches dir and every folder under it. A watcher sees a folder's
// own entries, which is how it sees editors that save by writing a new file
// and renaming it over the old one.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && load.Ignored(d.Name()) {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}
