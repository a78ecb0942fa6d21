// Package build runs okr's pipeline on a content folder: load it, score it
// as of the report date, and render the site into a render.Writer. The
// build, serve and pdf commands all go through it.
package build

import (
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
	Lang    string       // "en" or "sv"; empty means the site's
	BaseURL string       // empty means the site's
	PDF     bool         // the print editions link to PDFs beside them
	Now     func() time.Time
}

// Result is what a build produced besides its files.
type Result struct {
	Site     *okrsite.Site
	Card     *okrsite.Scorecard
	Warnings load.ErrorList
	Files    int // files written
}

// Run builds the site in opts.Dir into w. Content errors come back as a
// load.ErrorList. The Result is never nil; its Warnings are set either
// way.
func Run(opts Options, w render.Writer) (*Result, error) {
	return Once(opts).Build(w)
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
