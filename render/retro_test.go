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
// report lists the first 20 of each and links to the print edition, which
// lists them all. The missed are in the order of every list of key
// results that fell short (the lowest grade first, then the heaviest,
// then in report order), as the team's page lists them; the carried, the
// furthest behind first.
func TestWebRetroCut(t *testing.T) {
	fsys := txtarFS(t, "testdata/site.txtar")
	var q2, q3 strings.Builder
	q2.WriteString("[[objective]]\nid = \"many\"\ntitle = \"Many small bets\"\n")
	q3.WriteString("[[objective]]\nid = \"again\"\ntitle = \"Small bets again\"\n")
	for i := range 24 {
		// kr0 reaches 92%, kr23 0%: the report order is the reverse of
		// how far behind they fell, and grades (to one decimal) tie.
		fmt.Fprintf(&q2, "\n  [[objective.kr]]\n  id = \"kr%d\"\n  title = \"Bet %d\"\n  start = 0\n  target = 100\n  checkins = [[2026-06-20, %d]]\n", i, i, (23-i)*4)
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
	// Grades 0.0 (bets 22 and 23), 0.1 (20, 21), 0.2 (17 to 19) and so on
	// to 0.9 (0, 1); the twentieth missed is the site's own.
	byGrade := "22 23 20 21 17 18 19 15 16 12 13 14 10 11 7 8 9 5 6"
	web := string(out["periods/2026-Q2.html"])
	if got := numbers(bets, web); got != byGrade {
		t.Errorf("the web report lists the missed bets %s; want the 20 lowest graded, %s", got, byGrade)
	}
	if got, want := numbers(carried, web), "23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4"; got != want {
		t.Errorf("the web report lists the carried bets %s; want the 20 furthest behind, %s", got, want)
	}
	team := regexp.MustCompile(`>Bet (\d+)</a>`)
	_, list, _ := strings.Cut(string(out["teams/sales/2026-Q2.html"]), `<ol class="attention">`)
	list, _, _ = strings.Cut(list, `</ol>`)
	var short []string
	for _, m := range team.FindAllStringSubmatch(list, -1) {
		short = append(short, m[1])
	}
	if got, want := strings.Join(short, " "), byGrade+" 2 3 4 0 1"; got != want {
		t.Errorf("the team's page lists the bets below expectation %s; want %s, as the retrospective", got, want)
	}
	for _, want := range []string{
		`<p class="muted">The 20 lowest graded, the heaviest first where grades tie:</p>`,
		`<p class="muted">The 20 furthest short, the heaviest first:</p>`,
		`<a href="../periods/2026-Q2/print.html#retrospective">All 25 missed key results, with their closing notes, in the print edition</a>`,
		`<a href="../periods/2026-Q2/print.html#retrospective">All 23 that carry on, in the print edition</a>`,
	} {
		if !strings.Contains(web, want) {
			t.Errorf("the web report lacks %s", want)
		}
	}
	print := string(out["periods/2026-Q2/print.html"])
	if got, want := numbers(bets, print), byGrade+" 2 3 4 0 1"; got != want {
		t.Errorf("the print edition lists the missed bets %s; want all, as the web report, %s", got, want)
	}
	if strings.Contains(print, "retro-all") {
		t.Errorf("the print edition links to its own whole lists")
	}
}
