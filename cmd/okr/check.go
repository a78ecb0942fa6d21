package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/locale"
)

const checkHelp = `
Check loads the content folder DIR (default "content"), validates it,
scores it and renders its commentary, as a build does, and writes nothing.
It prints every error as path:line:col: what is wrong, sorted by file and
line, then every warning worth a look (an objective with one key result,
a check-in after the report date, a key result of a running period or a
KPI without a recent value), and then a count of what it read.

Check exits with 0 when the content is fine (warnings or not), 1 when it
has errors, and 2 when the command line is wrong.`

func init() {
	var asOf dateFlag
	commands = append(commands, &command{
		name:    "check",
		args:    "[-as-of DATE] [DIR]",
		summary: "check the content for errors and stale values",
		help:    checkHelp,
		flags: func(fs *flag.FlagSet) func() error {
			fs.Var(&asOf, "as-of", "report `date` (YYYY-MM-DD); default the site's as_of, or today")
			return nil
		},
		run: func(e *env, args []string) error { return e.check(args, asOf) },
	})
}

// check checks the content and sums it up.
func (e *env) check(args []string, asOf dateFlag) error {
	dir, err := dirArg(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := build.Check(ctx, e.buildOptions(dir, siteFlags{asOf: asOf}))
	if err := e.report(dir, res.Warnings, err, 0); err != nil {
		return err
	}
	site, objectives, krs := res.Site, 0, 0
	for _, o := range site.Objectives {
		objectives++
		krs += len(o.KeyResults)
	}
	fmt.Fprintf(e.stdout, "%s: %d teams, %d periods, %d objectives, %d key results, %d KPIs; as of %s; %d %s\n",
		dir, len(site.Teams), len(site.Periods), objectives, krs, len(site.KPIs), locale.MessageDate(site.Settings, res.Card.AsOf),
		len(res.Warnings), plural(len(res.Warnings), "warning", "warnings"))
	return nil
}
