package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/okrsite/okrsite/pdf"
)

// pdfFlags choose what "okr pdf" and "okr build -pdf" print.
type pdfFlags struct {
	paper    string
	chromium string
}

func (f *pdfFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.paper, "paper", "", "paper `size`: a4 or letter; default letter for a site whose locale is en-US, a4 for any other")
	fs.StringVar(&f.chromium, "chromium", "", "the Chromium `program` to print with; default $OKR_CHROMIUM, or chromium on PATH")
}

func (f *pdfFlags) check() error {
	if _, ok := pdf.Papers[f.paper]; !ok && f.paper != "" {
		return usagef("-paper %q is not known; expected a4 or letter", f.paper)
	}
	return nil
}

// paperSize is the paper the flags name, unset for the site's own.
func (f *pdfFlags) paperSize() pdf.Paper { return pdf.Papers[f.paper] }

const pdfHelp = `
Pdf builds the print edition of a period (by default the current one), or
of one team's part of it with -team, and prints it to a PDF with a headless
Chromium, in the same order for every period: a cover, contents with page
numbers, a one-page executive summary, the period's commentary, the
retrospective of a finished period, each team's commentary and objectives
with their key results and charts, and an appendix of KPIs (as they stood
on a finished period's last day). Every page has a footer with the
organisation, the report, the period, the report date and "page N of M".

It waits until every chart has drawn (for at most a minute) before printing.
Chromium is found through -chromium, then $OKR_CHROMIUM, then chromium on
PATH; on Debian and Ubuntu, install it with: apt-get install chromium.
Chromium runs in its sandbox, unless okr runs as root, where it cannot;
the command then says so.

The PDF goes to -out, by default okr-PERIOD.pdf (okr-PERIOD-TEAM.pdf) in the
current folder. "okr build -pdf" makes the PDF of every print edition inside
the built site instead.`

func init() {
	var (
		sf  siteFlags
		pf  pdfFlags
		req pdf.Request
	)
	commands = append(commands, &command{
		name:    "pdf",
		args:    "[flags] [DIR]",
		summary: "print a period's report to PDF",
		help:    pdfHelp,
		flags: func(fs *flag.FlagSet) func() error {
			sf.register(fs)
			pf.register(fs)
			fs.StringVar(&req.Period, "period", "", "the `period` to print; default the current one")
			fs.StringVar(&req.Team, "team", "", "print only this `team`'s part of the period")
			fs.StringVar(&req.Out, "out", "", "the PDF `file` to write")
			return func() error {
				if err := sf.check(); err != nil {
					return err
				}
				return pf.check()
			}
		},
		run: func(e *env, args []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			req.Paper = pf.paperSize()
			return e.pdf(ctx, args, sf, pf.chromium, req)
		},
	})
}

// pdf prints the print edition that req names.
func (e *env) pdf(ctx context.Context, args []string, sf siteFlags, chromium string, req pdf.Request) (err error) {
	start := time.Now()
	dir, err := dirArg(args)
	if err != nil {
		return err
	}
	// Chromium starts while the site is built: it takes about as long.
	p := pdf.Start(ctx, chromium)
	defer func() { p.Stop(err != nil) }()
	res, file, pages, err := pdf.PrintReport(ctx, p, e.buildOptions(dir, sf), req)
	if err := e.report(dir, res.Warnings, err, shownWarnings); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "printed %s (%d pages) in %d ms%s\n", file, pages, time.Since(start).Milliseconds(), sandboxNote(true))
	return nil
}
