package render

import (
	"regexp"
	"strings"
	"testing"
)

// unsafeMarkup is what commentary must never turn into, with raw HTML off.
var unsafeMarkup = regexp.MustCompile(`(?i)<(script|iframe|object|embed|style|form|svg|img[^>]*\son\w+=)|(href|src)="\s*(javascript|vbscript|data:text)`)

// FuzzMarkdown renders fuzzed commentary: never a panic, and never markup
// that could run.
func FuzzMarkdown(f *testing.F) {
	f.Add("## Lärdomar\n\nSome **bold** text and a [link](https://example.com).\n")
	f.Add("<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![i](javascript:alert(1))")
	f.Add("<img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| <svg onload=x> | 2 |\n\n[^1]\n\n[^1]: note")
	f.Add(strings.Repeat(">", 200) + strings.Repeat("[", 200) + "x")
	md := newMarkdown(false)
	f.Fuzz(func(t *testing.T, src string) {
		out, err := convertMarkdown(md, src, "n1-")
		if err != nil {
			return
		}
		if m := unsafeMarkup.Find(out); m != nil {
			t.Fatalf("commentary became %q in:\n%s", m, out)
		}
	})
}
