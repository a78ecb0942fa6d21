package render

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/okrsite/okrsite"
)

// The helpers below are the few pieces of markup written in Go rather than
// in templates: status and grade badges, the verdict, the progress bar and
// the rows of a check-in table. Templates call them as functions. A large
// site shows hundreds of thousands of each, and the same markup from a
// template costs several times as much (BenchmarkHelpers), since every
// action of an html/template is a reflective call. Each writes okr's own
// markup and numbers, and escapes every string from the catalogue or the
// content with html.EscapeString. Style them through okr.css.

// badge writes a status as a coloured shape and a word.
func (r *renderer) badge(s okrsite.Status) template.HTML {
	return template.HTML(`<span class="status s-` + s.String() + `">` + html.EscapeString(r.lang.T("status."+s.String())) + "</span>")
}

// gradeBadge writes a grade in its colour band.
func (r *renderer) gradeBadge(g float64) template.HTML {
	return template.HTML(`<span class="grade g-` + okrsite.GradeColour(g) + `">` + r.lang.Grade(g) + "</span>")
}

// verdict writes the status and forecast while a period runs, and the
// grade once it has ended.
func (r *renderer) verdict(s okrsite.Score) template.HTML {
	l := r.lang
	switch {
	case s.Final:
		return template.HTML(`<span class="verdict">` + html.EscapeString(l.T("score.grade")) + " " + string(r.gradeBadge(s.Grade)) + "</span>")
	case s.HasProjection:
		return r.badge(s.Status) + template.HTML(` <span class="forecast">`+html.EscapeString(l.T("score.forecast"))+" "+l.Grade(s.ProjectedGrade)+"</span>")
	}
	return r.badge(s.Status)
}

// bar writes progress as a bar with a tick at the expected pace (while the
// period runs), coloured by status or, once it ends, by grade.
func (r *renderer) bar(s okrsite.Score) template.HTML {
	l := r.lang
	class := "s-" + s.Status.String()
	if s.Final {
		class = "g-" + okrsite.GradeColour(s.Grade)
	}
	label := html.EscapeString(l.Tf("score.bar", l.Pct(s.Progress), l.Pct(s.Expected)))
	fill := `<div class="bar ` + class + `" role="img" aria-label="` + label + `"><span class="fill" style="width:` + cssPercent(s.Progress) + `"></span>`
	if s.Final {
		return template.HTML(fill + "</div>")
	}
	pace := html.EscapeString(l.T("score.expected") + " " + l.Pct(s.Expected))
	return template.HTML(fill + `<span class="pace" style="left:` + cssPercent(s.Expected) + `" title="` + pace + `"></span></div>`)
}

// cssPercent writes a share as a CSS percentage, clamped to 0% to 100%.
func cssPercent(share float64) string {
	return strconv.FormatFloat(100*min(1, max(0, share)), 'f', 1, 64) + "%"
}

// checkinRows writes a key result's check-ins as rows of a table: date,
// value, confidence and note.
func (r *renderer) checkinRows(s *okrsite.KeyResultScore) template.HTML {
	l := r.lang
	var b strings.Builder
	b.Grow(96 * len(s.Checkins))
	for _, c := range s.Checkins {
		b.WriteString("<tr><td>" + l.Date(c.Date) + "</td><td>" + html.EscapeString(l.Value(c.Value, s.KeyResult.Unit)) + "</td><td>")
		b.WriteString(r.confidence(c.Confidence) + "</td><td>" + html.EscapeString(c.Note) + "</td></tr>\n")
	}
	return template.HTML(b.String())
}

// gradeBand is a band of grades in GradeColour's colours.
type gradeBand struct {
	Colour   string
	Low, Top float64
}

// gradeBands are the grade bands, best first.
var gradeBands = []gradeBand{{"green", 0.7, 1}, {"yellow", 0.4, 0.6}, {"red", 0, 0.3}}
