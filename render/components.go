package render

import (
	"bytes"
	"html"
	"html/template"
	"strconv"
	"sync"

	"github.com/okrsite/okrsite"
)

// Components are the pieces pages repeat: status badges, progress bars,
// verdicts, objective cards, key-result sections, charts. A large site
// shows tens of thousands of them, so they are written here in Go rather
// than in templates, which pay for every action. Templates call them as
// functions; style them through okr.css.
//
// A component writes into an htmlWriter. Markup is written with raw, and
// every string that comes from the content goes through text, which
// escapes it.

// htmlWriter builds a piece of HTML.
type htmlWriter struct{ bytes.Buffer }

// raw writes markup that okr itself made.
func (w *htmlWriter) raw(s ...string) {
	for _, p := range s {
		w.WriteString(p)
	}
}

// text writes text from the content or the catalogue, escaped for HTML
// text and attribute values.
func (w *htmlWriter) text(s string) { w.WriteString(html.EscapeString(s)) }

// writers are htmlWriters to reuse: a large site writes hundreds of
// thousands of components, and a writer that has grown once need not grow
// again.
var writers = sync.Pool{New: func() any { return new(htmlWriter) }}

// component runs a writing function and returns its HTML, for templates.
// The HTML is a copy of exactly its length, since caches keep it.
func component(write func(w *htmlWriter)) template.HTML {
	w := writers.Get().(*htmlWriter)
	w.Reset()
	write(w)
	html := template.HTML(w.String())
	writers.Put(w)
	return html
}

// badge writes a status as a coloured shape and a word.
func (r *renderer) badge(w *htmlWriter, s okrsite.Status) {
	w.raw(`<span class="status s-`, s.String(), `">`)
	w.text(r.lang.T("status." + s.String()))
	w.raw("</span>")
}

// gradeBand is a band of grades in GradeColour's colours.
type gradeBand struct {
	Colour   string
	Low, Top float64
}

// gradeBands are the grade bands, best first.
var gradeBands = []gradeBand{{"green", 0.7, 1}, {"yellow", 0.4, 0.6}, {"red", 0, 0.3}}

// gradeBand writes a band's name and its range of grades.
func (r *renderer) gradeBand(w *htmlWriter, b *gradeBand) {
	l := r.lang
	w.raw(`<span class="grade g-`, b.Colour, `">`)
	w.text(l.T("grade." + b.Colour))
	w.raw(`</span> <span class="muted">`, l.Grade(b.Low), "–", l.Grade(b.Top), "</span>")
}

// gradeBadge writes a grade in its colour band.
func (r *renderer) gradeBadge(w *htmlWriter, g float64) {
	w.raw(`<span class="grade g-`, okrsite.GradeColour(g), `">`, r.lang.Grade(g), "</span>")
}

// bar writes progress as a bar with a tick at the expected pace (while the
// period runs), coloured by status or, once it ends, by grade.
func (r *renderer) bar(w *htmlWriter, s okrsite.Score) {
	l := r.lang
	class := "s-" + s.Status.String()
	if s.Final {
		class = "g-" + okrsite.GradeColour(s.Grade)
	}
	w.raw(`<div class="bar `, class, `" role="img" aria-label="`)
	w.text(l.Tf("score.bar", l.Pct(s.Progress), l.Pct(s.Expected)))
	w.raw(`"><span class="fill" style="width:`, cssPercent(s.Progress), `"></span>`)
	if !s.Final {
		w.raw(`<span class="pace" style="left:`, cssPercent(s.Expected), `" title="`)
		w.text(l.T("score.expected") + " " + l.Pct(s.Expected))
		w.raw(`"></span>`)
	}
	w.raw("</div>")
}

// verdict writes the status and forecast while a period runs, and the
// grade once it has ended.
func (r *renderer) verdict(w *htmlWriter, s okrsite.Score) {
	l := r.lang
	if s.Final {
		w.raw(`<span class="verdict">`)
		w.text(l.T("score.grade"))
		w.raw(" ")
		r.gradeBadge(w, s.Grade)
		w.raw("</span>")
		return
	}
	r.badge(w, s.Status)
	if s.HasProjection {
		w.raw(` <span class="forecast">`)
		w.text(l.T("score.forecast"))
		w.raw(" ", l.Grade(s.ProjectedGrade), "</span>")
	}
}

// score writes progress as a number and a bar, with the verdict.
func (r *renderer) score(w *htmlWriter, s okrsite.Score) {
	w.raw(`<div class="score"><span class="score-num">`, r.lang.Pct(s.Progress), "</span>")
	r.bar(w, s)
	w.raw(`<span class="score-verdict">`)
	r.verdict(w, s)
	w.raw("</span></div>")
}

// bigScore writes a score large: progress (or the grade, once the period
// is over) with what it is measured against, a bar and the verdict.
func (r *renderer) bigScore(w *htmlWriter, s okrsite.Score) {
	l := r.lang
	num, label := l.Pct(s.Progress), l.T("score.progress")+" · "+l.T("score.expected")+" "+l.Pct(s.Expected)
	if s.Final {
		num, label = l.Grade(s.Grade), l.T("score.grade")
	}
	w.raw(`<span class="big-num">`, num, "</span>\n", `<span class="big-label">`)
	w.text(label)
	w.raw("</span>\n")
	r.bar(w, s)
	w.raw("\n")
	r.verdict(w, s)
}

// cssPercent writes a share as a CSS percentage, clamped to 0% to 100%.
func cssPercent(share float64) string {
	return strconv.FormatFloat(100*min(1, max(0, share)), 'f', 1, 64) + "%"
}

// link writes a link to page (a site-relative path) with text as its words.
func link(w *htmlWriter, root, page, text string) {
	w.raw(`<a href="`, root, page, `">`)
	w.text(text)
	w.raw("</a>")
}

// objectivePage writes the body of an objective's page: its header and
// score, alignment, commentary and key results.
func (r *renderer) objectivePage(w *htmlWriter, root string, d *objectiveData) {
	l := r.lang
	o := d.Objective
	w.Grow(4096 + 4096*len(d.KeyResults))
	w.raw(`<header class="page-head">`, "\n", `<p class="eyebrow">`)
	link(w, root, url(o.Team), o.Team.Name)
	w.raw(" · ")
	link(w, root, url(o.Period), o.Period.Name)
	w.raw("</p>\n", `<h1 class="page-title">`)
	w.text(o.Title)
	w.raw("</h1>\n")
	if o.Description != "" {
		w.raw(`<p class="lead">`)
		w.text(o.Description)
		w.raw("</p>\n")
	}
	w.raw(`<p class="facts">`)
	r.kindBadge(w, o)
	if o.Owner != "" {
		w.raw(" <span>")
		w.text(l.T("score.owner") + ": " + o.Owner)
		w.raw("</span>")
	}
	if o.Weight != 1 {
		w.raw(" <span>")
		w.text(l.T("score.weight") + ": " + l.Num(o.Weight))
		w.raw("</span>")
	}
	r.metBadge(w, d.ObjectiveScore, " · "+l.T("grade."+o.Commitment.String()))
	w.raw("</p>\n</header>\n\n", `<section class="glance" aria-label="`)
	w.text(l.T("score.progress"))
	w.raw(`">`, "\n", `<div class="big-score">`, "\n")
	r.bigScore(w, d.Score)
	w.raw("\n</div>\n</section>\n\n")
	r.alignmentSection(w, root, d)
	if o.Note != nil {
		w.raw("\n\n", `<section aria-labelledby="commentary">`, "\n", `<h2 id="commentary">`)
		w.text(l.T("period.commentary"))
		w.raw("</h2>\n")
		r.note(w, o.Note)
		w.raw("\n</section>")
	}
	w.raw("\n\n<h2>")
	w.text(l.T("obj.keyresults"))
	w.raw("</h2>\n")
	for _, v := range d.KeyResults {
		r.keyResultSection(w, root, v)
		w.raw("\n")
	}
}

// note writes commentary with its author and date.
func (r *renderer) note(w *htmlWriter, n *okrsite.Note) {
	w.raw(`<div class="note">`, "\n")
	if n.Author != "" || n.HasDate {
		w.raw(`<p class="note-meta">`)
		w.text(n.Author)
		if n.Author != "" && n.HasDate {
			w.raw(" · ")
		}
		if n.HasDate {
			w.raw(r.lang.Date(n.Date))
		}
		w.raw("</p>\n")
	}
	w.raw(string(r.notes[n]), "</div>")
}

// alignmentSection writes what an objective aligns to and what aligns to
// it.
func (r *renderer) alignmentSection(w *htmlWriter, root string, d *objectiveData) {
	l := r.lang
	w.raw(`<section class="alignment" aria-labelledby="alignment">`, "\n", `<h2 id="alignment">`)
	w.text(l.T("period.alignment"))
	w.raw("</h2>\n", `<dl class="pairs">`, "\n<dt>")
	w.text(l.T("align.parent"))
	w.raw("</dt>\n<dd>")
	if p := d.Parent; p != nil {
		link(w, root, url(p.Objective), p.Objective.Title)
		w.raw(` <span class="muted">· `)
		w.text(p.Objective.Team.Name)
		if p.Objective.Period != d.Objective.Period {
			w.raw(" · ")
			w.text(p.Objective.Period.Name)
		}
		w.raw("</span>")
	} else {
		w.text(l.T("align.none"))
	}
	w.raw("</dd>\n")
	if len(d.Children) > 0 {
		w.raw("<dt>")
		w.text(l.T("align.children"))
		w.raw("</dt>\n", `<dd><ul class="plain">`)
		for _, c := range d.Children {
			w.raw("<li>")
			link(w, root, url(c.Objective), c.Objective.Title)
			w.raw(` <span class="muted">· `)
			w.text(c.Objective.Team.Name)
			w.raw("</span> ")
			r.verdict(w, c.Score)
			w.raw("</li>")
		}
		w.raw("</ul></dd>\n")
	}
	w.raw("</dl>\n</section>")
}

// keyResultSection writes one key result on its objective's page: its
// score, facts, chart, and check-ins or milestones. root is the relative
// path from the page to the site's root.
func (r *renderer) keyResultSection(w *htmlWriter, root string, v krView) {
	l := r.lang
	s := v.KeyResultScore
	kr := s.KeyResult
	id := "kr-" + kr.ID
	w.raw(`<section class="kr-section" id="`, id, `" aria-labelledby="`, id, `-title">`, "\n", `<h3 id="`, id, `-title">`)
	w.text(kr.Title)
	w.raw("</h3>\n")
	if kr.IsMilestone() {
		w.raw(`<p class="facts">`)
		w.text(l.Tf("score.milestones", s.Done, len(kr.Milestones)))
		w.raw("</p>\n")
	}
	r.score(w, s.Score)
	w.raw("\n", `<dl class="pairs kr-facts">`)
	fact := func(label, value string) {
		w.raw("\n<dt>")
		w.text(l.T(label))
		w.raw("</dt><dd>")
		w.text(value)
		w.raw("</dd>")
	}
	if kr.Owner != "" {
		fact("score.owner", kr.Owner)
	}
	if !kr.IsMilestone() {
		fact("score.current", l.Value(s.Current, kr.Unit))
		target := l.Value(kr.Target, kr.Unit)
		if kr.Direction == okrsite.StayAbove || kr.Direction == okrsite.StayBelow {
			target += " (" + l.T("dir."+kr.Direction.String()) + ")"
		}
		fact("score.target", target)
		fact("score.start", l.Value(kr.Start, kr.Unit))
	}
	if s.HasProjection {
		fact("score.forecast", l.Tf("score.will", l.Value(s.ProjectedValue, kr.Unit))+" ("+l.Grade(s.ProjectedGrade)+")")
	}
	if s.Confidence != okrsite.NoConfidence {
		fact("score.confidence", l.Pct(s.Confidence))
	}
	if kr.Weight != 1 {
		fact("score.weight", l.Num(kr.Weight))
	}
	if kr.KPI != nil {
		w.raw("\n<dt>")
		w.text(l.T("nav.kpis"))
		w.raw("</dt><dd>")
		link(w, root, url(kr.KPI), l.Tf("obj.kpi", kr.KPI.Name))
		w.raw("</dd>")
	}
	w.raw("\n</dl>\n")
	chartFigure(w, v.Chart)
	w.raw("\n")
	switch {
	case kr.IsMilestone():
		w.raw(`<ul class="milestones">`)
		for _, m := range kr.Milestones {
			state := "obj.notdone"
			if m.Done {
				state = "obj.done"
				w.raw(`<li class="done">`)
			} else {
				w.raw("<li>")
			}
			w.raw(`<span class="ms-state">`)
			w.text(l.T(state))
			w.raw("</span> ")
			w.text(m.Title)
			if m.HasDate {
				w.raw(` <span class="muted">`, l.Date(m.DoneOn), "</span>")
			}
			w.raw("</li>")
		}
		w.raw("</ul>\n")
	case len(s.Checkins) > 0:
		open := ""
		if len(s.Checkins) <= 6 {
			open = " open"
		}
		w.raw(`<details class="checkins"`, open, "><summary>")
		w.text(l.T("obj.checkins"))
		w.raw(" (", strconv.Itoa(len(s.Checkins)), ")</summary>\n", `<div class="table-wrap"><table class="list checkin-table">`, "\n<thead><tr>", `<th scope="col">`)
		w.text(l.T("obj.date"))
		w.raw(`</th><th scope="col">`)
		w.text(l.T("obj.value"))
		w.raw(`</th><th scope="col">`)
		w.text(l.T("score.confidence"))
		w.raw(`</th><th scope="col">`)
		w.text(l.T("obj.note"))
		w.raw("</th></tr></thead>\n<tbody>\n")
		for _, c := range s.Checkins {
			w.raw("<tr><td>", l.Date(c.Date), "</td><td>")
			w.text(l.Value(c.Value, kr.Unit))
			w.raw("</td><td>")
			if c.Confidence != okrsite.NoConfidence {
				w.raw(l.Pct(c.Confidence))
			}
			w.raw("</td><td>")
			w.text(c.Note)
			w.raw("</td></tr>\n")
		}
		w.raw("</tbody>\n</table></div>\n</details>\n")
	default:
		w.raw(`<p class="empty">`)
		w.text(l.T("obj.nocheckins"))
		w.raw("</p>\n")
	}
	w.raw("</section>")
}

// kindBadge writes whether an objective is committed or aspirational.
func (r *renderer) kindBadge(w *htmlWriter, o *okrsite.Objective) {
	kind := o.Commitment.String()
	w.raw(`<span class="kind k-`, kind, `">`)
	w.text(r.lang.T("kind." + kind))
	w.raw("</span>")
}

// metBadge writes, once an objective's period has ended, whether it met
// its kind's bar, followed by more.
func (r *renderer) metBadge(w *htmlWriter, os *okrsite.ObjectiveScore, more string) {
	if !os.Final {
		return
	}
	met := "grade.missed"
	if os.Met() {
		met = "grade.met"
	}
	w.raw(` <span class="met">`)
	w.text(r.lang.T(met) + more)
	w.raw("</span>")
}

// objectiveCard writes an objective with its key results, as a report
// lists them. root is the relative path from the page to the site's root.
func (r *renderer) objectiveCard(w *htmlWriter, root string, os *okrsite.ObjectiveScore) {
	l := r.lang
	o := os.Objective
	w.raw(`<article class="obj">`, "\n", `<header class="obj-head">`, "\n", `<h4 class="obj-title">`)
	link(w, root, url(o), o.Title)
	w.raw("</h4>\n")
	r.kindBadge(w, os.Objective)
	r.metBadge(w, os, "")
	w.raw("\n</header>\n")
	r.score(w, os.Score)
	w.raw("\n", `<ul class="krs">`, "\n")
	for _, krs := range os.KeyResults {
		kr := krs.KeyResult
		w.raw(`<li class="kr"><a class="kr-title" href="`, root, url(kr), `">`)
		w.text(kr.Title)
		w.raw(`</a><span class="kr-value">`)
		if kr.IsMilestone() {
			w.raw(l.Pct(krs.Progress))
		} else {
			w.text(l.Value(krs.Current, kr.Unit) + " → " + l.Value(kr.Target, kr.Unit))
		}
		w.raw("</span>")
		r.bar(w, krs.Score)
		w.raw(`<span class="kr-verdict">`)
		r.verdict(w, krs.Score)
		w.raw("</span></li>\n")
	}
	w.raw("</ul>\n</article>")
}

// chartFigure writes a chart: the element it draws in, its own options, and
// its text alternative.
func chartFigure(w *htmlWriter, c chart) {
	w.raw(`<figure class="chart chart-`, c.Kind, `">`, "\n",
		`<div class="chart-canvas" id="`, c.ID, `" data-chart="`, c.ID, `-data" data-kind="`, c.Kind, `" role="img" aria-labelledby="`, c.ID, `-alt"`)
	if c.Height > 0 {
		w.raw(` style="height:`, strconv.Itoa(c.Height), `px"`)
	}
	// c.JSON is written as json.Marshal writes it: <, > and & are
	// escaped, so it cannot close the script element.
	w.raw("></div>\n", `<script type="application/json" id="`, c.ID, `-data">`, string(c.JSON), "</script>\n", `<figcaption class="chart-alt" id="`, c.ID, `-alt">`)
	w.text(c.Alt)
	w.raw("</figcaption>\n</figure>")
}

// alignTree writes the nodes of a period's alignment tree, each objective
// with those that align to it nested below, one list item per line.
func (r *renderer) alignTree(w *htmlWriter, root string, nodes []alignNode) {
	l := r.lang
	for _, n := range nodes {
		o := n.Objective
		w.raw("<li>\n", `<div class="node">`, "\n", `<span class="node-team">`)
		w.text(o.Team.Name)
		w.raw("</span>\n")
		link(w, root, url(o), o.Title)
		w.raw("\n")
		if p := o.Parent; p != nil && p.Period != o.Period {
			w.raw(`<span class="muted">(`)
			w.text(l.T("align.parent"))
			w.raw(" ")
			link(w, root, url(p), p.Title)
			w.raw(", ")
			w.text(p.Period.Name)
			w.raw(")</span>")
		}
		w.raw("\n", `<span class="node-score">`, l.Pct(n.Progress), " ")
		r.verdict(w, n.Score)
		w.raw("</span>\n</div>\n")
		if len(n.Children) > 0 {
			w.raw("<ul>\n")
			r.alignTree(w, root, n.Children)
			w.raw("</ul>")
		}
		w.raw("\n</li>\n")
	}
}

// crumbList writes a page's breadcrumb trail, from the overview down.
func crumbList(w *htmlWriter, root string, cs []crumb) {
	w.raw("<ol>")
	for _, c := range cs {
		w.raw("<li>")
		link(w, root, c.URL, c.Title)
		w.raw("</li>")
	}
	w.raw("</ol>")
}
