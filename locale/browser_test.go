package locale_test

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/chrome"
	"github.com/okrsite/okrsite/locale"
	"github.com/okrsite/okrsite/templates"
)

// startBrowser starts Chromium for the test, or skips the test when there
// is none (failing instead when CI is set, or skipping with -short).
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	path, err := chrome.Find("")
	if errors.Is(err, chrome.ErrNotFound) && os.Getenv("CI") == "" {
		t.Skipf("skipping browser test: %v (with CI set, this is a failure)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	browser, stop, err := chrome.New(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// page serves a page that loads ECharts and okr.js, with the locale's
// formats on its root element and one key-result-like chart whose value
// axis writes values of unit u with the given decimals, over checkins.
func page(t *testing.T, f *locale.Format, decimals int, u okrsite.Unit, checkins [][2]any) string {
	static, err := fs.Sub(templates.FS, "static")
	if err != nil {
		t.Fatal(err)
	}
	var data []string
	for _, c := range checkins {
		data = append(data, fmt.Sprintf("[%q,%v]", c[0], c[1]))
	}
	option := `{"tooltip":{"trigger":"axis"},"xAxis":[{"type":"time"}],"yAxis":[{"type":"value"}],` +
		`"series":[{"type":"line","name":"Actual","data":[` + strings.Join(data, ",") + `]}]}`
	doc := `<!doctype html><html lang="` + f.Language() + `" data-locale="` + html.EscapeString(f.Script()) + `"><body>` +
		`<div id="c" data-chart="c-data" data-kind="kr" data-axes="` + html.EscapeString(locale.Axes(f.Axis(decimals, u))) + `" style="width:600px;height:300px"></div>` +
		`<script type="application/json" id="c-data">` + option + `</script>` +
		`<script src="echarts/echarts.min.js"></script><script src="okr.js"></script></body></html>`
	mux := http.NewServeMux()
	mux.Handle("/static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, strings.ReplaceAll(doc, `src="`, `src="static/`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + "/page.html"
}

// jsCase is a value okr.js writes in a locale, and what the Go formatter
// writes for it.
type jsCase struct {
	v        float64
	decimals int
	unit     okrsite.Unit
}

// TestBrowserWritesAsGo checks that okr.js, given a page's data-locale and
// a chart's data-axes, writes values, short values and dates exactly as
// the Go formatter does, in each locale and without one; and that a
// chart's axis labels and tooltip use them.
func TestBrowserWritesAsGo(t *testing.T) {
	ctx := startBrowser(t)
	cases := []jsCase{
		{58156051.77, 2, okrsite.Unit{Other: "USD"}},
		{1950000, 2, okrsite.Unit{Other: "SEK"}},
		{-1234.5, 1, okrsite.Unit{Other: "h"}},
		{1, 0, okrsite.Unit{One: "logo", Other: "logos"}},
		{1, 1, okrsite.Unit{One: "logo", Other: "logos"}},
		{6, 0, okrsite.Unit{One: "logo", Other: "logos"}},
		{12.5, 2, okrsite.Unit{Other: "MSEK"}},
		{0.125, 2, okrsite.Unit{Other: "%"}},
		{-0.001, 2, okrsite.Unit{}},
		{999999, 0, okrsite.Unit{}},
		{1200000, 0, okrsite.Unit{Other: "£"}},
		{12300, 0, okrsite.Unit{Other: "kr"}},
		{0, 2, okrsite.Unit{Other: "USD"}},
		{999.996, 2, okrsite.Unit{}},
		{-2.5, 0, okrsite.Unit{Other: "h"}},
	}
	day := okrsite.MakeDate(2026, 9, 1)
	for _, name := range append(locale.Locales, "") {
		for _, lang := range locale.Languages {
			if name != "" && lang != locale.Language(name) {
				continue
			}
			f, err := locale.For(name, lang)
			if err != nil {
				t.Fatal(err)
			}
			tab, closeTab := chromedp.NewContext(ctx)
			url := page(t, f, 2, okrsite.Unit{Other: "USD"}, [][2]any{{"2026-07-03", 500000}, {"2026-09-01", 1950000}})
			if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
				t.Fatal(err)
			}
			for _, c := range cases {
				axis := locale.Axes(f.Axis(c.decimals, c.unit))
				js := fmt.Sprintf(`(() => { const f = okrFormat(JSON.parse(document.documentElement.dataset.locale)); const a = %s[0];
					return [f.value(%v, a), f.short(%v, a)]; })()`, axis, c.v, c.v)
				got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](js))
				if err != nil {
					t.Fatal(err)
				}
				want := []string{f.Value(c.v, c.decimals, c.unit), f.Short(c.v, c.decimals, c.unit)}
				if got[0] != want[0] || got[1] != want[1] {
					t.Errorf("%s: %v %+v: okr.js writes %q; Go writes %q", f.Name(), c.v, c.unit, got, want)
				}
			}
			share := locale.Axes(f.ShareAxis())
			gotShare, err := chromedp.Run(tab, chromedp.Evaluate[string](`okrFormat(JSON.parse(document.documentElement.dataset.locale)).value(0.624, `+share+`[0])`))
			if err != nil || gotShare != f.Percent(0.624, 0) {
				t.Errorf("%s: a share: okr.js writes %q (%v); Go writes %q", f.Name(), gotShare, err, f.Percent(0.624, 0))
			}

			// The chart: its axis labels are short values, and its
			// tooltip shows the day and the exact value.
			labels, err := chromedp.Run(tab, chromedp.Poll[[]string](`document.documentElement.dataset.chartsReady === 'true' &&
				Array.from(document.querySelectorAll('#c svg text')).map((e) => e.textContent)`, chromedp.WithPollingTimeout(20*time.Second)))
			if err != nil {
				t.Fatalf("%s: waiting for the chart: %v", f.Name(), err)
			}
			if want := f.Short(1500000, 2, okrsite.Unit{Other: "USD"}); !contains(labels, want) {
				t.Errorf("%s: axis labels %q lack %q", f.Name(), labels, want)
			}
			tip, err := chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
				const chart = echarts.getInstanceByDom(document.getElementById('c'));
				chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 1});
				const tip = document.querySelector('#c div[style*="z-index"]') || document.querySelector('#c > div:last-child');
				return tip ? tip.textContent : '';
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{f.Date(day), f.Value(1950000, 2, okrsite.Unit{Other: "USD"})} {
				if !strings.Contains(tip, want) {
					t.Errorf("%s: tooltip %q lacks %q", f.Name(), tip, want)
				}
			}
			closeTab()
		}
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
