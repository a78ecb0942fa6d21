package render_test

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/internal/testprogress"
	"github.com/okrsite/okrsite/render"
)

// axeSum is the SHA-256 of testdata/axe/axe.min.js: axe-core 4.14.1 from
// npm (licence MPL-2.0, in testdata/axe/LICENSE). To update it, copy the
// package's axe.min.js and LICENSE there and change the version and sum.
const axeSum = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

// serveWithAxe serves the site in dir, with axe-core's script, checked
// against axeSum, beside its pages as axe.min.js. Pages load it from there
// (runAxe), so that Chromium compiles it once and takes it from its code
// cache after, which costs a fraction of evaluating it on every page.
func serveWithAxe(t *testing.T, dir string) *site {
	t.Helper()
	src, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(src); hex.EncodeToString(sum[:]) != axeSum {
		t.Fatalf("testdata/axe/axe.min.js is not axe-core 4.14.1 (sha256 %x)", sum)
	}
	if err := os.WriteFile(filepath.Join(dir, "axe.min.js"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	return serve(t, dir)
}

// loadAxe loads axe-core into the page in tab, a page of s (see
// serveWithAxe). It stays there while the tab shows the page.
func loadAxe(tab context.Context, s *site) error {
	load := `new Promise((ok, fail) => {
		const script = document.createElement('script');
		script.src = ` + jsonString(s.base+"axe.min.js") + `;
		script.onload = () => ok(true);
		script.onerror = () => fail(new Error('cannot load ' + script.src));
		document.head.appendChild(script);
	})`
	if err := do(tab, chromedp.Evaluate[chromedp.Void](load, chromedp.EvalAwaitPromise)); err != nil {
		return fmt.Errorf("loading axe-core: %w", err)
	}
	return nil
}

// The rules axe-core runs: every WCAG 2.0 and 2.1 A and AA rule and its
// best practices, or only the rules that look at colours.
const (
	allRules    = `{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'], resultTypes: ['violations']}`
	colourRules = `{runOnly: {type: 'rule', values: ['color-contrast', 'link-in-text-block']}, resultTypes: ['violations']}`
)

// runAxe runs axe-core with rules (allRules or colourRules) on the page
// in tab, into which loadAxe has loaded it, and returns its serious and
// critical violations, one line each, and a count of the lesser ones.
func runAxe(tab context.Context, rules string) (serious []string, lesser int, err error) {
	check := `axe.run(document, ` + rules + `)
		.then(r => r.violations.map(v => ({impact: v.impact, line: v.impact + ' ' + v.id + ': ' + v.nodes.length + ' (' + v.nodes[0].target.join(' ') + ')'})))`
	found, err := run(tab, chromedp.Evaluate[[]struct{ Impact, Line string }](check, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, 0, fmt.Errorf("running axe-core: %w", err)
	}
	for _, v := range found {
		if v.Impact == "serious" || v.Impact == "critical" {
			serious = append(serious, v.Line)
		} else {
			lesser++
		}
	}
	return serious, lesser, nil
}

// settle waits until the page in the tab is still: every chart within
// 200px of the screen drawn (okr.js draws those), nothing in the document
// changed for three frames, and at least %d milliseconds gone, long enough
// for okr.js to redraw its charts after a resize. It gives up after 600
// frames.
const settle = `(async (least) => {
	` + frameJS + `
	const start = performance.now();
	let changed = false;
	const changes = new MutationObserver(() => { changed = true; });
	changes.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
	const near = (el) => {
		const box = el.getBoundingClientRect();
		return box.bottom > -200 && box.top < innerHeight + 200;
	};
	const drawing = () => Array.from(document.querySelectorAll('[data-chart]')).some((el) =>
		near(el) && !el.hasAttribute('data-rendered') && !el.hasAttribute('data-error'));
	for (let i = 0, quiet = 0; i < 600; i++) {
		await frame();
		quiet = changed ? 0 : quiet + 1;
		changed = false;
		if (quiet >= 3 && performance.now() - start >= least && !drawing()) break;
	}
	changes.disconnect();
})(%d)`

// axeView is a view in which axeEachView checks a page,
// and the rules it runs there.
type axeView struct {
	view  view
	rules string
}

// axeViews are the views axeEachView goes through, in order, each a
// step from the one before: a laptop's width in light and dark, then a
// phone's in dark and light. Every rule runs at each width, since a width
// lays the page out anew (okr.css's narrow layout, charts redrawn to fit).
// The second view at each width differs from the first only in its colour
// scheme, which in okr.css changes nothing but the values of its colour
// custom properties (and a shadow), and in okr.js the colours charts are
// drawn in; so there only the rules about colours run, which is where a
// dark scheme can go wrong, and it saves running the rest twice.
var axeViews = []axeView{
	{desktop, allRules},
	{view{width: desktop.width, height: desktop.height, dark: true}, colourRules},
	{view{width: phone.width, height: phone.height, phone: true, dark: true}, allRules},
	{phone, colourRules},
}

// phoneViews are the axeViews at a phone's width, where a language's
// longer words are tightest.
var phoneViews = axeViews[2:]

// axeEachView runs axe-core on the page in tab, a page of s, in each of
// views (axeViews or phoneViews) in turn, changing the tab's view in place
// (emulate) and letting the page settle before each run, and calling seen,
// if not nil, once it has. The tab shows the page at views[0] to begin
// with. It returns the serious and critical violations found, each line
// starting with its view, and the count of lesser ones. The tab is left at
// the last view.
func axeEachView(tab context.Context, s *site, views []axeView, seen func(view) error) (serious []string, lesser int, err error) {
	if err := loadAxe(tab, s); err != nil {
		return nil, 0, err
	}
	for i, av := range views {
		least := 0
		if i > 0 {
			if err := emulate(tab, av.view); err != nil {
				return serious, lesser, fmt.Errorf("switching to %v: %w", av.view, err)
			}
			if av.view.width != views[i-1].view.width {
				least = 250 // okr.js redraws charts 150 ms after a resize
			}
		}
		if err := do(tab, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(settle, least), chromedp.EvalAwaitPromise)); err != nil {
			return serious, lesser, fmt.Errorf("waiting for the page at %v: %w", av.view, err)
		}
		if seen != nil {
			if err := seen(av.view); err != nil {
				return serious, lesser, fmt.Errorf("at %v: %w", av.view, err)
			}
		}
		found, n, err := runAxe(tab, av.rules)
		if err != nil {
			return serious, lesser, fmt.Errorf("at %v: %w", av.view, err)
		}
		for _, f := range found {
			serious = append(serious, av.view.String()+": "+f)
		}
		lesser += n
	}
	return serious, lesser, nil
}

// jsonString writes s as a JavaScript string.
func jsonString(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

// largestOfEachKind returns, for every kind of page in the site in dir,
// its largest page: the one with the most to get wrong.
func largestOfEachKind(t *testing.T, dir string) []string {
	largest := map[string]string{}
	size := map[string]int64{}
	for _, rel := range pages(t, dir) {
		info, err := os.Stat(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if k := kindOf(rel); info.Size() > size[k] {
			largest[k], size[k] = rel, info.Size()
		}
	}
	var rels []string
	for _, rel := range largest {
		rels = append(rels, rel)
	}
	slices.Sort(rels)
	return rels
}

// TestBrowserAccessible runs axe-core on the largest page of every kind
// of the example site, in English in the four axeViews (light and dark, at
// a laptop's width and a phone's) and in Swedish in the two at a phone's
// width (phoneViews), where its longer words are tightest; and on the
// running period's report of a site of 50 teams, in English in the four.
// No serious or critical violation may remain, nor anything a recorder
// catches (see visit), nor a chart that failed to draw. Each page is
// loaded once per language and checked in its views in place
// (axeEachView), which costs far less than loading it for each. (A
// finished period's report is checked on the example site, whose largest
// report is finished.) A language changes a page's words, not its
// structure or colours, so Swedish at a laptop's width, and the 50-team
// report in Swedish, would repeat what the other checks see; the Swedish
// pages' fit at a laptop's width is TestBrowserTruth's.
//
// With the environment variable OKR_SCREENSHOTS naming a folder, it also
// takes a screenshot of each whole page in each view and writes it there
// as a PNG file for a person to look at.
func TestBrowserAccessible(t *testing.T) {
	t.Parallel()
	out := os.Getenv("OKR_SCREENSHOTS")
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b := startBrowser(t)
	type check struct {
		lang, rel string
		s         *site
		many      bool // a page of the 50-team site
		views     []axeView
	}
	var checks []check
	for _, lang := range []string{"en", "sv"} {
		views := axeViews
		if lang == "sv" {
			views = phoneViews
		}
		dir := buildSite(t, render.Options{Lang: lang})
		s := serveWithAxe(t, dir)
		for _, rel := range largestOfEachKind(t, dir) {
			checks = append(checks, check{lang, rel, s, false, views})
		}
	}
	// A site of 50 teams' shape: its running period's report is the
	// largest page a site is likely to have.
	many := serveWithAxe(t, buildFrom(t, synth.FS(synth.Files(synth.Sizes["50team"], 1)), render.Options{Lang: "en"}))
	checks = append(checks, check{"en", "periods/2026-Q4.html", many, true, axeViews})
	// The biggest pages go first, so that none is left to run alone at
	// the end while the other tabs have nothing to do.
	size := func(c check) int64 {
		info, err := os.Stat(filepath.Join(c.s.dir, c.rel))
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	slices.SortStableFunc(checks, func(a, b check) int { return cmp.Compare(size(b), size(a)) })
	lesser := make([]int, len(checks))
	views := 0
	for _, c := range checks {
		views += len(c.views)
	}
	b.each(t, len(checks), func(i int) view { return checks[i].views[0].view }, func(i int, tab context.Context) {
		c := checks[i]
		name := c.lang + " " + c.rel
		if c.many {
			name = c.lang + " 50 teams " + c.rel
		}
		page, done := context.WithCancel(tab)
		defer done()
		r := &recorder{s: c.s}
		if err := r.listen(page); err != nil {
			t.Errorf("%s: listening: %v", name, err)
			return
		}
		if err := do(page, chromedp.Navigate(c.s.base+c.rel)); err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		var shoot func(view) error
		if out != "" {
			shoot = func(v view) error {
				img, err := run(page, chromedp.FullScreenshot(100))
				if err != nil {
					return err
				}
				file := strings.NewReplacer("/", "_", ".html", "", " ", "-").Replace(name + " " + v.String())
				return os.WriteFile(filepath.Join(out, file+".png"), img, 0o644)
			}
		}
		found, n, err := axeEachView(page, c.s, c.views, shoot)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		for _, v := range found {
			t.Errorf("%s at %s", name, v)
		}
		failed, err := run(page, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[data-error]')).map((el) => '#' + el.id + ': ' + el.getAttribute('data-error'))`))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		for _, p := range append(r.done(), failed...) {
			t.Errorf("%s: %s", name, p)
		}
		lesser[i] = n
	})
	total := 0
	for _, n := range lesser {
		total += n
	}
	testprogress.Printf(t, "axe-core checked %d pages in %d views in all; %d moderate or minor findings", len(checks), views, total)
}

// TestBrowserAxeCatches plants, on a page, an unlabelled checkbox and a
// paragraph whose text is hard to read only in dark colours on a phone,
// and expects axeEachView to report the checkbox in every view that runs
// every rule, and the paragraph in the dark phone's view alone: so
// TestBrowserAccessible is known to look, and to switch views.
func TestBrowserAxeCatches(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	s := serveWithAxe(t, buildSite(t, render.Options{}))
	b.each(t, 1, func(int) view { return axeViews[0].view }, func(_ int, tab context.Context) {
		// The smallest page will do: it is the planted faults that count.
		if err := do(tab, chromedp.Navigate(s.base+"404.html")); err != nil {
			t.Fatal(err)
		}
		plant := `document.querySelector('main').insertAdjacentHTML('beforeend',
			'<input type="checkbox"><p class="planted">planted</p>' +
			'<style>@media (prefers-color-scheme: dark) and (max-width: 500px) { .planted { color: #333 } }</style>')`
		if err := do(tab, chromedp.Evaluate[chromedp.Void](plant)); err != nil {
			t.Fatal(err)
		}
		found, _, err := axeEachView(tab, s, axeViews, nil)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, av := range axeViews {
			if av.rules == allRules {
				want = append(want, av.view.String()+": critical label: 1 (input[type=\"checkbox\"])")
			}
			if av.view.dark && av.view.phone {
				want = append(want, av.view.String()+": serious color-contrast: 1 (.planted)")
			}
		}
		slices.Sort(want)
		slices.Sort(found)
		if !slices.Equal(found, want) {
			t.Errorf("axe-core found\n\t%s\nwant\n\t%s", strings.Join(found, "\n\t"), strings.Join(want, "\n\t"))
		}
	})
}

// heading matches a heading's opening tag, and its level.
var heading = regexp.MustCompile(`<h([1-6])[\s>]`)

// TestHeadingOutline walks the headings of every page of the example, in
// English and Swedish: each page has one h1, first, and no heading goes
// more than one level below the one before it.
func TestHeadingOutline(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		out := build(t, os.DirFS("../content"), render.Options{Lang: lang})
		for name, data := range out {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			levels := heading.FindAllSubmatch(data, -1)
			if len(levels) == 0 || string(levels[0][1]) != "1" {
				t.Errorf("%s %s: the first heading is not an h1", lang, name)
				continue
			}
			h1s := 0
			for i, m := range levels {
				level := int(m[1][0] - '0')
				if level == 1 {
					h1s++
				}
				if i > 0 && level > int(levels[i-1][1][0]-'0')+1 {
					t.Errorf("%s %s: h%d follows h%s (heading %d)", lang, name, level, levels[i-1][1], i+1)
					break
				}
			}
			if h1s != 1 {
				t.Errorf("%s %s: %d h1 headings; want 1", lang, name, h1s)
			}
		}
	}
}
