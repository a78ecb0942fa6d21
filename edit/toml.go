package edit

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/tomlfile"
)

// insertEntry puts entry (a short array for the date) into the array at
// key of the table at table, whose entries have the given dates in order:
// in place of an entry of the same date, or in date order. It keeps the
// array's layout: one entry a line, or all on one line. When the array is
// missing, it is added at the end of the table. New lines end as the
// file's lines do.
func insertEntry(src string, table tomlfile.Path, key string, dates []okrsite.Date, date okrsite.Date, entry string) (string, bool) {
	x := tomlfile.NewIndex(src)
	nl := lineEnd(src)
	arr := table.Child(key)
	value, ok := x.Value(arr)
	if !ok {
		end := x.TableEnd(table)
		start, _ := x.Start(table)
		indent := lineIndent(src, start)
		return src[:end] + nl + indent + key + " = [" + nl + indent + "  " + entry + "," + nl + indent + "]" + src[end:], false
	}
	element := func(i int) tomlfile.Span {
		e, _ := x.Value(arr.Child(i))
		return e
	}
	if i := slices.Index(dates, date); i >= 0 {
		e := element(i)
		return src[:e.Start] + entry + src[e.End:], true
	}
	multiline := strings.Contains(src[value.Start:value.End], "\n")
	if len(dates) == 0 {
		open := value.Start + 1 // after "["
		if multiline {
			indent := lineIndent(src, value.Start) + "  "
			return src[:open] + nl + indent + entry + "," + src[open:], false
		}
		return src[:open] + entry + src[open:], false
	}
	if j, _ := slices.BinarySearch(dates, date); j < len(dates) {
		e := element(j)
		sep := ", "
		if multiline {
			sep = "," + nl + lineIndent(src, e.Start)
		}
		return src[:e.Start] + entry + sep + src[e.Start:], false
	}
	last := element(len(dates) - 1)
	after := last.End
	rest := strings.TrimLeft(src[after:], " \t")
	comma := strings.HasPrefix(rest, ",")
	if comma {
		after = len(src) - len(rest) + 1
	}
	if !multiline {
		if comma {
			return src[:after] + " " + entry + "," + src[after:], false
		}
		return src[:after] + ", " + entry + src[after:], false
	}
	// One entry a line: the new line goes after the last entry's line,
	// comment and all, with a trailing comma if the others have one.
	eol := after + strings.IndexByte(src[after:], '\n')
	if eol > after && src[eol-1] == '\r' {
		eol--
	}
	if eol < after || strings.TrimSpace(strings.SplitN(src[after:eol], "#", 2)[0]) != "" {
		eol = after
	}
	indent := lineIndent(src, last.Start)
	if comma {
		return src[:eol] + nl + indent + entry + "," + src[eol:], false
	}
	return src[:after] + "," + src[after:eol] + nl + indent + entry + src[eol:], false
}

// lineEnd returns how the lines of text end: "\r\n" when any line ends
// so, as a file written on Windows does, else "\n".
func lineEnd(text string) string {
	if strings.Contains(text, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

// lineIndent returns the spaces and tabs that begin the line holding offset
// off.
func lineIndent(src string, off int) string {
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return src[start:end]
}

// checkinText writes a check-in as a short array.
func checkinText(c okrsite.Checkin) string {
	parts := []string{c.Date.String(), FormatNumber(c.Value)}
	if c.Confidence != okrsite.NoConfidence {
		parts = append(parts, FormatNumber(c.Confidence))
	}
	if c.Note != "" {
		parts = append(parts, tomlString(c.Note))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// FormatNumber writes a number as TOML and CSV readers read it back: as
// short as it can be without losing anything, in plain decimals unless it
// is very large or very small.
func FormatNumber(v float64) string {
	if a := math.Abs(v); a == 0 || a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
