package edit

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/okrsite/okrsite/internal/tomlfile"
)

// plainNumber is a number once its marks are read: digits with an optional
// sign, decimal point and exponent.
var plainNumber = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// ParseNumber reads a number as people write one: with a decimal point or
// a decimal comma (88,9), with spaces or commas between thousands
// (1 234 567, 1,234,567), with a minus sign (-1.7, −1,7). One comma before
// exactly three digits (1,000) may be a thousand or one, and is refused, as
// are a comma and a point together, NaN and infinities. The error says
// what to write instead.
func ParseNumber(s string) (float64, error) {
	t := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009':
			return -1 // spaces between thousands
		case '\u2212':
			return '-' // the minus sign of typeset text
		}
		return r
	}, s)
	if strings.Contains(t, ",") {
		decimal, thousands := tomlfile.CommaNumber(t)
		switch {
		case strings.Contains(t, "."):
			return 0, errors.New("has both a comma and a point; expected one decimal mark and no thousands separator, such as 1234.5")
		case decimal && thousands:
			return 0, fmt.Errorf("may be a thousand or one; expected %s for a thousand or %s for a decimal", strings.ReplaceAll(t, ",", ""), strings.Replace(t, ",", ".", 1))
		case decimal:
			t = strings.Replace(t, ",", ".", 1)
		case thousands:
			t = strings.ReplaceAll(t, ",", "")
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if !plainNumber.MatchString(t) || err != nil || math.IsInf(v, 0) {
		return 0, errors.New("is not a number; expected one such as 12.5, 12,5 or -3")
	}
	return v, nil
}
