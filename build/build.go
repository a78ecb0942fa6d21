// Package build runs okr's pipeline on a content folder: load it, score it
// as of the report date, and render the site into a render.Writer, or
// publish it into a folder. The check, build, serve and pdf commands all
// go through it.
package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync/atomic"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/render"
)

// Options say what to build and how.
type Options struct {
	Dir     string       // the content folder
	AsOf    okrsite.Date // the report date, when HasAsOf
	HasAsOf bool         // otherwise the site's as_of, or today
	// Since is the day the review window starts after, when HasSince;
	// otherwise the site's review_since, or one cadence before the
	// report date (see render.Options.Since).
	Since    okrsite.Date
	HasSince bool
	Lang     string // "en" or "sv"; empty means the site's
	BaseURL  string // empty means the site's
	PDF      bool   // the print editions link to PDFs beside them
	Now      func() time.Time
}

// Result is what a build produced besides its files.
type Result struct {
	Site     *okrsite.Site
	Card     *okrsite.Scorecard
	Warnings load.ErrorList
	Files    int // files written
	// Incremental is set when the build rendered only the pages that
	// show what changed since the last.
	Incremental bool
}

// Run builds the site in opts.Dir into w. Content errors come back as a
// load.ErrorList. The Result is never nil; its Warnings are set either
// way.
func Run(opts Options, w render.Writer) (*Result, error) {
	return Once(opts).Build(w)
}

// Build builds the site into w, as BuildContext does, to the end.
func (b *Builder) Build(w render.Writer) (*Result, error) {
	return b.BuildContext(context.Background(), w)
}

// load opens the content folder and loads the site in it, into res. The
// caller closes the folder.
func (b *Builder) load(ctx context.Context, res *Result) (*os.Root, *okrsite.Site, error) {
	root, err := OpenDir(b.opts.Dir)
	if err != nil {
		return nil, nil, err
	}
	loadSite := load.LoadWith
	if b.loader != nil {
		loadSite = b.loader.LoadWith
	}
	opts := load.Options{AsOf: b.opts.AsOf, HasAsOf: b.opts.HasAsOf, Now: b.opts.Now}
	site, warnings, err := loadSite(stopFS{ctx, root.FS()}, b.opts.Dir, opts)
	res.Site, res.Warnings = site, warnings
	if ctx.Err() != nil {
		err = ctx.Err() // the load's errors only say that it stopped
	}
	if err != nil {
		root.Close()
		return nil, nil, err
	}
	return root, site, nil
}

// stopFS is a content folder that can no longer be read once ctx ends, so
// that a load stops soon after.
type stopFS struct {
	ctx  context.Context
	fsys fs.FS
}

func (s stopFS) Open(name string) (fs.File, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return s.fsys.Open(name)
}

func (s stopFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return fs.ReadDir(s.fsys, name)
}

func (s stopFS) Stat(name string) (fs.FileInfo, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return fs.Stat(s.fsys, name)
}

// contentErrors turns the notes a render refused into a load.ErrorList,
// so that every content error comes back in one form; other errors stay
// as they are.
func contentErrors(err error) error {
	var notes render.NoteErrors
	if !errors.As(err, &notes) {
		return err
	}
	list := make(load.ErrorList, len(notes))
	for i, n := range notes {
		list[i] = &load.Error{Path: n.Path, Line: n.Line, Col: n.Col, Msg: n.Msg}
	}
	return list
}

// AsOfFor picks the report date for a site with settings s: the option,
// else the site's setting, else today.
func (opts Options) AsOfFor(s okrsite.Settings) okrsite.Date {
	switch {
	case opts.HasAsOf:
		return opts.AsOf
	case s.HasAsOf:
		return s.AsOf
	case opts.Now != nil:
		return okrsite.DateOf(opts.Now())
	}
	return okrsite.DateOf(time.Now())
}

// OpenDir opens the content folder. Symbolic links inside it are followed
// only while they stay inside it.
func OpenDir(dir string) (*os.Root, error) {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no content folder %s; expected a folder with site.toml (\"okr new site %s\" makes one)", dir, dir)
	case err != nil:
		return nil, err
	case !info.IsDir():
		return nil, fmt.Errorf("%s is not a folder; expected the content folder", dir)
	}
	return os.OpenRoot(dir)
}

// templates returns the site's own templates folder, or nil.
func templates(root *os.Root) (fs.FS, error) {
	info, err := root.Stat("templates")
	if err != nil || !info.IsDir() {
		return nil, nil
	}
	return fs.Sub(root.FS(), "templates")
}

// counter counts the files written.
type counter struct {
	w render.Writer
	n atomic.Int64
}

func (c *counter) WriteFile(name string, data []byte) error {
	c.n.Add(1)
	return c.w.WriteFile(name, data)
}

// Create counts a file written in pieces and passes it on.
func (c *counter) Create(name string) (io.WriteCloser, error) {
	c.n.Add(1)
	return render.Create(c.w, name)
}

// Keep passes the news of a kept file on to a writer that wants it.
func (c *counter) Keep(name string) error {
	if k, ok := c.w.(render.Keeper); ok {
		return k.Keep(name)
	}
	return nil
}
