package okrsite

import (
	"math"
	"sort"
)

// Health is a KPI's state against its thresholds.
type Health int

// KPI health, from no data to critical.
const (
	NoData Health = iota
	Healthy
	Warning
	Critical
)

var healthNames = [...]string{"no-data", "healthy", "warning", "critical"}

// String returns a short machine name for h, such as "warning".
func (h Health) String() string { return healthNames[h] }

// Unhealthy reports whether h calls for attention.
func (h Health) Unhealthy() bool { return h == Warning || h == Critical }

var kpiDirectionNames = [...]string{"higher", "lower", "band"}

// String returns "higher", "lower" or "band".
func (d KPIDirection) String() string { return kpiDirectionNames[d] }

// Movement is which way a KPI's value went, whatever that means for it.
type Movement int

// Movements. Flat is a change too small to count (see KPIScore.Move).
const (
	NoMovement Movement = iota
	Up
	Flat
	Down
)

var movementNames = [...]string{"none", "up", "flat", "down"}

// String returns a short machine name for m, such as "up".
func (m Movement) String() string { return movementNames[m] }

// Trend judges a KPI's movement by its direction.
type Trend int

// Trends. Steady goes with a flat movement.
const (
	NoTrend Trend = iota
	Improving
	Steady
	Worsening
)

var trendNames = [...]string{"none", "improving", "steady", "worsening"}

// String returns a short machine name for t, such as "improving".
func (t Trend) String() string { return trendNames[t] }

// FlatShare is the share of a KPI's warning band (see KPI.WarningWidth) a
// change must reach not to be flat. relativeFlat stands in for a KPI whose
// thresholds give no width: a change within half a percent of the larger
// value is flat.
const (
	FlatShare    = 0.1
	relativeFlat = 0.005
)

// KPIScore is what the scoring says of a KPI at one date.
type KPIScore struct {
	KPI          *KPI
	Measurements []Measurement // up to the date
	Latest       Measurement   // valid when len(Measurements) > 0
	Health       Health
	Stale        bool         // not updated within its cadence
	Decimals     int          // the precision its values are shown with: KPI.Decimals
	Change       float64      // Latest minus the value at the trend's base date
	Move         Movement     // which way Change goes
	Trend        Trend        // whether Move is for the better
	TrendSince   Date         // the base date of the trend
	FocusedBy    []*KeyResult // key results of periods running at the date that lift the KPI
	Periods      []*Period    // every period begun by the date in which a key result lifted it
	Unattended   bool         // unhealthy and not in focus
}

// InFocus reports whether a key result of a running period lifts the KPI.
func (s *KPIScore) InFocus() bool { return len(s.FocusedBy) > 0 }

// HealthOf classifies value v against the KPI's thresholds.
func (k *KPI) HealthOf(v float64) Health {
	h, w := k.Thresholds.Healthy, k.Thresholds.Warning
	switch k.Direction {
	case HigherIsBetter:
		switch {
		case v >= h.Low:
			return Healthy
		case v >= w.Low:
			return Warning
		}
	case LowerIsBetter:
		switch {
		case v <= h.High:
			return Healthy
		case v <= w.High:
			return Warning
		}
	default:
		switch {
		case v >= h.Low && v <= h.High:
			return Healthy
		case v >= w.Low && v <= w.High:
			return Warning
		}
	}
	return Critical
}

// ScoreKPI scores a KPI as of a date, judging its trend since the start of
// period p (or over the last quarter when p is nil).
func ScoreKPI(k *KPI, asOf Date, p *Period) *KPIScore {
	s := &KPIScore{KPI: k, Decimals: k.Decimals()}
	n := sort.Search(len(k.Measurements), func(i int) bool { return k.Measurements[i].Date > asOf })
	s.Measurements = k.Measurements[:n]
	if n == 0 {
		s.Stale = true
		return s
	}
	s.Latest = s.Measurements[n-1]
	s.Health = k.HealthOf(s.Latest.Value)
	s.Stale = s.Latest.Date.DaysUntil(asOf) > int(k.Cadence)
	since := asOf.AddDays(-int(Quarterly))
	if p != nil {
		since = p.Start
	}
	// The base is the last value on or before the trend's start, or the
	// first value after it when the series begins later.
	i := sort.Search(n, func(i int) bool { return s.Measurements[i].Date > since })
	base := s.Measurements[max(0, i-1)]
	if base == s.Latest {
		return s
	}
	s.TrendSince = base.Date
	s.Change = s.Latest.Value - base.Value
	s.Move = k.movement(base.Value, s.Latest.Value)
	s.Trend = k.judge(base.Value, s.Latest.Value, s.Move)
	return s
}

// WarningWidth returns the width of the KPI's warning band: from the healthy
// threshold to the warning one, or for a band KPI the narrower of its two
// sides (the healthy band's width when both sides are empty).
func (k *KPI) WarningWidth() float64 {
	h, w := k.Thresholds.Healthy, k.Thresholds.Warning
	switch k.Direction {
	case HigherIsBetter:
		return h.Low - w.Low
	case LowerIsBetter:
		return w.High - h.High
	}
	below, above := h.Low-w.Low, w.High-h.High
	switch {
	case below > 0 && above > 0:
		return min(below, above)
	case below > 0 || above > 0:
		return max(below, above)
	}
	return h.High - h.Low
}

// movement says which way a move from a to b went: flat when it changes
// the KPI's health by nothing and is smaller than FlatShare of its warning
// band (or, without one, than half a percent of the larger value).
func (k *KPI) movement(a, b float64) Movement {
	flat := FlatShare * k.WarningWidth()
	if flat <= 0 {
		flat = relativeFlat * math.Max(math.Abs(a), math.Abs(b))
	}
	switch {
	case a == b:
		return Flat
	case k.HealthOf(a) == k.HealthOf(b) && math.Abs(b-a) < flat:
		return Flat
	case b > a:
		return Up
	}
	return Down
}

// judge says whether movement m from a to b is for the better: up for a
// higher-is-better KPI, down for lower-is-better, and for a band KPI closer
// to the middle of its healthy band.
func (k *KPI) judge(a, b float64, m Movement) Trend {
	better, worse := m == Up, m == Down
	switch k.Direction {
	case LowerIsBetter:
		better, worse = worse, better
	case StayInBand:
		mid := (k.Thresholds.Healthy.Low + k.Thresholds.Healthy.High) / 2
		da, db := math.Abs(a-mid), math.Abs(b-mid)
		better, worse = m != Flat && db < da, m != Flat && db > da
	}
	switch {
	case better:
		return Improving
	case worse:
		return Worsening
	}
	return Steady
}

// KPIView is the KPIs as they stood on one day: pages of a finished period
// show them as of its last day, so that later periods' focus does not
// appear.
type KPIView struct {
	AsOf       Date
	KPIs       []*KPIScore // in site order
	InFocus    []*KPIScore // lifted into a key result of a period running that day
	Unattended []*KPIScore // unhealthy that day, and not in focus
	byKPI      map[*KPI]*KPIScore
}

// KPI returns the score of k in the view.
func (v *KPIView) KPI(k *KPI) *KPIScore { return v.byKPI[k] }

// KPIsAsOf returns the KPIs as they stood on day d, each with its trend
// since the start of the period a report as of d centres on. Views as of
// the scorecard's date and of each finished period's last day are made by
// Evaluate; others are made on each call.
func (c *Scorecard) KPIsAsOf(d Date) *KPIView {
	if v := c.views[d]; v != nil {
		return v
	}
	return c.kpiView(d)
}

// KPIsFor returns the KPIs as period p's pages show them: as of its last
// day once it has finished, else as of the scorecard's date.
func (c *Scorecard) KPIsFor(p *Period) *KPIView {
	if p.Finished(c.AsOf) {
		return c.KPIsAsOf(p.End)
	}
	return c.KPIsAsOf(c.AsOf)
}

// scoreKPIs scores every KPI of site as of d, in site order, each with
// its trend from the start of the period that d falls in.
func scoreKPIs(site *Site, d Date) []*KPIScore {
	trendFrom := periodAt(site.Periods, d)
	var out []*KPIScore
	for _, k := range site.KPIs {
		out = append(out, ScoreKPI(k, d, trendFrom))
	}
	return out
}

// kpiView scores every KPI as of d and finds which were in focus and which
// unattended that day.
func (c *Scorecard) kpiView(d Date) *KPIView {
	v := &KPIView{AsOf: d, KPIs: scoreKPIs(c.Site, d), byKPI: make(map[*KPI]*KPIScore, len(c.Site.KPIs))}
	for _, ks := range v.KPIs {
		v.byKPI[ks.KPI] = ks
	}
	for _, o := range c.Site.Objectives {
		if o.Period.Start > d {
			continue
		}
		for _, kr := range o.KeyResults {
			if kr.KPI == nil {
				continue
			}
			ks := v.byKPI[kr.KPI]
			ks.Periods = appendPeriod(ks.Periods, o.Period)
			if o.Period.Contains(d) {
				ks.FocusedBy = append(ks.FocusedBy, kr)
			}
		}
	}
	for _, ks := range v.KPIs {
		if ks.InFocus() {
			v.InFocus = append(v.InFocus, ks)
		} else if ks.Health.Unhealthy() {
			ks.Unattended = true
			v.Unattended = append(v.Unattended, ks)
		}
	}
	return v
}

// appendPeriod adds p to a list of periods unless it is there already.
func appendPeriod(ps []*Period, p *Period) []*Period {
	for _, q := range ps {
		if q == p {
			return ps
		}
	}
	return append(ps, p)
}
