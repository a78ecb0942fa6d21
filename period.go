package okrsite

import (
	"regexp"
	"strconv"
	"time"
)

// PeriodKind says how a period's dates were given.
type PeriodKind int

// The kinds of period. Quarters, halves and years take their dates from their
// name; a custom period states its own.
const (
	Quarter PeriodKind = iota
	Half
	Year
	Custom
)

var periodName = regexp.MustCompile(`^([0-9]{4})(?:-(Q[1-4]|H[12]))?$`)

// PeriodDates returns the kind and dates of a period named like 2026-Q3,
// 2026-H1 or 2026. ok is false for any other name: such a period is custom
// and must state its dates.
func PeriodDates(name string) (kind PeriodKind, start, end Date, ok bool) {
	m := periodName.FindStringSubmatch(name)
	if m == nil {
		return Custom, 0, 0, false
	}
	year, _ := strconv.Atoi(m[1])
	first, months := 1, 12
	kind = Year
	switch {
	case m[2] == "":
	case m[2][0] == 'Q':
		kind, months = Quarter, 3
		first = 1 + 3*int(m[2][1]-'1')
	default:
		kind, months = Half, 6
		first = 1 + 6*int(m[2][1]-'1')
	}
	start = MakeDate(year, time.Month(first), 1)
	end = MakeDate(year, time.Month(first+months), 1) - 1
	return kind, start, end, true
}

// Days returns the number of days in the period, counting both ends.
func (p *Period) Days() int { return p.Start.DaysUntil(p.End) + 1 }

// Contains reports whether d falls within the period.
func (p *Period) Contains(d Date) bool { return d >= p.Start && d <= p.End }

// Elapsed returns the share of the period that has passed at the end of day
// asOf: 0 before the period starts, 1 from its last day on.
func (p *Period) Elapsed(asOf Date) float64 {
	switch {
	case asOf < p.Start:
		return 0
	case asOf >= p.End:
		return 1
	}
	return float64(p.Start.DaysUntil(asOf)+1) / float64(p.Days())
}

// Finished reports whether the period has ended by asOf.
func (p *Period) Finished(asOf Date) bool { return asOf >= p.End }

// String returns the period's id.
func (p *Period) String() string { return p.ID }
