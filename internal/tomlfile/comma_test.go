package tomlfile

import (
	"fmt"
	"testing"
)

// TestCommaNumber reads numbers written with commas: a decimal comma,
// commas between thousands, either, or neither.
func TestCommaNumber(t *testing.T) {
	cases := []struct {
		s                  string
		decimal, thousands bool
	}{
		{"1,85", true, false},
		{"-1,7", true, false},
		{"0,0001", true, false},
		{"1,000", true, true},
		{"999,999", true, true},
		{"1,234,567", false, true},
		{"1234,567", true, false},
		{"1,23,456", false, false},
		{"1,", false, false},
		{",5", false, false},
		{"1.5", false, false},
		{"1,5e3", false, false},
		{"12", false, false},
	}
	for _, c := range cases {
		if d, th := CommaNumber(c.s); d != c.decimal || th != c.thousands {
			t.Errorf("CommaNumber(%q) = %v, %v; want %v, %v", c.s, d, th, c.decimal, c.thousands)
		}
	}
}

// TestCommaError turns the TOML library's syntax error at a number with
// commas into what to write instead, at the number.
func TestCommaError(t *testing.T) {
	cases := []struct{ src, want string }{
		{"start = 1,85\n", "1:9 1,85 has a decimal comma, which TOML does not read; expected a decimal point: 1.85"},
		{"[a]\n  start = -1,5 # x\n", "2:11 -1,5 has a decimal comma, which TOML does not read; expected a decimal point: -1.5"},
		{"target = 1,000\n", "1:10 1,000 has a comma, which TOML does not read in a number; expected 1.000 for a decimal or 1000 for a thousand"},
		{"target = 1,000,000\n", "1:10 1,000,000 has commas between thousands, which TOML does not read; expected 1000000 or 1_000_000"},
		{"x = 1,\n", "1:6 expected a top-level item to end with a newline, comment, or EOF, but got ',' instead"},
		{"x = 2026-07-03,1\n", "1:15 expected a top-level item to end with a newline, comment, or EOF, but got ',' instead"},
		{"title = \"å\" x = 1,5\n", "1:13 expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead"},
	}
	for _, c := range cases {
		f := &File{Src: c.src}
		if f.Parse("a test") != nil || len(f.Problems) != 1 {
			t.Fatalf("%q: %+v", c.src, f.Problems)
		}
		pos := f.Where(f.Problems[0])
		if got := fmt.Sprintf("%d:%d %s", pos.Line, pos.Col, f.Problems[0].Msg); got != c.want {
			t.Errorf("%q:\ngot  %s\nwant %s", c.src, got, c.want)
		}
	}
}
