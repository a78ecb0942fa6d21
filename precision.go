package okrsite

import "math"

// MaxDecimals is the most decimals a value is shown with.
const MaxDecimals = 2

// UnitDecimals returns the most decimals a value of unit is shown with:
// MaxDecimals, or 1 for a unit of time, of which a tenth is precise enough
// for any report (written in lower case: "d", "days", "h", "hours",
// "weeks", or the Swedish "dagar", "tim", "timmar", "veckor").
func UnitDecimals(unit string) int {
	switch unit {
	case "d", "day", "days", "h", "hour", "hours", "week", "weeks", "dagar", "dygn", "tim", "timmar", "veckor":
		return 1
	}
	return MaxDecimals
}

// Decimals returns how many decimals the key result's values are shown with,
// everywhere: as many as the most precise of its start (when given), target
// and check-in values uses, each written as shortly as it can be, and at
// most UnitDecimals(unit). A result that lifts a KPI uses at least the KPI's
// precision; a milestone result has no values and 0 decimals.
func (kr *KeyResult) Decimals() int {
	limit := UnitDecimals(kr.Unit)
	d := 0
	if kr.KPI != nil {
		d = kr.KPI.Decimals()
	}
	if kr.IsMilestone() {
		return d
	}
	d = max(d, decimalsOf(kr.Target, limit))
	if kr.HasStart {
		d = max(d, decimalsOf(kr.Start, limit))
	}
	for _, c := range kr.Checkins {
		if d >= limit {
			break
		}
		d = max(d, decimalsOf(c.Value, limit))
	}
	return min(d, limit)
}

// Decimals returns how many decimals the KPI's values are shown with,
// everywhere: as many as the most precise of its thresholds and
// measurements uses, each written as shortly as it can be, and at most
// UnitDecimals(unit).
func (k *KPI) Decimals() int {
	limit := UnitDecimals(k.Unit)
	th := k.Thresholds
	d := 0
	for _, v := range [...]float64{th.Healthy.Low, th.Healthy.High, th.Warning.Low, th.Warning.High} {
		d = max(d, decimalsOf(v, limit))
	}
	for _, m := range k.Measurements {
		if d >= limit {
			break
		}
		d = max(d, decimalsOf(m.Value, limit))
	}
	return min(d, limit)
}

// decimalsOf returns the number of decimals of the shortest decimal that
// reads back as v, or limit if that needs more: 2 for 60.25, 0 for 1200.
// A decimal k/10^d reads back as the float division of k by 10^d, so v
// needs at most d decimals when rounding v to d decimals gives v again.
func decimalsOf(v float64, limit int) int {
	p := 1.0
	for d := range limit {
		if math.Round(v*p)/p == v {
			return d
		}
		p *= 10
	}
	return limit
}

// Round rounds v to the given number of decimals, halves away from zero:
// Round(60973.58, 0) is 60974.
func Round(v float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Round(v*p) / p
}

// Limits returns the range a unit's values can take, given the lowest and
// highest values seen: never below 0 unless a value is, and for a
// percentage ("%") never above 100 unless a value is. Otherwise unbounded.
func Limits(unit string, lo, hi float64) (min, max float64) {
	min, max = math.Inf(-1), math.Inf(1)
	if lo >= 0 {
		min = 0
	}
	if unit == "%" && hi <= 100 {
		max = 100
	}
	return min, max
}

// Axis is the extent of a chart's value axis.
type Axis struct{ Min, Max float64 }

// AxisFor returns a value axis for values from lo to hi of unit: with a
// margin of at least half a step, where a step is the power of ten nearest
// below a fifth of the span, ending on whole steps, and kept within the
// unit's Limits, so that a percentage axis never passes 100.
func AxisFor(unit string, lo, hi float64) Axis {
	span := hi - lo
	if span == 0 {
		span = math.Max(1, math.Abs(hi))
	}
	exp := math.Floor(math.Log10(span / 5))
	step := math.Pow(10, exp)
	decimals := max(0, int(-exp))
	least, most := Limits(unit, lo, hi)
	return Axis{
		Min: Round(math.Max(least, math.Floor(lo/step-0.5)*step), decimals),
		Max: Round(math.Min(most, math.Ceil(hi/step+0.5)*step), decimals),
	}
}

// Axis returns the value axis of the KPI's chart: its measurements up to
// the as-of date and its thresholds.
func (s *KPIScore) Axis() Axis {
	th := s.KPI.Thresholds
	lo, hi := min(th.Healthy.Low, th.Warning.Low), max(th.Healthy.High, th.Warning.High)
	for _, m := range s.Measurements {
		lo, hi = min(lo, m.Value), max(hi, m.Value)
	}
	return AxisFor(s.KPI.Unit, lo, hi)
}

// Axis returns the value axis of the key result's chart: its start (when
// given), target, check-ins and projected value; for a milestone result,
// the share done, 0 to 100.
func (s *KeyResultScore) Axis() Axis {
	kr := s.KeyResult
	if kr.IsMilestone() {
		return Axis{0, 100}
	}
	lo, hi := kr.valueRange()
	if s.HasProjection {
		lo, hi = min(lo, s.ProjectedValue), max(hi, s.ProjectedValue)
	}
	return AxisFor(kr.Unit, lo, hi)
}

// valueRange returns the lowest and highest of a key result's start (when
// given), target and check-in values.
func (kr *KeyResult) valueRange() (lo, hi float64) {
	lo, hi = kr.Target, kr.Target
	if kr.HasStart {
		lo, hi = min(lo, kr.Start), max(hi, kr.Start)
	}
	for _, c := range kr.Checkins {
		lo, hi = min(lo, c.Value), max(hi, c.Value)
	}
	return lo, hi
}
