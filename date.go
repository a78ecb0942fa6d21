package okrsite

import (
	"fmt"
	"time"
)

// Date is a calendar day, counted in days since 1970-01-01. Goal data lives
// in days, not instants, so a Date has no time of day and no time zone.
// The zero Date is 1970-01-01; an optional date goes with a flag that says
// whether it is set, rather than relying on zero.
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

// ParseDate parses a date written as YYYY-MM-DD, of a day that exists. It
// accepts what time.Parse(time.DateOnly) does, but reads the digits itself:
// loading a large site parses hundreds of thousands of dates.
func ParseDate(s string) (Date, error) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, okY := decimal(s[:4])
		m, okM := decimal(s[5:7])
		d, okD := decimal(s[8:])
		if okY && okM && okD {
			day := MakeDate(y, time.Month(m), d)
			if y2, m2, d2 := day.Civil(); y2 == y && int(m2) == m && d2 == d {
				return day, nil // not a day that MakeDate moved, as 2026-02-30
			}
		}
	}
	return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
}

// decimal reads s, digits only, as a number.
func decimal(s string) (int, bool) {
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Civil returns the year, month and day of d. Reports format thousands of
// dates, so this is arithmetic rather than a trip through time.Time.
func (d Date) Civil() (year int, month time.Month, day int) {
	// Days since 0000-03-01 in the proleptic Gregorian calendar, in eras of
	// 400 years (146097 days), with years starting in March so that the
	// leap day comes last.
	z := int64(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = int(doy - (153*mp+2)/5 + 1)
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	year = int(yoe + era*400)
	if m <= 2 {
		year++
	}
	return year, time.Month(m), day
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return string(d.AppendFormat(make([]byte, 0, 10))) }

// AppendFormat appends d as YYYY-MM-DD to b.
func (d Date) AppendFormat(b []byte) []byte {
	y, m, day := d.Civil()
	if y < 0 || y > 9999 {
		return append(b, d.Time().Format(time.DateOnly)...)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+day/10), byte('0'+day%10))
}

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// DaysUntil returns the number of days from d to e, negative when e is earlier.
func (d Date) DaysUntil(e Date) int { return int(e - d) }
