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
