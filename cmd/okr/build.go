package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/internal/chrome"
	"github.com/okrsite/okrsite/pdf"
	"github.com/okrsite/okrsite/publish"
)

// siteFlags are the flags that choose how a site is built; build, serve
// and pdf share them.
type siteFlags struct {
	asOf    dateFlag
	since   dateFlag // build and serve only: see registerSince
	lang    string
	baseURL string
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.asOf, "as-of", "report `date` (YYYY-MM-DD); default the site's as_of, or today")
	fs.StringVar(&f.lang, "lang", "", "interface `language`, en or sv; default the site's")
	fs.StringVar(&f.baseURL, "base-url", "", "the site's public `URL`, for canonical links and sitemap.xml; default the site's base_url")
}

// registerSince registers -since, for the commands that build the review
// pages: build and serve.
func (f *siteFlags) registerSince(fs *flag.FlagSet) {
	fs.Var(&f.since, "since", "the `date` (YYYY-MM-DD) up to which the last review looked: what changed is listed from the day after; default the site's review_since, or one cadence before the report date")
}

func (f *siteFlags) check() error {
	if f.since.set && f.asOf.set && f.since.date >= f.asOf.date {
		return usagef("-since %s is not before -as-of %s; expected an earlier date", f.since.date, f.asOf.date)
	}
	if f.lang != "" && f.lang != "en" && f.lang != "sv" {
		return usagef("-lang %q is not known; expected en or sv", f.lang)
	}
	return nil
}

// buildFlags are the flags of "okr build".
type buildFlags struct {
	siteFlags
	pf      pdfFlags
	dest    string
	profile string
	watch   bool
	pdf     bool
}

const buildHelp = `
Build reads the content folder DIR (default "content"), scores it as of
the report date, and writes the site into the destination folder (default
"public"):

  - pages for the overview, every period, team, objective, KPI and person,
    with their charts;
  - a print edition of every period and of each team's part of it, and
    with -pdf a PDF of each (see okr help pdf);
  - what changed since the last review (see -since), with Atom feeds and
    calendars (.ics) of check-ins due, for the site and for each team;
  - a search index, the numbers as JSON (okr.json, and one file a period),
    and sitemap.xml when the base URL is absolute.

It prints the first ten warnings and counts the rest; okr check lists them
all. Errors are all printed, and then nothing is written.

The site is written into a new folder beside the destination and swapped
in only when every file is written, so a failed or interrupted build
leaves the previous site as it was. Build refuses a destination that holds
files okr did not write. A file whose bytes did not change is left as it
was.

With -watch it goes on watching the content folder after the first build.
On every change it re-reads the files that changed and renders only the
pages that show them, beside the destination; once all are written, it
moves them into the destination, one rename each, and leaves files whose
bytes stay the same untouched. A change that comes during a rebuild stops
it and starts another. Content errors are printed and the site stays as
it was until they are fixed.

Ctrl-C (or SIGTERM) stops a build at once and leaves the previous site as
it was. Build exits with 0 on success, 1 when the content has errors or
the site cannot be written, and 2 when the command line is wrong.`

func init() {
	var f buildFlags
	commands = append(commands, &command{
		name:    "build",
		args:    "[flags] [DIR]",
		summary: "build the static site from the content",
		help:    buildHelp,
		flags: func(fs *flag.FlagSet) func() error {
			f.register(fs)
			f.registerSince(fs)
			fs.StringVar(&f.dest, "dest", "public", "destination `folder`")
			fs.StringVar(&f.profile, "cpuprofile", "", "write a CPU profile of the build to `file`, for go tool pprof")
			fs.BoolVar(&f.watch, "watch", false, "keep watching the content and rebuild what changes, until Ctrl-C")
			fs.BoolVar(&f.pdf, "pdf", false, "print each print edition to a PDF beside it (see okr help pdf)")
			f.pf.register(fs)
			return f.check
		},
		run: func(e *env, args []string) error { return e.build(args, f) },
	})
}

func (f *buildFlags) check() error {
	if err := f.siteFlags.check(); err != nil {
		return err
	}
	if f.pdf && f.watch {
		return usagef("-pdf and -watch do not go together; build the PDFs once the content is settled")
	}
	return f.pf.check()
}

// build builds the site once, or once and then on every change.
func (e *env) build(args []string, f buildFlags) (err error) {
	dir, err := dirArg(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stopProfile, err := profile(f.profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	opts := e.buildOptions(dir, f.siteFlags)
	opts.PDF = f.pdf
	if f.watch {
		return e.watch(ctx, build.NewBuilder(opts), dir, f.dest)
	}
	add, stopPrinter, err := e.pdfEditions(ctx, f)
	if err != nil {
		return err
	}
	defer func() { stopPrinter(err != nil) }()
	return e.publish(ctx, build.Once(opts), dir, f.dest, add)
}

// pdfEditions starts Chromium for "build -pdf", so that it is ready when
// the site is built, and returns what prints the PDFs into a build and
// what stops Chromium. Without -pdf it adds nothing.
func (e *env) pdfEditions(ctx context.Context, f buildFlags) (add func(*build.Result, *publish.Dir) (int, error), stop func(failed bool), err error) {
	if !f.pdf {
		return nil, func(bool) {}, nil
	}
	if _, err := chrome.Find(f.pf.chromium); err != nil {
		return nil, nil, err
	}
	p := pdf.Start(ctx, f.pf.chromium)
	return func(res *build.Result, out *publish.Dir) (int, error) {
		return pdf.Editions(p, res.Card, out, f.pf.paperSize())
	}, p.Stop, nil
}

// watch builds the site with b, and again on every change, until ctx ends.
// It watches from before the first build, so that no edit is missed.
func (e *env) watch(ctx context.Context, b *build.Builder, dir, dest string) error {
	w, err := build.NewWatcher(dir)
	if err != nil {
		return err
	}
	if e.printError(e.publish(ctx, b, dir, dest, nil)); ctx.Err() == nil {
		fmt.Fprintf(e.stdout, "watching %s (Ctrl-C stops)\n", dir)
	}
	w.Run(ctx, 100*time.Millisecond, func(rebuild context.Context) {
		err := e.publish(rebuild, b, dir, dest, nil)
		if rebuild.Err() == nil || ctx.Err() != nil { // not stopped for a newer change
			e.printError(err)
		}
	}, e.logf)
	return nil
}

// publish builds the site with b into dest, and says what it did.
func (e *env) publish(ctx context.Context, b *build.Builder, dir, dest string, add func(*build.Result, *publish.Dir) (int, error)) error {
	start := time.Now()
	res, err := b.Publish(ctx, dest, add)
	if err := e.report(dir, res.Warnings, err, shownWarnings); err != nil {
		return err
	}
	verb := "built"
	if res.Incremental {
		verb = "rebuilt"
	}
	fmt.Fprintf(e.stdout, "%s %d files from %s into %s in %d ms%s\n", verb, res.Files, dir, dest, time.Since(start).Milliseconds(), sandboxNote(add != nil))
	return nil
}

// printError prints an error of a build that goes on watching.
func (e *env) printError(err error) {
	if err != nil && !errors.Is(err, errContent) {
		fmt.Fprintf(e.stderr, "okr build: %v\n", err)
	}
}

// profile starts a CPU profile into the file name, unless name is empty,
// and returns what stops it.
func profile(name string) (stop func(), err error) {
	if name == "" {
		return func() {}, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// buildOptions turns the site flags into build options for the content
// folder dir.
func (e *env) buildOptions(dir string, sf siteFlags) build.Options {
	return build.Options{Dir: dir, AsOf: sf.asOf.date, HasAsOf: sf.asOf.set, Since: sf.since.date, HasSince: sf.since.set,
		Lang: sf.lang, BaseURL: sf.baseURL, Now: e.now}
}

// sandboxNote says, when Chromium printed and ran without its sandbox,
// why.
func sandboxNote(printed bool) string {
	if !printed || chrome.Sandboxed() {
		return ""
	}
	return "; Chromium ran without its sandbox, as okr runs as root"
}
