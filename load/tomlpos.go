package load

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// keyPath names a value inside a TOML document: table keys and array
// indexes, from the root. objective[1].kr[0].target is
// keyPath{"objective", 1, "kr", 0, "target"}.
type keyPath []any

// child returns p extended by a key or an index, leaving p untouched.
func (p keyPath) child(seg any) keyPath {
	return append(p[:len(p):len(p)], seg)
}

// String renders the path the way TOML would, as objective[1].kr[0].target,
// with indexes counted from 1 the way a reader counts.
func (p keyPath) String() string {
	var b strings.Builder
	for _, s := range p {
		switch s := s.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(s+1) + "]")
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

// key is the map key a path is indexed under.
func (p keyPath) key() string {
	var b strings.Builder
	for _, s := range p {
		switch s := s.(type) {
		case int:
			b.WriteString("\x00#" + strconv.Itoa(s))
		case string:
			b.WriteString("\x00" + s)
		}
	}
	return b.String()
}

// position is a 1-based line and column (in characters).
type position struct{ line, col int }

// indexPositions scans TOML source, which must already have parsed without
// error, and returns where each key, table header and array element starts,
// by keyPath.key. It reads only the document's structure, so it is small;
// it runs only when a file has an error to report.
func indexPositions(src string) map[string]position {
	s := &posScanner{src: src, out: map[string]position{}, tables: map[string]int{}}
	s.document()
	return s.out
}

type posScanner struct {
	src    string
	i      int
	out    map[string]position
	tables map[string]int // arrays of tables: how many elements so far
}

func (s *posScanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

func (s *posScanner) mark(p keyPath, at int) {
	line := 1 + strings.Count(s.src[:at], "\n")
	start := strings.LastIndexByte(s.src[:at], '\n') + 1
	s.out[p.key()] = position{line, 1 + utf8.RuneCountInString(s.src[start:at])}
}

// advanced makes sure a loop that started at offset at moved on, so text
// the scanner does not understand can never make it loop forever.
func (s *posScanner) advanced(at int) {
	if s.i <= at {
		s.i = at + 1
	}
}

// skip passes spaces and tabs, and newlines and comments when lines is set.
func (s *posScanner) skip(lines bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '\n' && lines:
			s.i++
		case c == '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

func (s *posScanner) document() {
	var table keyPath
	for {
		s.skip(true)
		if s.i >= len(s.src) {
			return
		}
		if s.src[s.i] != '[' {
			at := s.i
			keys := s.key()
			s.value(table, keys, at)
			s.advanced(at)
			continue
		}
		at := s.i
		array := s.peek(1) == '['
		s.i++
		if array {
			s.i++
		}
		keys := s.key()
		table = s.resolve(nil, keys[:len(keys)-1])
		table = table.child(keys[len(keys)-1])
		if array {
			k := table.key()
			table = table.child(s.tables[k])
			s.tables[k]++
		}
		s.mark(table, at)
		for s.i < len(s.src) && s.src[s.i] != '\n' {
			s.i++
		}
	}
}

// resolve extends base by dotted keys, stepping into the latest element of
// any array of tables on the way.
func (s *posScanner) resolve(base keyPath, keys []string) keyPath {
	p := base
	for _, k := range keys {
		p = p.child(k)
		if n, ok := s.tables[p.key()]; ok {
			p = p.child(n - 1)
		}
	}
	return p
}

// value reads "= value" after keys, found at offset at within table.
func (s *posScanner) value(table keyPath, keys []string, at int) {
	p := s.resolve(table, keys[:len(keys)-1]).child(keys[len(keys)-1])
	s.mark(p, at)
	s.skip(false)
	if s.peek(0) == '=' {
		s.i++
	}
	s.skip(false)
	s.any(p)
}

// any reads one value at path p.
func (s *posScanner) any(p keyPath) {
	switch s.peek(0) {
	case '"', '\'':
		s.str()
	case '[':
		s.i++
		for n := 0; ; n++ {
			s.skip(true)
			if s.i >= len(s.src) || s.src[s.i] == ']' {
				s.i++
				return
			}
			at := s.i
			s.mark(p.child(n), at)
			s.any(p.child(n))
			s.skip(true)
			if s.peek(0) == ',' {
				s.i++
			}
			s.advanced(at)
		}
	case '{':
		s.i++
		for {
			s.skip(true)
			if s.i >= len(s.src) || s.src[s.i] == '}' {
				s.i++
				return
			}
			at := s.i
			keys := s.key()
			s.value(p, keys, at)
			s.skip(true)
			if s.peek(0) == ',' {
				s.i++
			}
			s.advanced(at)
		}
	default:
		for s.i < len(s.src) && !strings.ContainsRune(",]}\n#", rune(s.src[s.i])) {
			s.i++
		}
	}
}

// str passes a string of any of TOML's four kinds and returns its content
// (escapes left as written, which is enough for keys).
func (s *posScanner) str() string {
	q := s.src[s.i]
	delim := string(q)
	if strings.HasPrefix(s.src[s.i:], strings.Repeat(delim, 3)) {
		delim = strings.Repeat(delim, 3)
	}
	s.i += len(delim)
	start := s.i
	for s.i < len(s.src) {
		if q == '"' && s.src[s.i] == '\\' {
			s.i += 2
			continue
		}
		if strings.HasPrefix(s.src[s.i:], delim) {
			// A multi-line string may end in up to two extra quotes.
			for len(delim) == 3 && s.peek(3) == q {
				s.i++
			}
			end := s.i
			s.i += len(delim)
			return s.src[start:end]
		}
		s.i++
	}
	return s.src[start:]
}

// key reads a dotted key, bare or quoted, and the spaces after it.
func (s *posScanner) key() []string {
	var keys []string
	for {
		s.skip(false)
		if c := s.peek(0); c == '"' || c == '\'' {
			keys = append(keys, s.str())
		} else {
			start := s.i
			for s.i < len(s.src) && isBareKeyChar(s.src[s.i]) {
				s.i++
			}
			keys = append(keys, s.src[start:s.i])
		}
		s.skip(false)
		if s.peek(0) != '.' {
			return keys
		}
		s.i++
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
