package render_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/okrsite/okrsite/render"
)

// TestGradeOrProgress checks that a finished period's scores show the grade
// and no percentage beside it, and a running period's show progress, on
// every page where a period's score appears: the period report, a team's
// period, a team's history and the overview's list of periods. Why lines
// are left out: they may say how much was done, in words that cannot be
// taken for a grade ("80% done by the period's end"). In the test site
// 2026-Q2 has ended and 2026-Q3 runs.
func TestGradeOrProgress(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		out := build(t, txtarFS(t, "testdata/site.txtar"), render.Options{Lang: lang})
		tests := []struct {
			name, page string
			from, to   string // the part of the page to look at, by markers
			final      bool
		}{
			{"finished period's headline", "periods/2026-Q2.html", `<section class="glance"`, `</section>`, true},
			{"finished period's teams", "periods/2026-Q2.html", `<section class="team-section"`, `</main>`, true},
			{"running period's headline", "periods/2026-Q3.html", `<section class="glance"`, `</section>`, false},
			{"running period's teams", "periods/2026-Q3.html", `<section class="team-section"`, `</main>`, false},
			{"finished team period", "teams/company/2026-Q2.html", `<section class="glance"`, `</main>`, true},
			{"running team period", "teams/company/2026-Q3.html", `<section class="glance"`, `</main>`, false},
			{"team history, finished row", "teams/company.html", `<tbody><tr>`, `</tr>`, true},
			{"overview's finished period", "index.html", `class="period-name" href="periods/2026-Q2.html"`, `</li>`, true},
			{"overview's running period", "index.html", `class="period-name" href="periods/2026-Q3.html"`, `</li>`, false},
		}
		for _, tt := range tests {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				part := whyLine.ReplaceAllString(between(t, string(out[tt.page]), tt.from, tt.to), "")
				grade, progress := gradeShown(part, lang), percentShown.MatchString(part)
				switch {
				case tt.final && !grade:
					t.Errorf("a finished period shows no grade in %s", part)
				case tt.final && progress:
					t.Errorf("a finished period shows a percentage beside its grade: %q in %s", percentShown.FindString(part), part)
				case !tt.final && !progress:
					t.Errorf("a running period shows no progress in %s", part)
				case !tt.final && grade:
					t.Errorf("a running period shows a grade in %s", part)
				}
			})
		}
	}
}

// between returns the part of page from the first from to the first to
// after it.
func between(t *testing.T, page, from, to string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, from)
	if !ok {
		t.Fatalf("no %q in the page", from)
	}
	part, _, ok := strings.Cut(rest, to)
	if !ok {
		t.Fatalf("no %q after %q in the page", to, from)
	}
	return from + part
}

// whyLine finds a why line.
var whyLine = regexp.MustCompile(`<(?:p|span) class="(?:kr-why )?why">[^<]*</(?:p|span)>`)

// percentShown finds a percentage as a reader sees it: in a score's number,
// a bar's label or the text, but not in a style's width.
var percentShown = regexp.MustCompile(`(?:>|aria-label="[^"]*?|\s)[0-9]+(?:[.,][0-9]+)?[\s\x{a0}\x{202f}]?%[^;]`)

// gradeShown reports whether part shows a grade, labelled as one: by the
// word, or by a table's column of grades.
func gradeShown(part, lang string) bool {
	word := map[string]string{"en": "Grade", "sv": "Betyg"}[lang]
	return strings.Contains(part, word+` <span class="grade`) || strings.Contains(part, `<span class="big-label">`+word) ||
		gradeCell.MatchString(part)
}

// gradeCell finds a table cell that holds a grade, with its label for
// stacked rows or without.
var gradeCell = regexp.MustCompile(`<td class="num"(?: data-label="[^"]*")?><span class="grade`)
