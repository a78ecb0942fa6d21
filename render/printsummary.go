package render

import (
	"math"

	"github.com/okrsite/okrsite"
)

// The executive summary of a print edition fits one page whatever the
// site's size. Every line of it is one row of a fixed height (print.css
// cuts a longer title short with an ellipsis), so its height follows from
// how many rows it has: summaryOf picks the largest type at which the
// headline, the distribution, the teams, the KPIs and at least a few key
// results that need attention fit a Letter page (the shorter of the two
// papers), laying long lists in columns, and lists as many key results as
// still fit, with "and K more".

// summary is the executive summary of a print edition.
type summary struct {
	Headline  string
	Counts    tally
	Teams     [][]*okrsite.TeamPeriodScore // the table's columns; none in a team's edition
	Attention []*okrsite.KeyResultScore    // the worst first, as many as fit
	More      int                          // how many more need attention
	KPIs      [][]*okrsite.KPIScore        // the table's columns
	Density   int                          // 0, 1 or 2: print.css's type size and row height, largest first
}

// The summary's measures, in millimetres, as print.css sets them.
const (
	summaryPage   = 230 // the height it may fill: a Letter page within print.css's margins is 245
	summaryFixed  = 42  // its heading (12), the headline (12), the distribution (8) and room for error
	summaryHead   = 7   // the heading of each of its tables
	columnRows    = 12  // a list longer than this is laid in columns
	teamColumns   = 3   // at most, for the teams: a team's line is short
	kpiColumns    = 1   // a KPI's line (name, value, health, trend, focus) fills the width
	minAttention  = 3   // key results listed at the least, when as many need attention
	mostAttention = 10  // key results listed at the most
)

// summaryRows are the summary's row heights at each density; the type
// shrinks with them, from 9pt to 7pt.
var summaryRows = [...]float64{5, 4.2, 3.6}

func (r *renderer) summaryOf(d *printData, teams []*okrsite.TeamPeriodScore, objectives []*okrsite.ObjectiveScore) summary {
	s := summary{Headline: r.headline(d.Score, d.Period, objectives), Counts: tallyOf(d.Final, objectives)}
	attention := okrsite.Attention(objectives)
	var shownTeams []*okrsite.TeamPeriodScore
	if d.Team == nil {
		shownTeams = teams
	}
	for s.Density = range summaryRows {
		row := summaryRows[s.Density]
		s.Teams = columns(shownTeams, teamColumns)
		s.KPIs = columns(d.KPIs.KPIs, kpiColumns)
		left := summaryPage - summaryFixed - tableHeight(len(s.Teams), len(shownTeams), row) - tableHeight(len(s.KPIs), len(d.KPIs.KPIs), row)
		// The attention table's heading, its header and its "and K more".
		fit := max(0, int(math.Floor((left-summaryHead)/row))-2)
		if fit >= min(minAttention, len(attention)) || s.Density == len(summaryRows)-1 {
			n := min(fit, mostAttention, len(attention))
			s.Attention, s.More = attention[:n], len(attention)-n
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

// tableHeight is the height of a summary table of n rows in cols columns:
// its heading, its header row and its longest column.
func tableHeight(cols, n int, row float64) float64 {
	if n == 0 {
		return 0
	}
	return summaryHead + row*float64(1+(n+cols-1)/cols)
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
