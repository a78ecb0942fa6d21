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
			fs.StringVar(&profile, "cpuprofile", "", "write a CPU profile of the build to `file`, for go tool pprof")
			return sf.check
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
			return e.build(args, sf, dest)
		},
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
	out, err := publish.Open(dest, dir)
	if err != nil {
		return err
	}
	res, err := build.Run(e.buildOptions(dir, sf), &stopWriter{ctx: ctx, w: out})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		out.Abort()
		if err := e.report(dir, res.Warnings, err); errors.Is(err, errContent) {
			return err
		}
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("interrupted; %s is as it was", dest)
		}
		return fmt.Errorf("%w; %s is as it was", err, dest)
	}
	e.report(dir, res.Warnings, nil)
	if err := out.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "built %d files from %s into %s in %d ms\n", res.Files, dir, dest, time.Since(start).Milliseconds())
	return nil
}

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
