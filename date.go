package okrsite

import (
	"fmt"
	"time"
)

// Date is a calendar day, counted in days since 1970-01-01. Goal data lives
// in days, not instants, so a Date has no time of day and no time zone.
// The zero Date is 1970-01-01; use Date.Valid on an optional field's
// companion flag rather than relying on zero.
type Date int32

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return MakeDate(y, m, d)
}

// MakeDate returns the Date of year, month and day. Out-of-range months and
// days are normalised the way time.Date does.
func MakeDate(year int, month time.Month, day int) Date {
	u := time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix()
	return Date(u / 86400)
}

// ParseDate parses a date written as YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format(time.DateOnly) }

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// DaysUntil returns the number of days from d to e, negative when e is earlier.
func (d Date) DaysUntil(e Date) int { return int(e - d) }
