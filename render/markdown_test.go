package render

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
)

// TestHeadingIDs checks the ids of repeated headings: each repeat takes
// the next free number, also past a heading whose own text gives it one.
func TestHeadingIDs(t *testing.T) {
	src := "# Plan\n# Plan\n# Plan 1\n# Plan\n# Lärdomar\n# !!\n# !!\n"
	out, err := convertMarkdown(newMarkdown(false, langs["en"]), src, "n1-", nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`id="([^"]*)"`).FindAllSubmatch(out, -1) {
		got = append(got, string(m[1]))
	}
	want := []string{"n1-plan", "n1-plan-1", "n1-plan-1-1", "n1-plan-2", "n1-lärdomar", "n1-section", "n1-section-1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids %q; want %q", got, want)
	}
}

// TestTaskBoxesLabelled checks that a task list's boxes say in the page's
// language whether the task is done: a box without a label is read out as
// "checkbox" alone.
func TestTaskBoxesLabelled(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"en", `<li><input checked="" disabled="" type="checkbox" aria-label="done"> Ship</li>
<li><input disabled="" type="checkbox" aria-label="not done"> Tell</li>`},
		{"sv", `<li><input checked="" disabled="" type="checkbox" aria-label="klart"> Ship</li>
<li><input disabled="" type="checkbox" aria-label="inte klart"> Tell</li>`},
	} {
		out, err := convertMarkdown(newMarkdown(false, langs[c.lang]), "- [x] Ship\n- [ ] Tell\n", "n1-", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), c.want) {
			t.Errorf("%s: %s; want %s", c.lang, out, c.want)
		}
	}
}

// repeat repeats unit until the text would pass size bytes.
func repeat(unit string, size int) string { return strings.Repeat(unit, size/len(unit)) }

// numbered joins format, formatted with 0 to n-1.
func numbered(format string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// nestedList is a list nested depth deep, two columns a level.
func nestedList(depth int) string {
	var b strings.Builder
	for d := range depth {
		b.WriteString(strings.Repeat("  ", d) + "- a\n")
	}
	return b.String()
}

// TestNoteLimits checks that the shapes goldmark is slow on are refused,
// at the sizes the attack pass used and cut to fit the size limit, each at
// its place: the note's Markdown starts on line 3 of its file.
func TestNoteLimits(t *testing.T) {
	cases := []struct {
		name, src string
		pos       string // line:col in the file
		msg       string
	}{
		{"400,000 nested quote markers", strings.Repeat("> ", 400000) + "a\n", "3:1", "782 KB of Markdown; expected at most 256 KB"},
		{"100,000 nested quote markers", strings.Repeat("> ", 100000) + "a\n", "3:101", "nests more than 100 columns"},
		{"200 nested quotes, no spaces", strings.Repeat(">", 200) + "a\n", "3:101", "nests more than 100 columns"},
		{"[a]( 160,000 times", strings.Repeat("[a](", 160000), "3:1", "625 KB"},
		{"[a]( 50,000 times", strings.Repeat("[a](", 50000), "3:2001", "more than 500 [ brackets"},
		{"100,000 footnotes", numbered("x[^%d]\n\n", 100000) + numbered("[^%d]: note\n\n", 100000), "3:1", "expected at most 256 KB"},
		{"10,000 footnotes", numbered("x[^%[1]d]\n\n[^%[1]d]: note\n\n", 10000), "1003:2", "more than 500 [ brackets"},
		{"200,000 reference definitions", numbered("[ref%d]: https://example.com/\n", 200000), "3:1", "expected at most 256 KB"},
		{"5,000 reference definitions", numbered("[ref%d]: https://example.com/\n", 5000), "503:1", "more than 500 [ brackets"},
		{"a list nested 3,000 deep", nestedList(3000), "3:1", "expected at most 256 KB"},
		{"a list nested 300 deep", nestedList(300), "53:101", "nests more than 100 columns"},
		{"tabs count to the next tab stop", strings.Repeat("\t", 25) + ">a\n", "3:26", "nests more than 100 columns"},
		{"numbered lists", strings.Repeat("1. ", 33) + "a\n" + strings.Repeat("1. ", 34) + "a\n", "4:100", "nests more than 100 columns"},
		{"unmatched emphasis", strings.Repeat("*a_ ", 20000), "3:20001", "more than 10000 runs of *, _ and ~"},
		{"a long run of backticks", "code: " + strings.Repeat("`", 33) + "x", "3:7", "a run of 33 backticks"},
		{"a position past multibyte letters", "ÅÄÖ " + strings.Repeat("`", 40), "3:5", "a run of 40 backticks"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := checkNote(&okrsite.Note{Markdown: c.src, Path: "site/kpis/x.md", Line: 3})
			if err == nil {
				t.Fatalf("not refused")
			}
			if want := "site/kpis/x.md:" + c.pos + ": "; !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("refused with %q; want it at %s, saying %q", err, want, c.msg)
			}
		})
	}
	for _, s := range shapes() {
		if err := checkNote(&okrsite.Note{Markdown: s.src, Path: "x.md", Line: 1}); err != nil {
			t.Errorf("%s, within the limits, is refused: %v", s.name, err)
		}
	}
	if err := checkNote(&okrsite.Note{Markdown: "a\n" + strings.Repeat(" ", 200) + "\n\t\t\r\nb\n", Path: "x.md", Line: 1}); err != nil {
		t.Errorf("a blank line of 200 spaces is refused: %v", err)
	}
	fine := "## Plan\n\n- **Ship** the `cache`, see [the notes][n] and[^1]\n  > > quoted\n\n  1. nested\n     - deeper\n\n[n]: https://example.com\n[^1]: A footnote.\n"
	if err := checkNote(&okrsite.Note{Markdown: fine, Path: "x.md", Line: 1}); err != nil {
		t.Errorf("ordinary Markdown is refused: %v", err)
	}
}

// TestCheckNotes checks that every refused note of a site is reported, in
// the site's order, and that the notes within the limits render.
func TestCheckNotes(t *testing.T) {
	site := &okrsite.Site{
		Note: &okrsite.Note{Markdown: "# Fine\n", Path: "site/site.md", Line: 1},
		KPIs: []*okrsite.KPI{
			{ID: "a", Note: &okrsite.Note{Markdown: strings.Repeat("[", 501), Path: "site/kpis/a.md", Line: 4}},
			{ID: "b", Note: &okrsite.Note{Markdown: "Fine too\n", Path: "site/kpis/b.md", Line: 1}},
			{ID: "c", Note: &okrsite.Note{Markdown: "x\n" + strings.Repeat(">", 101), Path: "site/kpis/c.md", Line: 1}},
		},
	}
	err := CheckNotes(t.Context(), site)
	var list NoteErrors
	if !errors.As(err, &list) {
		t.Fatalf("CheckNotes gives %v; want NoteErrors", err)
	}
	want := "site/kpis/a.md:4:501: the note has more than 500 [ brackets (links, images, footnotes and reference definitions); expected at most 500\n" +
		"site/kpis/c.md:2:101: this line nests more than 100 columns deep (indentation, > and list markers); expected at most 100"
	if list.Error() != want {
		t.Errorf("CheckNotes gives\n%s\nwant\n%s", list, want)
	}
	site.KPIs = site.KPIs[1:2]
	if err := CheckNotes(t.Context(), site); err != nil {
		t.Errorf("CheckNotes on good notes: %v", err)
	}
}

// shapes are the Markdown that goldmark renders slowly, each as large and
// as deep as the limits let it be.
func shapes() []struct{ name, src string } {
	const size = MaxNoteSize
	backticks := ""
	for n := 1; n <= MaxBackticks; n++ {
		backticks += "e" + strings.Repeat("`", n)
	}
	quotes := strings.Repeat(">", MaxNesting-1) + " a\n"
	list := nestedList(MaxNesting/2 - 1)
	return []struct{ name, src string }{
		{"repeated headings", repeat("# h\n", size)},
		{"setext headings", repeat("h\n=\n", size)},
		{"nested quotes", repeat(quotes, size)},
		{"nested list", repeat(list, size)},
		{"list items on one line", repeat(strings.Repeat("- ", MaxNesting/2-1)+"a\n", size)},
		{"link openers", strings.Repeat("[a](", MaxBrackets) + repeat("x", size-4*MaxBrackets)},
		{"brackets before a long paragraph", strings.Repeat("[x]\n", MaxBrackets) + repeat("a\n", size-4*MaxBrackets)},
		{"footnotes", numbered("x[^%d]\n", MaxBrackets/2) + numbered("\n[^%d]: note", MaxBrackets/2) + "\n\n" + repeat("a\n", size-16*MaxBrackets)},
		{"reference definitions", numbered("[r%d]: /u\n", MaxBrackets) + repeat("a\n", size-16*MaxBrackets)},
		{"unclosed CDATA", strings.Repeat("a <![CDATA[ b ", MaxBrackets/2) + repeat("x", size-7*MaxBrackets)},
		{"unmatched emphasis", strings.Repeat("*a_ ", MaxEmphasis/2) + repeat("x", size-2*MaxEmphasis)},
		{"backtick runs", backticks + repeat("x", size-len(backticks))},
		{"table rows", "|a|b|\n|-|-|\n" + repeat("|x|y|\n", size-12)},
		{"flat list", repeat("- a\n", size)},
		{"typographic quotes", repeat(`"'`, size)},
		{"unclosed comments", repeat("a <!-- b ", size)},
		{"unclosed tags", repeat(`<a x="`, size)},
	}
}

// BenchmarkMarkdownShapes renders each slow shape at the limits, as a build
// does, one note at a time.
func BenchmarkMarkdownShapes(b *testing.B) {
	md := newMarkdown(false, langs["en"])
	for _, s := range shapes() {
		b.Run(strings.ReplaceAll(s.name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(s.src)))
			note := &okrsite.Note{Markdown: s.src, Path: "x.md", Line: 1}
			for b.Loop() {
				if err := checkNote(note); err != nil {
					b.Fatal(err)
				}
				if _, err := convertMarkdown(md, s.src, "n1-", nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRepeatedHeadings renders 100,000 headings with the same text,
// which once took time in the square of their number.
func BenchmarkRepeatedHeadings(b *testing.B) {
	src := strings.Repeat("# h\n", 100000)
	md := newMarkdown(false, langs["en"])
	for b.Loop() {
		out, err := convertMarkdown(md, src, "n1-", nil)
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(string(out), `id="n1-h-`+strconv.Itoa(99999)+`"`) {
			b.Fatal("the last heading has the wrong id")
		}
	}
}
