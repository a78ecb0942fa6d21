package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/internal/osfile"
	"github.com/okrsite/okrsite/pdf"
	"github.com/okrsite/okrsite/publish"
	"github.com/okrsite/okrsite/render"
)

// pdfFlags choose what "okr pdf" and "okr build -pdf" print.
type pdfFlags struct {
	paper    string
	chromium string
}

func (f *pdfFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.paper, "paper", "a4", "paper `size`: a4 or letter")
	fs.StringVar(&f.chromium, "chromium", "", "the Chromium `program` to print with; default $OKR_CHROMIUM, or chromium on PATH")
}

func (f *pdfFlags) check() error {
	if _, ok := pdf.Papers[f.paper]; !ok {
		return usagef("-paper %q is not known; expected a4 or letter", f.paper)
	}
	return nil
}

func init() {
	var (
		sf           siteFlags
		pf           pdfFlags
		period, team string
		out          string
	)
	commands = append(commands, &command{
		name:    "pdf",
		args:    "[flags] [DIR]",
		summary: "print a period's report to PDF",
		help: `
Pdf builds the print edition of a period (by default the current one), or
of one team's part of it with -team, and prints it to a PDF with a headless
Chromium: a cover, contents with page numbers, a one-page executive summary,
and each team's objectives with their key results, charts and commentary.

It waits until every chart has drawn (for at most a minute) before printing.
Chromium is found through -chromium, then $OKR_CHROMIUM, then chromium on
PATH; on Debian and Ubuntu, install it with: apt-get install chromium.

The PDF goes to -out, by default okr-PERIOD.pdf (okr-PERIOD-TEAM.pdf) in the
current folder. "okr build -pdf" makes the PDF of every print edition inside
the built site instead.`,
		flags: func(fs *flag.FlagSet) func() error {
			sf.register(fs)
			pf.register(fs)
			fs.StringVar(&period, "period", "", "the `period` to print; default the current one")
			fs.StringVar(&team, "team", "", "print only this `team`'s part of the period")
			fs.StringVar(&out, "out", "", "the PDF `file` to write")
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
			return e.pdf(ctx, args, sf, pf, period, team, out)
		},
	})
}

func (e *env) pdf(ctx context.Context, args []string, sf siteFlags, pf pdfFlags, period, team, out string) (err error) {
	start := time.Now()
	dir, err := dirArg(args)
	if err != nil {
		return err
	}
	p, stopPrinter := startPrinter(ctx, pf)
	defer func() { stopPrinter(err) }()
	staging, err := os.MkdirTemp("", "okr-pdf-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging)
	site, err := publish.Open(filepath.Join(staging, "site"), dir)
	if err != nil {
		return err
	}
	res, err := build.Run(e.buildOptions(dir, sf), site)
	if err != nil {
		site.Abort()
		return e.report(dir, res.Warnings, err)
	}
	e.report(dir, res.Warnings, nil)
	page, name, err := printPage(res.Card, period, team)
	if err != nil {
		return err
	}
	if out == "" {
		out = name
	}
	if err := writable(out); err != nil {
		return err
	}
	docs, err := printAll(p, site.Staging(), []string{page}, pdf.Papers[pf.paper])
	if err != nil {
		return err
	}
	if err := osfile.Replace(out, docs[0], true); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, osfile.Cause(err))
	}
	fmt.Fprintf(e.stdout, "printed %s (%d pages) in %d ms\n", out, pdf.Pages(docs[0]), time.Since(start).Milliseconds())
	return nil
}

// startPrinter starts Chromium in the background, so that it is ready
// when the site is built. stop ends it once the command is done, given the
// command's error: after a failure it kills Chromium at once rather than
// waiting for it to finish starting.
func startPrinter(ctx context.Context, pf pdfFlags) (p *pdf.Printer, stop func(error)) {
	ctx, abandon := context.WithCancel(ctx)
	p = pdf.Start(ctx, pf.chromium)
	return p, func(err error) {
		if err != nil {
			abandon()
		}
		p.Close()
		abandon()
	}
}

// printPage finds the print edition of a period, or of one team's part of
// it, and the PDF's default file name. An empty period means the current.
func printPage(card *okrsite.Scorecard, period, team string) (page, name string, err error) {
	var ps *okrsite.PeriodScore
	var ids []string
	for _, p := range card.Periods {
		ids = append(ids, p.Period.ID)
		if p.Period.ID == period || period == "" && p == card.Current {
			ps = p
		}
	}
	if ps == nil {
		if period == "" {
			return "", "", fmt.Errorf("the site has no current period; name one with -period: %s", strings.Join(ids, ", "))
		}
		return "", "", fmt.Errorf("no period %q; expected one of %s", period, strings.Join(ids, ", "))
	}
	page, name = "periods/"+ps.Period.ID+"/print.html", "okr-"+ps.Period.ID+".pdf"
	if team == "" {
		return page, name, nil
	}
	var teams []string
	for _, tp := range ps.Teams {
		teams = append(teams, tp.Team.ID)
		if tp.Team.ID == team {
			return "periods/" + ps.Period.ID + "/print-" + team + ".html", "okr-" + ps.Period.ID + "-" + team + ".pdf", nil
		}
	}
	return "", "", fmt.Errorf("team %q has no objectives in %s; expected one of %s", team, ps.Period.ID, strings.Join(teams, ", "))
}

// writable checks, before the long work, that a file can be written at
// path.
func writable(path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, osfile.Cause(err))
	}
	f.Close()
	return os.Remove(f.Name())
}

// printAll serves the built site in dir on localhost and prints each of
// the print editions pages to a PDF.
func printAll(p *pdf.Printer, dir string, pages []string, paper pdf.Paper) ([][]byte, error) {
	if err := p.Ready(); err != nil {
		return nil, err // not about any one page
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/"
	var out [][]byte
	for _, page := range pages {
		b, err := p.Print(base+page, paper)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", page, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// pdfs prints every print edition of a build into it, beside each page,
// with p.
func pdfs(p *pdf.Printer, card *okrsite.Scorecard, out *publish.Dir, pf pdfFlags) (int, error) {
	pages := render.PrintPages(card)
	docs, err := printAll(p, out.Staging(), pages, pdf.Papers[pf.paper])
	if err != nil {
		return 0, err
	}
	for i, page := range pages {
		if err := out.WriteFile(render.PDFPath(page), docs[i]); err != nil {
			return 0, err
		}
	}
	return len(pages), nil
}
