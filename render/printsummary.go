package render

import (
	"unicode/utf8"

	"github.com/okrsite/okrsite"
)

// The executive summary of a print edition fits one page whatever the
// site's size. Its rows are of a fixed height, one line or two (print.css
// wraps a long title onto a second line and cuts it short with an
// ellipsis only after that; the full title is in the report's body), so
// its height follows from its rows: summaryOf picks the largest type at
// which the headline, the distribution, the teams, the KPIs and at least
// a few key results that need attention fit a Letter page, laying long
// lists in columns, and lists as many key results as still fit, with
// "and K more". A4 is taller: the rows that fit only there are marked for
// A4, and print.css shows them when the page is as tall as A4.

// summary is the executive summary of a print edition.
type summary struct {
	Headline  string
	Counts    tally
	Teams     [][]*okrsite.TeamPeriodScore // the table's columns; none in a team's edition
	Attention []*okrsite.KeyResultScore    // the worst first (finished: okrsite.FellShort), as many as fit on A4
	Letter    int                          // how many of them fit on Letter
	More      int                          // how many more need attention, on Letter
	MoreA4    int                          // and on A4
	KPIs      [][]*okrsite.KPIScore        // the table's columns
	Density   int                          // 0, 1 or 2: print.css's type size and row height, largest first
}

// The summary's measures, in millimetres, as print.css sets them.
const (
	summaryLetter = 230 // the height it may fill on Letter: 245 within print.css's margins, less room for error
	summaryA4     = 248 // and on A4: 263 within the margins
	summaryWidth  = 180 // the width of A4 within the margins (Letter is 6 mm wider)
	summaryFixed  = 42  // its heading (12), the headline (12), the distribution (8) and room for error
	summaryHead   = 7   // the heading of each of its tables
	summaryGap    = 6   // between columns
	cellPadding   = 2.2 // a cell's padding, left and right
	columnRows    = 12  // a list longer than this is laid in columns
	teamColumns   = 3   // at most, for the teams: a team's line is short
	kpiColumns    = 1   // a KPI's line (name, value, health, trend, focus) fills the width
	minAttention  = 3   // key results listed at the least, when as many need attention
	mostAttention = 15  // key results listed at the most
)

// The widths of the summary's fixed columns, in ems of its type (print.css's
// .w-team, .w-num, .w-value, .w-badge and .w-trend, .w-health as wide as
// a badge and a KPI's flag (wFlag) together, and the teams' narrower
// .w-num-s, where "Progress" may be cut: their names need the room).
const (
	wTeam, wNum, wValue, wBadge, wTrend, wFlag = 10, 6.2, 7.5, 12.5, 6.5, 7.5
	wNumTeams                                  = 4.5
)

// summaryType is the summary's type size at each density, in points, and
// summaryRows its height of a row of one line, in millimetres; a row of
// two lines is two lines of type (line-height 1.1) high.
var (
	summaryType = [...]float64{9, 8, 7}
	summaryRows = [...]float64{5, 4.2, 3.6}
)

// charWidth is the widest a title's average character is likely to be, as
// a share of the type size: generous, so that a title counted as one line
// never takes two.
const charWidth = 0.6

// rowHeight is the height of a summary row at density d whose cells hold
// texts in columns of the given widths (millimetres): one line, or two
// where a text is wider than its column.
func rowHeight(d int, texts []string, widths []float64) float64 {
	size := summaryType[d] * 25.4 / 72 // mm
	for i, t := range texts {
		if float64(utf8.RuneCountInString(t))*size*charWidth > widths[i]-cellPadding {
			return max(summaryRows[d], 2*1.1*size+0.4)
		}
	}
	return summaryRows[d]
}

// summaryOf lays out the summary of the edition d: its headline, the
// counts of dist (the roll-up's distribution), the teams, the key results
// of objectives that need attention and the KPIs, at the largest density
// that fits.
func (r *renderer) summaryOf(d *printData, dist okrsite.Distribution, teams []*okrsite.TeamPeriodScore, objectives []*okrsite.ObjectiveScore) summary {
	s := summary{Headline: r.headline(d.Score, d.Period, objectives), Counts: tallyOf(d.Final, dist)}
	attention := okrsite.Attention(objectives)
	if d.Final {
		attention = okrsite.FellShort(objectives)
	}
	var shownTeams []*okrsite.TeamPeriodScore
	if d.Team == nil {
		shownTeams = teams
	}
	for s.Density = range summaryRows {
		den := s.Density
		s.Teams = columns(shownTeams, teamColumns)
		s.KPIs = columns(d.KPIs.KPIs, kpiColumns)
		em := summaryType[den] * 25.4 / 72 // mm
		teamWidth := (summaryWidth-summaryGap*float64(len(s.Teams)-1))/float64(max(1, len(s.Teams))) - (wNumTeams+wBadge)*em
		used := summaryFixed + tableHeight(den, s.Teams, func(tp *okrsite.TeamPeriodScore) float64 {
			return rowHeight(den, []string{tp.Team.Name}, []float64{teamWidth})
		}) + tableHeight(den, s.KPIs, func(k *okrsite.KPIScore) float64 {
			return rowHeight(den, []string{k.KPI.Name}, []float64{summaryWidth - (wValue+wBadge+wTrend+wFlag)*em})
		})
		// The attention table's heading, its header and its "and K more".
		attentionWidth := []float64{summaryWidth - (wTeam+wNum+wBadge)*em, wTeam * em}
		fit := func(page float64) int {
			left := page - used - summaryHead - 2*summaryRows[den]
			n := 0
			for _, kr := range attention[:min(mostAttention, len(attention))] {
				if left -= rowHeight(den, []string{kr.KeyResult.Title, kr.KeyResult.Objective.Team.Name}, attentionWidth); left < 0 {
					break
				}
				n++
			}
			return n
		}
		s.Letter = fit(summaryLetter)
		if s.Letter >= min(minAttention, len(attention)) || den == len(summaryRows)-1 {
			s.Attention = attention[:fit(summaryA4)]
			s.More, s.MoreA4 = len(attention)-s.Letter, len(attention)-len(s.Attention)
			break
		}
	}
	return s
}

// columns lays a list in as few columns as keep each at most columnRows
// long, up to most.
func columns[T any](list []T, most int) [][]T {
	if len(list) == 0 {
		return nil
	}
	n := min(most, (len(list)+columnRows-1)/columnRows)
	per := (len(list) + n - 1) / n
	var out [][]T
	for len(list) > per {
		out = append(out, list[:per])
		list = list[per:]
	}
	return append(out, list)
}

// tableHeight is the height of a summary table at density d laid in cols
// columns, whose rows are height high: its heading, its header row and
// its tallest column.
func tableHeight[T any](d int, cols [][]T, height func(T) float64) float64 {
	if len(cols) == 0 {
		return 0
	}
	tallest := 0.0
	for _, col := range cols {
		h := 0.0
		for _, x := range col {
			h += height(x)
		}
		tallest = max(tallest, h)
	}
	return summaryHead + summaryRows[d] + tallest
}

// headline is the summary's first sentence: where the period p stands,
// given its score (or a team's in it) and the objectives under that
// score. Pages use it as their meta description too.
func (r *renderer) headline(s okrsite.Score, p *okrsite.Period, objectives []*okrsite.ObjectiveScore) string {
	l := r.lang
	switch periodState(p, r.card.AsOf) {
	case "upcoming":
		return l.Tf("print.headline.upcoming", l.Date(p.Start))
	case "finished":
		met := 0
		for _, os := range objectives {
			if os.Met() {
				met++
			}
		}
		return l.Tf("print.headline.finished", l.Grade(s.Grade), met, len(objectives))
	}
	attention, total := 0, 0
	for _, os := range objectives {
		attention += os.Distribution.NeedsAttention()
		total += os.Distribution.Total
	}
	return l.Tf("print.headline.running", l.Pct(s.Progress), l.Pct(s.Expected), l.T("status."+s.Status.String()), attention, total)
}
