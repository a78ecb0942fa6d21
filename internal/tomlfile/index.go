package tomlfile

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Span is a stretch of the source, as byte offsets.
type Span struct{ Start, End int }

// Index says where things are in TOML source that has already parsed
// without error: where each key, table header and array element starts,
// where each value lies, and where each table's last value ends. It reads
// only the document's structure, so it is small; it is made only when a
// file has a problem to report (and then, for the first, only as far as
// that problem: see File.Position), or is about to be edited.
type Index struct {
	src        string
	starts     map[string]int  // by Path.key: the key, header or element
	values     map[string]Span // by Path.key: the value
	tableEnds  map[string]int  // by Path.key of a table: after its last value
	lineStarts []int
}

// NewIndex indexes TOML source.
func NewIndex(src string) *Index {
	x := &Index{src: src, starts: map[string]int{}, values: map[string]Span{}, tableEnds: map[string]int{}}
	x.scan("")
	return x
}

// newStarts returns an index of src for Find alone: where things start,
// and not where values lie or tables end, which only editing asks. A file
// is indexed to place its problems; on a large file that is most of the
// work.
func newStarts(src string) *Index { return &Index{src: src, starts: map[string]int{}} }

// scan fills x from its source: starts, and values and tableEnds unless
// they are nil. It stops once it has found where the path whose Key is
// until starts, and reports whether it did; "" scans the whole source.
func (x *Index) scan(until string) bool {
	src := x.src
	s := &posScanner{idx: x, src: src, tables: map[string]int{}, until: until}
	if strings.HasPrefix(src, "\ufeff") {
		s.i = len("\ufeff") // a byte order mark, which the library skips too
	}
	s.document()
	x.lineStarts = []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			x.lineStarts = append(x.lineStarts, i+1)
		}
	}
	return s.found
}

// Position returns the line and column of a byte offset.
func (x *Index) Position(off int) Position {
	line := sort.SearchInts(x.lineStarts, off+1) - 1
	start := x.lineStarts[line]
	return Position{line + 1, 1 + utf8.RuneCountInString(x.src[start:off])}
}

// Find returns where path p starts, or the nearest enclosing table or array
// that is written; the start of the file when none is.
func (x *Index) Find(p Path) Position {
	for n := len(p); n > 0; n-- {
		if off, ok := x.starts[p[:n].Key()]; ok {
			return x.Position(off)
		}
	}
	return Position{1, 1}
}

// Start returns the offset where the key, table header or array element at
// p starts.
func (x *Index) Start(p Path) (int, bool) {
	off, ok := x.starts[p.Key()]
	return off, ok
}

// Value returns where the value at p lies.
func (x *Index) Value(p Path) (Span, bool) {
	v, ok := x.values[p.Key()]
	return v, ok
}

// TableEnd returns the offset just after the last value of the table at
// p: its header's line end when it has none.
func (x *Index) TableEnd(p Path) int { return x.tableEnds[p.Key()] }

// posScanner indexes source. It names paths by their Key alone, each made
// once from its parent's: on a large file that is most of the work.
type posScanner struct {
	idx    *Index
	src    string
	i      int
	table  string         // the Key of the table being read
	tables map[string]int // arrays of tables, by Key: how many elements so far
	until  string         // the Key of the path to stop at, or ""
	found  bool           // until's start is found: the scan stops
}

// start records that the path whose Key is key starts at offset at.
func (s *posScanner) start(key string, at int) {
	s.idx.starts[key] = at
	if s.until != "" && key == s.until {
		s.found = true
	}
}

func (s *posScanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

// span records that the value at key lies from start to here, when the
// index keeps values.
func (s *posScanner) span(key string, start int) {
	if s.idx.values != nil {
		s.idx.values[key] = Span{start, s.i}
	}
}

// tableEnd records that the table at key ends here, when the index keeps
// where tables end.
func (s *posScanner) tableEnd(key string) {
	if s.idx.tableEnds != nil {
		s.idx.tableEnds[key] = s.i
	}
}

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
	for !s.found {
		s.skip(true)
		if s.i >= len(s.src) {
			return
		}
		if s.src[s.i] != '[' {
			at := s.i
			keys := s.key()
			s.value(s.table, keys, at)
			s.tableEnd(s.table)
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
		table := childKey(s.resolve("", keys[:len(keys)-1]), keys[len(keys)-1])
		if array {
			n := s.tables[table]
			s.tables[table]++
			table = childKey(table, n)
		}
		s.start(table, at)
		for s.i < len(s.src) && s.src[s.i] != '\n' {
			s.i++
		}
		s.table = table
		s.tableEnd(table)
	}
}

// resolve extends the path whose Key is base by dotted keys, stepping into
// the latest element of any array of tables on the way.
func (s *posScanner) resolve(base string, keys []string) string {
	p := base
	for _, k := range keys {
		p = childKey(p, k)
		if n, ok := s.tables[p]; ok {
			p = childKey(p, n-1)
		}
	}
	return p
}

// value reads "= value" after keys, found at offset at within the table
// whose Key is table.
func (s *posScanner) value(table string, keys []string, at int) {
	p := childKey(s.resolve(table, keys[:len(keys)-1]), keys[len(keys)-1])
	s.start(p, at)
	s.skip(false)
	if s.peek(0) == '=' {
		s.i++
	}
	s.skip(false)
	start := s.i
	s.any(p)
	s.span(p, start)
}

// maxIndexDepth bounds how deep into nested arrays and tables the index
// records positions. Deeper values are passed over: no content nests that
// far, and recording them would cost time in the square of the depth.
const maxIndexDepth = 16

// any reads one value at the path whose Key is p.
func (s *posScanner) any(p string) {
	if strings.Count(p, "\x00") > maxIndexDepth {
		s.pass()
		return
	}
	switch s.peek(0) {
	case '"', '\'':
		s.str()
	case '[':
		s.i++
		for n := 0; !s.found; n++ {
			s.skip(true)
			if s.i >= len(s.src) {
				return
			}
			if s.src[s.i] == ']' {
				s.i++
				return
			}
			at, elem := s.i, childKey(p, n)
			s.start(elem, at)
			s.any(elem)
			s.span(elem, at)
			s.skip(true)
			if s.peek(0) == ',' {
				s.i++
			}
			s.advanced(at)
		}
	case '{':
		s.i++
		for !s.found {
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
	delim := s.src[s.i : s.i+1]
	if tripleQuote(s.src, s.i) {
		delim = s.src[s.i : s.i+3]
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
