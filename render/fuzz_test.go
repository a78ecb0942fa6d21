package render

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
)

// unsafeMarkup is what commentary must never turn into, with raw HTML off.
var unsafeMarkup = regexp.MustCompile(`(?i)<(script|iframe|object|embed|style|form|svg|img[^>]*\son\w+=)`)

// urlAttribute finds the links and sources in HTML.
var urlAttribute = regexp.MustCompile(`(?i)\s(?:href|src)="([^"]*)"`)

// runnableURL reports whether a browser would run an attribute's URL as
// script, or open it as a document of its own: it reads the attribute as
// a browser does, decoding character references and dropping spaces and
// control characters, before it looks at the scheme.
func runnableURL(attr string) bool {
	u := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(html.UnescapeString(attr)))
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") ||
		strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "data:image/")
}

// FuzzMarkdown renders fuzzed commentary, beside a picture: never a panic,
// never markup that could run, and rootMarker only where a picture's
// address starts.
func FuzzMarkdown(f *testing.F) {
	f.Add("## Lärdomar\n\nSome **bold** text and a [link](https://example.com).\n")
	f.Add("<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![i](javascript:alert(1))")
	f.Add("<img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| <svg onload=x> | 2 |\n\n[^1]\n\n[^1]: note")
	f.Add("[a](javascript&colon;alert(1)) [b](&#106;avascript:alert(1)) [c](java%0ascript:alert(1)) [d](data:text/html,x) [e](jAvAsCript0)")
	f.Add(strings.Repeat(">", 200) + strings.Repeat("[", 200) + "x")
	f.Add("![a *b*](chart.png \"t\") [b](<chart.png#x>) ![c](missing.png) ![\x00](chart.png)\x00 [d](../periods/chart.png)")
	md := newMarkdown(false, langs["en"])
	pictures := map[string]*okrsite.Picture{"periods/chart.png": {Path: "periods/chart.png"}}
	f.Fuzz(func(t *testing.T, src string) {
		nc := &noteContext{note: &okrsite.Note{Path: "site/periods/q.md", File: "periods/q.md", Line: 1}, pictures: pictures}
		out, err := convertMarkdown(md, src, "n1-", nc)
		if err != nil {
			return
		}
		parts := bytes.Split(out, []byte(rootMarker))
		for _, before := range parts[:len(parts)-1] {
			if !bytes.HasSuffix(before, []byte(` src="`)) && !bytes.HasSuffix(before, []byte(` href="`)) {
				t.Fatalf("a root marker outside a picture's address in:\n%q", out)
			}
		}
		if m := unsafeMarkup.Find(out); m != nil {
			t.Fatalf("commentary became %q in:\n%s", m, out)
		}
		for _, m := range urlAttribute.FindAllSubmatch(out, -1) {
			if runnableURL(string(m[1])) {
				t.Fatalf("commentary links to %q in:\n%s", m[1], out)
			}
		}
	})
}
