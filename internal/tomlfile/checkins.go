package tomlfile

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/okrsite/okrsite"
)

// A large site's text is mostly check-ins: the synthetic 10k site has
// 520,000 of them, and the TOML library makes about 28 allocations for each
// (a value per element, a slice per row, a key string per array). So check-
// ins written the way the format shows them, one short array a line under
// an [[objective.kr]] header, are read here, and the library reads the file
// without their rows. Whatever the scanner is not sure of it leaves to the
// library: a file with a multi-line string, a header it does not follow, an
// array with one row it would not read exactly as the library does (an
// escape, an exponent, a date and time, a confidence out of range, a date
// out of order, whose error the library's way reports). The
// library still reads every file and reports every syntax error, and the
// check-ins the scanner reads fit back only where the library found the
// same objectives and key results, each with that array, now empty.

// checkinRows is a check-in array the scanner read, in the file's order.
type checkinRows []okrsite.Checkin

// scannedArray is one check-in array the scanner read, and the key result
// it belongs to: the kr'th [[objective.kr]] of the objective'th
// [[objective]], counting from 0.
type scannedArray struct {
	objective, kr int
	rows          checkinRows
}

// scanned is what scanCheckins found in a file.
type scanned struct {
	rest   string // the file with the rows of arrays read left as empty lines
	arrays []scannedArray
	krs    []int // the [[objective.kr]] headers under each [[objective]]
}

// scanCheckins reads the check-in arrays of a team's period file that it can
// read exactly as the TOML library would. Every other line of rest is the
// file's own, at its own line number, so the library's positions hold.
func scanCheckins(src string) scanned {
	none := scanned{rest: src}
	if !strings.Contains(src, "checkins") || strings.Contains(src, `"""`) || strings.Contains(src, "'''") {
		return none
	}
	var (
		s      = scanned{}
		rest   strings.Builder
		copied int  // src[:copied] is in rest
		inKR   bool // the last header is an [[objective.kr]]
		depth  int  // brackets and braces open at the start of the line
		// rows holds the rows of every array as they are read: a buffer
		// of the pool's, copied at the end into one slice of its length.
		rows = scratch.Get().(*checkinRows)
		ends []int // where each array's rows end in rows
	)
	defer scratch.Put(rows)
	*rows = (*rows)[:0]
	for at := 0; at < len(src); {
		line, next := lineAt(src, at)
		if at == 0 {
			line = strings.TrimPrefix(line, "\ufeff") // the library skips a byte order mark
		}
		text := strings.TrimLeft(line, " \t")
		switch {
		case depth > 0:
		case strings.HasPrefix(text, "["):
			switch {
			case isLine(text, "[[objective]]"):
				s.krs = append(s.krs, 0)
				inKR = false
			case isLine(text, "[[objective.kr]]") && len(s.krs) > 0:
				s.krs[len(s.krs)-1]++
				inKR = true
			case strings.Contains(text, "objective") || strings.ContainsAny(text, `"'`):
				return none // a header written some other way: the library decides
			default:
				inKR = false
			}
		case inKR && opensCheckins(text):
			start := len(*rows)
			var end int
			var ok bool
			if *rows, end, ok = readRows(src, next, *rows); !ok {
				*rows = (*rows)[:start]
				break
			}
			if rest.Len() == 0 {
				rest.Grow(len(src) / 2)
			}
			rest.WriteString(src[copied:next])
			for range strings.Count(src[next:end], "\n") {
				rest.WriteByte('\n') // a row's line, empty
			}
			copied = end
			s.arrays = append(s.arrays, scannedArray{objective: len(s.krs) - 1, kr: s.krs[len(s.krs)-1] - 1})
			ends = append(ends, len(*rows))
			_, at = lineAt(src, end) // the line that closes the array
			continue
		}
		if depth = nesting(line, depth); depth < 0 {
			return none
		}
		at = next
	}
	if len(s.arrays) == 0 {
		return none
	}
	rest.WriteString(src[copied:])
	s.rest = rest.String()
	all, start := slices.Clone(*rows), 0
	for i, end := range ends {
		s.arrays[i].rows = all[start:end:end]
		start = end
	}
	return s
}

// scratch holds buffers for scanCheckins to read rows into.
var scratch = sync.Pool{New: func() any { return new(checkinRows) }}

// lineAt returns the line that starts at offset at, without its line feed
// and a carriage return before it, and the offset of the next line.
func lineAt(src string, at int) (line string, next int) {
	end := strings.IndexByte(src[at:], '\n')
	if end < 0 {
		return src[at:], len(src)
	}
	return strings.TrimSuffix(src[at:at+end], "\r"), at + end + 1
}

// isLine reports whether text is word followed by nothing but spaces and
// a comment.
func isLine(text, word string) bool {
	after, ok := strings.CutPrefix(text, word)
	return ok && blank(after)
}

// blank reports whether s holds nothing but spaces and a comment.
func blank(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return s == "" || s[0] == '#'
}

// opensCheckins reports whether text is "checkins = [" and nothing more.
func opensCheckins(text string) bool {
	after, ok := strings.CutPrefix(text, "checkins")
	if !ok {
		return false
	}
	after, ok = strings.CutPrefix(strings.TrimLeft(after, " \t"), "=")
	if !ok {
		return false
	}
	return isLine(strings.TrimLeft(after, " \t"), "[")
}

// nesting returns the number of brackets and braces open after line, given
// depth open before it, skipping strings and comments.
func nesting(line string, depth int) int {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '#':
			return depth
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		case '"':
			for i++; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' {
					i++
				}
			}
		case '\'':
			if j := strings.IndexByte(line[i+1:], '\''); j >= 0 {
				i += j + 1
			} else {
				i = len(line)
			}
		}
	}
	return depth
}

// readRows reads the rows of a check-in array from offset at, the line
// after "checkins = [", to the line that closes the array, appends them to
// rows, and returns the offset of that closing line. Blank and comment lines
// may come between rows. It reports false at the first line it would not
// read, at a row whose date does not follow the last, and for an array
// without rows.
func readRows(src string, at int, rows checkinRows) (_ checkinRows, end int, ok bool) {
	n := len(rows)
	last := false // a row without a comma after it must be the last
	for at < len(src) {
		line, next := lineAt(src, at)
		if !plain(line) {
			return rows, 0, false
		}
		text := strings.TrimLeft(line, " \t")
		switch {
		case isLine(text, "]"):
			return rows, at, len(rows) > n
		case blank(text):
		default:
			c, comma, ok := readRow(text)
			if !ok || last || len(rows) > n && rows[len(rows)-1].Date >= c.Date {
				return rows, 0, false // out of order: the library's way reports it
			}
			rows = append(rows, c)
			last = !comma
		}
		at = next
	}
	return rows, 0, false
}

// plain reports whether line is valid UTF-8 without control characters
// other than tabs: text the library would take as it is.
func plain(line string) bool {
	for i := 0; i < len(line); i++ {
		if c := line[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return utf8.ValidString(line)
}

// readRow reads one check-in written [date, value], [date, value,
// confidence], [date, value, "note"] or [date, value, confidence, "note"],
// followed by a comma or not, and a comment or not. It reads dates as
// YYYY-MM-DD, numbers as plain decimals (-12, 0.5) and notes without
// escapes; anything else, and anything fastCheckin would refuse, it leaves
// to the library.
func readRow(text string) (c okrsite.Checkin, comma, ok bool) {
	c = okrsite.Checkin{Confidence: okrsite.NoConfidence}
	r := rowReader{s: text}
	var okD, okV bool
	r.expect('[')
	c.Date, okD = r.date()
	r.expect(',')
	c.Value, okV = r.number()
	if !okD || !okV {
		return c, false, false
	}
	if r.next(',') {
		if r.peek() == '"' {
			c.Note = r.note()
		} else {
			if c.Confidence, ok = r.number(); !ok || c.Confidence < 0 || c.Confidence > 1 {
				return c, false, false
			}
			if r.next(',') {
				c.Note = r.note()
			}
		}
	}
	r.expect(']')
	comma = r.next(',')
	return c, comma, !r.failed && blank(r.s[r.i:])
}

// rowReader reads the parts of one row, failing for good at the first
// thing out of place.
type rowReader struct {
	s      string
	i      int
	failed bool
}

// space skips spaces and tabs.
func (r *rowReader) space() {
	for r.i < len(r.s) && (r.s[r.i] == ' ' || r.s[r.i] == '\t') {
		r.i++
	}
}

// peek returns the next byte after spaces, or 0 at the end.
func (r *rowReader) peek() byte {
	r.space()
	if r.i < len(r.s) {
		return r.s[r.i]
	}
	return 0
}

// next reads c after spaces, if it comes next.
func (r *rowReader) next(c byte) bool {
	if r.failed || r.peek() != c {
		return false
	}
	r.i++
	return true
}

// expect reads c after spaces, or fails.
func (r *rowReader) expect(c byte) {
	if !r.next(c) {
		r.failed = true
	}
}

// digits reads a run of digits and returns how many there were.
func (r *rowReader) digits() int {
	start := r.i
	for r.i < len(r.s) && '0' <= r.s[r.i] && r.s[r.i] <= '9' {
		r.i++
	}
	return r.i - start
}

// date reads a local date, YYYY-MM-DD, of a day that exists.
func (r *rowReader) date() (okrsite.Date, bool) {
	if r.failed || r.peek() == 0 || len(r.s)-r.i < 10 {
		return 0, false
	}
	d, err := okrsite.ParseDate(r.s[r.i : r.i+10])
	r.i += 10
	return d, err == nil // 2026-02-30 and the like: the library reports them
}

// number reads a decimal integer or a decimal fraction without exponent or
// underscores, as the library reads it: an integer through int64.
func (r *rowReader) number() (float64, bool) {
	if r.failed || r.peek() == 0 {
		return 0, false
	}
	start := r.i
	if r.s[r.i] == '-' {
		r.i++
	}
	first := r.i
	n := r.digits()
	if n == 0 || n > 1 && r.s[first] == '0' || n > 15 {
		return 0, false
	}
	if r.i == len(r.s) || r.s[r.i] != '.' {
		v, err := strconv.ParseInt(r.s[start:r.i], 10, 64)
		return float64(v), err == nil
	}
	r.i++
	if r.digits() == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(r.s[start:r.i], 64)
	return v, err == nil
}

// note reads a string in double quotes without escapes, no longer than
// MaxText bytes, as a copy of its own.
func (r *rowReader) note() string {
	if r.failed || r.peek() != '"' {
		r.failed = true
		return ""
	}
	end := strings.IndexByte(r.s[r.i+1:], '"')
	if end < 0 || end > MaxText || strings.IndexByte(r.s[r.i+1:r.i+1+end], '\\') >= 0 {
		r.failed = true
		return ""
	}
	s := Own(r.s[r.i+1 : r.i+1+end])
	r.i += end + 2
	return s
}

// attach puts each scanned array in the place of the empty array the
// library found for it, once the library's objectives and key results are
// those the scanner counted: a header the scanner missed or miscounted
// shows here. It reports false, and changes nothing, when they are not.
func attach(root map[string]any, s scanned) bool {
	objectives, ok := root["objective"].([]map[string]any)
	if !ok || len(objectives) != len(s.krs) {
		return false
	}
	krs := make([][]map[string]any, len(objectives))
	for i, o := range objectives {
		krs[i], _ = o["kr"].([]map[string]any)
		if len(krs[i]) != s.krs[i] {
			return false
		}
	}
	for _, a := range s.arrays {
		if v, ok := krs[a.objective][a.kr]["checkins"].([]any); !ok || len(v) != 0 {
			return false
		}
	}
	for _, a := range s.arrays {
		krs[a.objective][a.kr]["checkins"] = a.rows
	}
	return true
}

const checkinShape = `[date, value], [date, value, confidence], [date, value, "note"] or [date, value, confidence, "note"]`

// Checkins reads a key result's checkins array: short arrays, in date
// order. The common case (a date and a number or two) is read without
// building the paths that only an error needs, or was read, in order,
// before the TOML library saw the file (scanCheckins).
func (t *Table) Checkins() []okrsite.Checkin {
	if rows, ok := t.m["checkins"].(checkinRows); ok {
		t.Get("checkins")
		return rows
	}
	arr, ok := t.Array("checkins")
	if !ok {
		return nil
	}
	out := make([]okrsite.Checkin, 0, len(arr))
	for i, e := range arr {
		c, ok := fastCheckin(e)
		if !ok && !t.slowCheckin(i, e, &c) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Date >= c.Date {
			t.File.Errorf(t.At("checkins").Child(i).Child(0), "check-in of %s follows one of %s; expected check-ins in date order, one a day", c.Date, out[n-1].Date)
			continue
		}
		out = append(out, c)
	}
	return out
}

// fastCheckin reads a well-formed check-in.
func fastCheckin(e any) (okrsite.Checkin, bool) {
	c := okrsite.Checkin{Confidence: okrsite.NoConfidence}
	a, ok := e.([]any)
	if !ok || len(a) < 2 || len(a) > 4 {
		return c, false
	}
	var okD, okV bool
	c.Date, okD = asDate(a[0])
	c.Value, okV = asNumber(a[1])
	if !okD || !okV {
		return c, false
	}
	rest := a[2:]
	if len(rest) > 0 {
		if note, isNote := rest[0].(string); isNote && len(rest) == 1 {
			c.Note = Own(note)
			return c, len(note) <= MaxText
		}
		if c.Confidence, ok = asNumber(rest[0]); !ok || c.Confidence < 0 || c.Confidence > 1 {
			return c, false
		}
	}
	if len(rest) == 2 {
		note, ok := rest[1].(string)
		if !ok || len(note) > MaxText {
			return c, false
		}
		c.Note = Own(note)
	}
	return c, true
}

// slowCheckin reads a check-in that fastCheckin refused, reporting each
// problem at its position. It fills c as far as it can and reports whether
// the date and value are usable.
func (t *Table) slowCheckin(i int, e any, c *okrsite.Checkin) bool {
	p := t.At("checkins").Child(i)
	if t.File.DecimalComma(p) {
		return false
	}
	a, ok := e.([]any)
	if !ok || len(a) < 2 || len(a) > 4 {
		t.File.Errorf(p, "check-in is %s; expected %s", Shape(e), checkinShape)
		return false
	}
	*c = okrsite.Checkin{Confidence: okrsite.NoConfidence}
	date, okDate := t.ToDate(p.Child(0), "check-in date", a[0])
	value, okValue := t.ToNumber(p.Child(1), "check-in value", a[1])
	c.Date, c.Value = date, value
	rest := a[2:]
	if len(rest) > 0 {
		if note, isNote := rest[0].(string); isNote && len(rest) == 1 {
			c.Note = t.CheckLength(p.Child(2), "note", note)
		} else if conf, ok := t.ToNumber(p.Child(2), "confidence", rest[0]); ok {
			if conf < 0 || conf > 1 {
				t.File.Errorf(p.Child(2), "confidence %v is out of range; expected 0 to 1", conf)
			}
			c.Confidence = conf
		}
		if len(rest) == 2 {
			note, isNote := rest[1].(string)
			if !isNote {
				t.WrongType(p.Child(3), "note", rest[1], "a string")
			}
			c.Note = t.CheckLength(p.Child(3), "note", note)
		}
	}
	return okDate && okValue
}
