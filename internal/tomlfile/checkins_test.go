package tomlfile

import (
	"fmt"
	"strings"
	"testing"
)

// teamFile wraps key result lines in an objective with the key result
// header, for the scanner's cases.
func teamFile(kr string) string {
	return "[[objective]]\nid = \"o\"\ntitle = \"O\"\n\n  [[objective.kr]]\n  id = \"k\"\n  title = \"K\"\n  start = 0\n  target = 10\n" + kr
}

// scannerCases are team files, each with the number of check-in arrays the
// scanner should read itself; the library reads the others.
var scannerCases = []struct {
	name string
	src  string
	read int
}{
	{"the format's example", teamFile("  checkins = [\n    # [date, value, confidence, \"note\"]; confidence and note are optional\n    [2026-07-03, 70, 0.8],\n    [2026-07-10, 66, 0.7, \"Build cache in place\"],\n    [2026-07-17, 61],\n  ]\n"), 1},
	{"every shape", teamFile("checkins = [\n[2026-07-03,1],\n\t[ 2026-07-04 , -2.5 , 1 , \"a # b, c]\" ] , # comment\n\n[2026-07-05, 3, \"note\"],\n[2026-07-06, 0.0, 0] # the last needs no comma\n# a comment\n]  # closed\n"), 1},
	{"a missing comma", teamFile("checkins = [\n[2026-07-03, 1]\n[2026-07-04, 2],\n]\n"), 0},
	{"windows line ends", strings.ReplaceAll(teamFile("checkins = [\n[2026-07-03, 1, 0.5],\n[2026-07-04, 2],\n]\n"), "\n", "\r\n"), 1},
	{"two key results, two objectives", teamFile("checkins = [\n[2026-07-03, 1],\n]\n[[objective.kr]]\nid = \"k2\"\ntitle = \"K2\"\nstart = 0\ntarget = 5\ncheckins = [\n[2026-07-03, 2],\n]\n") + "\n" + teamFile("checkins = [\n[2026-08-01, 3],\n]\n"), 3},
	{"out of order", teamFile("checkins = [\n[2026-07-04, 1],\n[2026-07-03, 2],\n[2026-07-04, 3],\n]\n"), 0},
	{"twice a day", teamFile("checkins = [\n[2026-07-04, 1],\n[2026-07-04, 2],\n]\n"), 0},
	{"minus zero and long numbers", teamFile("checkins = [\n[2026-07-03, -0],\n[2026-07-04, -0.0],\n[2026-07-05, 123456789012345],\n[2026-07-06, 0.30000000000000004],\n]\n"), 1},
	{"an escape in a note", teamFile("checkins = [\n[2026-07-03, 1, \"a \\\"quoted\\\" note\"],\n]\n"), 0},
	{"a literal string", teamFile("checkins = [\n[2026-07-03, 1, 'note'],\n]\n"), 0},
	{"an exponent", teamFile("checkins = [\n[2026-07-03, 1e3],\n]\n"), 0},
	{"underscores", teamFile("checkins = [\n[2026-07-03, 1_000],\n]\n"), 0},
	{"a plus sign", teamFile("checkins = [\n[2026-07-03, +1],\n]\n"), 0},
	{"a leading zero", teamFile("checkins = [\n[2026-07-03, 01],\n]\n"), 0},
	{"inf", teamFile("checkins = [\n[2026-07-03, inf],\n]\n"), 0},
	{"a huge integer", teamFile("checkins = [\n[2026-07-03, 99999999999999999999],\n]\n"), 0},
	{"a date and time", teamFile("checkins = [\n[2026-07-03T10:00:00, 1],\n]\n"), 0},
	{"a date and time with a space", teamFile("checkins = [\n[2026-07-03 10:00:00, 1],\n]\n"), 0},
	{"a day that does not exist", teamFile("checkins = [\n[2026-02-30, 1],\n]\n"), 0},
	{"a short date", teamFile("checkins = [\n[2026-7-3, 1],\n]\n"), 0},
	{"a date as a string", teamFile("checkins = [\n[\"2026-07-03\", 1],\n]\n"), 0},
	{"confidence out of range", teamFile("checkins = [\n[2026-07-03, 1, 1.5],\n]\n"), 0},
	{"a note before a confidence", teamFile("checkins = [\n[2026-07-03, 1, \"n\", 0.5],\n]\n"), 0},
	{"too long", teamFile("checkins = [\n[2026-07-03, 1, 0.5, \"n\", 2],\n]\n"), 0},
	{"too short", teamFile("checkins = [\n[2026-07-03],\n]\n"), 0},
	{"a trailing comma inside", teamFile("checkins = [\n[2026-07-03, 1,],\n]\n"), 0},
	{"two rows a line", teamFile("checkins = [\n[2026-07-03, 1], [2026-07-04, 2],\n]\n"), 0},
	{"rows on the opening line", teamFile("checkins = [[2026-07-03, 1],\n[2026-07-04, 2],\n]\n"), 0},
	{"the closing bracket after a row", teamFile("checkins = [\n[2026-07-03, 1]]\n"), 0},
	{"an inline table", teamFile("checkins = [\n{date = 2026-07-03, value = 1},\n]\n"), 0},
	{"a tab in a note", teamFile("checkins = [\n[2026-07-03, 1, \"a\tb\"],\n]\n"), 1},
	{"a control character in a note", teamFile("checkins = [\n[2026-07-03, 1, \"a\x01b\"],\n]\n"), 0},
	{"a control character in a comment", teamFile("checkins = [\n[2026-07-03, 1], # \x7f\n]\n"), 0},
	{"a carriage return alone", teamFile("checkins = [\n[2026-07-03, 1],\r[2026-07-04, 2],\n]\n"), 0},
	{"a note too long", teamFile("checkins = [\n[2026-07-03, 1, \"" + strings.Repeat("x", MaxText+1) + "\"],\n]\n"), 0},
	{"empty", teamFile("checkins = [\n]\n"), 0},
	{"only comments", teamFile("checkins = [\n# nothing yet\n]\n"), 0},
	{"never closed", teamFile("checkins = [\n[2026-07-03, 1],\n"), 0},
	{"a syntax error elsewhere", teamFile("checkins = [\n[2026-07-03, 1],\n]\nowner = \n"), 1},
	{"twice in one key result", teamFile("checkins = [\n[2026-07-03, 1],\n]\ncheckins = [\n[2026-07-04, 1],\n]\n"), 2},
	{"inside a multi-line string", teamFile("description = \"\"\"\ncheckins = [\n[2026-07-03, 1],\n]\n\"\"\"\n"), 0},
	{"inside a literal multi-line string", teamFile("description = '''\n[[objective.kr]]\ncheckins = [\n[2026-07-03, 1],\n]\n'''\n"), 0},
	{"inside an array", teamFile("milestones = [\ncheckins = [\n[2026-07-03, 1],\n]\n]\n"), 0},
	{"after an array with brackets in strings", teamFile("milestones = [\n[\"a ] b\", 2026-07-01], # ]]\n['c [', false],\n]\ncheckins = [\n[2026-07-03, 1],\n]\n"), 1},
	{"under a sub-table", teamFile("[objective.kr.extra]\ncheckins = [\n[2026-07-03, 1],\n]\n"), 0},
	{"under another table", teamFile("") + "[meta]\ncheckins = [\n[2026-07-03, 1],\n]\n", 0},
	{"a header with spaces", "[[objective]]\nid = \"o\"\ntitle = \"O\"\n[[ objective.kr ]]\nid = \"k\"\ntitle = \"K\"\nstart = 0\ntarget = 1\ncheckins = [\n[2026-07-03, 1],\n]\n", 0},
	{"a quoted header", "[[objective]]\nid = \"o\"\ntitle = \"O\"\n[[\"objective\".kr]]\nid = \"k\"\ntitle = \"K\"\nstart = 0\ntarget = 1\ncheckins = [\n[2026-07-03, 1],\n]\n", 0},
	{"an escaped header", "[[\"\\u006fbjective\"]]\nid = \"o0\"\ntitle = \"O\"\n" + teamFile("checkins = [\n[2026-07-03, 1],\n]\n"), 0},
	{"a key result before any objective", "[[objective.kr]]\ncheckins = [\n[2026-07-03, 1],\n]\n", 0},
	{"a dotted key", teamFile("x.checkins = [\n[2026-07-03, 1],\n]\n"), 0},
	{"a quoted key", teamFile("\"checkins\" = [\n[2026-07-03, 1],\n]\n"), 0},
	{"a byte order mark", "\ufeff" + teamFile("checkins = [\n[2026-07-03, 1],\n]\n") + teamFile("checkins = [\n[2026-07-03, 1],\n]\n"), 2},
	{"a milestone result", teamFile("milestones = [[\"a\"]]\ncheckins = [\n[2026-07-03, 1],\n]\n"), 1},
	{"objectives inline", "objective = [{id = \"o\", title = \"O\", kr = [{id = \"k\", title = \"K\", start = 0, target = 1, checkins = [\n[2026-07-03, 1],\n]}]}]\n", 0},
}

// decodeBoth reads the check-ins of every key result of a team file with
// the scanner and with the library alone, and returns what each made of
// the file, problems and all, and the number of arrays the scanner read.
func decodeBoth(src string) (fast, slow string, read int) {
	f := &File{Src: src}
	g := &File{Src: src}
	var slowTable *Table
	if g.checkLimits(src) {
		root, err := unmarshal(src)
		slowTable = g.table(root, err, "a team's period")
	}
	return decode(f, f.ParseCheckins("a team's period")), decode(g, slowTable), len(scanCheckins(src).arrays)
}

// decode reads the check-ins of every key result in t, and describes them,
// the rest of the file as the library decoded it, and f's problems.
func decode(f *File, t *Table) string {
	var b strings.Builder
	if t != nil {
		for _, o := range t.Tables("objective", "an objective") {
			for _, kr := range o.Tables("kr", "a key result") {
				fmt.Fprintf(&b, "%v: %#v\n", kr.Path, kr.Checkins())
				delete(kr.m, "checkins")
			}
		}
		fmt.Fprintf(&b, "%v\n", t.m)
	}
	for _, p := range f.Problems {
		fmt.Fprintf(&b, "%+v %s %v\n", f.Where(p), p.Msg, p.Warn)
	}
	return b.String()
}

// TestScannerAgreesWithLibrary decodes each case with the scanner and with
// the library alone: the results and the errors must be the same, and the
// scanner must read the arrays it can and leave the others.
func TestScannerAgreesWithLibrary(t *testing.T) {
	for _, c := range scannerCases {
		t.Run(c.name, func(t *testing.T) {
			fast, slow, read := decodeBoth(c.src)
			if fast != slow {
				t.Errorf("with the scanner:\n%s\nwith the library alone:\n%s", fast, slow)
			}
			if read != c.read {
				t.Errorf("the scanner read %d arrays; want %d", read, c.read)
			}
			if s := scanCheckins(c.src); strings.Count(s.rest, "\n") != strings.Count(c.src, "\n") {
				t.Errorf("the scanner left %d lines of %d:\n%s", strings.Count(s.rest, "\n"), strings.Count(c.src, "\n"), s.rest)
			}
		})
	}
}

// FuzzScanner decodes fuzzed team files with the scanner and with the
// library alone: whatever the text, the two must agree.
func FuzzScanner(f *testing.F) {
	for _, c := range scannerCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if fast, slow, _ := decodeBoth(src); fast != slow {
			t.Fatalf("with the scanner:\n%s\nwith the library alone:\n%s", fast, slow)
		}
	})
}
