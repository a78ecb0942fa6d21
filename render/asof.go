package render

import "github.com/okrsite/okrsite"

// kpiHealth is the KPI health a period's pages show, web and print alike:
// as the KPIs stood on the period's last day once it has ended (so a
// finished period never shows the focus of later ones), else as of the
// report date. AsOf is the day shown.
type kpiHealth struct {
	*okrsite.KPIView
	Final bool // as of the period's last day, not the report date
}

// kpiHealthFor returns the KPI health period p's pages show.
func (r *renderer) kpiHealthFor(p *okrsite.Period) kpiHealth {
	return kpiHealth{r.card.KPIsFor(p), p.Finished(r.card.AsOf)}
}

// ownedBy returns the health of team's KPIs alone.
func (h kpiHealth) ownedBy(team *okrsite.Team) kpiHealth {
	v := &okrsite.KPIView{AsOf: h.AsOf}
	keep := func(in []*okrsite.KPIScore) []*okrsite.KPIScore {
		var out []*okrsite.KPIScore
		for _, ks := range in {
			if ks.KPI.Team == team {
				out = append(out, ks)
			}
		}
		return out
	}
	v.KPIs, v.InFocus, v.Unattended = keep(h.KPIs), keep(h.InFocus), keep(h.Unattended)
	return kpiHealth{v, h.Final}
}

// periodReview is what a period's report shows of the period as a whole
// beside its teams: the retrospective once it has ended, and the KPI
// health of its time.
type periodReview struct {
	Retro *retro // nil until the period has ended; lists cut to maxWebRetro
	KPIs  kpiHealth
}

// periodReviewOf returns the review of period ps for its report page.
func (r *renderer) periodReviewOf(ps *okrsite.PeriodScore) periodReview {
	rv := periodReview{KPIs: r.kpiHealthFor(ps.Period)}
	if ps.Final {
		rv.Retro = r.webRetroOf(ps)
	}
	return rv
}
