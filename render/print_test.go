package render_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/okrsite/okrsite/render"
)

// TestFinishedPeriodIsTimeTrue builds the example site, whose report date
// is in 2026-Q4, and checks that the finished 2026-Q3's report and print
// edition show the KPIs as they stood on 30 September, the quarter's last
// day, with that date: Q4 lifted Employee engagement into a key result, so
// it must not show as in focus there, while the running Q4 shows it so.
func TestFinishedPeriodIsTimeTrue(t *testing.T) {
	out := build(t, os.DirFS("../content"), render.Options{})
	q4Lift := "Employee engagement back to 72"
	for _, page := range []string{"periods/2026-Q3.html", "periods/2026-Q3/print.html", "periods/2026-Q3/print-velora.html"} {
		html := string(out[page])
		if !strings.Contains(html, "KPI health on 30 Sep 2026, the period") {
			t.Errorf("%s does not show the KPIs as of the quarter's last day", page)
		}
		if strings.Contains(html, q4Lift) || strings.Contains(html, "20 Nov 2026, the period") {
			t.Errorf("%s shows 2026-Q4's focus or date", page)
		}
	}
	if q4 := string(out["periods/2026-Q4.html"]); !strings.Contains(q4, "KPI health on 20 Nov 2026") || !strings.Contains(q4, q4Lift) {
		t.Errorf("the running 2026-Q4's report does not show the KPIs as of the report date with their focus")
	}
	// Q3 lifted Gross margin: on its last day it was in focus.
	q3 := string(out["periods/2026-Q3.html"])
	row := regexp.MustCompile(`<tr><td>Gross margin</td>.*?</tr>`).FindString(q3)
	if !strings.Contains(row, "Gross margin") || !strings.Contains(row, "(2026-Q3)") {
		t.Errorf("Gross margin's row on 2026-Q3's report does not name the key result that lifted it: %s", row)
	}
}

// TestRetrospective checks a finished quarter's retrospective, on its
// report and in its print edition: grade bands with committed and
// aspirational apart, the misses with their closing notes (Markdown), what
// continues in the next quarter, and the lifted KPI's fate; and that the
// next quarter says what it continues.
func TestRetrospective(t *testing.T) {
	out := build(t, os.DirFS("../content"), render.Options{})
	for _, page := range []string{"periods/2026-Q3.html", "periods/2026-Q3/print.html"} {
		html := string(out[page])
		for _, want := range []string{
			`<caption>Key results by grade</caption>`,
			`<th class="num">Committed</th><th class="num">Aspirational</th>`,
			"Claims fixed on the first workshop visit",
			"<strong>it carries into 2026-Q4</strong>", // a closing note's Markdown
			"continues in 2026-Q4",
			"<strong>Gross margin</strong>: back to monitoring in 2026-Q4",
			"No closing note.",
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %q", page, want)
			}
		}
	}
	if q4 := string(out["periods/2026-Q4/print.html"]); !strings.Contains(q4, "continued from 2026-Q3") {
		t.Errorf("2026-Q4's print edition does not say what continues 2026-Q3")
	}
	if strings.Contains(string(out["periods/2026-Q4.html"]), `id="retrospective"`) {
		t.Errorf("the running 2026-Q4 has a retrospective")
	}
}

// TestPrintOrder checks the fixed order of a print edition's sections, for
// a running and a finished period, the running footer's words, and the
// root element's data-locale, by which the charts write Swedish numbers.
func TestPrintOrder(t *testing.T) {
	out := build(t, os.DirFS("../content"), render.Options{Lang: "sv"})
	for page, order := range map[string][]string{
		"periods/2026-Q4/print.html": {`class="cover"`, `class="toc"`, `id="summary"`, `id="commentary"`, `id="team-velora"`, `id="team-people"`, `id="kpis"`},
		"periods/2026-Q3/print.html": {`class="cover"`, `class="toc"`, `id="summary"`, `id="commentary"`, `id="retrospective"`, `id="team-velora"`, `id="kpis"`},
	} {
		html := string(out[page])
		at := -1
		for _, mark := range order {
			i := strings.Index(html, mark)
			if i <= at {
				t.Errorf("%s: %s is missing or out of order", page, mark)
			}
			at = i
		}
		if !strings.Contains(html, `@bottom-right { content: "sida " counter(page) " av " counter(pages); }`) {
			t.Errorf("%s has no Swedish page numbers in its footer", page)
		}
		if !strings.Contains(html, `<html lang="sv" data-locale='{"locale":"sv"`) {
			t.Errorf("%s: its <html> has no Swedish data-locale", page)
		}
	}
}
