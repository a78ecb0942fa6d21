package okrsite

import (
	"cmp"
	"slices"
)

// DueSoon is how many days ahead a check-in counts as due: a person's page
// lists the check-ins due within it, and those overdue.
const DueSoon = 7

// Due is a key result's next check-in: the day it is due and how far that
// is from the as-of date.
type Due struct {
	KeyResult *KeyResultScore
	Date      Date // the day the next check-in is due
	Days      int  // from the as-of date to Date: 0 today, negative when overdue
}

// Overdue reports whether the check-in was due before the as-of date. A key
// result overdue is one with no recent update.
func (d Due) Overdue() bool { return d.Days < 0 }

// Soon reports whether the check-in is overdue or due within DueSoon days.
func (d Due) Soon() bool { return d.Days <= DueSoon }

// NextDue returns a key result's next check-in as of the date its score was
// made at, asOf: its cadence after its latest check-in, or after its
// period's start when it has none. So a result is overdue exactly when it
// has no recent update. ok is false when no check-in is due: for a
// milestone result, a done one, once its period has finished, and when the
// next one would fall after the period's last day.
func NextDue(krs *KeyResultScore, asOf Date) (d Due, ok bool) {
	kr := krs.KeyResult
	p := kr.Objective.Period
	if kr.IsMilestone() || krs.Status == Done || p.Finished(asOf) {
		return Due{}, false
	}
	from := p.Start
	if krs.HasUpdate {
		from = krs.LastUpdate
	}
	date := from.AddDays(int(kr.Cadence))
	if date > p.End {
		return Due{}, false
	}
	return Due{KeyResult: krs, Date: date, Days: asOf.DaysUntil(date)}, true
}

// Dues returns the next check-in of every key result that has one (see
// NextDue), in running and upcoming periods alike: by date, then in site
// order (period, objective, key result).
func (c *Scorecard) Dues() []Due {
	var out []Due
	for _, ps := range c.Periods {
		for _, os := range ps.Objectives {
			for _, krs := range os.KeyResults {
				if d, ok := NextDue(krs, c.AsOf); ok {
					out = append(out, d)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Due) int { return cmp.Compare(a.Date, b.Date) })
	return out
}
