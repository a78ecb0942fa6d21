// Package tomlfile reads TOML files against a strict schema and says where
// each problem is written. A File holds a file's text and the problems found
// in it; its Table hands out values key by key, and every key no accessor
// asked for is an error (Done). A problem is recorded at a Path, such as
// objective[1].kr[0].target, and turned into a line and column only when it
// is reported, by an Index of the text's structure, so a file without
// problems is never indexed. Check-in arrays written one short row a line
// are read by a scanner of the package's own (see checkins.go), much faster
// than the TOML library reads them.
package tomlfile

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Path names a value inside a TOML document: table keys and array indexes,
// from the root. objective[1].kr[0].target is
// Path{"objective", 1, "kr", 0, "target"}.
type Path []any

// Child returns p extended by a key or an index, leaving p untouched.
func (p Path) Child(seg any) Path {
	return append(p[:len(p):len(p)], seg)
}

// Key is the map key a path is indexed under: equal for equal paths.
func (p Path) Key() string {
	var b []byte
	for _, s := range p {
		b = appendSegment(b, s)
	}
	return string(b)
}

// childKey is the Key of the path whose Key is key, extended by seg.
func childKey(key string, seg any) string {
	return string(appendSegment([]byte(key), seg))
}

// appendSegment appends one segment of a Key, a key or an index, to b.
func appendSegment(b []byte, seg any) []byte {
	switch s := seg.(type) {
	case int:
		b = append(b, 0, '#')
		b = strconv.AppendInt(b, int64(s), 10)
	case string:
		b = append(b, 0)
		b = append(b, s...)
	}
	return b
}

// Position is a 1-based line and column (in characters). Line 0 means the
// file as a whole; column 0, the whole line.
type Position struct{ Line, Col int }

// Problem is an error or a warning in a file. Its position is found only
// when it is reported: it is either At a path or at Pos.
type Problem struct {
	At   Path     // where the problem is written, or nil
	Pos  Position // used when At is nil
	Msg  string   // what is wrong; what was expected
	Warn bool     // a warning, not an error
}

// File is the text of one file being read, kept to find positions for
// problems, and the problems found in it so far.
type File struct {
	Src      string    // the text, or the part of the file being read
	LineBase int       // lines of the file before Src (a note's front matter)
	Problems []Problem // in the order found

	mu       sync.Mutex
	index    *Index // Src indexed whole, once needed
	searched bool   // Src was scanned for one path
}

// Errorf records an error at the value or key at path p.
func (f *File) Errorf(p Path, format string, args ...any) {
	f.Problems = append(f.Problems, Problem{At: p, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at the value or key at path p.
func (f *File) Warnf(p Path, format string, args ...any) {
	f.Problems = append(f.Problems, Problem{At: p, Msg: fmt.Sprintf(format, args...), Warn: true})
}

// ErrorAt records an error at a known line and column of Src.
func (f *File) ErrorAt(line, col int, format string, args ...any) {
	f.Problems = append(f.Problems, Problem{Pos: Position{line, col}, Msg: fmt.Sprintf(format, args...)})
}

// Where returns the position of problem p in the whole file.
func (f *File) Where(p Problem) Position {
	pos := p.Pos
	if p.At != nil {
		pos = f.Position(p.At)
	}
	if pos.Line > 0 {
		pos.Line += f.LineBase
	}
	return pos
}

// Position finds where path p is written in Src, or the nearest enclosing
// table or array that is; the start of Src when none is. Most files have
// one problem to place at most, so the first path asked for is looked for
// by scanning Src only as far as it is written; from the second on, or
// when that path is not written as such, Src is indexed whole, once.
func (f *File) Position(p Path) Position {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.index == nil && !f.searched {
		f.searched = true
		x := newStarts(f.Src)
		if x.scan(p.Key()) {
			return x.Find(p)
		}
		f.index = x // scanned to its end: whole
	}
	if f.index == nil {
		f.index = newStarts(f.Src)
		f.index.scan("")
	}
	return f.index.Find(p)
}

// Parse decodes Src, which must be TOML, into its root table (what says
// what it is, for messages). A syntax error is recorded with the position
// the TOML library gives, and Parse returns nil; so is text beyond the
// limits of limits.go, which the library never sees.
func (f *File) Parse(what string) *Table {
	if !f.checkLimits(f.Src) {
		return nil
	}
	root, err := unmarshal(f.Src)
	return f.table(root, err, what)
}

// ParseCheckins is Parse for a team's period file: the check-in arrays of
// its [[objective.kr]] tables that the scanner can read it reads itself,
// and the TOML library reads the rest (see checkins.go). The result is
// the same as Parse's, errors and all.
func (f *File) ParseCheckins(what string) *Table {
	s := scanCheckins(f.Src)
	if len(s.arrays) == 0 {
		return f.Parse(what)
	}
	if !f.checkLimits(s.rest) {
		return nil
	}
	root, err := unmarshal(s.rest)
	if err != nil || !attach(root, s) {
		if !f.checkLimits(f.Src) {
			return nil
		}
		root, err = unmarshal(f.Src) // the library alone has the last word
	}
	return f.table(root, err, what)
}

// table returns the root table the TOML library decoded, or records the
// syntax error it found, saying what to write instead of a number with a
// comma, and returns nil.
func (f *File) table(root map[string]any, err error, what string) *Table {
	if err == nil {
		return &Table{File: f, m: root, What: what}
	}
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		f.ErrorAt(1, 1, "%v", err)
		return nil
	}
	if pos, msg, ok := f.commaError(pe.Position.Line, pe.Position.Col); ok {
		f.ErrorAt(pos.Line, pos.Col, "%s", msg)
		return nil
	}
	msg := pe.Message
	if pe.Usage != "" {
		msg += "; " + firstLine(pe.Usage)
	}
	f.ErrorAt(pe.Position.Line, pe.Position.Col, "%s", msg)
	return nil
}

// unmarshal decodes TOML text with the TOML library.
func unmarshal(src string) (map[string]any, error) {
	var root map[string]any
	_, err := toml.Decode(src, &root)
	return root, err
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
