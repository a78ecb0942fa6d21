package edit

import (
	"strings"
	"testing"
)

// TestParseNumber reads numbers as people write them, and refuses with a
// hint what could be read two ways or is not a number.
func TestParseNumber(t *testing.T) {
	cases := []struct {
		s    string
		want float64
		err  string // a part of the error, or "" for none
	}{
		{"12.5", 12.5, ""},
		{"88,9", 88.9, ""},
		{"-1.7", -1.7, ""},
		{"-1,7", -1.7, ""},
		{"\u22121,7", -1.7, ""},
		{"0,6", 0.6, ""},
		{"1 234,5", 1234.5, ""},
		{"1\u00a0234", 1234, ""},
		{"1,234,567", 1234567, ""},
		{"1,000", 0, "may be a thousand or one; expected 1000 for a thousand or 1.000 for a decimal"},
		{"1,234.5", 0, "both a comma and a point"},
		{"1e3", 1000, ""},
		{".5", 0.5, ""},
		{"NaN", 0, "is not a number"},
		{"nan", 0, "is not a number"},
		{"Inf", 0, "is not a number"},
		{"-infinity", 0, "is not a number"},
		{"1e400", 0, "is not a number"},
		{"0x10", 0, "is not a number"},
		{"1_000", 0, "is not a number"},
		{"many", 0, "is not a number"},
		{"", 0, "is not a number"},
		{"1,2,3", 0, "is not a number"},
	}
	for _, c := range cases {
		got, err := ParseNumber(c.s)
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", c.s, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ParseNumber(%q) = %v, %v; want an error with %q", c.s, got, err, c.err)
		}
	}
}
