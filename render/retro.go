package render

import (
	"slices"

	"github.com/okrsite/okrsite"
)

// retro is the retrospective of a finished period, on its report and in
// its print edition: how the grades fell, what was missed and why, and
// what carries into later periods.
type retro struct {
	Bands []retroBand // best first: how many key results of each kind fell in each band
	// Objectives met their promise, of those committed and aspirational.
	Committed, CommittedMet, Aspirational, AspirationalMet int
	Missed                                                 []*okrsite.KeyResultScore // in okrsite.FellShort's order, each with its closing note if any
	Carried                                                []*okrsite.KeyResultScore // continued by key results of later periods, in okrsite.AttentionOrder
	Lifted                                                 []liftedKPI               // KPIs the period's key results lifted
	Next                                                   *okrsite.Period           // the next period of the kind, or nil

	// On a period's web report, which lists only the first maxWebRetro of
	// Missed and of Carried: how many there are in all, and the address,
	// from the report, of the print edition's whole retrospective. Zero
	// and "" where the lists are whole.
	MissedAll, CarriedAll int
	All                   string
}

// retroBand is a grade band with its key results, committed and
// aspirational apart.
type retroBand struct {
	Band                    *gradeBand
	Committed, Aspirational int
}

// liftedKPI is a KPI a period lifted into a key result, and whether the
// next period lifts it again.
type liftedKPI struct {
	KPI   *okrsite.KPI
	Again bool
}

// retroOf gathers the retrospective of finished period ps. It lists the
// missed key results in the order every list of those that fell short
// has (okrsite.FellShort: the lowest grade first), and the carried ones
// the furthest behind first, on the web report and in print alike.
func (r *renderer) retroOf(ps *okrsite.PeriodScore) *retro {
	rt := &retro{Missed: okrsite.FellShort(ps.Objectives)}
	for _, next := range r.card.Periods {
		if next.Previous == ps {
			rt.Next = next.Period
		}
	}
	for i := range gradeBands {
		rt.Bands = append(rt.Bands, retroBand{Band: &gradeBands[i]})
	}
	lifted := map[*okrsite.KPI]bool{}
	for _, os := range ps.Objectives {
		aspirational := os.Objective.Commitment == okrsite.Aspirational
		if aspirational {
			rt.Aspirational++
		} else {
			rt.Committed++
		}
		if os.Met() && aspirational {
			rt.AspirationalMet++
		} else if os.Met() {
			rt.CommittedMet++
		}
		for _, krs := range os.KeyResults {
			band := &rt.Bands[bandIndex(krs.Band)]
			if aspirational {
				band.Aspirational++
			} else {
				band.Committed++
			}
			if len(krs.KeyResult.ContinuedIn) > 0 {
				rt.Carried = append(rt.Carried, krs)
			}
			if k := krs.KeyResult.KPI; k != nil && !lifted[k] {
				lifted[k] = true
				rt.Lifted = append(rt.Lifted, liftedKPI{KPI: k, Again: rt.Next != nil && liftsKPI(rt.Next, k)})
			}
		}
	}
	slices.SortStableFunc(rt.Carried, okrsite.AttentionOrder)
	return rt
}

// maxWebRetro is how many missed and how many carried key results a
// period's web report lists at the most. The rest, which on a report of
// many teams would be thousands of elements, are in its print edition.
const maxWebRetro = 20

// webRetroOf returns the retrospective of finished period ps as its web
// report shows it: the first maxWebRetro of the missed and of the carried
// key results, in retroOf's order, and a link to the print edition's
// whole lists when there are more.
func (r *renderer) webRetroOf(ps *okrsite.PeriodScore) *retro {
	rt := r.retroOf(ps)
	top := func(krs []*okrsite.KeyResultScore, all *int) []*okrsite.KeyResultScore {
		if len(krs) <= maxWebRetro {
			return krs
		}
		*all = len(krs)
		rt.All = rootOf(url(ps)) + printURL(ps.Period, nil) + "#retrospective"
		return krs[:maxWebRetro]
	}
	rt.Missed = top(rt.Missed, &rt.MissedAll)
	rt.Carried = top(rt.Carried, &rt.CarriedAll)
	return rt
}

// bandIndex returns the index in gradeBands of band c.
func bandIndex(c string) int {
	for i, b := range gradeBands {
		if b.Colour == c {
			return i
		}
	}
	return len(gradeBands) - 1
}

// liftsKPI reports whether a key result of period p lifts KPI k.
func liftsKPI(p *okrsite.Period, k *okrsite.KPI) bool {
	for _, o := range p.Objectives {
		for _, kr := range o.KeyResults {
			if kr.KPI == k {
				return true
			}
		}
	}
	return false
}
