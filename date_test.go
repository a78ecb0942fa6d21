package okrsite

import (
	"fmt"
	"testing"
	"time"
)

// TestParseDateAsTimeParse checks that ParseDate accepts exactly the dates
// time.Parse(time.DateOnly) accepts, and reads them as the same day: every
// day of a few centuries and the edges of the calendar, with months and
// days out of range and malformed text besides.
func TestParseDateAsTimeParse(t *testing.T) {
	var inputs []string
	for _, y := range []int{0, 1, 1900, 2000, 2024, 2026, 2100, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				inputs = append(inputs, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	inputs = append(inputs, "", "2026-7-03", "2026-07-3", "26-07-03", "2026/07/03", "2026-07-03T", " 2026-07-03",
		"+026-07-03", "2026-+7-03", "2026-07-0x", "20260-07-03", "2026-07-031", "２026-07-03")
	for _, s := range inputs {
		got, err := ParseDate(s)
		want, wantErr := time.Parse(time.DateOnly, s)
		switch {
		case (err == nil) != (wantErr == nil):
			t.Errorf("ParseDate(%q) error %v; time.Parse error %v", s, err, wantErr)
		case err == nil && got != DateOf(want):
			t.Errorf("ParseDate(%q) = %v; want %v", s, got, DateOf(want))
		}
	}
}
