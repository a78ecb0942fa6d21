package tomlfile

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/okrsite/okrsite"
)

// Table reads the keys of one TOML table against a schema: each accessor
// names a key it knows, and Done reports every key no accessor asked for.
// An accessor records a problem with the value it reads at the value's
// path, and returns the zero value.
type Table struct {
	File  *File
	Path  Path           // where the table is in the file
	What  string         // what the table describes, for messages: "a key result"
	m     map[string]any // the values the TOML library decoded
	known []string       // the keys asked for
}

// At returns the path of key within t.
func (t *Table) At(key string) Path { return t.Path.Child(key) }

// Errorf records an error at key (or at the table itself when key is "";
// the root table's errors go to the file's first line).
func (t *Table) Errorf(key string, format string, args ...any) {
	p := append(Path{}, t.Path...)
	if key != "" {
		p = t.At(key)
	}
	t.File.Errorf(p, format, args...)
}

// Get returns the value of key and whether it is set, and claims the key as
// known.
func (t *Table) Get(key string) (any, bool) {
	if t.known == nil {
		t.known = make([]string, 0, 16) // room for the keys of most tables
	}
	t.known = append(t.known, key)
	v, ok := t.m[key]
	return v, ok
}

// Lookup returns the value of key and whether it is set, without claiming
// the key.
func (t *Table) Lookup(key string) (any, bool) {
	v, ok := t.m[key]
	return v, ok
}

// Has reports whether key is set, without claiming it.
func (t *Table) Has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// WrongType records that the value at p, called name, has the wrong type.
func (t *Table) WrongType(p Path, name string, v any, want string) {
	t.File.Errorf(p, "%s is %s; expected %s", name, TypeName(v), want)
}

// MaxText is the longest string a field may hold, in characters: a title
// or a description, not a document.
const MaxText = 5000

// Str returns the string at key, or "" when it is absent or not a string.
func (t *Table) Str(key string) string {
	v, ok := t.Get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.WrongType(t.At(key), key, v, "a string")
	}
	if len(s) <= MaxText {
		return Own(s) // the common case, without the path only an error needs
	}
	return t.CheckLength(t.At(key), key, s)
}

// CheckLength reports a string longer than MaxText and returns it cut
// there, as a copy of its own (see Own).
func (t *Table) CheckLength(p Path, name, s string) string {
	if len(s) <= MaxText {
		return Own(s)
	}
	if n := utf8.RuneCountInString(s); n > MaxText {
		t.File.Errorf(p, "%s is %d characters; expected at most %d", name, n, MaxText)
		return string([]rune(s)[:MaxText])
	}
	return s
}

// Own returns a copy of s. The TOML library hands out strings that share
// memory with its copy of the whole file, and a site keeps a title or a note
// from each of thousands of files: kept as they come, they would keep every
// file's text in memory.
func Own(s string) string { return strings.Clone(s) }

// Required returns the string at key and records an error when it is
// missing or empty; meaning says what it should hold.
func (t *Table) Required(key, meaning string) string {
	if !t.Has(key) {
		t.Get(key)
		t.Errorf("", "%s is missing %s; expected %s", t.What, key, meaning)
		return ""
	}
	s := t.Str(key)
	if s == "" && t.m[key] == "" {
		t.Errorf(key, "%s is empty; expected %s", key, meaning)
	}
	return s
}

// Bool returns the boolean at key, or false when it is absent.
func (t *Table) Bool(key string) bool {
	v, ok := t.Get(key)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		t.WrongType(t.At(key), key, v, "true or false")
	}
	return b
}

// Number returns the finite number at key.
func (t *Table) Number(key string) (float64, bool) {
	v, ok := t.Get(key)
	if !ok {
		return 0, false
	}
	if n, ok := asNumber(v); ok {
		return n, true // the common case, without the path only an error needs
	}
	return t.ToNumber(t.At(key), key, v)
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

// ToNumber converts a TOML integer or float at path p, called name, to a
// finite float64.
func (t *Table) ToNumber(p Path, name string, v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		if isNaNOrInf(n) {
			t.File.Errorf(p, "%s is %v; expected a finite number", name, n)
			return 0, false
		}
		return n, true
	}
	t.WrongType(p, name, v, "a number")
	return 0, false
}

// Date returns the date at key.
func (t *Table) Date(key string) (okrsite.Date, bool) {
	v, ok := t.Get(key)
	if !ok {
		return 0, false
	}
	return t.ToDate(t.At(key), key, v)
}

// ToDate converts a TOML local date, or a string holding one, at path p,
// called name.
func (t *Table) ToDate(p Path, name string, v any) (okrsite.Date, bool) {
	switch d := v.(type) {
	case time.Time:
		if d.Location().String() == "date-local" {
			return okrsite.DateOf(d), true
		}
		t.File.Errorf(p, "%s is a date and time; expected a date like 2026-07-03", name)
		return 0, false
	case string:
		day, err := okrsite.ParseDate(d)
		if err != nil {
			t.File.Errorf(p, "%s %v", name, err)
			return 0, false
		}
		return day, true
	}
	t.WrongType(p, name, v, "a date like 2026-07-03")
	return 0, false
}

// Choice returns the index in options of the string at key, or def when the
// key is absent.
func (t *Table) Choice(key string, options []string, def int) int {
	s := t.Str(key)
	if s == "" {
		return def
	}
	if i := slices.Index(options, s); i >= 0 {
		return i
	}
	t.Errorf(key, "%s %q is not known; expected one of %s", key, s, QuoteList(options))
	return def
}

// Array returns the array at key.
func (t *Table) Array(key string) ([]any, bool) {
	v, ok := t.Get(key)
	if !ok {
		return nil, false
	}
	a, ok := v.([]any)
	if !ok {
		t.WrongType(t.At(key), key, v, "an array")
	}
	return a, ok
}

// Tables returns the array of tables at key, written either as [[key]]
// sections or as an array of inline tables; what describes each.
func (t *Table) Tables(key, what string) []*Table {
	v, ok := t.Get(key)
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
				t.WrongType(t.At(key).Child(i), key+" element", e, "a table")
				continue
			}
			ms = append(ms, m)
		}
	default:
		t.WrongType(t.At(key), key, v, "[["+key+"]] tables")
		return nil
	}
	out := make([]*Table, len(ms))
	at := t.At(key)
	for i, m := range ms {
		out[i] = &Table{File: t.File, Path: at.Child(i), m: m, What: what}
	}
	return out
}

// Sub returns the table at key, or nil when it is absent.
func (t *Table) Sub(key, what string) *Table {
	v, ok := t.Get(key)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.WrongType(t.At(key), key, v, "a table")
		return nil
	}
	return &Table{File: t.File, Path: t.At(key), m: m, What: what}
}

// Done records an error for every key of t that no accessor asked for.
func (t *Table) Done() {
	var unknown []string
	for k := range t.m {
		if !slices.Contains(t.known, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		if near := Closest(k, t.known); near != "" {
			t.Errorf(k, "unknown key %q in %s; did you mean %q?", k, t.What, near)
		} else {
			t.Errorf(k, "unknown key %q in %s; expected one of %s", k, t.What, strings.Join(uniq(t.known), ", "))
		}
	}
}

func uniq(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

// Closest returns the word of known within two edits of k, if any.
func Closest(k string, known []string) string {
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

// QuoteList quotes options and joins them as "a", "b" or "c".
func QuoteList(options []string) string {
	q := make([]string, len(options))
	for i, o := range options {
		q[i] = fmt.Sprintf("%q", o)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// TypeName describes the TOML type of a decoded value, with an article.
func TypeName(v any) string {
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

// Shape describes a value that should have been a short array.
func Shape(v any) string {
	if a, ok := v.([]any); ok {
		if len(a) == 1 {
			return "an array of 1 value"
		}
		return fmt.Sprintf("an array of %d values", len(a))
	}
	return TypeName(v)
}

func isNaNOrInf(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
