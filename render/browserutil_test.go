package render_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/chrome"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/render"
)

// This file holds what the browser tests share: building the example site,
// serving it, the Chromium they share and its tabs, and visiting a page to
// check it.

const (
	// stepTimeout bounds one step of a check: one command to the browser
	// or one script, such as loading a page or drawing one of its charts.
	// A bigger page takes more steps, not a longer one, so the bound can
	// be generous enough for a busy machine and still catch a hang.
	stepTimeout = 2 * time.Minute
	// stallTimeout bounds the wait for a page's charts to be ready while
	// none of them finishes drawing.
	stallTimeout = time.Minute
	// leaveTimeout bounds the wait for a tab to show a blank page after a
	// check; a tab that takes longer is replaced.
	leaveTimeout = 15 * time.Second
	// maxTabs is how many tabs check pages at once, across the package's
	// browser tests.
	maxTabs = 4
)

// TestMain stops the Chromium that the browser tests share, once they have
// all run.
func TestMain(m *testing.M) {
	code := m.Run()
	shared.stop()
	os.Exit(code)
}

// view is how a tab shows pages: the size of its viewport in CSS pixels,
// whether it emulates a phone, and whether it prefers a dark colour scheme.
type view struct {
	width, height int64
	phone, dark   bool
}

// The views the tests use: a laptop's and a phone's.
var (
	desktop = view{width: 1280, height: 800}
	phone   = view{width: 390, height: 844, phone: true}
)

func (v view) String() string {
	s := fmt.Sprintf("%dx%d", v.width, v.height)
	if v.dark {
		s += " dark"
	}
	return s
}

// buildSite builds the example site in ../content, as of its as_of date,
// into a new temporary folder and returns the folder.
func buildSite(t *testing.T, opts render.Options) string {
	t.Helper()
	return buildFrom(t, os.DirFS("../content"), opts)
}

// buildFrom builds the site in fsys, as of its as_of date, into a new
// temporary folder and returns the folder.
func buildFrom(t *testing.T, fsys fs.FS, opts render.Options) string {
	t.Helper()
	dir, _ := buildCard(t, fsys, opts)
	return dir
}

// buildCard is buildFrom that also returns the site's scores.
func buildCard(t testing.TB, fsys fs.FS, opts render.Options) (string, *okrsite.Scorecard) {
	t.Helper()
	site, _, err := load.Load(fsys, "content")
	if err != nil {
		t.Fatalf("loading the site: %v", err)
	}
	if !site.Settings.HasAsOf {
		t.Fatal("the site has no as_of date, so its pages change every day")
	}
	card := okrsite.Evaluate(site, site.Settings.AsOf)
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := render.Render(card, opts, rootWriter{root}); err != nil {
		t.Fatalf("rendering the site: %v", err)
	}
	return dir, card
}

// rootWriter writes a build's files into a folder.
type rootWriter struct{ root *os.Root }

func (w rootWriter) WriteFile(name string, data []byte) error {
	if err := w.root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	return w.root.WriteFile(name, data, 0o644)
}

// pages lists the HTML pages in dir, as slash-separated paths within it.
func pages(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no pages in %s", dir)
	}
	return out
}

// site is a built site as the browser reaches it.
type site struct {
	dir  string // the folder the site was built into
	base string // the URL of that folder, ending in "/"
}

// serve serves the site in dir over HTTP until the test ends.
func serve(t *testing.T, dir string) *site {
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return &site{dir: dir, base: srv.URL + "/"}
}

// fromDisk gives the site in dir as file: URLs.
func fromDisk(dir string) *site {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}
	return &site{dir: dir, base: u.String()}
}

// file returns the file in the site's folder that a URL of the site leads
// to, and false for a URL outside the site.
func (s *site) file(rawURL string) (string, bool) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", false
	}
	u.RawQuery, u.Fragment = "", ""
	rest, ok := strings.CutPrefix(u.String(), s.base)
	if !ok {
		return "", false
	}
	rest, err = url.PathUnescape(rest)
	if err != nil {
		return "", false
	}
	if rest == "" || strings.HasSuffix(rest, "/") {
		rest += "index.html"
	}
	return filepath.Join(s.dir, filepath.FromSlash(rest)), true
}

// browser is the headless Chromium that the package's browser tests share,
// started by the first of them and stopped by TestMain, with the tabs in
// which they check pages.
type browser struct {
	once  sync.Once
	err   error           // why it did not start
	first context.Context // its first tab, from which the others open
	end   context.CancelFunc
	// tabs holds a token for each of maxTabs tabs: an open tab that no
	// check is using, or nil for one not opened yet. A check takes a
	// token and gives it back when it is done.
	tabs chan *tab
}

var shared browser

// startBrowser returns the shared browser, starting it for the first test
// that asks. Without Chromium the test is skipped, or fails when the
// environment variable CI is set. With -short it is skipped.
func startBrowser(t testing.TB) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	b := &shared
	b.once.Do(func() {
		var path string
		path, b.err = chrome.Find("")
		if b.err == nil {
			b.first, b.end, b.err = chrome.New(context.Background(), path)
		}
		b.tabs = make(chan *tab, maxTabs)
		for range maxTabs {
			b.tabs <- nil
		}
	})
	if errors.Is(b.err, chrome.ErrNotFound) && os.Getenv("CI") == "" {
		t.Skipf("skipping browser test: %v (with CI set, this is a failure)", b.err)
	}
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b
}

// stop closes the browser, if a test started it.
func (b *browser) stop() {
	if b.end != nil {
		b.end()
	}
}

// tab is an open tab of the browser.
type tab struct {
	ctx   context.Context
	close context.CancelFunc
}

// emulate makes the tab show pages as v from now on, the page it shows
// too: without reloading it, the page is laid out again at the new width
// and its media queries (prefers-color-scheme) match anew, as on a phone
// turned or a system switched to dark.
func emulate(tab context.Context, v view) error {
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	var opts []chromedp.EmulateViewportOption
	if v.phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.width, v.height, opts...)); err != nil {
		return err
	}
	var media emulation.SetEmulatedMediaParams
	if v.dark {
		media.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
	}
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media)
	return err
}

// inTab runs check in a tab that shows pages as v, once one of the maxTabs
// tabs is free, and then leaves the tab blank. A tab that has died is
// closed and replaced.
func (b *browser) inTab(v view, check func(tab context.Context)) error {
	tb := <-b.tabs
	defer func() { b.tabs <- tb }()
	if tb == nil {
		ctx, cancel := chromedp.NewContext(b.first)
		tb = &tab{ctx: ctx, close: cancel}
		// The first action opens the tab, whose life it binds to
		// its context: this one, with no deadline.
		if err := chromedp.Do(ctx); err != nil {
			tb.close()
			tb = nil
			return fmt.Errorf("opening a tab: %w", err)
		}
	}
	// A check may have changed the view (emulate), so it is set each time.
	if err := emulate(tb.ctx, v); err != nil {
		tb.close()
		tb = nil
		return fmt.Errorf("setting a tab to %v: %w", v, err)
	}
	check(tb.ctx)
	// The tab leaves the page when check is done: okr.js may still be
	// fetching ECharts for it (it does when a chart nears the screen),
	// which the next check in this tab would otherwise see. Now and then
	// Chromium never reports that blank page loaded; the tab is then
	// replaced after leaveTimeout rather than stepTimeout.
	if tb.ctx.Err() != nil || doWithin(tb.ctx, leaveTimeout, chromedp.Navigate("about:blank")) != nil {
		tb.close()
		tb = nil
	}
	return nil
}

// each runs check(i, tab) for every i below n, in tabs that show pages as
// viewOf(i), as many at once as there are tabs free. It returns when all
// are done.
func (b *browser) each(t *testing.T, n int, viewOf func(i int) view, check func(i int, tab context.Context)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, maxTabs) {
		wg.Go(func() {
			for i := range next {
				err := b.inTab(viewOf(i), func(tab context.Context) { check(i, tab) })
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// run runs one step of a check in the tab, allowing it stepTimeout.
func run[T any](tab context.Context, a chromedp.Action[T]) (T, error) {
	return runWithin(tab, stepTimeout, a)
}

// runWithin runs a in the tab, allowing it limit.
func runWithin[T any](tab context.Context, limit time.Duration, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(tab, limit)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// do is run for a step with no result.
func do(tab context.Context, a chromedp.Action[chromedp.Void]) error {
	return doWithin(tab, stepTimeout, a)
}

// doWithin is runWithin for an action with no result.
func doWithin(tab context.Context, limit time.Duration, a chromedp.Action[chromedp.Void]) error {
	_, err := runWithin(tab, limit, a)
	return err
}

// recorder collects what a tab reports that a good page never causes:
// console errors and warnings, uncaught exceptions, browser log errors and
// warnings, requests that leave the site, and failed requests.
type recorder struct {
	s        *site
	mu       sync.Mutex
	requests map[network.RequestID]string // URL of each request
	problems []string
}

// listen records the events of the tab until ctx ends.
func (r *recorder) listen(ctx context.Context) error {
	r.requests = map[network.RequestID]string{}
	return chromedp.Listen(ctx, func(ev any) {
		// This runs in the tab's event loop: it must be quick and must
		// not send commands.
		r.mu.Lock()
		defer r.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning ||
				ev.Type == runtime.ConsoleAPICalledTypeAssert {
				r.add("console.%s: %s", ev.Type, remoteText(ev.Args))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			text := d.Text
			if d.Exception != nil {
				text += " " + d.Exception.Description
			}
			r.add("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text)
		case *log.EventEntryAdded:
			if e := ev.Entry; (e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning) && !isFavicon(e.URL) {
				r.add("browser log %s (%s): %s %s", e.Level, e.Source, e.Text, e.URL)
			}
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			r.requests[ev.RequestID] = u
			if !strings.HasPrefix(u, r.s.base) && !strings.HasPrefix(u, "data:") {
				r.add("request outside the site: %s %s", ev.Request.Method, u)
			}
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 && !isFavicon(ev.Response.URL) {
				r.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
			}
		case *network.EventLoadingFailed:
			if !ev.Canceled {
				r.add("loading %s failed: %s %s", r.requests[ev.RequestID], ev.ErrorText, ev.BlockedReason)
			}
		}
	})
}

// isFavicon reports whether u is the icon that Chromium asks a server for
// on its own, now and then, when a page names none. The site has no icon,
// so it is missing; that is no fault of a page.
func isFavicon(u string) bool {
	return strings.HasSuffix(u, "/favicon.ico")
}

func (r *recorder) add(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// remoteText renders the arguments of a console call roughly as the
// DevTools console shows them.
func remoteText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Type == runtime.RemoteObjectTypeString:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.UnserializableValue != "":
			parts = append(parts, string(a.UnserializableValue))
		default:
			parts = append(parts, a.Description)
		}
	}
	return strings.Join(parts, " ")
}

// frameJS defines frame(), which waits for the next animation frame, or
// 100 ms when that comes first: on a busy machine a tab can draw less than
// a frame a second, and the scripts that wait frame by frame must still
// finish within stepTimeout.
const frameJS = `const frame = () => new Promise((resolve) => { requestAnimationFrame(resolve); setTimeout(resolve, 100); });`

// drawChart scrolls the page's chart number %d into view, as a reader
// would, and waits until its drawing starts (okr.js marks it data-drawn)
// or okr.js has given up, for 300 frames at most.
const drawChart = `(async () => {
	const root = document.documentElement;
	` + frameJS + `
	const el = document.querySelectorAll('[data-chart]')[%d];
	el.scrollIntoView({block: 'center'});
	for (let i = 0; i < 300 && !el.hasAttribute('data-drawn') && !root.hasAttribute('data-charts-ready'); i++) {
		await frame();
	}
})()`

// chartState tells how far okr.js has come with a page's charts.
type chartState struct {
	Ready  string `json:"ready"`  // data-charts-ready: "true", "error", or "" until then
	Drawn  int    `json:"drawn"`  // charts marked data-rendered
	Charts int    `json:"charts"` // charts on the page
}

const readChartState = `({
	ready: document.documentElement.getAttribute('data-charts-ready') || '',
	drawn: document.querySelectorAll('[data-chart][data-rendered]').length,
	charts: document.querySelectorAll('[data-chart]').length,
})`

// chartsReady waits until okr.js marks the page data-charts-ready and
// returns the mark. It waits as long as charts go on drawing, and gives up
// when none has finished drawing for stallTimeout.
func chartsReady(page context.Context) (string, error) {
	drawn, since := -1, time.Now()
	for {
		st, err := run(page, chromedp.Evaluate[chartState](readChartState))
		switch {
		case err != nil:
			return "", err
		case st.Ready != "":
			return st.Ready, nil
		case st.Drawn > drawn:
			drawn, since = st.Drawn, time.Now()
		case time.Since(since) > stallTimeout:
			return "", fmt.Errorf("%d of %d charts drew, and no more in %v", st.Drawn, st.Charts, stallTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// chartProblems lists the charts that did not draw: not marked
// data-rendered, or without an SVG that has a size and drawn shapes.
const chartProblems = `Array.from(document.querySelectorAll('[data-chart]')).flatMap((el) => {
	const name = 'chart #' + el.id + ' (' + (el.getAttribute('aria-label') || '').slice(0, 60) + ')';
	const out = [];
	if (el.hasAttribute('data-error')) out.push(name + ': ' + el.getAttribute('data-error'));
	if (!el.hasAttribute('data-rendered')) out.push(name + ': not marked data-rendered');
	const svg = el.querySelector('svg');
	if (!svg) {
		out.push(name + ': no <svg>');
		return out;
	}
	const box = svg.getBoundingClientRect();
	if (box.width < 50 || box.height < 50) out.push(name + ': svg is only ' + box.width + 'x' + box.height);
	if (svg.querySelectorAll('path').length === 0) out.push(name + ': svg has no <path>');
	return out;
})`

// links lists the address of every link on the page.
const links = `Array.from(document.querySelectorAll('a[href]')).map((a) => a.href)`

// formatError finds the first trace of a fmt verb that went wrong, such as
// %!s(MISSING), in the page's text and attributes, with some context.
const formatError = `(() => {
	const m = document.documentElement.outerHTML.match(/.{0,60}%!.{0,20}/);
	return m ? m[0] : '';
})()`

// badFragments lists the links to a place in this page that does not exist.
const badFragments = `Array.from(document.querySelectorAll('a[href]')).filter((a) =>
	a.hash.length > 1 && a.origin === location.origin && a.pathname === location.pathname &&
	!document.getElementById(decodeURIComponent(a.hash.slice(1)))).map((a) => a.getAttribute('href'))`

// sideways waits (180 frames at most) until the page fits the width of the
// viewport, as charts redraw after a resize, and otherwise lists the page's
// width and the outermost elements that stick out to the right.
const sideways = `(async () => {
	const root = document.documentElement;
	` + frameJS + `
	for (let i = 0; i < 180 && root.scrollWidth > root.clientWidth; i++) {
		await frame();
	}
	const width = root.clientWidth;
	if (root.scrollWidth <= width) return [];
	const out = ['the page is ' + root.scrollWidth + 'px wide in a ' + width + 'px viewport, so it scrolls sideways'];
	for (const el of document.body.querySelectorAll('*')) {
		const parent = el.parentElement.getBoundingClientRect();
		const box = el.getBoundingClientRect();
		if (box.right > width + 1 && parent.right <= width + 1 && out.length < 6) {
			const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
			out.push('  <' + el.tagName.toLowerCase() + ' class="' + (el.getAttribute('class') || '') + '"> reaches ' +
				Math.round(box.right) + 'px: ' + text);
		}
	}
	return out;
})()`

// fits returns what sticks out of the page in the tab sideways, beyond
// the width of its viewport.
func fits(tab context.Context) ([]string, error) {
	return run(tab, chromedp.Evaluate[[]string](sideways, chromedp.EvalAwaitPromise))
}

// visit loads the page at rel in the tab, draws all its charts, and
// returns everything wrong with it. It records what the tab reports until
// it returns.
func visit(tab context.Context, s *site, rel string) []string {
	page, done := context.WithCancel(tab)
	defer done()
	r := &recorder{s: s}
	if err := r.listen(page); err != nil {
		return []string{"listening: " + err.Error()}
	}
	fail := func(what string, err error) []string {
		return append(r.done(), what+": "+err.Error())
	}
	if err := do(page, chromedp.Navigate(s.base+rel)); err != nil {
		return fail("loading", err)
	}
	n, err := run(page, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart]').length`))
	if err != nil {
		return fail("counting the charts", err)
	}
	for i := range n {
		if err := do(page, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(drawChart, i), chromedp.EvalAwaitPromise)); err != nil {
			return fail(fmt.Sprintf("scrolling to chart %d of %d", i+1, n), err)
		}
	}
	if err := do(page, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
		return fail("scrolling back", err)
	}
	scripts, err := run(page, chromedp.Evaluate[bool](`!!document.querySelector('script[src$="okr.js"]')`))
	if err != nil {
		return fail("looking for okr.js", err)
	}
	var problems []string
	if n > 0 || scripts {
		// With no charts, okr.js says it is ready at once.
		ready, err := chartsReady(page)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("waiting for data-charts-ready on %d charts: %v", n, err))
		case ready != "true":
			problems = append(problems, "data-charts-ready="+ready)
		}
		bad, err := run(page, chromedp.Evaluate[[]string](chartProblems))
		if err != nil {
			return fail("checking the charts", err)
		}
		problems = append(problems, bad...)
	}

	hrefs, err := run(page, chromedp.Evaluate[[]string](links))
	if err != nil {
		return fail("reading the links", err)
	}
	for _, h := range hrefs {
		if f, ok := s.file(h); ok {
			if _, err := os.Stat(f); err != nil {
				problems = append(problems, "broken link to "+h)
			}
		}
	}
	bad, err := run(page, chromedp.Evaluate[string](formatError))
	if err != nil {
		return fail("reading the page", err)
	}
	if bad != "" {
		problems = append(problems, "the page shows a Go formatting error: "+bad)
	}
	frags, err := run(page, chromedp.Evaluate[[]string](badFragments))
	if err != nil {
		return fail("reading the links", err)
	}
	for _, f := range frags {
		problems = append(problems, "link to a missing place in the page: "+f)
	}
	return append(r.done(), problems...)
}

// done returns the problems recorded so far.
func (r *recorder) done() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.problems
	r.problems = nil
	return p
}
