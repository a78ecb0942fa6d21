package locale

import (
	"bytes"
	"math"
	"strconv"

	"golang.org/x/text/feature/plural"

	"github.com/okrsite/okrsite"
)

// NoValue is what every formatter writes for a value that is not a number.
const NoValue = "–"

// Number writes v rounded to the given decimals, with the locale's
// separators: 1,234.50 in en-US, 1 234,50 in sv-SE. A value that rounds to
// zero has no minus sign.
func (f *Format) Number(v float64, decimals int) string {
	return f.Value(v, decimals, okrsite.Unit{})
}

// Value writes v rounded to the given decimals with its unit, as the
// locale writes it: "12.5 h", "6 logos", "1 logo", "62%", and money as
// money: "$58,156,051.77" and "58 156 051,77 kr", "SEK 12.50M" for 12.5
// MSEK (see Symbols). A format without a locale writes every unit after
// the number, as before.
func (f *Format) Value(v float64, decimals int, u okrsite.Unit) string {
	var buf [32]byte
	n, ok := round(buf[:0], v, decimals)
	if !ok {
		return NoValue
	}
	a := f.affix(u)
	return a.write(f, &n, a.power, a.one != a.other && n.isOne(f))
}

// Signed writes a change with its sign: "+1.5 h", "−2 h", "±0 h" for one
// that rounds to zero.
func (f *Format) Signed(v float64, decimals int, u okrsite.Unit) string {
	var buf [32]byte
	n, ok := round(buf[:0], v, decimals)
	switch {
	case !ok:
		return NoValue
	case n.neg:
		return f.Value(v, decimals, u)
	case n.zero:
		return "±" + f.Value(0, decimals, u)
	}
	return "+" + f.Value(v, decimals, u)
}

// Percent writes a share, 0 to 1, as a percentage with the given decimals:
// 62% in English, 62 % in Swedish.
func (f *Format) Percent(share float64, decimals int) string {
	p := share * 100
	if decimals == 0 {
		if r := math.Round(p); r >= 0 && r <= 100 {
			return f.percents[int(r)]
		}
	}
	return f.Value(p, decimals, percentUnit)
}

// percentUnit is the unit of percentages.
var percentUnit = okrsite.Unit{Other: "%"}

// ShortFrom is the least value, in its unit's whole amount, that Short
// writes as thousands, millions, and so on.
const ShortFrom = 1000

// Short writes v with its unit as Value does, but without trailing zeros,
// and a value of ShortFrom or more (counted in whole units of money: 1.5
// MSEK is 1,500,000) as a number of thousands, millions, billions or
// trillions to three significant digits: "$1.95M", "1,95 mn kr", "12.3K
// logos", "$0", "2.5 h". It is for where space is short, such as cards and
// chart axes; never for a table of exact values.
func (f *Format) Short(v float64, decimals int, u okrsite.Unit) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return NoValue
	}
	a := f.affix(u)
	amount := v * math.Pow(1000, float64(a.power))
	power := 0
	for power < len(f.short) && math.Abs(amount) >= ShortFrom {
		amount /= 1000
		power++
	}
	switch size := math.Abs(amount); {
	case power == 0 && a.power == 0:
		amount = v // as it is, not multiplied and divided
	case size < 10:
		decimals = 2
	case size < 100:
		decimals = 1
	default:
		decimals = 0
	}
	var buf [32]byte
	n, _ := round(buf[:0], amount, decimals)
	if power > 0 && power < len(f.short) && string(n.whole()) == "1000" { // 999.996K is 1M
		n, _ = round(buf[:0], math.Copysign(1, amount), 0)
		power++
	}
	if n.point >= 0 {
		n.digits = bytes.TrimSuffix(bytes.TrimRight(n.digits, "0"), []byte("."))
		n.point = bytes.IndexByte(n.digits, '.')
	}
	return a.write(f, &n, power, power == 0 && a.one != a.other && n.isOne(f))
}

// rounded is a number rounded to some decimals: the digits of its
// absolute value, as strconv writes them.
type rounded struct {
	digits    []byte // such as 1234.50
	point     int    // the index of the point in digits, or -1 when there is none
	neg, zero bool
}

// round rounds v to the given decimals, halves away from zero, writing
// its digits into buf. It reports false for NaN and infinities.
func round(buf []byte, v float64, decimals int) (rounded, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return rounded{}, false
	}
	r := okrsite.Round(v, decimals)
	if math.IsInf(r, 0) || math.IsNaN(r) { // too large to scale: as it is
		r = v
	}
	digits := strconv.AppendFloat(buf, math.Abs(r), 'f', decimals, 64)
	return rounded{digits: digits, point: bytes.IndexByte(digits, '.'), neg: r < 0, zero: r == 0}, true
}

// whole returns the digits before the point.
func (n *rounded) whole() []byte {
	if n.point < 0 {
		return n.digits
	}
	return n.digits[:n.point]
}

// fraction returns the digits after the point.
func (n *rounded) fraction() []byte {
	if n.point < 0 {
		return nil
	}
	return n.digits[n.point+1:]
}

// write writes the number with the locale's sign and separators, inside
// the affix; for power above 0 with the locale's word for that power of a
// thousand after it.
func (a *affix) write(f *Format, n *rounded, power int, one bool) string {
	var out [64]byte
	b := out[:0]
	if n.neg {
		b = append(b, f.minus...)
	}
	b = append(b, a.prefix...)
	whole := n.whole()
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, f.group...)
		}
		b = append(b, c)
	}
	if frac := n.fraction(); len(frac) > 0 {
		b = append(b, f.decimal...)
		b = append(b, frac...)
	}
	if power > 0 {
		b = append(b, f.shortSep...)
		b = append(b, f.short[power-1]...)
	}
	if one {
		b = append(b, a.one...)
	} else {
		b = append(b, a.other...)
	}
	return string(b)
}

// isOne reports whether the number takes the singular of a unit, by the
// locale's plural rule from CLDR: in English and Swedish, 1 but not 1.0.
func (n *rounded) isOne(f *Format) bool {
	whole, frac := n.whole(), n.fraction()
	if len(whole) > 9 || len(frac) > 9 {
		return false // no rule of ours makes such a number one
	}
	trimmed := bytes.TrimRight(frac, "0")
	return plural.Cardinal.MatchPlural(f.tag, atoi(whole), len(frac), len(trimmed), atoi(frac), atoi(trimmed)) == plural.One
}

// atoi reads up to nine digits.
func atoi(digits []byte) int {
	v := 0
	for _, c := range digits {
		v = v*10 + int(c-'0')
	}
	return v
}
