package render_test

import (
	"bytes"
	"context"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite/render"
	"github.com/okrsite/okrsite/templates"
)

// The browser tests build the example site and open it in a headless
// Chromium: every page must load without errors, draw all its charts, stay
// on the site and fit a phone. They need Chromium (see package
// internal/chrome) and are skipped without it, unless the environment
// variable CI is set.

// TestBrowserEveryPage visits every page of the example site, served over
// HTTP, first at a laptop's width and then at a phone's. A few tabs work
// at once, each visiting one page after another.
func TestBrowserEveryPage(t *testing.T) {
	browser := startBrowser(t)
	dir := buildSite(t, render.Options{})
	s := serve(t, dir)
	all := pages(t, dir)

	problems := make([][]string, len(all))
	next := make(chan int)
	var wg sync.WaitGroup
	for range tabs {
		wg.Go(func() {
			tab, closeTab, err := openTab(browser, desktopWidth, desktopHeight)
			if err != nil {
				for i := range next {
					problems[i] = []string{err.Error()}
				}
				return
			}
			defer closeTab()
			for i := range next {
				problems[i] = checkPage(tab, s, all[i])
			}
		})
	}
	for i := range all {
		next <- i
	}
	close(next)
	wg.Wait()

	for i, rel := range all {
		for _, p := range problems[i] {
			t.Errorf("%s: %s", rel, p)
		}
	}
	t.Logf("checked %d pages", len(all))
}

// checkPage checks one page in the tab: at a laptop's width with visit,
// then whether it fits a phone's width.
func checkPage(tab context.Context, s *site, rel string) []string {
	ctx, cancel := context.WithTimeout(tab, tabTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(desktopWidth, desktopHeight)); err != nil {
		return []string{err.Error()}
	}
	problems := visit(ctx, s, rel)
	wide, err := fitsPhone(ctx)
	if err != nil {
		return append(problems, "at a phone's width: "+err.Error())
	}
	return append(problems, wide...)
}

// TestBrowserFromDisk opens a few pages straight from disk, through file:
// URLs, where the pages' Content-Security-Policy must still let our own
// scripts run.
func TestBrowserFromDisk(t *testing.T) {
	browser := startBrowser(t)
	s := fromDisk(buildSite(t, render.Options{}))
	for _, rel := range []string{
		"index.html",
		"periods/2026-Q4.html",
		"periods/2026-Q4/objectives/win-back-energy.html",
		"kpis/engagement.html",
	} {
		t.Run(rel, func(t *testing.T) {
			tab := newTab(t, browser, desktopWidth, desktopHeight)
			for _, p := range visit(tab, s, rel) {
				t.Error(p)
			}
			// The page's own stylesheet applies: the header is laid out
			// as a flex box, not as plain blocks.
			display, err := chromedp.Run(tab, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.top-inner')).display`))
			if err != nil || display != "flex" {
				t.Errorf("okr.css did not apply from disk: header display %q, %v", display, err)
			}
			// Charts that drew prove that okr.js and ECharts ran.
			counts, err := chromedp.Run(tab, chromedp.Evaluate[[]int](`[document.querySelectorAll('[data-chart]').length, document.querySelectorAll('[data-chart][data-rendered]').length]`))
			if err != nil {
				t.Fatal(err)
			}
			if counts[0] != counts[1] {
				t.Errorf("%d of %d charts drew from disk", counts[1], counts[0])
			}
		})
	}
}

// TestBrowserScreenshots takes screenshots of a few pages, in English and
// Swedish, light and dark, and on a phone, checking each page as it goes.
// With the environment variable OKR_SCREENSHOTS naming a folder, it writes
// them there as PNG files for a person to look at.
func TestBrowserScreenshots(t *testing.T) {
	out := os.Getenv("OKR_SCREENSHOTS")
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	browser := startBrowser(t)
	sites := map[string]*site{
		"en": serve(t, buildSite(t, render.Options{Lang: "en"})),
		"sv": serve(t, buildSite(t, render.Options{Lang: "sv"})),
	}
	type shot struct {
		name, lang, page string
		phone, dark      bool
	}
	var shots []shot
	for _, lang := range []string{"en", "sv"} {
		for _, p := range []struct{ name, page string }{
			{"home", "index.html"},
			{"period", "periods/2026-Q4.html"},
			{"objective", "periods/2026-Q4/objectives/win-back-energy.html"},
			{"kpi", "kpis/engagement.html"},
		} {
			shots = append(shots, shot{name: p.name + "-" + lang, lang: lang, page: p.page})
		}
	}
	shots = append(shots,
		shot{name: "home-en-dark", lang: "en", page: "index.html", dark: true},
		shot{name: "period-en-dark", lang: "en", page: "periods/2026-Q4.html", dark: true},
		shot{name: "kpi-en-dark", lang: "en", page: "kpis/engagement.html", dark: true},
		shot{name: "home-en-phone", lang: "en", page: "index.html", phone: true},
		shot{name: "period-en-phone", lang: "en", page: "periods/2026-Q4.html", phone: true},
	)
	for _, sh := range shots {
		t.Run(sh.name, func(t *testing.T) {
			width, height := int64(desktopWidth), int64(desktopHeight)
			var opts []chromedp.EmulateViewportOption
			if sh.phone {
				width, height = phoneWidth, phoneHeight
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
			}
			tab := newTab(t, browser, width, height, opts...)
			if sh.dark {
				if err := chromedp.Do(tab, chromedp.Func(darkMode)); err != nil {
					t.Fatal(err)
				}
			}
			for _, p := range visit(tab, sites[sh.lang], sh.page) {
				t.Error(p)
			}
			img, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			// The full page is at least the viewport; it is wider only
			// when the page scrolls sideways, which TestBrowserEveryPage
			// reports.
			cfg, err := png.DecodeConfig(bytes.NewReader(img))
			if err != nil {
				t.Fatalf("the screenshot is not a PNG: %v", err)
			}
			if int64(cfg.Width) < width || int64(cfg.Height) < height {
				t.Errorf("screenshot is %dx%d; want at least %dx%d", cfg.Width, cfg.Height, width, height)
			}
			if out != "" {
				if err := os.WriteFile(filepath.Join(out, sh.name+".png"), img, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestBrowserCatchesFaults breaks the site's script on purpose, through
// the site's own templates, and checks that visit notices each fault, so
// that the tests above cannot pass by seeing nothing.
func TestBrowserCatchesFaults(t *testing.T) {
	original, err := fs.ReadFile(templates.FS, "static/okr.js")
	if err != nil {
		t.Fatal(err)
	}
	browser := startBrowser(t)
	const page = "kpis/engagement.html" // a page with a chart
	for _, tt := range []struct {
		name   string
		script string // replaces okr.js
		want   string // in one of the problems
	}{
		{"console error", string(original) + "\nconsole.error('planted');", "console.error: planted"},
		{"exception", string(original) + "\nsetTimeout(function () { throw new Error('planted'); });", "uncaught exception"},
		{"request outside", string(original) + "\nnew Image().src = 'http://example.invalid/planted.png';", "request outside the site: GET http://example.invalid/planted.png"},
		{"no charts drawn", "document.documentElement.setAttribute('data-charts-ready', 'true');", "not marked data-rendered"},
		{"chart error", string(original) + "\nwindow.echarts = undefined;", "data-charts-ready=error"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := buildSite(t, render.Options{Templates: fstest.MapFS{"static/okr.js": {Data: []byte(tt.script)}}})
			problems := visit(newTab(t, browser, desktopWidth, desktopHeight), serve(t, dir), page)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("problems %q; want one with %q", problems, tt.want)
			}
		})
	}
}

// TestBrowserHostile opens every page of the hostile site (see
// ../testdata/hostile.txtar), hovers over every chart to raise its
// tooltips, and checks that no payload ran, in English and Swedish. The
// payloads set window.__pwned when they run.
func TestBrowserHostile(t *testing.T) {
	browser := startBrowser(t)
	for _, lang := range []string{"en", "sv"} {
		dir := buildFrom(t, txtarFS(t, "../testdata/hostile.txtar"), render.Options{Lang: lang})
		s := serve(t, dir)
		tab, closeTab, err := openTab(browser, desktopWidth, desktopHeight)
		if err != nil {
			t.Fatal(err)
		}
		for _, page := range pages(t, dir) {
			if err := chromedp.Do(tab, chromedp.Navigate(s.base+page)); err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			pwned, err := chromedp.Run(tab, chromedp.Evaluate[string](hoverCharts, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			if pwned != "" {
				t.Errorf("%s (%s): a payload ran: %s", page, lang, pwned)
			}
		}
		if err := chromedp.Do(tab, chromedp.Navigate(s.base+"periods/push/objectives/o1.html")); err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.body.innerText`))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"</script><script>window.__pwned='objective title'</script>",
			"<img src=x onerror=window.__pwned='checkin note'>",
			`"'><svg onload=window.__pwned='owner'>`,
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the page does not show %q as text", lang, want)
			}
		}
		closeTab()
	}
}

// hoverCharts scrolls to every chart, waits for it to draw, moves the mouse
// over it to raise its tooltip, and returns what window.__pwned says, if
// anything ran.
const hoverCharts = `(async () => {
	const sleep = ms => new Promise(r => setTimeout(r, ms));
	for (const el of document.querySelectorAll('[data-chart]')) {
		el.scrollIntoView();
		for (let i = 0; i < 100 && !el.hasAttribute('data-rendered') && !el.hasAttribute('data-error'); i++) await sleep(50);
		const box = el.getBoundingClientRect();
		for (const fx of [0.2, 0.5, 0.8]) {
			for (const target of [el, ...el.querySelectorAll('path, rect')].slice(0, 40)) {
				const b = target.getBoundingClientRect();
				const x = target === el ? box.left + box.width * fx : b.left + b.width / 2;
				const y = target === el ? box.top + box.height / 2 : b.top + b.height / 2;
				for (const type of ['mousemove', 'mouseover']) {
					target.dispatchEvent(new MouseEvent(type, {bubbles: true, clientX: x, clientY: y}));
				}
			}
			await sleep(30);
		}
	}
	await sleep(200);
	return window.__pwned ? String(window.__pwned) : '';
})()`

// TestBrowserTargetLabel checks that a key result chart labels its target
// line inside the plot, clear of the confidence axis's labels on the
// right, which ECharts' default placement would cover.
func TestBrowserTargetLabel(t *testing.T) {
	browser := startBrowser(t)
	s := serve(t, buildSite(t, render.Options{Lang: "en"}))
	tab := newTab(t, browser, desktopWidth, desktopHeight)
	for _, p := range visit(tab, s, "periods/2026-Q4/objectives/win-back-energy.html") {
		t.Error(p)
	}
	counts, err := chromedp.Run(tab, chromedp.Evaluate[[]int](`(() => {
		let checked = 0, covered = 0;
		document.querySelectorAll('[data-kind="kr"] svg').forEach(svg => {
			const texts = [...svg.querySelectorAll('text')];
			const target = texts.find(t => t.textContent === 'Target');
			const axis = texts.filter(t => ['0', '0.2', '0.4', '0.6', '0.8', '1'].includes(t.textContent));
			if (!target || axis.length === 0) {
				return;
			}
			checked++;
			const edge = Math.min(...axis.map(t => t.getBoundingClientRect().left));
			if (target.getBoundingClientRect().right > edge) {
				covered++;
			}
		});
		return [checked, covered];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if counts[0] == 0 {
		t.Fatal("no key result chart with a target and a confidence axis drew")
	}
	if counts[1] > 0 {
		t.Errorf("%d of %d charts put the target's label over the confidence axis", counts[1], counts[0])
	}
}
