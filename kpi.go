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

// Trend says which way a KPI moved, judged by its direction.
type Trend int

// Trends. Flat means the change is within half a percent.
const (
	NoTrend Trend = iota
	Improving
	Flat
	Worsening
)

var trendNames = [...]string{"none", "improving", "flat", "worsening"}

// String returns a short machine name for t, such as "improving".
func (t Trend) String() string { return trendNames[t] }

// flatShare is the relative change under which a KPI counts as flat.
const flatShare = 0.005

// KPIScore is what the scoring says of a KPI at the as-of date.
type KPIScore struct {
	KPI          *KPI
	Measurements []Measurement // up to the as-of date
	Latest       Measurement   // valid when len(Measurements) > 0
	Health       Health
	Stale        bool    // not updated within its cadence
	Change       float64 // Latest minus the value at the trend's base date
	Trend        Trend
	TrendSince   Date         // the base date of the trend
	FocusedBy    []*KeyResult // key results of running periods that lift the KPI
	Periods      []*Period    // every period in which a key result lifted it
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
	s := &KPIScore{KPI: k}
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
	s.Trend = k.trend(base.Value, s.Latest.Value)
	return s
}

// trend judges a move from a to b by the KPI's direction. For a band, moving
// toward the middle of the healthy band is improving.
func (k *KPI) trend(a, b float64) Trend {
	scale := math.Max(math.Abs(a), math.Abs(b))
	if math.Abs(b-a) <= flatShare*scale {
		return Flat
	}
	better := b > a
	switch k.Direction {
	case LowerIsBetter:
		better = b < a
	case StayInBand:
		mid := (k.Thresholds.Healthy.Low + k.Thresholds.Healthy.High) / 2
		better = math.Abs(b-mid) < math.Abs(a-mid)
	}
	if better {
		return Improving
	}
	return Worsening
}

// scoreKPIs scores every KPI and finds which are in focus and which are
// unattended.
func (c *Scorecard) scoreKPIs() {
	var current *Period
	if c.Current != nil {
		current = c.Current.Period
	}
	for _, k := range c.Site.KPIs {
		ks := ScoreKPI(k, c.AsOf, current)
		c.kpis[k] = ks
		c.KPIs = append(c.KPIs, ks)
	}
	for _, o := range c.Site.Objectives {
		for _, kr := range o.KeyResults {
			if kr.KPI == nil {
				continue
			}
			ks := c.kpis[kr.KPI]
			ks.Periods = appendPeriod(ks.Periods, o.Period)
			if o.Period.Contains(c.AsOf) {
				ks.FocusedBy = append(ks.FocusedBy, kr)
			}
		}
	}
	for _, ks := range c.KPIs {
		if ks.InFocus() {
			c.InFocus = append(c.InFocus, ks)
		} else if ks.Health.Unhealthy() {
			ks.Unattended = true
			c.Unattended = append(c.Unattended, ks)
		}
	}
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
