package load

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Error is one problem in the content, at a position in a file.
type Error struct {
	Path string // the file, as the loader was asked to show it
	Line int    // 1-based; 0 when the problem is with the file as a whole
	Col  int    // 1-based; 0 when only the line is known
	Msg  string // what is wrong; what was expected
}

// Error formats e as path:line:col: message. A path with characters that
// do not print (a terminal's escape sequences) is quoted, and such
// characters in the message are escaped, so content cannot drive the
// terminal that shows its errors.
func (e *Error) Error() string {
	p, msg := e.Path, printable(e.Msg)
	if printable(p) != p {
		p = strconv.Quote(p)
	}
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", p, msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", p, e.Line, msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p, e.Line, e.Col, msg)
}

// printable escapes the characters of s that do not print, as Go would
// in a quoted string.
func printable(s string) string {
	if strings.IndexFunc(s, notPrintable) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if notPrintable(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func notPrintable(r rune) bool { return !unicode.IsPrint(r) }

// ErrorList is every problem found in one load, sorted by file and position.
type ErrorList []*Error

// Error joins the errors, one a line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// sort orders the errors by file, line, column and message, and drops exact
// repeats.
func (l ErrorList) sort() ErrorList {
	slices.SortFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(l, func(a, b *Error) bool { return *a == *b })
}
