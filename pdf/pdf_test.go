package pdf_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/internal/chrome"
	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/internal/testprogress"
	"github.com/okrsite/okrsite/pdf"
	"github.com/okrsite/okrsite/publish"
)

// requireTools skips the test with -short, and when Chromium or poppler's
// tools are missing, unless the environment variable CI is set: then they
// must be there.
func requireTools(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: prints PDFs with Chromium; not in -short mode")
	}
	var missing []string
	if _, err := chrome.Find(""); err != nil {
		missing = append(missing, "chromium")
	}
	for _, tool := range []string{"pdftotext", "pdfinfo", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := "missing " + strings.Join(missing, ", ") + " (Debian: apt-get install chromium poppler-utils)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// buildSite builds the site in dir in language lang into a folder served
// over HTTP, and returns its scorecard and URL.
func buildSite(t *testing.T, dir, lang string) (*okrsite.Scorecard, string) {
	dest := filepath.Join(t.TempDir(), "site")
	out, err := publish.Open(dest, dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(build.Options{Dir: dir, Lang: lang}, out)
	if err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	t.Cleanup(srv.Close)
	return res.Card, srv.URL + "/"
}

// edition is a print edition to print and check, with the words its
// language prints.
type edition struct {
	name, dir, period, lang, paper string
	size                           string // pdfinfo's page size
	summary, page                  string // the summary's heading; "page %d of %d"
	report                         string // the footer's name of the report
}

// minLines is the fewest lines of text a page holds unless it ends a
// section: a page with fewer is mostly empty.
const minLines = 12

// TestPrintEditions prints three editions with one Chromium: the
// example's running quarter in English on A4, its finished quarter in
// Swedish on Letter, and a synthetic quarter of 50 teams. It checks them
// with poppler, page by page: paper size and page count; the footer with
// "page N of M" on every page; the sections in their fixed order, as the
// contents number them; the summary on one page (its heading and its end
// mark on the same page); no page but a section's last with fewer than
// minLines lines; every page begins with a title, marked "(continued)"
// where a section or an objective runs onto it, a team's section naming
// the team at the top of each of its pages; every objective named, and
// named on the page of its chart; the finished quarter naming no key
// result of the next; and charts drawn.
func TestPrintEditions(t *testing.T) {
	requireTools(t)
	p := printer(t)
	teams50 := filepath.Join(t.TempDir(), "teams50")
	size := synth.Sizes["50team"]
	size.Periods, size.Objectives, size.KeyResults, size.Checkins = 1, 1, 2, 4 // 50 teams and 20 KPIs; few pages
	if err := synth.Write(teams50, synth.Files(size, 1)); err != nil {
		t.Fatal(err)
	}
	longTable(t, teams50)
	en := edition{summary: "Executive summary", page: "page %d of %d", report: "OKR review"}
	sv := edition{summary: "Sammanfattning", page: "sida %d av %d", report: "OKR-uppföljning"}
	a4, letter := "595.92 x 841.92 pts (A4)", "612 x 792 pts (letter)"
	for _, tc := range []edition{
		with(en, "example-2026-Q4-en", "../content", "2026-Q4", "en", "a4", a4),
		with(sv, "example-2026-Q3-sv", "../content", "2026-Q3", "sv", "letter", letter),
		with(en, "50-teams", teams50, "", "en", "a4", a4),
	} {
		t.Run(tc.name, func(t *testing.T) {
			card, base := buildSite(t, tc.dir, tc.lang)
			ps := card.Current
			for _, x := range card.Periods {
				if x.Period.ID == tc.period {
					ps = x
				}
			}
			doc, err := p.Print(base+"periods/"+ps.Period.ID+"/print.html", pdf.Papers[tc.paper])
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "report.pdf")
			if err := os.WriteFile(file, doc, 0o644); err != nil {
				t.Fatal(err)
			}
			info := run(t, "pdfinfo", file)
			n, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)[1])
			if n < 5 || n != pdf.Pages(doc) {
				t.Fatalf("%d pages (counted %d); want at least 5", n, pdf.Pages(doc))
			}
			if !strings.Contains(info, "Page size:       "+tc.size) {
				t.Errorf("pdfinfo says %q; want page size %s", regexp.MustCompile(`Page size:.*`).FindString(info), tc.size)
			}
			// Each page's text laid out as printed, and in reading order:
			// pdftotext ends every page with a form feed.
			pages := append([]string{""}, strings.Split(run(t, "pdftotext", "-layout", file, "-"), "\f")[:n]...) // from 1
			texts := append([]string{""}, strings.Split(run(t, "pdftotext", file, "-"), "\f")[:n]...)
			for i := range texts {
				texts[i] = strings.Join(strings.Fields(texts[i]), " ")
			}
			checkPages(t, tc, card.Site.Settings.Organisation, ps, pages, texts)
			checkCharts(t, file, dir, len(ps.Teams))
			testprogress.Printf(t, "printed %d pages and checked them", n)
		})
	}
}

// longTable gives the first team's objective in the synthetic site in dir
// 30 more key results, so that its table runs onto the next page and
// that page must begin with the objective's title marked "(continued)".
func longTable(t *testing.T, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "periods", "*", "t0.toml"))
	if len(files) != 1 {
		t.Fatalf("the synthetic site has team files %q; want one t0.toml", files)
	}
	f, err := os.OpenFile(files[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := range 30 {
		fmt.Fprintf(f, "\n  [[objective.kr]]\n  id = \"long%d\"\n  title = \"Long table row %d\"\n  start = 0\n  target = 10\n", i, i)
	}
}

// with is e with the edition's particulars.
func with(e edition, name, dir, period, lang, paper, size string) edition {
	e.name, e.dir, e.period, e.lang, e.paper, e.size = name, dir, period, lang, paper, size
	return e
}

// tocLine is a line of the printed contents: a title and its page.
var tocLine = regexp.MustCompile(`(?m)^\s*(\S.*?)\s{2,}(\d+)\s*$`)

// checkPages checks an edition's pages: each page's text as pdftotext
// -layout writes it, and in reading order with its spaces folded (texts).
func checkPages(t *testing.T, tc edition, org string, ps *okrsite.PeriodScore, pages, texts []string) {
	t.Helper()
	n := len(pages) - 1
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for i := 1; i <= n; i++ {
		text := texts[i]
		if want := fmt.Sprintf(tc.page, i, n); !strings.Contains(text, want) {
			t.Errorf("page %d lacks %q in its footer", i, want)
		}
		if want := org + " · " + tc.report + " · " + ps.Period.Name; !strings.Contains(text, want) {
			t.Errorf("page %d lacks %q in its footer", i, want)
		}
	}

	// The contents (on pages 2 and on) give each section's first page;
	// the sections come in the fixed order.
	var starts []int
	var titles []string
	for i := 2; i <= n && !strings.HasPrefix(strings.TrimSpace(pages[i]), tc.summary); i++ {
		for _, m := range tocLine.FindAllStringSubmatch(pages[i], -1) {
			if strings.Contains(m[1], tc.report) {
				continue // the footer
			}
			page, _ := strconv.Atoi(m[2])
			starts = append(starts, page)
			titles = append(titles, flat(m[1]))
		}
	}
	if len(starts) < 3 || titles[0] != tc.summary {
		t.Fatalf("the contents list %q; want the summary first", titles)
	}
	if !slices.IsSorted(starts) {
		t.Errorf("the contents' pages %v are out of order", starts)
	}
	var want []string
	for _, tp := range ps.Teams {
		want = append(want, tp.Team.Name)
	}
	if got := titles[len(titles)-1-len(want) : len(titles)-1]; !slices.Equal(got, want) {
		t.Errorf("the contents list the teams %q; want %q, before the appendix", got, want)
	}
	summary := starts[0]
	if !strings.HasPrefix(strings.TrimSpace(pages[summary]), tc.summary) || !strings.Contains(pages[summary], "■") {
		t.Errorf("page %d does not hold the whole summary (its heading and its end mark):\n%s", summary, pages[summary])
	}

	// No page is mostly empty unless it ends a section.
	last := map[int]bool{n: true}
	for _, s := range starts {
		last[s-1] = true
	}
	for i := summary; i <= n; i++ {
		if lines := len(strings.Fields(strings.ReplaceAll(pages[i], " ", "_"))); !last[i] && lines < minLines {
			t.Errorf("page %d holds %d lines of text and does not end a section; want at least %d", i, lines, minLines)
		}
	}

	// Every page after the summary begins with a title: a section's,
	// an objective's, or one marked "(continued)" where a section or an
	// objective runs onto the page.
	heads := slices.Clone(titles)
	for _, os := range ps.Objectives {
		heads = append(heads, flat(os.Objective.Title))
	}
	for i := summary + 1; i <= n; i++ {
		if !slices.ContainsFunc(heads, func(h string) bool { return strings.HasPrefix(texts[i], h+" ") }) {
			t.Errorf("page %d begins %q: not with a title, nor one marked continued", i, texts[i][:min(len(texts[i]), 80)])
		}
	}

	// A page of a team's section names the team at its top: the section's
	// heading, the team's name marked "(continued)" above the objective
	// that begins the page, or, where an objective runs onto the page,
	// the team's name and the objective's marked "(continued)".
	for j := len(titles) - 1 - len(want); j < len(titles)-1; j++ {
		for i := starts[j]; i < starts[j+1]; i++ {
			if !strings.HasPrefix(texts[i], titles[j]+" ") {
				t.Errorf("page %d, in %s's section, begins %q: not with the team's name", i, titles[j], texts[i][:min(len(texts[i]), 80)])
			}
		}
	}

	// Every objective is named on the page of its chart: in the chart's
	// caption, and above it, in the heading or a "(continued)".
	for _, os := range ps.Objectives {
		title := flat(os.Objective.Title)
		found := false
		for i := summary; i <= n; i++ {
			if text := texts[i]; strings.Contains(text, title+": ") && strings.Count(text, title) >= 2 {
				found = true
			}
		}
		if !found {
			t.Errorf("no page holds objective %q with its chart", title)
		}
	}

	// A finished period names no key result of a later period.
	if ps.Final {
		all := strings.Join(texts, " ")
		mine := map[string]bool{}
		for _, os := range ps.Objectives {
			for _, krs := range os.KeyResults {
				mine[krs.KeyResult.Title] = true
			}
		}
		for _, o := range ps.Period.Objectives {
			for _, kr := range o.KeyResults {
				for _, later := range kr.ContinuedIn {
					if !mine[later.Title] && strings.Contains(all, flat(later.Title)) {
						t.Errorf("the finished %s names %q, a key result of %s", ps.Period.ID, later.Title, later.Objective.Period.ID)
					}
				}
			}
		}
	}
}

// checkCharts renders the PDF's pages and checks that none is blank and
// that at least one page a team holds drawn chart lines.
func checkCharts(t *testing.T, file, dir string, teams int) {
	t.Helper()
	run(t, "pdftoppm", "-r", "30", "-png", file, filepath.Join(dir, "page"))
	images, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	charted := 0
	for _, f := range images {
		ink, chart := pixels(t, f)
		if ink < 500 {
			t.Errorf("%s is blank", filepath.Base(f))
		}
		if chart > 50 {
			charted++
		}
	}
	if charted < min(teams, len(images)/3) {
		t.Errorf("only %d pages hold chart lines; want at least %d", charted, min(teams, len(images)/3))
	}
	if keep := os.Getenv("OKR_SCREENSHOTS"); keep != "" {
		os.MkdirAll(keep, 0o755)
		for _, f := range images {
			b, _ := os.ReadFile(f)
			os.WriteFile(filepath.Join(keep, "pdf-"+filepath.Base(dir)+"-"+filepath.Base(f)), b, 0o644)
		}
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	return string(out)
}

// pixels counts a page image's non-white pixels, and those in the colours
// ECharts draws key results' lines in (its palette's blue and green).
func pixels(t *testing.T, file string) (ink, chart int) {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	palette := [][3]int{{0x54, 0x70, 0xc6}, {0x91, 0xcc, 0x75}}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, bl := rgb(img, x, y)
			if r+g+bl < 3*235 {
				ink++
			}
			for _, c := range palette {
				if abs(r-c[0]) < 40 && abs(g-c[1]) < 40 && abs(bl-c[2]) < 40 {
					chart++
				}
			}
		}
	}
	return ink, chart
}

func rgb(img image.Image, x, y int) (int, int, int) {
	r, g, b, _ := img.At(x, y).RGBA()
	return int(r >> 8), int(g >> 8), int(b >> 8)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
