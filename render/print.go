package render

import (
	"cmp"
	"path"
	"slices"

	"github.com/okrsite/okrsite"
)

// The print edition of a period (and of one team's period) is a document
// for paper and PDF: a cover, contents, a one-page executive summary, then
// a section for each team with its objectives, their charts and the
// commentary. For a finished period the grades and the retrospective come
// first. okr pdf prints it, and numbers the contents' pages.

// printURL is the print edition of period p, or of team t's part of it
// when t is not nil.
func printURL(p *okrsite.Period, t *okrsite.Team) string {
	if t != nil {
		return "periods/" + p.ID + "/print-" + t.ID + ".html"
	}
	return "periods/" + p.ID + "/print.html"
}

// PDFPath is where "okr build -pdf" puts the PDF of a print edition: beside
// it, as print.pdf or print-TEAM.pdf.
func PDFPath(printPage string) string { return printPage[:len(printPage)-len(".html")] + ".pdf" }

// PrintPages lists the site-relative paths of every print edition of a
// scored site: one for each period and one for each team's period.
func PrintPages(card *okrsite.Scorecard) []string {
	var out []string
	for _, ps := range card.Periods {
		out = append(out, printURL(ps.Period, nil))
		for _, tp := range ps.Teams {
			out = append(out, printURL(ps.Period, tp.Team))
		}
	}
	return out
}

// printData is a print edition.
type printData struct {
	okrsite.Score // the period's, or in a team's edition the team's
	Period        *okrsite.Period
	Previous      *pastScore    // the same in the previous period, or nil
	Team          *okrsite.Team // the team of a team's edition, or nil
	State         string
	Counts        tally
	AtRisk        []*okrsite.ObjectiveScore // the objectives furthest behind
	KPIs          []*okrsite.KPIScore
	InFocus       []*okrsite.KPIScore
	Unattended    []*okrsite.KPIScore
	Sections      []printSection
	Contents      []tocEntry
	PDF           string // the PDF beside this page, when the build makes one
}

// pastScore is a score in an earlier period, for comparison.
type pastScore struct {
	okrsite.Score
	Period *okrsite.Period
}

// printSection is one team's part of a print edition.
type printSection struct {
	ID string
	*okrsite.TeamPeriodScore
	Note       *okrsite.Note
	Objectives []*okrsite.ObjectiveScore
}

// tocEntry is a line of the contents: a section and where it starts.
type tocEntry struct {
	ID, Title string
}

// maxAtRisk is how many objectives the executive summary lists as most at
// risk.
const maxAtRisk = 5

func (r *renderer) printData(ps *okrsite.PeriodScore, team *okrsite.Team, ch *chartSet) any {
	l := r.lang
	d := &printData{Score: ps.Score, Period: ps.Period, Team: team, State: periodState(ps.Period, r.card.AsOf)}
	switch prev := ps.Previous; {
	case team != nil:
		d.Score = r.card.TeamPeriod(team, ps.Period).Score
		if prev != nil {
			if tp := r.card.TeamPeriod(team, prev.Period); tp != nil {
				d.Previous = &pastScore{tp.Score, prev.Period}
			}
		}
	case prev != nil:
		d.Previous = &pastScore{prev.Score, prev.Period}
	}
	if r.pdf {
		d.PDF = path.Base(PDFPath(printURL(ps.Period, team)))
	}
	var objectives []*okrsite.ObjectiveScore
	d.Contents = append(d.Contents, tocEntry{"summary", l.T("print.summary")})
	if ps.Final && ps.Period.Note != nil && team == nil {
		d.Contents = append(d.Contents, tocEntry{"retrospective", l.T("print.retro")})
	}
	for _, tp := range ps.Teams {
		if team != nil && tp.Team != team {
			continue
		}
		s := printSection{ID: "team-" + tp.Team.ID, TeamPeriodScore: tp, Note: ps.Period.TeamNotes[tp.Team]}
		s.Objectives = tp.Objectives
		objectives = append(objectives, tp.Objectives...)
		ch.shows(len(tp.Objectives)) // each objective's progress chart
		d.Sections = append(d.Sections, s)
		d.Contents = append(d.Contents, tocEntry{s.ID, tp.Team.Name})
	}
	if !ps.Final && ps.Period.Note != nil && team == nil {
		d.Contents = append(d.Contents, tocEntry{"commentary", l.T("period.commentary")})
	}
	d.Counts = tallyOf(ps.Final, objectives)
	d.AtRisk = furthestBehind(objectives, maxAtRisk)
	if team == nil {
		d.KPIs, d.InFocus, d.Unattended = r.card.KPIs, r.card.InFocus, r.card.Unattended
	}
	return d
}

// furthestBehind returns up to n objectives whose progress lags furthest
// behind the expected pace (or, in a finished period, with the lowest
// grades), worst first.
func furthestBehind(objectives []*okrsite.ObjectiveScore, n int) []*okrsite.ObjectiveScore {
	out := slices.Clone(objectives)
	slices.SortStableFunc(out, func(a, b *okrsite.ObjectiveScore) int {
		return cmp.Compare(a.Progress-a.Expected, b.Progress-b.Expected)
	})
	out = slices.DeleteFunc(out, func(o *okrsite.ObjectiveScore) bool {
		return !o.Final && o.Status == okrsite.OnTrack || o.Final && o.Met()
	})
	return out[:min(n, len(out))]
}
