package render

import (
	"encoding/csv"
	"html"
	"html/template"
	"math"
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

// gradeBadge writes a final score's grade in its band's colour.
func (r *renderer) gradeBadge(s *okrsite.Score) template.HTML {
	return template.HTML(`<span class="grade g-` + s.Band + `">` + r.lang.Grade(s.Grade) + "</span>")
}

// verdict writes the status while a period runs, and the grade once it
// has ended. The projection is not part of it: bigscore and a key result's
// facts write it, in words.
func (r *renderer) verdict(s *okrsite.Score) template.HTML {
	if s.Final {
		return template.HTML(`<span class="verdict">` + html.EscapeString(r.lang.T("score.grade")) + " " + string(r.gradeBadge(s)) + "</span>")
	}
	return r.badge(s.Status)
}

// progress writes a score's progress as a percentage while its period
// runs, and nothing once the period has ended: then the grade is the
// verdict, and a percentage beside it would read as a second one.
func (r *renderer) progress(s *okrsite.Score) string {
	if s.Final {
		return ""
	}
	return r.lang.Pct(s.Progress)
}

// distOrder is the order in which a distribution shows the statuses: the
// healthy first, then those that need attention, then done.
var distOrder = [...]okrsite.Status{okrsite.OnTrack, okrsite.AtRisk, okrsite.OffTrack, okrsite.NoRecentUpdate, okrsite.Done, okrsite.NotStarted}

// dist writes a roll-up's distribution: a bar of its key results stacked
// by status, and the count of each status beside its shape and word. Every
// status but "not started" is listed, with 0 where none has it. Once the
// period has ended, the grade is the verdict, so it stacks them by grade
// band instead, each band with its shape, word and count.
func (r *renderer) dist(s *okrsite.Score, d okrsite.Distribution) template.HTML {
	l := r.lang
	var bar, counts, label strings.Builder
	// add writes a status or band: kind is "status" or "grade", colour
	// its colour's class, attr the attribute that names it.
	add := func(kind, colour, attr, name, word string, n int) {
		word, count, raw := html.EscapeString(word), l.Count(n), strconv.Itoa(n)
		if n > 0 {
			bar.WriteString(`<span class="seg ` + colour + `" style="width:` + cssPercent(float64(n)/float64(d.Total)) + `"></span>`)
			if label.Len() > 0 {
				label.WriteString(", ")
			}
			label.WriteString(count + " " + word)
		}
		counts.WriteString(`<li class="` + kind + " " + colour + `" ` + attr + `="` + name + `" data-count="` + raw + `"><strong>` + count + "</strong> " + word + "</li>")
	}
	if s.Final {
		for _, b := range gradeBands {
			add("grade", "g-"+b.Colour, "data-band", b.Colour, l.T("grade."+b.Colour), d.Graded(b.Colour))
		}
	} else {
		for _, st := range distOrder {
			if n := d.Count(st); n > 0 || st != okrsite.NotStarted {
				add("status", "s-"+st.String(), "data-status", st.String(), l.T("status."+st.String()), n)
			}
		}
	}
	aria := html.EscapeString(l.Tf("dist.label", d.Total, label.String()))
	return template.HTML(`<div class="dist" data-total="` + strconv.Itoa(d.Total) + `"><div class="dist-bar" role="img" aria-label="` + aria + `">` +
		bar.String() + `</div><ul class="dist-counts">` + counts.String() + "</ul></div>")
}

// distTitle returns the catalogue key of the heading of a roll-up's
// distribution: by status while the period runs, by grade once it has
// ended.
func (r *renderer) distTitle(s *okrsite.Score) string {
	if s.Final {
		return "period.grades"
	}
	return "period.counts"
}

// why writes, in one line, why a key result or roll-up has its status: the
// rule that decided with its facts, and for a key result of a running
// period its last check-in. Once the period has ended no pace rule is the
// verdict: it says how much was done and how far short of 100%, or that
// the target was reached, or how many check-ins held.
func (r *renderer) why(s *okrsite.Score) string {
	l, w := r.lang, s.Why
	keyResult := w.Cadence > 0 // only a key result's facts have a cadence
	pace := func() string {
		switch {
		case s.Final && w.Behind > 0:
			return l.Tf("why.final.short", l.Pct(w.Progress), w.Behind, l.Pct(1))
		case s.Final:
			return l.Tf("why.final", l.Pct(w.Progress))
		}
		switch {
		case w.Behind == 1:
			return l.Tf("why.pace.behind1", l.Pct(w.Progress), l.Pct(w.Expected))
		case w.Behind == -1:
			return l.Tf("why.pace.ahead1", l.Pct(w.Progress), l.Pct(w.Expected))
		case w.Behind > 0:
			return l.Tf("why.pace.behind", l.Pct(w.Progress), l.Pct(w.Expected), w.Behind)
		case w.Behind < 0:
			return l.Tf("why.pace.ahead", l.Pct(w.Progress), l.Pct(w.Expected), -w.Behind)
		}
		return l.Tf("why.pace.even", l.Pct(w.Progress), l.Pct(w.Expected))
	}
	if s.Final && w.Rule != okrsite.RuleDone && w.Rule != okrsite.RuleHeld {
		return pace()
	}
	var line string
	switch w.Rule {
	case okrsite.RuleNotStarted:
		return l.T("why.notstarted")
	case okrsite.RuleDone:
		if !keyResult {
			return l.T("why.done.all")
		}
		line = l.T("why.done")
	case okrsite.RuleStale:
		if !w.HasUpdate {
			return l.Tf("why.stale.never", r.days(w.Age))
		}
		return l.Tf("why.stale", r.days(w.Age), int(w.Cadence))
	case okrsite.RuleHeld:
		line = l.Tf("why.held", w.Held, w.Checks)
	case okrsite.RuleHoldFailed:
		line = l.Tf("why.holdfailed", w.Held, w.Checks)
	case okrsite.RuleConfidence:
		line = l.Tf("why.confidence", pace(), l.Pct(w.Confidence))
	case okrsite.RuleStaleShare:
		return l.Tf("why.staleshare", l.Pct(w.Share), l.Pct(w.Limit))
	case okrsite.RuleCommitted:
		word := strings.ToLower(l.T("status." + r.card.KeyResult(w.KeyResult).Status.String()))
		return l.Tf("why.committed", w.KeyResult.Title, word) + "; " + pace()
	case okrsite.RuleFailing:
		return l.Tf("why.failing", l.Pct(w.Share), l.Pct(w.Limit)) + "; " + pace()
	case okrsite.RuleAttention:
		return l.Tf("why.attention", l.Pct(w.Share), l.Pct(w.Limit)) + "; " + pace()
	default:
		line = pace()
	}
	if keyResult && !s.Final && w.HasUpdate {
		line += "; " + l.Tf("why.last", r.ago(w.Age))
	}
	return line
}

// days writes a span of days: "1 day", "5 days", from two weeks on "3
// weeks".
func (r *renderer) days(n int) string {
	switch {
	case n == 1:
		return r.lang.T("why.day")
	case n >= 14:
		return r.lang.Tf("why.weeks", n/7)
	}
	return r.lang.Tf("why.days", n)
}

// ago writes how long ago something was, in days: "today", "5 days ago".
func (r *renderer) ago(n int) string {
	if n == 0 {
		return r.lang.T("why.today")
	}
	return r.lang.Tf("why.ago", r.days(n))
}

// projection writes a score's projection in words while its period runs:
// a key result's projected value on the period's last day with its grade,
// or a roll-up's projected progress with its grade; "" without one.
func (r *renderer) projection(s *okrsite.KeyResultScore) string {
	if !s.HasProjection {
		return ""
	}
	l := r.lang
	return l.Tf("proj.kr", r.krValue(s, estimate(s.ProjectedValue)), l.Date(s.KeyResult.Objective.Period.End), l.Grade(s.ProjectedGrade))
}

// estimate rounds a projected value to three significant figures: a
// straight line drawn through a few check-ins says "13,700 sign-ups", not
// 13,694. krValue then writes it in the key result's precision, which may
// be coarser.
func estimate(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	return okrsite.Round(v, 2-int(math.Floor(math.Log10(math.Abs(v)))))
}

// rollUpProjection writes a roll-up's projected progress and grade while
// its period runs; "" without a projection.
func (r *renderer) rollUpProjection(s *okrsite.Score) string {
	if !s.HasProjection || s.Final {
		return ""
	}
	return r.lang.Tf("proj.rollup", r.lang.Pct(s.Projected), r.lang.Grade(s.ProjectedGrade))
}

// disagreement says in words where the owner's confidence and the
// projection tell different stories; "" where they agree.
func (r *renderer) disagreement(s *okrsite.KeyResultScore) string {
	switch s.Disagreement {
	case okrsite.OwnerMoreConfident:
		return r.lang.Tf("proj.more", r.lang.Pct(s.Confidence), r.lang.Grade(s.ProjectedGrade))
	case okrsite.OwnerLessConfident:
		return r.lang.Tf("proj.less", r.lang.Pct(s.Confidence))
	}
	return ""
}

// krValue writes a value of a key result with its unit, in its precision
// (okrsite's Decimals) and the plural its unit takes.
func (r *renderer) krValue(s *okrsite.KeyResultScore, v float64) string {
	return r.lang.f.Value(v, s.Decimals, s.KeyResult.Units())
}

// kpiValue writes a value of a KPI with its unit, in its precision.
func (r *renderer) kpiValue(s *okrsite.KPIScore, v float64) string {
	return r.lang.f.Value(v, s.Decimals, s.KPI.Units())
}

// kpiChange writes a KPI's change over its trend's span, with its sign
// and unit, in its precision. A change of a percentage is in percentage
// points ("+0.6 points", "+0,6 procentenheter"), which cannot be taken for
// a change by a share of the value as "+0.6%" can.
func (r *renderer) kpiChange(s *okrsite.KPIScore) string {
	u := s.KPI.Units()
	if u == (okrsite.Unit{Other: "%"}) {
		u = okrsite.Unit{One: r.lang.T("kpi.point"), Other: r.lang.T("kpi.points")}
	}
	return r.lang.f.Signed(s.Change, s.Decimals, u)
}

// krTarget writes what a key result aims at: "target 80 users", or for a
// value to hold "at least 99.9%".
func (r *renderer) krTarget(s *okrsite.KeyResultScore) string {
	kr := s.KeyResult
	key := "kr.target"
	switch kr.Direction {
	case okrsite.StayAbove:
		key = "kr.atleast"
	case okrsite.StayBelow:
		key = "kr.atmost"
	}
	return r.lang.Tf(key, r.krValue(s, kr.Target))
}

// krFigure writes a key result's figures for a list: its latest value and
// what it aims at ("57 users · target 80 users"), how many check-ins held a
// value to hold, or how many milestones are done. It never uses an arrow.
func (r *renderer) krFigure(s *okrsite.KeyResultScore) template.HTML {
	l, kr := r.lang, s.KeyResult
	switch {
	case kr.IsMilestone():
		return template.HTML(html.EscapeString(l.Tf("score.milestones", s.Done, len(kr.Milestones))))
	case len(s.Checkins) == 0 && !kr.HasStart:
		return template.HTML(`<span class="kr-of">` + html.EscapeString(r.krTarget(s)) + "</span>")
	}
	return template.HTML(`<span class="kr-now">` + html.EscapeString(r.krValue(s, s.Current)) + `</span> <span class="kr-of">` + html.EscapeString(r.krTarget(s)) + "</span>")
}

// bar writes progress as a bar coloured by status, with a tick at the
// expected pace (but for a value to hold, whose progress is the share of
// check-ins that held). Once the period has ended it writes the grade
// instead, on a scale of 0 to 1.0, in its band's colour: the bar says what
// the verdict beside it says.
func (r *renderer) bar(s *okrsite.Score) template.HTML {
	l := r.lang
	class, share := "s-"+s.Status.String(), s.Progress
	label := l.Tf("score.bar", l.Pct(s.Progress), l.Pct(s.Expected))
	if s.Final {
		class, share = "g-"+s.Band, s.Grade
		label = l.Tf("score.bar.grade", l.Grade(s.Grade), l.Grade(1))
	}
	fill := `<div class="bar ` + class + `" role="img" aria-label="` + html.EscapeString(label) + `"><span class="fill" style="width:` + cssPercent(share) + `"></span>`
	if s.Final || s.Why.Due > 0 { // a value to hold has no pace: only a key result to hold has a Due
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
	shown := s.Checkins[len(s.Checkins)-min(len(s.Checkins), maxCheckinRows):]
	var b strings.Builder
	b.Grow(96 * len(shown))
	for _, c := range shown {
		for _, part := range [...]string{
			"<tr><td>", l.Date(c.Date), "</td><td>", html.EscapeString(r.krValue(s, c.Value)), "</td><td>",
			r.confidence(c.Confidence), "</td><td>", html.EscapeString(c.Note), "</td></tr>\n",
		} {
			b.WriteString(part)
		}
	}
	return template.HTML(b.String())
}

// maxCheckinRows is the most check-ins a key result's table shows: its
// latest. A key result with more has all of them in a CSV file beside its
// objective's page (see checkinsCut), so that a page stays a size a
// browser opens at once.
const maxCheckinRows = 200

// checkinCut says that a key result's check-in table shows only its latest
// check-ins, in words (Text), and where all of them are: Path within the
// site, File from the objective's page.
type checkinCut struct {
	Text, Path, File string
}

// checkinsCut returns the cut of a key result's check-in table, or nil
// when the table shows every check-in.
func (r *renderer) checkinsCut(s *okrsite.KeyResultScore) *checkinCut {
	if len(s.Checkins) <= maxCheckinRows {
		return nil
	}
	l := r.lang
	o := s.KeyResult.Objective
	file := o.ID + "/" + s.KeyResult.ID + ".csv"
	return &checkinCut{
		Text: l.Tf("obj.checkins.cut", l.Num(maxCheckinRows), l.Num(float64(len(s.Checkins)))),
		Path: "periods/" + o.Period.ID + "/objectives/" + file,
		File: file,
	}
}

// writeCheckinsCSV writes every check-in of a key result as CSV, in the
// columns of a KPI's CSV file: date, value, confidence, note. A note that
// a spreadsheet would take for a formula (=, +, -, @) starts with ' so it
// stays text.
func writeCheckinsCSV(buf *output, s *okrsite.KeyResultScore) error {
	w := csv.NewWriter(buf)
	w.Write([]string{"date", "value", "confidence", "note"})
	for _, c := range s.Checkins {
		confidence := ""
		if c.Confidence != okrsite.NoConfidence {
			confidence = strconv.FormatFloat(c.Confidence, 'f', -1, 64)
		}
		note := c.Note
		if note != "" && strings.ContainsRune("=+-@", rune(note[0])) {
			note = "'" + note
		}
		w.Write([]string{c.Date.String(), strconv.FormatFloat(c.Value, 'f', -1, 64), confidence, note})
	}
	w.Flush()
	return w.Error()
}

// gradeBand is a band of grades (okrsite.GradeBand), with the grades it
// holds for key results of committed and of aspirational objectives.
type gradeBand struct {
	Colour                  string
	Committed, Aspirational gradeRange
}

// gradeRange is the lowest and the highest grade of a band.
type gradeRange struct{ Low, Top float64 }

// gradeBands are the grade bands, best first: a committed objective's key
// result delivers only at 1.0.
var gradeBands = []gradeBand{
	{"green", gradeRange{1, 1}, gradeRange{0.7, 1}},
	{"yellow", gradeRange{0.4, 0.9}, gradeRange{0.4, 0.6}},
	{"red", gradeRange{0, 0.3}, gradeRange{0, 0.3}},
}

// bandRange writes the grades band b holds: one range when both kinds of
// objective share it, else each kind's.
func (r *renderer) bandRange(b gradeBand) string {
	l := r.lang
	text := func(g gradeRange) string {
		if g.Low == g.Top {
			return l.Grade(g.Low)
		}
		return l.Grade(g.Low) + "–" + l.Grade(g.Top)
	}
	if b.Committed == b.Aspirational {
		return text(b.Committed)
	}
	return l.Tf("grade.ranges", text(b.Committed), text(b.Aspirational))
}
