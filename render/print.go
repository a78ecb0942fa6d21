package render

import (
	"cmp"
	"fmt"
	"html/template"
	"path"
	"strings"
	"unicode"

	"github.com/okrsite/okrsite"
)

// The print edition of a period (and of one team's period) is a document
// for paper and PDF, in the same order for every period: a cover, the
// contents, a one-page executive summary, the period's commentary, the
// retrospective (once the period has ended), a section for each team (its
// commentary, then its objectives with their key results and charts), and
// an appendix of KPIs. okr pdf prints it, and numbers the contents' pages.
//
// Pages break by print.css: an objective's heading, key-result table and
// chart stay together where they fit, and no table row is cut. Where an
// objective, a team's section or another section runs onto another page,
// okr pdf heads that page with its title marked "(continued)" (see
// package pdf), and repeats the header of a table cut there.

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
	Footer        footer
	Summary       summary
	Retro         *retro // once the period has ended, in the whole period's edition
	Sections      []printSection
	KPIs          kpiHealth // the appendix: every KPI, or in a team's edition the team's
	Contents      []tocEntry
	PDF           string // the PDF beside this page, when the build makes one
}

// footer is the running footer of every printed page, as the values of
// CSS content properties for print.html's @page margin boxes: on the left
// what the report is, on the right "page N of M".
type footer struct {
	Left, Right template.CSS
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
	Note *okrsite.Note
}

// tocEntry is a line of the contents: a section and where it starts.
type tocEntry struct {
	ID, Title string
}

// Head is the section's title as the value of a CSS content property:
// print.html heads each printed page of the section with it, so that a
// page printed from a browser names its section, as okr pdf's
// "(continued)" headings do.
func (e tocEntry) Head() template.CSS { return template.CSS(cssString(e.Title)) }

func (r *renderer) printData(ps *okrsite.PeriodScore, team *okrsite.Team, ch *chartSet) any {
	l := r.lang
	p := ps.Period
	d := &printData{Score: ps.Score, Period: p, Team: team, State: periodState(p, r.card.AsOf)}
	dist := ps.Distribution
	switch prev := ps.Previous; {
	case team != nil:
		tp := r.card.TeamPeriod(team, p)
		d.Score, dist = tp.Score, tp.Distribution
		if prev != nil {
			if tp := r.card.TeamPeriod(team, prev.Period); tp != nil {
				d.Previous = &pastScore{tp.Score, prev.Period}
			}
		}
	case prev != nil:
		d.Previous = &pastScore{prev.Score, prev.Period}
	}
	if r.pdf {
		d.PDF = path.Base(PDFPath(printURL(p, team)))
	}
	d.Footer = r.footer(p, team)
	d.KPIs = r.kpiHealthFor(p)
	d.Contents = append(d.Contents, tocEntry{"summary", l.T("print.summary")})
	if team == nil && p.Note != nil {
		d.Contents = append(d.Contents, tocEntry{"commentary", l.T("period.commentary")})
	}
	if team == nil && ps.Final {
		d.Retro = r.retroOf(ps)
		d.Contents = append(d.Contents, tocEntry{"retrospective", l.T("print.retro")})
	}
	var teams []*okrsite.TeamPeriodScore
	var objectives []*okrsite.ObjectiveScore
	for _, tp := range ps.Teams {
		if team != nil && tp.Team != team {
			continue
		}
		s := printSection{ID: "team-" + tp.Team.ID, TeamPeriodScore: tp, Note: p.TeamNotes[tp.Team]}
		ch.shows(len(tp.Objectives)) // each objective's progress chart
		d.Sections = append(d.Sections, s)
		d.Contents = append(d.Contents, tocEntry{s.ID, tp.Team.Name})
		teams = append(teams, tp)
		objectives = append(objectives, tp.Objectives...)
	}
	if team != nil {
		d.KPIs = d.KPIs.ownedBy(team)
	}
	if len(d.KPIs.KPIs) > 0 {
		d.Contents = append(d.Contents, tocEntry{"kpis", l.T("print.appendix")})
	}
	d.Summary = r.summaryOf(d, dist, teams, objectives)
	return d
}

// footer is the running footer of period p's print edition, or of team's
// part of it: organisation, report, period and report date.
func (r *renderer) footer(p *okrsite.Period, team *okrsite.Team) footer {
	l := r.lang
	parts := []string{cmp.Or(r.site.Settings.Organisation, r.site.Settings.Title), l.T("print.report"), p.Name, l.Date(r.card.AsOf)}
	if team != nil {
		parts[2] = team.Name + ", " + p.Name
	}
	// "page %s of %s": the words around the page's number and the count.
	words := strings.SplitN(l.T("print.page"), "%s", 3)
	right := cssString(words[0]) + " counter(page) " + cssString(words[1]) + " counter(pages)"
	if len(words) == 3 && words[2] != "" {
		right += " " + cssString(words[2])
	}
	return footer{Left: template.CSS(cssString(strings.Join(parts, " · "))), Right: template.CSS(right)}
}

// cssString quotes s as a CSS string. Content is untrusted: every
// character but letters, digits, spaces and harmless punctuation is
// written as a hexadecimal escape, so nothing in s can end the string,
// the rule or the style element.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case unicode.IsLetter(c), unicode.IsDigit(c), strings.ContainsRune(" ·,.-:()!?", c):
			b.WriteRune(c)
		default:
			fmt.Fprintf(&b, "\\%x ", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
