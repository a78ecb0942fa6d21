package tomlfile

import (
	"fmt"
	"strings"
	"testing"
)

// TestTooDeep finds where each text nests past MaxNesting: at the bracket,
// brace or dot that goes one level too deep, or nowhere.
func TestTooDeep(t *testing.T) {
	deep := func(open, close string, n int) string { return strings.Repeat(open, n) + strings.Repeat(close, n) }
	cases := []struct {
		name string
		src  string
		at   int // -1: within the limit
	}{
		{"arrays at the limit", "x = " + deep("[", "]", MaxNesting) + "\n", -1},
		{"arrays past it", "x = " + deep("[", "]", MaxNesting+1) + "\n", 4 + MaxNesting},
		{"inline tables past it", "x = " + strings.Repeat("{a = ", MaxNesting+1), 4 + 5*MaxNesting},
		{"brackets in a string", `x = "` + strings.Repeat("[", 40) + "\"\n", -1},
		{"brackets in a literal string", "x = '" + strings.Repeat("{", 40) + "'\n", -1},
		{"brackets in a multi-line string", "x = \"\"\"\n" + strings.Repeat("[", 40) + "\n\\\"\"\"\n\"\"\"\"\ny = 1\n", -1},
		{"brackets in a multi-line literal string", "x = '''" + strings.Repeat("[", 40) + "''''\n", -1},
		{"brackets in a comment", "x = 1 # " + strings.Repeat("[", 40) + "\n", -1},
		{"an escaped quote", `x = "\"` + strings.Repeat("[", 40) + "\"\n", -1},
		{"a dotted key at the limit", strings.Repeat("a.", MaxNesting) + "a = 1\n", -1},
		{"a dotted key past it", strings.Repeat("a.", MaxNesting+1) + "a = 1\n", 2*MaxNesting + 1},
		{"a quoted dot", `"a.b.c.d.e.f.g.h.i.j" = 1` + "\n", -1},
		{"a header at the limit", "[" + strings.Repeat("a.", MaxNesting-1) + "a]\n", -1},
		{"a header past it", "[[" + strings.Repeat("a.", MaxNesting) + "a]]\n", 2 + 2*MaxNesting + 1},
		{"a key under a deep header", "[" + strings.Repeat("a.", MaxNesting-1) + "a]\nb.c = 1\n", 2*MaxNesting + 3},
		{"an array under a deep header", "[" + strings.Repeat("a.", MaxNesting-1) + "a]\nb = []\n", 2*MaxNesting + 6},
		{"headers one after another", strings.Repeat("[a.b.c.d.e.f.g]\n", 3) + "[[objective.kr]]\nx = [[1]]\n", -1},
		{"an array of arrays on lines of their own", "x = [\n" + strings.Repeat("  [1, 2],\n", 20) + "]\n", -1},
		{"floats and dates", "x = [1.5, 2026-07-03T10:00:00.5, -0.25e3]\n", -1},
		{"closing more than opened", "x = ]]]]\n" + "y = " + deep("[", "]", MaxNesting) + "\n", -1},
		{"a string never closed", "x = \"[[[[[[[[[[[[\ny = 1\n", -1},
		{"windows line ends", strings.ReplaceAll("[a]\r\nx = [\r\n[1],\r\n]\r\n", "\n", "\r\n"), -1},
	}
	for _, c := range cases {
		if got := tooDeep(c.src); got != c.at {
			t.Errorf("%s: tooDeep(%q) = %d; want %d", c.name, c.src, got, c.at)
		}
	}
}

// TestLimitsReported checks the errors Parse records for text beyond the
// limits, before the library reads it.
func TestLimitsReported(t *testing.T) {
	f := &File{Src: "title = \"x\"\nx = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", LineBase: 1}
	if f.Parse("site settings") != nil || len(f.Problems) != 1 {
		t.Fatalf("parsed past the nesting limit: %+v", f.Problems)
	}
	if pos, msg := f.Where(f.Problems[0]), f.Problems[0].Msg; pos != (Position{3, 5 + MaxNesting}) || !strings.Contains(msg, "values nest more than 8 deep here") {
		t.Errorf("got %+v %s", pos, msg)
	}
	g := &File{Src: strings.Repeat("# a comment line\n", MaxTOML/16)}
	if g.Parse("site settings") != nil || len(g.Problems) != 1 || g.Problems[0].Pos != (Position{}) || !strings.Contains(g.Problems[0].Msg, "expected at most 1024 KB") {
		t.Errorf("a file past MaxTOML: %+v", g.Problems)
	}
}

// depth is how deep a decoded value nests: a table or an array is one
// level more than the deepest value in it.
func depth(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			d = max(d, depth(e))
		}
	case []map[string]any:
		for _, e := range v {
			d = max(d, depth(e))
		}
	case []any:
		for _, e := range v {
			d = max(d, depth(e))
		}
	default:
		return 0
	}
	return d + 1
}

// FuzzNesting checks the measure that stands before the library: text it
// lets through decodes to values no deeper than the limit allows (an
// array of tables is two levels for one part of a header), and text it
// stops is stopped at a position inside it.
func FuzzNesting(f *testing.F) {
	f.Add("x = [[1], {a = {b = [2]}}]\n[a.b]\nc.d = 1\n[[e.f]]\ng = '['\n")
	f.Add("x = " + strings.Repeat("{a=", 10) + "1" + strings.Repeat("}", 10))
	f.Add("[" + strings.Repeat("a.", 10) + "a]\n")
	f.Add("x = \"\"\"[[[\"\"\"\ny = [[[[]]]]\n")
	f.Fuzz(func(t *testing.T, src string) {
		file := &File{Src: src}
		if !file.checkLimits(src) {
			if pos := file.Where(file.Problems[0]); pos.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("error at line %d of a %d-line text", pos.Line, strings.Count(src, "\n")+1)
			}
			return
		}
		root, err := unmarshal(src)
		if err != nil {
			return
		}
		if d := depth(root); d > 2*MaxNesting+1 {
			t.Fatalf("decoded %d deep: %s", d, fmt.Sprint(root))
		}
	})
}

// BenchmarkParseAtLimits parses the costliest shapes of TOML found that
// the limits let through, MaxTOML bytes of each, to measure the time and
// memory the limits bound a file's parse to.
func BenchmarkParseAtLimits(b *testing.B) {
	array := func(unit string) string {
		return "x=[" + strings.Repeat(unit+",", (MaxTOML-8)/(len(unit)+1)) + "]\n"
	}
	nested := strings.Repeat("{a=", MaxNesting-1) + "1" + strings.Repeat("}", MaxNesting-1)
	var keys strings.Builder
	for i := 0; keys.Len() < MaxTOML-16; i++ {
		fmt.Fprintf(&keys, "k%d=1\n", i)
	}
	var dotted strings.Builder
	for i := 0; dotted.Len() < MaxTOML-32; i++ {
		fmt.Fprintf(&dotted, "%sk%d=1\n", strings.Repeat("a.", MaxNesting-1), i)
	}
	shapes := []struct{ name, src string }{
		{"keys", keys.String()},
		{"dotted keys", dotted.String()},
		{"inline tables", array(nested)},
		{"arrays", array(strings.Repeat("[", MaxNesting-1) + strings.Repeat("]", MaxNesting-1))},
		{"numbers", array("1")},
		{"tables", strings.Repeat("[[a]]\n", MaxTOML/6)},
	}
	for _, s := range shapes {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(s.src)))
			b.ReportAllocs()
			for b.Loop() {
				f := &File{Src: s.src}
				if f.Parse("a test") == nil {
					b.Fatalf("%s: %+v", s.name, f.Problems)
				}
			}
		})
	}
}
