package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/internal/chrome"
	"github.com/okrsite/okrsite/pdf"
	"github.com/okrsite/okrsite/preview"
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
		sf      siteFlags
		dest    string
		profile string
		watch   bool
		withPDF bool
		pf      pdfFlags
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

With -watch it goes on watching the content folder after the first build.
On every change it re-reads the files that changed, renders only the pages
that show them, and replaces those files one by one in the destination;
files whose bytes stay the same are not touched. Content errors are printed
and the site stays as it was until they are fixed.

It exits with 0 on success, 1 when the content has errors or the site
cannot be written, and 2 when the command line is wrong.`,
		flags: func(fs *flag.FlagSet) func() error {
			sf.register(fs)
			fs.StringVar(&dest, "dest", "public", "destination `folder`")
			fs.StringVar(&profile, "cpuprofile", "", "write a CPU profile of the build to `file`, for go tool pprof")
			fs.BoolVar(&watch, "watch", false, "keep watching the content and rebuild what changes, until Ctrl-C")
			fs.BoolVar(&withPDF, "pdf", false, "print every print edition to a PDF beside it, with Chromium (see okr help pdf)")
			pf.register(fs)
			return func() error {
				if err := sf.check(); err != nil {
					return err
				}
				if withPDF && watch {
					return usagef("-pdf and -watch do not go together; build the PDFs once the content is settled")
				}
				return pf.check()
			}
		},
		run: func(e *env, args []string) error {
			if profile != "" {
				f, err := os.Create(profile)
				if err != nil {
					return err
				}
				defer f.Close()
				pprof.StartCPUProfile(f)
				defer pprof.StopCPUProfile()
			}
			return e.build(args, sf, dest, watch, withPDF, pf)
		},
	})
}

func (e *env) build(args []string, sf siteFlags, dest string, watch, withPDF bool, pf pdfFlags) (err error) {
	dir, err := dirArg(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := e.buildOptions(dir, sf)
	opts.PDF = withPDF
	var printer *pdf.Printer
	if withPDF {
		if _, err := chrome.Find(pf.chromium); err != nil {
			return err
		}
		var stopPrinter func(error)
		printer, stopPrinter = startPrinter(ctx, pf)
		defer func() { stopPrinter(err) }()
	}
	var b *build.Builder
	if watch {
		b = build.NewBuilder(opts)
	} else {
		b = build.Once(opts)
	}
	built := false
	// once builds the site: whole into a new folder the first time, and
	// then, when watching, in place with only what changed.
	once := func() error {
		start := time.Now()
		open, verb := publish.Open, "built"
		if built {
			open, verb = publish.Update, "rebuilt"
		}
		out, err := open(dest, dir)
		if err != nil {
			return err
		}
		extras := noExtras
		if withPDF {
			extras = func(card *okrsite.Scorecard) (int, error) { return pdfs(printer, card, out, pf) }
		}
		res, err := e.commit(ctx, b, out, dir, dest, extras)
		if err != nil {
			return err
		}
		built = true
		fmt.Fprintf(e.stdout, "%s %d files from %s into %s in %d ms\n", verb, res.Files, dir, dest, time.Since(start).Milliseconds())
		return nil
	}
	err = once()
	if !watch {
		return err
	}
	report := func(err error) {
		if err != nil && !errors.Is(err, errContent) {
			fmt.Fprintf(e.stderr, "okr build: %v\n", err)
		}
	}
	report(err)
	fmt.Fprintf(e.stdout, "watching %s (Ctrl-C stops)\n", dir)
	logf := func(format string, args ...any) { fmt.Fprintf(e.stderr, format+"\n", args...) }
	return preview.WatchDir(ctx, dir, 100*time.Millisecond, func() { report(once()) }, logf)
}

// commit builds the site with b into out, and commits it when the build
// succeeded: out is left as it was otherwise.
//
// before runs after rendering and before the commit, to add files (PDFs);
// it returns how many it added.
func (e *env) commit(ctx context.Context, b *build.Builder, out output, dir, dest string, before func(*okrsite.Scorecard) (int, error)) (*build.Result, error) {
	res, err := b.Build(&stopWriter{ctx: ctx, w: out})
	if err == nil {
		var n int
		n, err = before(res.Card)
		res.Files += n
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		out.Abort()
		if err := e.report(dir, res.Warnings, err); errors.Is(err, errContent) {
			return nil, err
		}
		if errors.Is(err, context.Canceled) {
			return nil, fmt.Errorf("interrupted; %s is as it was", dest)
		}
		return nil, fmt.Errorf("%w; %s is as it was", err, dest)
	}
	e.report(dir, res.Warnings, nil)
	return res, out.Commit()
}

// output is where a build writes: a publish.Dir.
type output interface {
	render.Writer
	Commit() error
	Abort()
}

// noExtras adds nothing to a build before its commit.
func noExtras(*okrsite.Scorecard) (int, error) { return 0, nil }

// buildOptions turns the site flags into build options for the content
// folder dir.
func (e *env) buildOptions(dir string, sf siteFlags) build.Options {
	return build.Options{Dir: dir, AsOf: sf.asOf.date, HasAsOf: sf.asOf.set, Lang: sf.lang, BaseURL: sf.baseURL, Now: e.now}
}

// stopWriter stops a build when its context ends.
type stopWriter struct {
	ctx context.Context
	w   render.Writer
}

func (s *stopWriter) WriteFile(name string, data []byte) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	return s.w.WriteFile(name, data)
}

func (s *stopWriter) Create(name string) (io.WriteCloser, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	return render.Create(s.w, name)
}

// Keep passes the news of a kept file on to a writer that wants it.
func (s *stopWriter) Keep(name string) error {
	if k, ok := s.w.(render.Keeper); ok {
		return k.Keep(name)
	}
	return nil
}
