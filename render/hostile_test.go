package render_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/okrsite/okrsite/render"
)

// hostilePatterns are markup that must never reach a built file unescaped.
var hostilePatterns = regexp.MustCompile(`(?i)<script>window|<img src=x onerror|<svg onload|onmouseover=|<iframe|<form action|href="javascript:|src="javascript:|<style>body|data:text/html`)

// TestHostileOutput builds the hostile site and checks that no payload
// reaches any file as markup: not the pages, the chart options, the JSON
// export or the sitemap. The browser test checks that none runs.
func TestHostileOutput(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		out := build(t, txtarFS(t, "../testdata/hostile.txtar"), render.Options{Lang: lang, BaseURL: "https://goals.example.com/"})
		for name, b := range out {
			if strings.HasPrefix(name, "static/") || strings.HasSuffix(name, ".ics") {
				// An iCalendar file is plain text, with no markup and no
				// way to escape <: TestCalendar checks that its values are
				// escaped as iCalendar TEXT.
				continue
			}
			if m := hostilePatterns.FindIndex(b); m != nil {
				lo, hi := max(0, m[0]-80), min(len(b), m[1]+80)
				t.Errorf("%s (%s) carries a payload as markup: …%s…", name, lang, b[lo:hi])
			}
		}
		page := string(out["periods/push/objectives/o1.html"])
		for _, want := range []string{
			"&lt;/script&gt;&lt;script&gt;window.__pwned=&#39;objective title&#39;&lt;/script&gt;",
			"&lt;img src=x onerror=window.__pwned=&#39;checkin note&#39;&gt;",
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the objective page (%s) does not show %q as text", lang, want)
			}
		}
	}
}
