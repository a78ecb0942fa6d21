package render_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite/internal/testprogress"
	"github.com/okrsite/okrsite/render"
)

// searchTiming types a query into the search box and reports how long
// the box took to list its results, once the index has loaded: the
// query's own time, and that of the whole input event, in milliseconds,
// with the title of the first key result it found.
const searchTiming = `(async (query) => {
	const input = document.querySelector('input[data-okr-search]');
	const box = input.closest('[role=search]');
	if (!input || box.hidden) return {error: 'the search box is missing or hidden'};
	input.focus();
	await new Promise((done) => okrSearch.ready(done));
	let t = performance.now();
	okrSearch.search(query);
	const search = performance.now() - t;
	t = performance.now();
	input.value = query;
	input.dispatchEvent(new Event('input'));
	const typed = performance.now() - t;
	const hit = [...document.querySelectorAll('#search-results a')].find((a) => a.querySelector('.kind').textContent === 'Key result');
	return {search, typed, title: hit ? hit.childNodes[1].textContent.trim() : '', href: hit ? hit.href : ''};
})`

// searchResult is what searchTiming reports.
type searchResult struct {
	Error, Title, Href string
	Search, Typed      float64
}

// TestBrowserSearch opens the example site from disk, with no server,
// types a word from a key result's check-in note into the search box, and
// checks that the key result is found and links to its place. It logs how
// long the search took; that is a figure to watch, not a test.
func TestBrowserSearch(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	dir := buildSite(t, render.Options{})
	s := fromDisk(dir)
	for _, v := range []view{desktop, phone} {
		b.each(t, 1, func(int) view { return v }, func(_ int, tab context.Context) {
			for _, p := range visit(tab, s, "periods/2026-Q4.html") {
				t.Error(p)
			}
			got, err := run(tab, chromedp.Evaluate[searchResult](searchTiming+`('municipality')`, chromedp.EvalAwaitPromise))
			if err != nil || got.Error != "" {
				t.Fatalf("searching at %v: %v %s", v, err, got.Error)
			}
			if want := "Employers offering Velora through benefit leasing"; got.Title != want {
				t.Errorf("at %v, searching for a word of a check-in's note found %q; want %q", v, got.Title, want)
			}
			if want := "periods/2026-Q4/objectives/"; !strings.Contains(got.Href, want) || !strings.HasPrefix(got.Href, "file://") {
				t.Errorf("at %v, the result links to %q; want a page under %s", v, got.Href, want)
			}
			if shots := os.Getenv("OKR_SCREENSHOTS"); shots != "" {
				if png, err := run(tab, chromedp.CaptureScreenshot()); err == nil {
					os.WriteFile(filepath.Join(shots, "search-"+v.String()+".png"), png, 0o644)
				}
			}
			testprogress.Printf(t, "search at %v from disk: the query took %.2f ms, the input event with its results %.2f ms", v, got.Search, got.Typed)
		})
	}
}
