package locale

import (
	"strconv"

	"github.com/okrsite/okrsite"
)

// Date writes a day: "Dec 9, 2026" in en-US, "9 Dec 2026" in en-GB,
// "9 dec. 2026" in sv-SE; without a locale, "9 Dec 2026" in English and
// 2026-12-09 in Swedish.
func (f *Format) Date(d okrsite.Date) string {
	if s, ok := f.dates.Load(d); ok {
		return s.(string)
	}
	s := d.String()
	if f.months[0] != "" {
		y, _, _ := d.Civil()
		s = f.dayMonth(d)
		if f.monthFirst {
			s += ","
		}
		s += " " + strconv.Itoa(y)
	}
	f.dates.Store(d, s)
	return s
}

// dayMonth writes a day's day and month: "Dec 9" or "9 Dec".
func (f *Format) dayMonth(d okrsite.Date) string {
	_, m, day := d.Civil()
	if f.monthFirst {
		return f.months[m-1] + " " + strconv.Itoa(day)
	}
	return strconv.Itoa(day) + " " + f.months[m-1]
}

// DateRange writes the days from start to end, both included, sharing the
// year when they have the same one: "Aug 1 – Oct 31, 2026" in en-US, "1 Aug
// – 31 Oct 2026" in en-GB, "1 aug. – 31 okt. 2026" in sv-SE, with thin
// spaces around the dash, as CLDR has it. Without a locale the two dates
// are written in full: "1 Aug 2026 to 31 Oct 2026", "2026-08-01 till
// 2026-10-31".
func (f *Format) DateRange(start, end okrsite.Date) string {
	if f.to != "" {
		return f.Date(start) + f.to + f.Date(end)
	}
	y1, _, _ := start.Civil()
	y2, _, _ := end.Civil()
	first := f.Date(start)
	if y1 == y2 {
		first = f.dayMonth(start)
	}
	return first + "\u2009–\u2009" + f.Date(end)
}
