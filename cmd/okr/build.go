package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/publish"
	"github.com/okrsite/okrsite/render"
)

// siteFlags are the flags that choose how a site is built; build, serve
// and pdf share them.
type siteFlags struct {
	asOf    dateFlag
	lang    string
	baseURL string
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.asOf, "as-of", "report `date` (YYYY-MM-DD); default the site's as_of, or today")
	fs.StringVar(&f.lang, "lang", "", "interface `language`, en or sv; default the site's")
	fs.StringVar(&f.baseURL, "base-url", "", "the site's public `URL`, for canonical links and sitemap.xml; default the site's base_url")
}

func (f *siteFlags) check() error {
	if f.lang != "" && f.lang != "en" && f.lang != "sv" {
		return usagef("-lang %q is not known; expected en or sv", f.lang)
	}
	return nil
}

func init() {
	var (
		sf   siteFlags
		dest string
	)
	commands = append(commands, &command{
		name:    "build",
		args:    "[flags] [DIR]",
		summary: "build the static site from the content",
		help: `
Build reads the content folder DIR (default "content"), scores it as of the
report date, and writes the site into the destination folder (default
"public"): pages for the overview, every period, team, objective and KPI,
their charts, a JSON export of the numbers (okr.json), and sitemap.xml when
the base URL is absolute.

The site is written into a new folder beside the destination and swapped in
only when every file is written, so a failed or interrupted build leaves the
previous site as it was. Build refuses a destination that holds files okr
did not write. Files whose bytes did not change keep their old file.

It exits with 0 on success, 1 when the content has errors or the site
cannot be written, and 2 when the command line is wrong.`,
		flags: func(fs *flag.FlagSet) func() error {
			sf.register(fs)
			fs.StringVar(&dest, "dest", "public", "destination `folder`")
			return sf.check
		},
		run: func(e *env, args []string) error { return e.build(args, sf, dest) },
	})
}

func (e *env) build(args []string, sf siteFlags, dest string) error {
	start := time.Now()
	dir, err := dirArg(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	n, err := e.buildSite(ctx, dir, dest, sf)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "built %d files from %s into %s in %d ms\n", n, dir, dest, time.Since(start).Milliseconds())
	return nil
}

// buildSite loads, scores and renders the site in dir into dest and
// returns the number of files written.
func (e *env) buildSite(ctx context.Context, dir, dest string, sf siteFlags) (int, error) {
	site, err := e.loadSite(dir)
	if err != nil {
		return 0, err
	}
	card := okrsite.Evaluate(site, e.asOf(sf.asOf, site.Settings))
	out, err := publish.Open(dest, dir)
	if err != nil {
		return 0, err
	}
	tmpl, closeTmpl, err := siteTemplates(dir)
	if err != nil {
		out.Abort()
		return 0, err
	}
	defer closeTmpl()
	w := &countingWriter{ctx: ctx, w: out}
	err = render.Render(card, render.Options{Lang: sf.lang, BaseURL: sf.baseURL, Templates: tmpl}, w)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		out.Abort()
		if errors.Is(err, context.Canceled) {
			return 0, fmt.Errorf("interrupted; %s is as it was", dest)
		}
		return 0, fmt.Errorf("%w; %s is as it was", err, dest)
	}
	return int(w.n.Load()), out.Commit()
}

// siteTemplates opens the site's own templates folder, if it has one.
func siteTemplates(dir string) (fs.FS, func(), error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, func() {}, err
	}
	info, err := root.Stat("templates")
	if err != nil || !info.IsDir() {
		root.Close()
		return nil, func() {}, nil
	}
	sub, err := fs.Sub(root.FS(), "templates")
	return sub, func() { root.Close() }, err
}

// countingWriter counts the files written and stops the build when its
// context ends.
type countingWriter struct {
	ctx context.Context
	w   render.Writer
	n   atomic.Int64
}

func (c *countingWriter) WriteFile(name string, data []byte) error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	c.n.Add(1)
	return c.w.WriteFile(name, data)
}
