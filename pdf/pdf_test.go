package pdf_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/internal/chrome"
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

// buildExample builds the example site in language lang into a folder
// served over HTTP, and returns its scorecard and URL.
func buildExample(t *testing.T, lang string) (*okrsite.Scorecard, string) {
	dest := filepath.Join(t.TempDir(), "site")
	out, err := publish.Open(dest, "../content")
	if err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(build.Options{Dir: "../content", Lang: lang}, out)
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

// TestPrintEditions prints the example's current quarter in English and a
// finished quarter in Swedish, and checks the PDFs with poppler: every
// objective's title and the summary's figure are in the text, the page
// count is sensible, no page is blank, and team pages hold drawn charts.
func TestPrintEditions(t *testing.T) {
	requireTools(t)
	p := pdf.Start(context.Background(), "")
	defer p.Close()
	if err := p.Ready(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		period, lang string
		figure       func(okrsite.Score) string
	}{
		{"2026-Q4", "en", func(s okrsite.Score) string { return strconv.Itoa(int(s.Progress*100+0.5)) + "%" }},
		{"2026-Q3", "sv", func(s okrsite.Score) string {
			return strings.Replace(strconv.FormatFloat(s.Grade, 'f', 1, 64), ".", ",", 1)
		}},
	} {
		t.Run(tc.period+"-"+tc.lang, func(t *testing.T) {
			card, base := buildExample(t, tc.lang)
			var ps *okrsite.PeriodScore
			for _, x := range card.Periods {
				if x.Period.ID == tc.period {
					ps = x
				}
			}
			doc, err := p.Print(base+"periods/"+tc.period+"/print.html", pdf.Papers["a4"])
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "report.pdf")
			os.WriteFile(file, doc, 0o644)

			text := run(t, "pdftotext", "-layout", file, "-")
			flat := strings.Join(strings.Fields(text), " ")
			for _, os := range ps.Objectives {
				if !strings.Contains(flat, strings.Join(strings.Fields(os.Objective.Title), " ")) {
					t.Errorf("the PDF does not name objective %q", os.Objective.Title)
				}
			}
			if want := tc.figure(ps.Score); !strings.Contains(text, want) {
				t.Errorf("the PDF does not give the period's figure %s", want)
			}
			pages, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", file))[1])
			if pages < 8 || pages > 40 || pages != pdf.Pages(doc) {
				t.Errorf("%d pages (counted %d); want 8 to 40", pages, pdf.Pages(doc))
			}
			if !regexp.MustCompile(`\s\d{1,2}\n`).MatchString(run(t, "pdftotext", "-f", "2", "-l", "2", file, "-")) {
				t.Errorf("the contents have no page numbers")
			}

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
			if charted < len(ps.Teams) {
				t.Errorf("only %d pages hold chart lines; want at least one a team (%d)", charted, len(ps.Teams))
			}
			testprogress.Printf(t, "printed %d pages and checked them", pages)
			if keep := os.Getenv("OKR_SCREENSHOTS"); keep != "" {
				os.MkdirAll(keep, 0o755)
				for _, f := range images {
					b, _ := os.ReadFile(f)
					os.WriteFile(filepath.Join(keep, "pdf-"+tc.period+"-"+tc.lang+"-"+filepath.Base(f)), b, 0o644)
				}
			}
		})
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
