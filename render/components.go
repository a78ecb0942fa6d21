package render

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/okrsite/okrsite"
)

// The small pieces every page repeats (status badges, progress bars,
// verdicts) are built here rather than in templates: they hold only numbers
// and catalogue words, and a large site shows tens of thousands of them.
// Templates call them as functions; style them through okr.css.

// badge shows a status as a coloured shape and a word.
func (r *renderer) badge(s okrsite.Status) template.HTML {
	return template.HTML(`<span class="status s-` + s.String() + `">` + html.EscapeString(r.lang.T("status."+s.String())) + `</span>`)
}

// gradeBadge shows a grade in its colour band.
func (r *renderer) gradeBadge(g float64) template.HTML {
	return template.HTML(`<span class="grade g-` + okrsite.GradeColour(g) + `">` + r.lang.Grade(g) + `</span>`)
}

// bar shows progress as a bar with a tick at the expected pace (while the
// period runs), coloured by status or, once it ends, by grade.
func (r *renderer) bar(s okrsite.Score) template.HTML {
	l := r.lang
	var b strings.Builder
	b.WriteString(`<div class="bar `)
	if s.Final {
		b.WriteString("g-" + okrsite.GradeColour(s.Grade))
	} else {
		b.WriteString("s-" + s.Status.String())
	}
	b.WriteString(`" role="img" aria-label="`)
	b.WriteString(html.EscapeString(l.Tf("score.bar", l.Pct(s.Progress), l.Pct(s.Expected))))
	b.WriteString(`"><span class="fill" style="width:` + cssPercent(s.Progress) + `"></span>`)
	if !s.Final {
		b.WriteString(`<span class="pace" style="left:` + cssPercent(s.Expected) + `" title="`)
		b.WriteString(html.EscapeString(l.T("score.expected") + " " + l.Pct(s.Expected)))
		b.WriteString(`"></span>`)
	}
	b.WriteString("</div>")
	return template.HTML(b.String())
}

// verdict shows the status and forecast while a period runs, and the grade
// once it has ended.
func (r *renderer) verdict(s okrsite.Score) template.HTML {
	l := r.lang
	if s.Final {
		return template.HTML(`<span class="verdict">` + html.EscapeString(l.T("score.grade")) + " " + string(r.gradeBadge(s.Grade)) + `</span>`)
	}
	out := string(r.badge(s.Status))
	if s.HasForecast {
		out += ` <span class="forecast">` + html.EscapeString(l.T("score.forecast")) + " " + l.Grade(s.Forecast) + `</span>`
	}
	return template.HTML(out)
}

// score shows progress as a number and a bar, with the verdict.
func (r *renderer) score(s okrsite.Score) template.HTML {
	return template.HTML(`<div class="score"><span class="score-num">` + r.lang.Pct(s.Progress) + `</span>` +
		string(r.bar(s)) + `<span class="score-verdict">` + string(r.verdict(s)) + `</span></div>`)
}

// cssPercent writes a share as a CSS percentage, clamped to 0% to 100%.
func cssPercent(share float64) string {
	return strconv.FormatFloat(100*min(1, max(0, share)), 'f', 1, 64) + "%"
}

// esc escapes text from the content for HTML text and attribute values.
var esc = html.EscapeString

// keyResultSection shows one key result on its objective's page: its
// score, facts, chart, and check-ins or milestones. root is the relative
// path from the page to the site's root.
func (r *renderer) keyResultSection(root string, v krView) template.HTML {
	l := r.lang
	s := v.KeyResultScore
	kr := s.KeyResult
	var b strings.Builder
	id := "kr-" + kr.ID
	b.WriteString(`<section class="kr-section" id="` + id + `" aria-labelledby="` + id + `-title">` + "\n")
	b.WriteString(`<h3 id="` + id + `-title">` + esc(kr.Title) + "</h3>\n")
	if kr.IsMilestone() {
		b.WriteString(`<p class="facts">` + esc(l.Tf("score.milestones", s.Done, len(kr.Milestones))) + "</p>\n")
	}
	b.WriteString(string(r.score(s.Score)) + "\n")
	b.WriteString(`<dl class="pairs kr-facts">`)
	fact := func(label, value string) {
		b.WriteString("\n<dt>" + esc(l.T(label)) + "</dt><dd>" + value + "</dd>")
	}
	if kr.Owner != "" {
		fact("score.owner", esc(kr.Owner))
	}
	if !kr.IsMilestone() {
		fact("score.current", esc(l.Value(s.Current, kr.Unit)))
		target := esc(l.Value(kr.Target, kr.Unit))
		if kr.Direction == okrsite.StayAbove || kr.Direction == okrsite.StayBelow {
			target += " (" + esc(l.T("dir."+kr.Direction.String())) + ")"
		}
		fact("score.target", target)
		fact("score.start", esc(l.Value(kr.Start, kr.Unit)))
	}
	if s.HasForecast {
		fact("score.forecast", esc(l.Tf("score.will", l.Value(s.ForecastValue, kr.Unit)))+" ("+l.Grade(s.Forecast)+")")
	}
	if s.Confidence != okrsite.NoConfidence {
		fact("score.confidence", l.Pct(s.Confidence))
	}
	if kr.Weight != 1 {
		fact("score.weight", l.Num(kr.Weight))
	}
	if kr.KPI != nil {
		fact("nav.kpis", `<a href="`+root+url(kr.KPI)+`">`+esc(l.Tf("obj.kpi", kr.KPI.Name))+"</a>")
	}
	b.WriteString("\n</dl>\n")
	b.WriteString(string(r.chartFigure(v.Chart)) + "\n")
	switch {
	case kr.IsMilestone():
		b.WriteString(`<ul class="milestones">`)
		for _, m := range kr.Milestones {
			state := "obj.notdone"
			if m.Done {
				state = "obj.done"
				b.WriteString(`<li class="done">`)
			} else {
				b.WriteString("<li>")
			}
			b.WriteString(`<span class="ms-state">` + esc(l.T(state)) + "</span> " + esc(m.Title))
			if m.HasDate {
				b.WriteString(` <span class="muted">` + l.Date(m.DoneOn) + "</span>")
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul>\n")
	case len(s.Checkins) > 0:
		open := ""
		if len(s.Checkins) <= 6 {
			open = " open"
		}
		b.WriteString(`<details class="checkins"` + open + "><summary>" + esc(l.T("obj.checkins")) + " (" + strconv.Itoa(len(s.Checkins)) + ")</summary>\n")
		b.WriteString(`<div class="table-wrap"><table class="list">` + "\n<thead><tr>")
		b.WriteString(`<th scope="col">` + esc(l.T("obj.date")) + `</th><th scope="col" class="num">` + esc(l.T("obj.value")) +
			`</th><th scope="col" class="num">` + esc(l.T("score.confidence")) + `</th><th scope="col">` + esc(l.T("obj.note")) + "</th>")
		b.WriteString("</tr></thead>\n<tbody>\n")
		for _, c := range s.Checkins {
			b.WriteString("<tr><td>" + l.Date(c.Date) + `</td><td class="num">` + esc(l.Value(c.Value, kr.Unit)) + `</td><td class="num">`)
			if c.Confidence != okrsite.NoConfidence {
				b.WriteString(l.Pct(c.Confidence))
			}
			b.WriteString("</td><td>" + esc(c.Note) + "</td></tr>\n")
		}
		b.WriteString("</tbody>\n</table></div>\n</details>\n")
	default:
		b.WriteString(`<p class="empty">` + esc(l.T("obj.nocheckins")) + "</p>\n")
	}
	b.WriteString("</section>")
	return template.HTML(b.String())
}

// objectiveCard shows an objective with its key results, as a report lists
// them. root is the relative path from the page to the site's root.
func (r *renderer) objectiveCard(root string, os *okrsite.ObjectiveScore) template.HTML {
	l := r.lang
	o := os.Objective
	var b strings.Builder
	b.WriteString(`<article class="obj">` + "\n" + `<header class="obj-head">` + "\n")
	b.WriteString(`<h4 class="obj-title"><a href="` + root + url(o) + `">` + esc(o.Title) + "</a></h4>\n")
	b.WriteString(`<span class="kind k-` + o.Commitment.String() + `">` + esc(l.T("kind."+o.Commitment.String())) + "</span>")
	if os.Final {
		met := "grade.missed"
		if os.Met() {
			met = "grade.met"
		}
		b.WriteString(` <span class="met">` + esc(l.T(met)) + "</span>")
	}
	b.WriteString("\n</header>\n" + string(r.score(os.Score)) + "\n" + `<ul class="krs">` + "\n")
	for _, krs := range os.KeyResults {
		kr := krs.KeyResult
		b.WriteString(`<li class="kr"><a class="kr-title" href="` + root + url(kr) + `">` + esc(kr.Title) + "</a>")
		value := l.Pct(krs.Progress)
		if !kr.IsMilestone() {
			value = l.Value(krs.Current, kr.Unit) + " → " + l.Value(kr.Target, kr.Unit)
		}
		b.WriteString(`<span class="kr-value">` + esc(value) + "</span>")
		b.WriteString(string(r.bar(krs.Score)) + `<span class="kr-verdict">` + string(r.verdict(krs.Score)) + "</span></li>\n")
	}
	b.WriteString("</ul>\n</article>")
	return template.HTML(b.String())
}

// chartFigure shows a chart: the element it draws in, its own options, and
// its text alternative.
func (r *renderer) chartFigure(c chart) template.HTML {
	var b strings.Builder
	b.WriteString(`<figure class="chart chart-` + c.Kind + `">` + "\n")
	b.WriteString(`<div class="chart-canvas" id="` + c.ID + `" data-chart="` + c.ID + `-data" data-kind="` + c.Kind + `" role="img" aria-label="` + esc(c.Alt) + `"`)
	if c.Height > 0 {
		b.WriteString(` style="height:` + strconv.Itoa(c.Height) + `px"`)
	}
	b.WriteString("></div>\n")
	// c.JSON is json.Marshal output: <, > and & are escaped, so it cannot
	// close the script element.
	b.WriteString(`<script type="application/json" id="` + c.ID + `-data">` + string(c.JSON) + "</script>\n")
	b.WriteString(`<figcaption class="chart-alt">` + esc(c.Alt) + "</figcaption>\n</figure>")
	return template.HTML(b.String())
}
