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

	"github.com/chromedp/cdproto/cdp"
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
// serving it, starting Chromium, and visiting a page to check it.

const (
	// tabTimeout bounds everything done with one page: opening its tab,
	// loading it, drawing its charts, checking it and taking its
	// screenshot.
	tabTimeout = 30 * time.Second
	// chartTimeout bounds the wait for a page's charts.
	chartTimeout = 20 * time.Second
	// The viewports: a laptop's and a phone's, in CSS pixels.
	desktopWidth, desktopHeight = 1280, 900
	phoneWidth, phoneHeight     = 390, 844
	// tabs is how many tabs check pages at once.
	tabs = 4
)

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
	return dir
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

// startBrowser starts Chromium for one test and stops it when the test
// ends. Without Chromium the test is skipped, or fails when the
// environment variable CI is set. With -short it is skipped.
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
	return browser
}

// newTab opens a tab in the browser, with a viewport of the given size,
// that closes when the test ends or when tabTimeout has passed.
func newTab(t *testing.T, browser context.Context, width, height int64, opts ...chromedp.EmulateViewportOption) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, tabTimeout)
	t.Cleanup(cancel)
	tab, closeTab, err := openTab(ctx, width, height, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeTab)
	return tab
}

// openTab opens a tab in the browser, with a viewport of the given size.
// The tab lives until closeTab is called or ctx ends.
func openTab(ctx context.Context, width, height int64, opts ...chromedp.EmulateViewportOption) (tab context.Context, closeTab func(), err error) {
	tab, closeTab = chromedp.NewContext(ctx)
	if err := chromedp.Do(tab, chromedp.EmulateViewport(width, height, opts...)); err != nil {
		closeTab()
		return nil, nil, fmt.Errorf("opening a tab: %w", err)
	}
	return tab, closeTab, nil
}

// darkMode makes the tab's pages prefer a dark colour scheme.
func darkMode(ctx context.Context, t *chromedp.Target) error {
	_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	})
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

// listen starts recording the events of the tab.
func (r *recorder) listen(tab context.Context) error {
	r.requests = map[network.RequestID]string{}
	return chromedp.Listen(tab, func(ev any) {
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

// drawCharts scrolls each chart of the page into view, as a reader would,
// and waits until its drawing starts (okr.js marks it data-drawn) or
// okr.js has given up; then it scrolls back to the top. It returns the
// number of charts.
const drawCharts = `(async () => {
	const root = document.documentElement;
	const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
	const charts = Array.from(document.querySelectorAll('[data-chart]'));
	for (const el of charts) {
		el.scrollIntoView({block: 'center'});
		for (let i = 0; i < 300 && !el.hasAttribute('data-drawn') && !root.hasAttribute('data-charts-ready'); i++) {
			await frame();
		}
	}
	window.scrollTo(0, 0);
	return charts.length;
})()`

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

// sideways waits (a few seconds at most) until the page fits the width of
// the viewport, as charts redraw after a resize, and otherwise lists the
// page's width and the outermost elements that stick out to the right.
const sideways = `(async () => {
	const root = document.documentElement;
	const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
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

// fitsPhone narrows the tab to a phone's width and returns what sticks out
// of the page sideways.
func fitsPhone(tab context.Context) ([]string, error) {
	if err := chromedp.Do(tab, chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait)); err != nil {
		return nil, err
	}
	return chromedp.Run(tab, chromedp.Evaluate[[]string](sideways, chromedp.EvalAwaitPromise))
}

// visit loads the page at rel in the tab, draws all its charts, and
// returns everything wrong with it. It records the tab's events until ctx
// ends, so each page needs a new ctx, derived from the tab's.
func visit(tab context.Context, s *site, rel string) []string {
	r := &recorder{s: s}
	if err := r.listen(tab); err != nil {
		return []string{"listening: " + err.Error()}
	}
	fail := func(what string, err error) []string {
		return append(r.done(), what+": "+err.Error())
	}
	if err := chromedp.Do(tab, chromedp.Navigate(s.base+rel)); err != nil {
		return fail("loading", err)
	}
	n, err := chromedp.Run(tab, chromedp.Evaluate[int](drawCharts, chromedp.EvalAwaitPromise))
	if err != nil {
		return fail("scrolling through the charts", err)
	}
	scripts, err := chromedp.Run(tab, chromedp.Evaluate[bool](`!!document.querySelector('script[src$="okr.js"]')`))
	if err != nil {
		return fail("looking for okr.js", err)
	}
	var problems []string
	if n > 0 || scripts {
		// With no charts, okr.js says it is ready at once.
		ready, err := chromedp.Run(tab, chromedp.Poll[string](`document.documentElement.getAttribute('data-charts-ready')`,
			chromedp.WithPollingTimeout(chartTimeout)))
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("waiting for data-charts-ready on %d charts: %v", n, err))
		case ready != "true":
			problems = append(problems, "data-charts-ready="+ready)
		}
		bad, err := chromedp.Run(tab, chromedp.Evaluate[[]string](chartProblems))
		if err != nil {
			return fail("checking the charts", err)
		}
		problems = append(problems, bad...)
	}

	hrefs, err := chromedp.Run(tab, chromedp.Evaluate[[]string](links))
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
	bad, err := chromedp.Run(tab, chromedp.Evaluate[string](formatError))
	if err != nil {
		return fail("reading the page", err)
	}
	if bad != "" {
		problems = append(problems, "the page shows a Go formatting error: "+bad)
	}
	frags, err := chromedp.Run(tab, chromedp.Evaluate[[]string](badFragments))
	if err != nil {
		return fail("reading the links", err)
	}
	for _, f := range frags {
		problems = append(problems, "link to a missing place in the page: "+f)
	}
	return append(r.done(), problems...)
}

// done stops recording and returns the problems recorded.
func (r *recorder) done() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.problems
	r.problems = nil
	return p
}
