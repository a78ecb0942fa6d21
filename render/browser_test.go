package render_test

import (
	"context"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite/internal/testprogress"
	"github.com/okrsite/okrsite/render"
	"github.com/okrsite/okrsite/templates"
)

// The browser tests build the example site and open it in a headless
// Chromium: every page must load without errors, draw all its charts, stay
// on the site and fit a laptop's width and a phone's. They need Chromium
// (see package internal/chrome) and are skipped without it, unless the
// environment variable CI is set, and with -short. They share one
// Chromium and run at once, each checking its pages in the tabs that are
// free (see browserutil_test.go).

// TestBrowserEveryPage visits every page of the example site, served over
// HTTP, once: half the pages of each kind at a laptop's width and half at
// a phone's, and a kind that has one page at both. It reports each kind as
// it finishes.
func TestBrowserEveryPage(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	dir := buildSite(t, render.Options{})
	s := serve(t, dir)
	all := pages(t, dir)
	checks := plan(all)

	left := map[string]int{}        // checks to go, by kind
	at := map[string]map[view]int{} // checks by kind and view
	for _, c := range checks {
		left[c.kind]++
		if at[c.kind] == nil {
			at[c.kind] = map[view]int{}
		}
		at[c.kind][c.view]++
	}
	var mu sync.Mutex
	done := func(kind string) {
		mu.Lock()
		defer mu.Unlock()
		if left[kind]--; left[kind] == 0 {
			testprogress.Printf(t, "checked %s: %d at %v, %d at %v", kind, at[kind][desktop], desktop, at[kind][phone], phone)
		}
	}

	problems := make([][]string, len(checks))
	b.each(t, len(checks), func(i int) view { return checks[i].view }, func(i int, tab context.Context) {
		problems[i] = visit(tab, s, checks[i].rel)
		wide, err := fits(tab)
		if err != nil {
			wide = []string{"checking the width: " + err.Error()}
		}
		problems[i] = append(problems[i], wide...)
		done(checks[i].kind)
	})
	for i, c := range checks {
		for _, p := range problems[i] {
			t.Errorf("%s at %v: %s", c.rel, c.view, p)
		}
	}
	t.Logf("checked %d pages in %d checks", len(all), len(checks))
}

// pageKinds are the kinds of page that a site has many of, as patterns of
// their paths. Any other page is a kind of its own.
var pageKinds = []string{
	"changes/*.html",
	"kpis/*.html",
	"periods/*.html",
	"periods/*/alignment.html",
	"periods/*/print.html",
	"periods/*/print-*.html",
	"periods/*/objectives/*.html",
	"people/*.html",
	"teams/*.html",
	"teams/*/*.html",
}

// kindOf returns the kind of the page at rel.
func kindOf(rel string) string {
	for _, k := range pageKinds {
		if ok, _ := path.Match(k, rel); ok {
			return k
		}
	}
	return rel
}

// pageCheck is a check of one page at one view.
type pageCheck struct {
	rel, kind string
	view      view
}

// plan checks every page once and each kind of page at a laptop's width
// and at a phone's: the pages of a kind take turns, and the page of a kind
// of one is checked at both. The checks come kind by kind.
func plan(all []string) []pageCheck {
	byKind := map[string][]string{}
	var kinds []string
	for _, rel := range all {
		k := kindOf(rel)
		if byKind[k] == nil {
			kinds = append(kinds, k)
		}
		byKind[k] = append(byKind[k], rel)
	}
	slices.Sort(kinds)
	var checks []pageCheck
	for _, k := range kinds {
		rels := byKind[k]
		slices.Sort(rels)
		if len(rels) == 1 {
			rels = append(rels, rels[0])
		}
		for i, rel := range rels {
			v := desktop
			if i%2 == 1 {
				v = phone
			}
			checks = append(checks, pageCheck{rel: rel, kind: k, view: v})
		}
	}
	return checks
}

// TestPlan checks the plan of TestBrowserEveryPage: every page checked,
// once or, the one page of its kind, twice; every kind at both views.
func TestPlan(t *testing.T) {
	all := []string{
		"index.html", "404.html", "kpis.html", "kpis/a.html", "kpis/b.html", "kpis/c.html",
		"periods/2026-Q4.html", "periods/2026-Q4/print.html", "periods/2026-Q4/print-t1.html",
		"periods/2026-Q4/objectives/o1.html", "periods/2026-Q4/objectives/o2.html",
		"teams/t1.html", "teams/t1/2026-Q4.html", "teams/t2/2026-Q4.html", "new/kind.html",
	}
	checks := plan(all)
	times := map[string]int{}
	views := map[string]map[view]bool{}
	kindSize := map[string]int{}
	for _, rel := range all {
		kindSize[kindOf(rel)]++
	}
	for _, c := range checks {
		times[c.rel]++
		if views[c.kind] == nil {
			views[c.kind] = map[view]bool{}
		}
		views[c.kind][c.view] = true
	}
	for _, rel := range all {
		want := 1
		if kindSize[kindOf(rel)] == 1 {
			want = 2
		}
		if times[rel] != want {
			t.Errorf("%s is checked %d times; want %d", rel, times[rel], want)
		}
	}
	for k, vs := range views {
		if !vs[desktop] || !vs[phone] || len(vs) != 2 {
			t.Errorf("kind %s is checked at %v; want %v and %v", k, vs, desktop, phone)
		}
	}
	if len(checks) != 23 {
		t.Errorf("%d checks; want 23 (15 pages, 8 of them alone of their kind)", len(checks))
	}
}

// TestBrowserFromDisk opens a few pages straight from disk, through file:
// URLs, as a reader of a site copied to a folder would: the pages'
// Content-Security-Policy must still let our own scripts run, and on the
// pages that show a picture, every picture in their commentary loads.
func TestBrowserFromDisk(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	s := fromDisk(buildSite(t, render.Options{}))
	visits := []struct {
		rel      string
		pictures bool // its commentary shows pictures
		print    bool // a print edition: print.css, and no site header
	}{
		{"index.html", false, false},
		{"periods/2026-Q4.html", true, false},
		{"periods/2026-Q4/print.html", true, true},
		{"periods/2026-Q4/objectives/win-back-energy.html", false, false},
		{"kpis/engagement.html", false, false},
	}
	b.each(t, len(visits), func(int) view { return desktop }, func(i int, tab context.Context) {
		t.Run(visits[i].rel, func(t *testing.T) {
			for _, p := range visit(tab, s, visits[i].rel) {
				t.Error(p)
			}
			if visits[i].pictures {
				checkPictures(t, tab)
			}
			// The page's own stylesheet applies: the header is laid out
			// as a flex box, not as plain blocks.
			if !visits[i].print {
				display, err := run(tab, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.top-inner')).display`))
				if err != nil || display != "flex" {
					t.Errorf("okr.css did not apply from disk: header display %q, %v", display, err)
				}
			}
			// Charts that drew prove that okr.js and ECharts ran.
			counts, err := run(tab, chromedp.Evaluate[[]int](`[document.querySelectorAll('[data-chart]').length, document.querySelectorAll('[data-chart][data-rendered]').length]`))
			if err != nil {
				t.Fatal(err)
			}
			if counts[0] != counts[1] {
				t.Errorf("%d of %d charts drew from disk", counts[1], counts[0])
			}
		})
	})
	testprogress.Printf(t, "checked %d pages from disk", len(visits))
}

// TestBrowserCatchesFaults breaks the site's script on purpose, through
// the site's own templates, and checks that visit notices each fault, so
// that the tests above cannot pass by seeing nothing.
func TestBrowserCatchesFaults(t *testing.T) {
	t.Parallel()
	original, err := fs.ReadFile(templates.FS, "static/okr.js")
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t)
	const page = "kpis/engagement.html" // a page with a chart
	faults := []struct {
		name   string
		script string // replaces okr.js
		want   string // in one of the problems
	}{
		{"console error", string(original) + "\nconsole.error('planted');", "console.error: planted"},
		{"exception", string(original) + "\nsetTimeout(function () { throw new Error('planted'); });", "uncaught exception"},
		{"request outside", string(original) + "\nnew Image().src = 'http://example.invalid/planted.png';", "request outside the site: GET http://example.invalid/planted.png"},
		{"no charts drawn", "document.documentElement.setAttribute('data-charts-ready', 'true');", "not marked data-rendered"},
		{"chart error", string(original) + "\nObject.defineProperty(window, 'echarts', {value: undefined});", "data-charts-ready=error"},
	}
	sites := make([]*site, len(faults))
	for i, tt := range faults {
		sites[i] = serve(t, buildSite(t, render.Options{Templates: fstest.MapFS{"static/okr.js": {Data: []byte(tt.script)}}}))
	}
	b.each(t, len(faults), func(int) view { return desktop }, func(i int, tab context.Context) {
		tt := faults[i]
		t.Run(tt.name, func(t *testing.T) {
			problems := visit(tab, sites[i], page)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("problems %q; want one with %q", problems, tt.want)
			}
		})
	})
	testprogress.Printf(t, "caught %d planted faults", len(faults))
}

// TestBrowserHostile opens every page of the hostile site (see
// ../testdata/hostile.txtar) in English, and its objective page, whose
// charts carry payloads in titles, units and notes, in Swedish too; it
// hovers over every chart to raise its tooltips and checks that no
// payload ran (the payloads set window.__pwned when they run), and that
// the objective page shows the payloads as text. Swedish runs the same
// okr.js with another locale's words and numbers, so one page of it is
// enough here; TestHostileOutput checks that no Swedish file carries a
// payload as markup.
func TestBrowserHostile(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	const objective = "periods/push/objectives/o1.html"
	type hover struct{ lang, page string }
	var hovers []hover
	sites := map[string]*site{}
	for _, lang := range []string{"en", "sv"} {
		dir := buildFrom(t, txtarFS(t, "../testdata/hostile.txtar"), render.Options{Lang: lang})
		sites[lang] = serve(t, dir)
		rels := []string{objective}
		if lang == "en" {
			rels = pages(t, dir)
		}
		for _, page := range rels {
			hovers = append(hovers, hover{lang, page})
		}
	}
	b.each(t, len(hovers), func(int) view { return desktop }, func(i int, tab context.Context) {
		h := hovers[i]
		if err := do(tab, chromedp.Navigate(sites[h.lang].base+h.page)); err != nil {
			t.Errorf("%s (%s): %v", h.page, h.lang, err)
			return
		}
		pwned, err := run(tab, chromedp.Evaluate[string](hoverCharts, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Errorf("%s (%s): %v", h.page, h.lang, err)
			return
		}
		if pwned != "" {
			t.Errorf("%s (%s): a payload ran: %s", h.page, h.lang, pwned)
		}
		if h.page != objective {
			return
		}
		text, err := run(tab, chromedp.Evaluate[string](`document.body.innerText`))
		if err != nil {
			t.Errorf("%s (%s): %v", h.page, h.lang, err)
			return
		}
		for _, want := range []string{
			"</script><script>window.__pwned='objective title'</script>",
			"<img src=x onerror=window.__pwned='checkin note'>",
			`"'><svg onload=window.__pwned='owner'>`,
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s (%s): the page does not show %q as text", h.page, h.lang, want)
			}
		}
	})
	testprogress.Printf(t, "hovered over the charts of %d hostile pages", len(hovers))
}

// hoverCharts scrolls to every chart, waits for it to draw, moves the mouse
// over it to raise its tooltip, and returns what window.__pwned says, if
// anything ran. It moves across each chart at three points and, each time,
// over the middle of the chart's first shapes; a shape whose middle it has
// already hovered over, it leaves out.
const hoverCharts = `(async () => {
	const sleep = ms => new Promise(r => setTimeout(r, ms));
	const hovered = new Map(); // element -> the points hovered over it
	for (const el of document.querySelectorAll('[data-chart]')) {
		el.scrollIntoView();
		for (let i = 0; i < 100 && !el.hasAttribute('data-rendered') && !el.hasAttribute('data-error'); i++) await sleep(50);
		const box = el.getBoundingClientRect();
		for (const fx of [0.2, 0.5, 0.8]) {
			for (const target of [el, ...el.querySelectorAll('path, rect')].slice(0, 40)) {
				const b = target.getBoundingClientRect();
				const x = target === el ? box.left + box.width * fx : b.left + b.width / 2;
				const y = target === el ? box.top + box.height / 2 : b.top + b.height / 2;
				const points = hovered.get(target) || new Set();
				if (points.has(x + ',' + y)) {
					continue;
				}
				hovered.set(target, points.add(x + ',' + y));
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

// TestBrowserConfidenceStrip checks, at a phone's width, that a key result
// chart draws confidence in a strip of its own below the values, never
// over them, and that the strip's dates line up with the values' dates.
func TestBrowserConfidenceStrip(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	s := serve(t, buildSite(t, render.Options{Lang: "en"}))
	err := b.inTab(phone, func(tab context.Context) {
		for _, p := range visit(tab, s, "periods/2026-Q4/objectives/win-back-energy.html") {
			t.Error(p)
		}
		got, err := run(tab, chromedp.Evaluate[struct {
			Checked int
			Wrong   []string
		}](confidenceStrips))
		if err != nil {
			t.Fatal(err)
		}
		if got.Checked == 0 {
			t.Fatal("no key result chart with confidence drew")
		}
		for _, w := range got.Wrong {
			t.Error(w)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// confidenceStrips counts the key result charts with confidence and lists
// those whose strip overlaps the values' plot or is not aligned with it.
const confidenceStrips = `(() => {
	let checked = 0;
	const wrong = [];
	document.querySelectorAll('[data-kind="kr"]').forEach(el => {
		const chart = echarts.getInstanceByDom(el);
		const confidence = chart && chart.getOption().series.find(s => s.yAxisIndex === 1);
		if (!confidence || confidence.data.length === 0) {
			return;
		}
		checked++;
		const [values, strip] = [0, 1].map(i => chart.getModel().getComponent('grid', i).coordinateSystem.getRect());
		if (strip.y < values.y + values.height) {
			wrong.push(el.id + ': the confidence strip overlaps the values');
		}
		if (Math.abs(strip.x - values.x) > 1 || Math.abs(strip.width - values.width) > 1) {
			wrong.push(el.id + ': the strip spans ' + strip.x + '+' + strip.width + ', the values ' + values.x + '+' + values.width);
		}
	});
	return {checked, wrong};
})()`
