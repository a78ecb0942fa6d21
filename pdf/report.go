package pdf

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/internal/osfile"
	"github.com/okrsite/okrsite/publish"
	"github.com/okrsite/okrsite/render"
)

// Request names a print edition to print, and where to.
type Request struct {
	Period string // the period's id; "" for the current period
	Team   string // a team's id, for its part of the period alone; "" for all
	Out    string // the PDF file; "" for okr-PERIOD.pdf or okr-PERIOD-TEAM.pdf
	Paper  Paper  // the paper; unset for the site's own (see PaperFor)
}

// PaperFor returns paper when it is set, and otherwise the paper the
// site's locale prints on: Letter for "en-US", A4 for every other.
func PaperFor(paper Paper, s okrsite.Settings) Paper {
	switch {
	case paper != Paper{}:
		return paper
	case s.Locale == "en-US":
		return Papers["letter"]
	}
	return Papers["a4"]
}

// stagingPattern names the temporary folders PrintReport builds sites in.
// Each is locked while its run lasts; a run that was killed leaves its
// folder unlocked, and the next run removes it.
const stagingPattern = "okr-pdf-*"

// PrintReport builds the site that opts describe into a temporary folder
// and prints the print edition that req names to the file req.Out, with
// p. It returns the build's Result, for its warnings, and the PDF's file
// name and page count. Mistakes in req and an unwritable file are
// reported before anything is printed.
func PrintReport(ctx context.Context, p *Printer, opts build.Options, req Request) (res *build.Result, file string, pages int, err error) {
	publish.RemoveStale(os.TempDir(), stagingPattern)
	staging, held, err := publish.TempDir(os.TempDir(), stagingPattern)
	if err != nil {
		return &build.Result{}, "", 0, fmt.Errorf("cannot make a temporary folder: %w", err)
	}
	defer held.Close()
	defer os.RemoveAll(staging)
	site, err := publish.Open(filepath.Join(staging, "site"), opts.Dir)
	if err != nil {
		return &build.Result{}, "", 0, err
	}
	defer site.Abort()
	if res, err = build.Once(opts).BuildContext(ctx, site); err != nil {
		return res, "", 0, err
	}
	page, file, err := Edition(res.Card, req.Period, req.Team)
	if err != nil {
		return res, "", 0, err
	}
	if req.Out != "" {
		file = req.Out
	}
	if err := writable(file); err != nil {
		return res, "", 0, err
	}
	docs, err := p.PrintSite(site.Staging(), []string{page}, PaperFor(req.Paper, res.Card.Site.Settings))
	if err != nil {
		return res, "", 0, err
	}
	if err := osfile.Replace(file, docs[0], true); err != nil {
		return res, "", 0, fmt.Errorf("cannot write %s: %w", file, osfile.Cause(err))
	}
	return res, file, Pages(docs[0]), nil
}

// Edition finds the print edition of a period of the scored site, or of
// one team's part of it, and the PDF's default file name. An empty period
// means the current one.
func Edition(card *okrsite.Scorecard, period, team string) (page, name string, err error) {
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

// Editions prints every print edition of the site being written into out,
// which card scores, to a PDF beside it (see render.PDFPath), on paper
// (unset for the site's own, see PaperFor), and returns how many it wrote.
// It is "okr build -pdf"'s addition to a build.
func Editions(p *Printer, card *okrsite.Scorecard, out *publish.Dir, paper Paper) (int, error) {
	pages := render.PrintPages(card)
	docs, err := p.PrintSite(out.Staging(), pages, PaperFor(paper, card.Site.Settings))
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

// PrintSite serves the built site in the folder dir on localhost, for as
// long as it prints, and prints each of its pages to a PDF on paper.
func (p *Printer) PrintSite(dir string, pages []string, paper Paper) ([][]byte, error) {
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
