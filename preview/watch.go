package preview

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

// Watch rebuilds the site whenever its content folder changes, until ctx
// ends.
func (s *Server) Watch(ctx context.Context) error {
	return WatchDir(ctx, s.dir, s.Debounce, func() { s.Build() }, s.logf)
}

// WatchDir calls changed whenever the folder dir changes, until ctx ends.
// Every folder under it is watched, including folders made while it runs;
// changes are gathered until the folder has been quiet for debounce.
// Hidden files and editors' backup and swap files are not changes.
func WatchDir(ctx context.Context, dir string, debounce time.Duration, changed func(), logf func(string, ...any)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := addTree(w, dir); err != nil {
		return err
	}
	var (
		timer   *time.Timer
		rebuild <-chan time.Time
	)
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			logf("watching: %v", err)
		case ev := <-w.Events:
			if load.Ignored(filepath.Base(ev.Name)) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					addTree(w, ev.Name)
				}
			}
			if timer == nil {
				timer = time.NewTimer(debounce)
			} else {
				timer.Reset(debounce)
			}
			rebuild = timer.C
		case <-rebuild:
			rebuild = nil
			changed()
		}
	}
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
