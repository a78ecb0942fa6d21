package load

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Numbers in CSV files are read as spreadsheets export them: with a
// decimal point or a decimal comma, and with spaces, commas or points
// between thousands. Which mark is the decimal one is a matter of the
// whole file, not of one number: "1,234" is a thousand and more in a US
// export and one and a bit in a Swedish one. So each number says what it
// can (csvNumber.shows), the file's numbers together settle its decimal
// mark (settleMark), and each number is then read by it.

// A mark is a file's decimal mark: '.' or ',', or 0 while unsettled.
type mark byte

// name names the mark in messages.
func (m mark) name() string {
	if m == ',' {
		return "a decimal comma"
	}
	return "a decimal point"
}

// csvNumber is a number as a CSV field holds it, once its spaces between
// thousands and its sign are read.
type csvNumber struct {
	text   string // the field, as written
	digits string // the digits with the marks, without spaces or sign
	neg    bool
	spaced bool // spaces stood between its thousands
}

// errNotNumber is the error for a field that cannot be a number.
var errNotNumber = errors.New("is not a number")

// parseCSVNumber reads a field's sign and spaces.
func parseCSVNumber(text string) (csvNumber, error) {
	n := csvNumber{text: text}
	s := strings.TrimSpace(text)
	if r, size := firstRune(s); r == '-' || r == '\u2212' {
		n.neg, s = true, s[size:]
	} else if r == '+' {
		s = s[size:]
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009':
			n.spaced = true
		default:
			b.WriteRune(r)
		}
	}
	n.digits = b.String()
	if n.digits == "" {
		return n, errNotNumber
	}
	return n, nil
}

// firstRune returns the first rune of s and its size.
func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// shows returns the decimal mark that the number's own writing shows, or
// 0 when it shows none: either it has no mark, or it has one comma or
// point before exactly three digits after one to three others ("1,234",
// "12.500"), which may be a decimal mark or a thousands separator.
func (n csvNumber) shows() mark {
	d := n.digits
	commas, points := strings.Count(d, ","), strings.Count(d, ".")
	switch {
	case commas > 0 && points > 0: // the last of them is the decimal mark
		return mark(d[strings.LastIndexAny(d, ",.")])
	case commas > 1:
		return '.'
	case points > 1:
		return ','
	case commas+points == 0:
		return 0
	}
	m := mark(d[strings.IndexAny(d, ",.")])
	whole, frac, _ := strings.Cut(d, string(m))
	if n.spaced || len(frac) != 3 || len(whole) == 0 || len(whole) > 3 || whole == "0" {
		return m
	}
	return 0
}

// decimal returns the number's decimal mark in a file whose numbers settle
// the given mark (0 when they settle none) and whose fields are separated
// by semicolons or not. In a file that settles none, the number's one
// mark, if any, is decimal, but for a comma in a comma-separated file:
// there, US exports write "1,234" for a thousand and more. ambiguous
// reports that last case, which a site that writes a decimal comma
// refuses.
func (n csvNumber) decimal(file mark, semicolon bool) (m mark, ambiguous bool) {
	if file == 0 {
		file = n.shows()
	}
	switch {
	case file != 0:
		return file, false
	case strings.Contains(n.digits, ",") && !semicolon:
		return '.', true
	case strings.Contains(n.digits, ","):
		return ',', false
	}
	return '.', false
}

// value reads the number with the given decimal mark.
func (n csvNumber) value(decimal mark) (float64, error) {
	d := n.digits
	group := byte(',')
	if decimal == ',' {
		group = '.'
	}
	whole, frac, hasFrac := strings.Cut(d, string(decimal))
	if strings.IndexByte(frac, group) >= 0 || hasFrac && frac == "" {
		return 0, errNotNumber
	}
	if strings.IndexByte(whole, group) >= 0 {
		groups := strings.Split(whole, string(group))
		for i, g := range groups {
			if len(g) != 3 && (i > 0 || len(g) == 0 || len(g) > 3) {
				return 0, errNotNumber
			}
		}
		whole = strings.Join(groups, "")
	}
	s := whole
	if hasFrac {
		s += "." + frac
	}
	if !plainDecimal(s) {
		return 0, errNotNumber
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, errNotNumber
	}
	if n.neg {
		v = -v
	}
	return v, nil
}

// plainDecimal reports whether s is digits with at most one point among
// them, or a number in the exponent form strconv writes.
func plainDecimal(s string) bool {
	if _, err := strconv.ParseFloat(s, 64); err != nil || s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != 'e' && r != 'E' && r != '+' && r != '-' {
			return false
		}
	}
	return s[0] != '+' && s[0] != '-'
}

// settled is the decimal mark a file's numbers settle, and the first
// number that showed it.
type settled struct {
	mark  mark
	first *csvNumber
	line  int
}

// settle notes the mark number n shows, on line line, and returns an error
// when it is not the one the file's earlier numbers showed.
func (s *settled) settle(n *csvNumber, line int) error {
	m := n.shows()
	switch {
	case m == 0:
	case s.mark == 0:
		s.mark, s.first, s.line = m, n, line
	case m != s.mark:
		return fmt.Errorf("%q has %s, but %q on line %d has %s; expected one decimal mark in the file", n.text, m.name(), s.first.text, s.line, s.mark.name())
	}
	return nil
}
