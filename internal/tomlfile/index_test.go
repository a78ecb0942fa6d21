package tomlfile

import "testing"

// FuzzPositions scans arbitrary text for key positions: it must end, and
// never panic, whatever the text.
func FuzzPositions(f *testing.F) {
	f.Add("a = 1\n[[b]]\nc = [1, [2, 3], {d = 4}]\n")
	f.Add("]]]\n=\n[[\n'''")
	f.Fuzz(func(t *testing.T, src string) {
		x := NewIndex(src)
		for _, off := range x.starts {
			if pos := x.Position(off); pos.Line < 1 || pos.Col < 1 || off > len(src) {
				t.Fatalf("bad position %+v of offset %d", pos, off)
			}
		}
		for _, v := range x.values {
			if v.Start > v.End || v.End > len(src) {
				t.Fatalf("bad span %+v", v)
			}
		}
	})
}

// TestScanUntil checks that a scan that stops at a path finds it where
// the whole index does, for every path of a file with tables, arrays of
// tables, inline tables and nested arrays.
func TestScanUntil(t *testing.T) {
	src := `title = "x"
[site]
a.b = 1
[[objective]]
id = "o1"
[[objective.kr]]
checkins = [
  [2026-01-05, 1, 0.5],
  [2026-01-12, 2],
]
milestones = [{ title = "m", done = 2026-02-01 }]
[[objective]]
id = "o2"
`
	whole := NewIndex(src)
	if len(whole.starts) < 15 {
		t.Fatalf("only %d starts indexed", len(whole.starts))
	}
	for key, want := range whole.starts {
		x := newStarts(src)
		if !x.scan(key) {
			t.Errorf("scan for %q did not find it", key)
			continue
		}
		if got := x.starts[key]; got != want {
			t.Errorf("scan for %q: at %d, want %d", key, got, want)
		}
	}
	if x := newStarts(src); x.scan("\x00nothing") || len(x.starts) != len(whole.starts) {
		t.Errorf("a scan for a path not written does not index the whole file")
	}
}
