package load

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in the content, at a position in a file.
type Error struct {
	Path string // the file, as the loader was asked to show it
	Line int    // 1-based; 0 when the problem is with the file as a whole
	Col  int    // 1-based; 0 when only the line is known
	Msg  string // what is wrong; what was expected
}

// Error formats e as path:line:col: message.
func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

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
