package load

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/okrsite/okrsite"
)

// file is one content file being read: its source, kept to find positions
// for errors, and the errors found in it so far.
type file struct {
	path     string // as shown in errors
	rel      string // within the site's file system
	src      string
	lineBase int // lines before src in the file (front matter)
	pending  []pendingError
	stat     fs.FileInfo // as found before reading src, for the Loader's cache
	once     sync.Once
	index    *tomlIndex
}

// pendingError is an error whose position is found only when the load ends,
// so that files without errors are never indexed.
type pendingError struct {
	at   keyPath
	pos  position // used when at is nil
	msg  string
	warn bool
}

// errorf records an error at the value or key at path p.
func (f *file) errorf(p keyPath, format string, args ...any) {
	f.pending = append(f.pending, pendingError{at: p, msg: fmt.Sprintf(format, args...)})
}

// warnf records a warning at the value or key at path p.
func (f *file) warnf(p keyPath, format string, args ...any) {
	f.pending = append(f.pending, pendingError{at: p, msg: fmt.Sprintf(format, args...), warn: true})
}

// errorAt records an error at a known line and column.
func (f *file) errorAt(line, col int, format string, args ...any) {
	f.pending = append(f.pending, pendingError{pos: position{line, col}, msg: fmt.Sprintf(format, args...)})
}

// errors resolves the file's pending errors and warnings to positions.
func (f *file) errors() (errs, warnings []*Error) {
	for _, pe := range f.pending {
		pos := pe.pos
		if pe.at != nil {
			pos = f.position(pe.at)
		}
		if pos.line > 0 {
			pos.line += f.lineBase
		}
		e := &Error{Path: f.path, Line: pos.line, Col: pos.col, Msg: pe.msg}
		if pe.warn {
			warnings = append(warnings, e)
		} else {
			errs = append(errs, e)
		}
	}
	return errs, warnings
}

// position finds where path p is written, or the nearest enclosing table or
// array that is; the start of the file when none is.
func (f *file) position(p keyPath) position {
	f.once.Do(func() { f.index = newTOMLIndex(f.src) })
	return f.index.find(p)
}

// teamPeriod is what messages call a team's period file, the only file
// with check-ins.
const teamPeriod = "a team's period"

// parse decodes the TOML source of f into its root table, with the check-in
// arrays scanCheckins reads in place when it is a team's period (see
// checkins.go). A syntax error is recorded with the position the TOML
// library gives, and parse returns nil.
func (f *file) parse(what string) *table {
	s := scanned{rest: f.src}
	if what == teamPeriod {
		s = scanCheckins(f.src)
	}
	root, err := unmarshal(s.rest)
	if len(s.arrays) > 0 && (err != nil || !attach(root, s)) {
		root, err = unmarshal(f.src) // the library alone has the last word
	}
	return f.table(root, err, what)
}

// table returns the root table the TOML library decoded, or records the
// syntax error it found and returns nil.
func (f *file) table(root map[string]any, err error, what string) *table {
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.Usage != "" {
				msg += "; " + firstLine(pe.Usage)
			}
			f.errorAt(pe.Position.Line, pe.Position.Col, "%s", msg)
		} else {
			f.errorAt(1, 1, "%v", err)
		}
		return nil
	}
	return &table{f: f, m: root, what: what}
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

// table reads the keys of one TOML table against a schema: each accessor
// names a key it knows, and done reports every key no accessor asked for.
type table struct {
	f     *file
	path  keyPath
	m     map[string]any
	what  string // what the table describes, for messages: "key result"
	known []string
}

// at returns the path of key within t.
func (t *table) at(key string) keyPath { return t.path.child(key) }

// errorf records an error at key (or at the table itself when key is "";
// the root table's errors go to the file's first line).
func (t *table) errorf(key string, format string, args ...any) {
	p := append(keyPath{}, t.path...)
	if key != "" {
		p = t.at(key)
	}
	t.f.errorf(p, format, args...)
}

// get returns the value of key and whether it is set.
func (t *table) get(key string) (any, bool) {
	if t.known == nil {
		t.known = make([]string, 0, 16) // room for the keys of most tables
	}
	t.known = append(t.known, key)
	v, ok := t.m[key]
	return v, ok
}

// has reports whether key is set, without claiming it.
func (t *table) has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// wrongType records that the value at p, called name, has the wrong type.
func (t *table) wrongType(p keyPath, name string, v any, want string) {
	t.f.errorf(p, "%s is %s; expected %s", name, typeName(v), want)
}

// MaxText is the longest string a field may hold, in characters: a title
// or a description, not a document. Commentary belongs in Markdown files.
const MaxText = 5000

// str returns the string at key, or "" when it is absent or not a string.
func (t *table) str(key string) string {
	v, ok := t.get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(t.at(key), key, v, "a string")
	}
	if len(s) <= MaxText {
		return own(s) // the common case, without the path only an error needs
	}
	return t.checkLength(t.at(key), key, s)
}

// checkLength reports a string longer than MaxText and returns it cut
// there, as a copy of its own (see own).
func (t *table) checkLength(p keyPath, name, s string) string {
	if len(s) <= MaxText {
		return own(s)
	}
	if n := utf8.RuneCountInString(s); n > MaxText {
		t.f.errorf(p, "%s is %d characters; expected at most %d", name, n, MaxText)
		return string([]rune(s)[:MaxText])
	}
	return s
}

// own returns a copy of s. The TOML library hands out strings that share
// memory with its copy of the whole file, and a site keeps a title or a note
// from each of thousands of files: kept as they come, they would keep every
// file's text in memory.
func own(s string) string { return strings.Clone(s) }

// required returns the string at key and records an error when it is
// missing or empty.
func (t *table) required(key, meaning string) string {
	if !t.has(key) {
		t.get(key)
		t.errorf("", "%s is missing %s; expected %s", t.what, key, meaning)
		return ""
	}
	s := t.str(key)
	if s == "" && t.m[key] == "" {
		t.errorf(key, "%s is empty; expected %s", key, meaning)
	}
	return s
}

// boolean returns the boolean at key, or false when it is absent.
func (t *table) boolean(key string) bool {
	v, ok := t.get(key)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		t.wrongType(t.at(key), key, v, "true or false")
	}
	return b
}

// number returns the finite number at key.
func (t *table) number(key string) (float64, bool) {
	v, ok := t.get(key)
	if !ok {
		return 0, false
	}
	if n, ok := asNumber(v); ok {
		return n, true // the common case, without the path only an error needs
	}
	return t.toNumber(t.at(key), key, v)
}

// asNumber converts a TOML integer or finite float, reporting nothing.
func asNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, !isNaNOrInf(n)
	}
	return 0, false
}

// asDate converts a TOML local date, reporting nothing.
func asDate(v any) (okrsite.Date, bool) {
	if d, ok := v.(time.Time); ok && d.Location().String() == "date-local" {
		return okrsite.DateOf(d), true
	}
	return 0, false
}

// toNumber converts a TOML integer or float at path p, called name, to a
// finite float64.
func (t *table) toNumber(p keyPath, name string, v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		if isNaNOrInf(n) {
			t.f.errorf(p, "%s is %v; expected a finite number", name, n)
			return 0, false
		}
		return n, true
	}
	t.wrongType(p, name, v, "a number")
	return 0, false
}

// weight returns the non-negative number at key, or 1 when it is absent.
func (t *table) weight(key string) float64 {
	w, ok := t.number(key)
	if !ok {
		return 1
	}
	if w < 0 {
		t.errorf(key, "%s is %v; expected a weight of 0 or more", key, w)
		return 0
	}
	return w
}

// date returns the date at key.
func (t *table) date(key string) (okrsite.Date, bool) {
	v, ok := t.get(key)
	if !ok {
		return 0, false
	}
	return t.toDate(t.at(key), key, v)
}

// toDate converts a TOML local date, or a string holding one, at path p,
// called name.
func (t *table) toDate(p keyPath, name string, v any) (okrsite.Date, bool) {
	switch d := v.(type) {
	case time.Time:
		if d.Location().String() == "date-local" {
			return okrsite.DateOf(d), true
		}
		t.f.errorf(p, "%s is a date and time; expected a date like 2026-07-03", name)
		return 0, false
	case string:
		day, err := okrsite.ParseDate(d)
		if err != nil {
			t.f.errorf(p, "%s %v", name, err)
			return 0, false
		}
		return day, true
	}
	t.wrongType(p, name, v, "a date like 2026-07-03")
	return 0, false
}

// choice returns the index in options of the string at key, or def when the
// key is absent.
func (t *table) choice(key string, options []string, def int) int {
	s := t.str(key)
	if s == "" {
		return def
	}
	if i := slices.Index(options, s); i >= 0 {
		return i
	}
	t.errorf(key, "%s %q is not known; expected one of %s", key, s, quoteList(options))
	return def
}

// cadence returns the cadence at key, or def when it is absent.
func (t *table) cadence(key string, def okrsite.Cadence) okrsite.Cadence {
	s := t.str(key)
	if s == "" {
		return def
	}
	c, err := parseCadence(s)
	if err != nil {
		t.errorf(key, "%v", err)
		return def
	}
	return c
}

var cadenceNames = map[string]okrsite.Cadence{
	"weekly":    okrsite.Weekly,
	"biweekly":  okrsite.Biweekly,
	"monthly":   okrsite.Monthly,
	"quarterly": okrsite.Quarterly,
}

// parseCadence reads a cadence: a name such as "weekly", or a number of
// days such as "10d".
func parseCadence(s string) (okrsite.Cadence, error) {
	if c, ok := cadenceNames[s]; ok {
		return c, nil
	}
	var days int
	if n, err := fmt.Sscanf(s, "%dd", &days); err == nil && n == 1 && fmt.Sprintf("%dd", days) == s && days > 0 && days <= 3660 {
		return okrsite.Cadence(days), nil
	}
	return 0, fmt.Errorf("cadence %q is not known; expected weekly, biweekly, monthly, quarterly or a number of days such as \"10d\"", s)
}

// array returns the array at key.
func (t *table) array(key string) ([]any, bool) {
	v, ok := t.get(key)
	if !ok {
		return nil, false
	}
	a, ok := v.([]any)
	if !ok {
		t.wrongType(t.at(key), key, v, "an array")
	}
	return a, ok
}

// tables returns the array of tables at key, written either as [[key]]
// sections or as an array of inline tables.
func (t *table) tables(key, what string) []*table {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	var ms []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		ms = v
	case []any:
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				t.wrongType(t.at(key).child(i), key+" element", e, "a table")
				continue
			}
			ms = append(ms, m)
		}
	default:
		t.wrongType(t.at(key), key, v, "[["+key+"]] tables")
		return nil
	}
	out := make([]*table, len(ms))
	for i, m := range ms {
		out[i] = &table{f: t.f, path: t.at(key).child(i), m: m, what: what}
	}
	return out
}

// sub returns the table at key, or nil when it is absent.
func (t *table) sub(key, what string) *table {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.wrongType(t.at(key), key, v, "a table")
		return nil
	}
	return &table{f: t.f, path: t.at(key), m: m, what: what}
}

// done records an error for every key of t that no accessor asked for.
func (t *table) done() {
	if len(t.m) == len(t.known) {
		return
	}
	var unknown []string
	for k := range t.m {
		if !slices.Contains(t.known, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		if near := closest(k, t.known); near != "" {
			t.errorf(k, "unknown key %q in %s; did you mean %q?", k, t.what, near)
		} else {
			t.errorf(k, "unknown key %q in %s; expected one of %s", k, t.what, strings.Join(uniq(t.known), ", "))
		}
	}
}

func uniq(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

// closest returns the known key within two edits of k, if any.
func closest(k string, known []string) string {
	best, bestDist := "", 3
	for _, c := range known {
		if d := editDistance(k, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func quoteList(options []string) string {
	q := make([]string, len(options))
	for i, o := range options {
		q[i] = fmt.Sprintf("%q", o)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// typeName describes the TOML type of a decoded value, with an article.
func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		if v.Location().String() == "date-local" {
			return "a date"
		}
		return "a date and time"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	}
	return fmt.Sprintf("a %T", v)
}

func isNaNOrInf(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
