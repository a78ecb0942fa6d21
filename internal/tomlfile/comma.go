package tomlfile

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// CommaNumber says how a number written with commas, as people write
// numbers outside TOML, may be read: 1,85 with a decimal comma, 1,234,567
// with commas between thousands. One comma before exactly three digits
// (1,000) may be either, and both are set; neither is set for text that is
// not digits with commas between them, after an optional sign.
func CommaNumber(s string) (decimal, thousands bool) {
	parts := strings.Split(strings.TrimLeft(s, "+-"), ",")
	if len(parts) < 2 {
		return false, false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false, false
		}
	}
	thousands = len(parts[0]) <= 3
	for _, p := range parts[1:] {
		thousands = thousands && len(p) == 3
	}
	return len(parts) == 2, thousands
}

// commaAdvice says what to write in TOML instead of tok, a number written
// with commas.
func commaAdvice(tok string) string {
	decimal, thousands := CommaNumber(tok)
	point, plain := strings.Replace(tok, ",", ".", 1), strings.ReplaceAll(tok, ",", "")
	switch {
	case decimal && thousands:
		return fmt.Sprintf("%s has a comma, which TOML does not read in a number; expected %s for a decimal or %s for a thousand", tok, point, plain)
	case decimal:
		return fmt.Sprintf("%s has a decimal comma, which TOML does not read; expected a decimal point: %s", tok, point)
	}
	return fmt.Sprintf("%s has commas between thousands, which TOML does not read; expected %s or %s", tok, plain, strings.ReplaceAll(tok, ",", "_"))
}

// commaNumberAt returns the bounds of a number written with commas whose
// comma is at or after offset i of s, starting where a value may start;
// ok is false when there is none.
func commaNumberAt(s string, i int) (start, end int, ok bool) {
	isDigit := func(j int) bool { return j >= 0 && j < len(s) && '0' <= s[j] && s[j] <= '9' }
	for ; i < len(s); i++ {
		if s[i] != ',' || !isDigit(i-1) || !isDigit(i+1) {
			continue
		}
		start = i
		for isDigit(start - 1) {
			start--
		}
		if start > 0 && (s[start-1] == '-' || s[start-1] == '+') {
			start--
		}
		if start > 0 && !strings.ContainsRune(" \t=[,", rune(s[start-1])) {
			continue // part of something else, such as a date: 2026-07-03,1
		}
		end = i
		for isDigit(end) || end < len(s) && s[end] == ',' && isDigit(end+1) {
			end++
		}
		if decimal, thousands := CommaNumber(s[start:end]); decimal || thousands {
			return start, end, true
		}
		i = end
	}
	return 0, 0, false
}

// commaError rewrites a syntax error at line and col of Src (1-based, col
// in characters) when it is a comma in a number: the TOML library stops
// there with "expected a top-level item to end with a newline".
func (f *File) commaError(line, col int) (Position, string, bool) {
	text := f.Src
	for range line - 1 {
		_, text, _ = strings.Cut(text, "\n")
	}
	text, _, _ = strings.Cut(text, "\n")
	i := 0
	for n := 1; n < col && i < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	start, end, ok := commaNumberAt(text, max(i-1, 0))
	if !ok || start > i || end <= i {
		return Position{}, "", false
	}
	return Position{line, 1 + utf8.RuneCountInString(text[:start])}, commaAdvice(text[start:end]), true
}

// DecimalComma records an error when the value at p has a number written
// with commas in it, such as the 0,8 of [2026-05-15, 104, 0,8], which TOML
// reads as two numbers, and reports whether it found one. It is for a value
// already found wrong, so that the error says what was meant.
func (f *File) DecimalComma(p Path) bool {
	f.mu.Lock()
	if f.index == nil || f.index.values == nil {
		f.index = NewIndex(f.Src) // whole, with where values lie
	}
	x := f.index
	f.mu.Unlock()
	v, ok := x.Value(p)
	if !ok {
		return false
	}
	start, end, ok := commaNumberAt(f.Src[v.Start:v.End], 0)
	if !ok {
		return false
	}
	pos := x.Position(v.Start + start)
	f.ErrorAt(pos.Line, pos.Col, "%s", commaAdvice(f.Src[v.Start+start:v.Start+end]))
	return true
}
