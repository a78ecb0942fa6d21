package render_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/okrsite/okrsite/render"
)

// TestWebRetroCut gives a finished quarter 24 more missed key results (25
// in all), 22 of which a later quarter continues (23 in all): its web
// report lists the 20 furthest behind of each, the furthest first, and
// links to the print edition, which lists all 25 in report order.
func TestWebRetroCut(t *testing.T) {
	fsys := txtarFS(t, "testdata/site.txtar")
	var q2, q3 strings.Builder
	q2.WriteString("[[objective]]\nid = \"many\"\ntitle = \"Many small bets\"\n")
	q3.WriteString("[[objective]]\nid = \"again\"\ntitle = \"Small bets again\"\n")
	for i := range 24 {
		// kr0 reaches 0%, kr23 23%: the report order is the reverse of
		// how far behind they fell.
		fmt.Fprintf(&q2, "\n  [[objective.kr]]\n  id = \"kr%d\"\n  title = \"Bet %d\"\n  start = 0\n  target = 100\n  checkins = [[2026-06-20, %d]]\n", i, i, i)
		if i >= 2 {
			fmt.Fprintf(&q3, "\n  [[objective.kr]]\n  id = \"kr%d\"\n  title = \"Bet %d again\"\n  continues = \"2026-Q2/many/kr%d\"\n  start = 0\n  target = 100\n", i, i, i)
		}
	}
	fsys["periods/2026-Q2/sales.toml"] = &fstest.MapFile{Data: []byte(q2.String())}
	sales := fsys["periods/2026-Q3/sales.toml"]
	sales.Data = append(sales.Data, "\n"+q3.String()...)
	out := build(t, fsys, render.Options{})

	bets := regexp.MustCompile(`<tr><td>Bet (\d+)<br>`)
	carried := regexp.MustCompile(`<li><strong>Bet (\d+)</strong>`)
	// numbers lists the bets re finds in the retrospective of page.
	numbers := func(re *regexp.Regexp, page string) string {
		_, page, _ = strings.Cut(page, `id="retrospective"`)
		page, _, _ = strings.Cut(page, `</section>`)
		var n []string
		for _, m := range re.FindAllStringSubmatch(page, -1) {
			n = append(n, m[1])
		}
		return strings.Join(n, " ")
	}
	web := string(out["periods/2026-Q2.html"])
	if got, want := numbers(bets, web), "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19"; got != want {
		t.Errorf("the web report lists the missed bets %s; want the 20 furthest behind, %s", got, want)
	}
	if got, want := numbers(carried, web), "2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21"; got != want {
		t.Errorf("the web report lists the carried bets %s; want %s", got, want)
	}
	for _, want := range []string{
		`<p class="muted">The 20 furthest short, the heaviest first:</p>`,
		`<a href="../periods/2026-Q2/print.html#retrospective">All 25 missed key results, with their closing notes, in the print edition</a>`,
		`<a href="../periods/2026-Q2/print.html#retrospective">All 23 that carry on, in the print edition</a>`,
	} {
		if !strings.Contains(web, want) {
			t.Errorf("the web report lacks %s", want)
		}
	}
	print := string(out["periods/2026-Q2/print.html"])
	if got, want := numbers(bets, print), "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23"; got != want {
		t.Errorf("the print edition lists the missed bets %s; want all in report order, %s", got, want)
	}
	if strings.Contains(print, "retro-all") {
		t.Errorf("the print edition links to its own whole lists")
	}
}
