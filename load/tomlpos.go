package load

import (
	"sort"
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

// span is a stretch of the source, as byte offsets.
type span struct{ start, end int }

// tomlIndex says where things are in TOML source that has already parsed
// without error: where each key, table header and array element starts,
// where each value lies, and where each table's last value ends. It reads
// only the document's structure, so it is small; it runs only when a file
// has an error to report, or is about to be edited.
type tomlIndex struct {
	src        string
	starts     map[string]int  // by keyPath.key: the key, header or element
	values     map[string]span // by keyPath.key: the value
	tableEnds  map[string]int  // by keyPath.key of a table: after its last value
	lineStarts []int
}

func newTOMLIndex(src string) *tomlIndex {
	s := &posScanner{
		idx:    &tomlIndex{src: src, starts: map[string]int{}, values: map[string]span{}, tableEnds: map[string]int{}},
		src:    src,
		tables: map[string]int{},
	}
	s.document()
	x := s.idx
	x.lineStarts = []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			x.lineStarts = append(x.lineStarts, i+1)
		}
	}
	return x
}

// position returns the line and column of a byte offset.
func (x *tomlIndex) position(off int) position {
	line := sort.SearchInts(x.lineStarts, off+1) - 1
	start := x.lineStarts[line]
	return position{line + 1, 1 + utf8.RuneCountInString(x.src[start:off])}
}

// find returns where path p starts, or the nearest enclosing table or array
// that is written; the start of the file when none is.
func (x *tomlIndex) find(p keyPath) position {
	for n := len(p); n > 0; n-- {
		if off, ok := x.starts[p[:n].key()]; ok {
			return x.position(off)
		}
	}
	return position{1, 1}
}

type posScanner struct {
	idx    *tomlIndex
	src    string
	i      int
	table  keyPath        // the table being read
	tables map[string]int // arrays of tables: how many elements so far
}

func (s *posScanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

func (s *posScanner) mark(p keyPath, at int) { s.idx.starts[p.key()] = at }

// advanced makes sure a loop that started at offset at moved on, so text
// the scanner does not understand can never make it loop forever.
func (s *posScanner) advanced(at int) {
	if s.i <= at {
		s.i = min(at+1, len(s.src))
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
	for {
		s.skip(true)
		if s.i >= len(s.src) {
			return
		}
		if s.src[s.i] != '[' {
			at := s.i
			keys := s.key()
			s.value(s.table, keys, at)
			s.idx.tableEnds[s.table.key()] = s.i
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
		table := s.resolve(nil, keys[:len(keys)-1])
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
		s.table = table
		s.idx.tableEnds[table.key()] = s.i
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
	start := s.i
	s.any(p)
	s.idx.values[p.key()] = span{start, s.i}
}

// maxIndexDepth bounds how deep into nested arrays and tables the index
// records positions. Deeper values are passed over: no content nests that
// far, and recording them would cost time in the square of the depth.
const maxIndexDepth = 16

// any reads one value at path p.
func (s *posScanner) any(p keyPath) {
	if len(p) > maxIndexDepth {
		s.pass()
		return
	}
	switch s.peek(0) {
	case '"', '\'':
		s.str()
	case '[':
		s.i++
		for n := 0; ; n++ {
			s.skip(true)
			if s.i >= len(s.src) {
				return
			}
			if s.src[s.i] == ']' {
				s.i++
				return
			}
			at := s.i
			s.mark(p.child(n), at)
			s.any(p.child(n))
			s.idx.values[p.child(n).key()] = span{at, s.i}
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
			if s.i >= len(s.src) {
				return
			}
			if s.src[s.i] == '}' {
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
		start := s.i
		for s.i < len(s.src) && !strings.ContainsRune(",]}\n#", rune(s.src[s.i])) {
			s.i++
		}
		for s.i > start && (s.src[s.i-1] == ' ' || s.src[s.i-1] == '\t' || s.src[s.i-1] == '\r') {
			s.i--
		}
	}
}

// pass passes one value, however deeply nested, recording nothing.
func (s *posScanner) pass() {
	depth := 0
	for s.i < len(s.src) {
		switch c := s.src[s.i]; c {
		case '"', '\'':
			s.str()
			continue
		case '#':
			s.skip(false)
			continue
		case '[', '{':
			depth++
		case ']', '}':
			if depth == 0 {
				return
			}
			depth--
		case ',', '\n':
			if depth == 0 {
				return
			}
		}
		s.i++
		if depth == 0 && (s.src[s.i-1] == ']' || s.src[s.i-1] == '}') {
			return
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
			s.i = min(s.i+2, len(s.src))
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
