package render_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/internal/testprogress"
	"github.com/okrsite/okrsite/load"
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

// navCounts counts what a report shows: its objective cards and key
// results in view (not hidden by the filter), the jump list's entries,
// and whether the search box and the line that stands in for it without
// JavaScript show.
const navCounts = `(() => {
	const shown = (sel) => [...document.querySelectorAll(sel)].filter((el) => el.getClientRects().length > 0).length;
	return {Objectives: shown('.obj'), KeyResults: shown('.obj .kr'), Entries: shown('.jump-list li'),
		Teams: shown('.team-section'), Rows: shown('.team-section .row'),
		Search: shown('.search'), Off: shown('.search-off'), OffLinks: [...document.querySelectorAll('.search-off a')].map((a) => a.href)};
})()`

// shownCounts is what navCounts reports.
type shownCounts struct {
	Objectives, KeyResults, Entries, Teams, Rows, Search, Off int
	OffLinks                                                  []string
}

// TestBrowserNavigation checks a team's report for the running period,
// with and without JavaScript: its jump list names every objective; the
// "needs attention only" filter (a button with JavaScript, a link to
// #attention-only without) leaves just the objectives and key results
// that need attention; and without JavaScript the search box stays hidden
// and a line in its place links to the pages that lead to everything. On
// the period's report the same filter leaves the teams with objectives
// that need attention, and those objectives.
func TestBrowserNavigation(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	dir, card := buildCard(t, os.DirFS("../content"), render.Options{})
	s := serve(t, dir)
	var (
		rel            string
		all, objs, krs int
		needs          = func(k *okrsite.KeyResultScore) bool {
			return k.Status == okrsite.AtRisk || k.Status == okrsite.OffTrack || k.Status == okrsite.NoRecentUpdate
		}
	)
	for _, tp := range card.Current.Teams {
		all, objs, krs = len(tp.Objectives), 0, 0
		for _, os := range tp.Objectives {
			n := 0
			for _, k := range os.KeyResults {
				if needs(k) {
					n++
				}
			}
			if n > 0 {
				objs++
				krs += n
			}
		}
		if objs > 0 && objs < all {
			rel = "teams/" + tp.Team.ID + "/" + tp.Period.ID + ".html"
			break
		}
	}
	if rel == "" {
		t.Fatal("the example has no team whose running period has objectives both needing attention and not")
	}
	count := func(tab context.Context) shownCounts {
		got, err := run(tab, chromedp.Evaluate[shownCounts](navCounts))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	err := b.inTab(desktop, func(tab context.Context) {
		for _, p := range visit(tab, s, rel) {
			t.Error(p)
		}
		if got := count(tab); got.Objectives != all || got.Entries != all || got.Search != 1 || got.Off != 0 {
			t.Errorf("with JavaScript %s shows %+v; want %d objectives, %d entries, the search box and no line in its place", rel, got, all, all)
		}
		if err := do(tab, chromedp.Click(".filter-toggle")); err != nil {
			t.Fatal(err)
		}
		if got := count(tab); got.Objectives != objs || got.KeyResults != krs {
			t.Errorf("the filter button leaves %d objectives and %d key results; want the %d and %d that need attention", got.Objectives, got.KeyResults, objs, krs)
		}

		scripts := func(off bool) error {
			_, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
			return err
		}
		if err := scripts(true); err != nil {
			t.Fatal(err)
		}
		defer scripts(false)
		if err := do(tab, chromedp.Navigate(s.base+rel)); err != nil {
			t.Fatal(err)
		}
		got := count(tab)
		if got.Objectives != all || got.Search != 0 || got.Off != 1 {
			t.Errorf("without JavaScript %s shows %+v; want all %d objectives, no search box and the line in its place", rel, got, all)
		}
		for _, want := range []string{s.base + "teams.html", s.base + "people.html"} {
			if !slices.Contains(got.OffLinks, want) {
				t.Errorf("without JavaScript the line in the search box's place links to %q; want %s", got.OffLinks, want)
			}
		}
		if err := do(tab, chromedp.Click(".filter-on")); err != nil {
			t.Fatal(err)
		}
		if got := count(tab); got.Objectives != objs || got.KeyResults != krs {
			t.Errorf("without JavaScript the filter link leaves %d objectives and %d key results; want the %d and %d that need attention", got.Objectives, got.KeyResults, objs, krs)
		}
		wide, err := fits(tab)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wide {
			t.Errorf("without JavaScript: %s", w)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	// The period's report, with JavaScript.
	var teams, rows int
	for _, tp := range card.Current.Teams {
		n := 0
		for _, os := range tp.Objectives {
			if os.Status.NeedsAttention() {
				n++
			}
		}
		rows += n
		if n > 0 {
			teams++
		}
	}
	err = b.inTab(desktop, func(tab context.Context) {
		report := "periods/" + card.Current.Period.ID + ".html"
		if err := do(tab, chromedp.Navigate(s.base+report)); err != nil {
			t.Fatal(err)
		}
		if got := count(tab); got.Teams != len(card.Current.Teams) || got.Entries != got.Teams {
			t.Errorf("%s shows %d teams and %d entries in its jump list; want %d of each", report, got.Teams, got.Entries, len(card.Current.Teams))
		}
		if err := do(tab, chromedp.Click(".filter-toggle")); err != nil {
			t.Fatal(err)
		}
		if got := count(tab); got.Teams != teams || got.Rows != rows {
			t.Errorf("on %s the filter leaves %d teams and %d objectives; want the %d and %d that need attention", report, got.Teams, got.Rows, teams, rows)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// searchLoad focuses the search box and reports, in milliseconds, how long
// the index took to load and be read.
const searchLoad = `(async () => {
	const t = performance.now();
	document.querySelector('input[data-okr-search]').focus();
	await new Promise((done) => okrSearch.ready(done));
	return performance.now() - t;
})()`

// BenchmarkBrowserSearch10k builds the 10k synthetic site (synth size 10k),
// keeping only its overview, static files and search index, opens the
// overview from disk in Chromium and types a word of a key result's title
// into the search box. It reports the index's size, raw and gzipped, the
// time it took to load, and each query's time. Building the 10k site takes
// too long for the test suite, so this is a benchmark:
//
//	go test ./render -run '^$' -bench BrowserSearch10k -benchtime 20x
func BenchmarkBrowserSearch10k(b *testing.B) {
	br := startBrowser(b)
	site, _, err := load.Load(synth.FS(synth.Files(synth.Standard, 1)), "content")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	keep := keepWriter{rootWriter{root}, func(name string) bool {
		return name == "index.html" || name == "search-index.js" || strings.HasPrefix(name, "static/")
	}}
	if err := render.Render(okrsite.Evaluate(site, site.Settings.AsOf), render.Options{}, keep); err != nil {
		b.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(dir, "search-index.js"))
	if err != nil {
		b.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(index)
	w.Close()
	s := fromDisk(dir)
	err = br.inTab(desktop, func(tab context.Context) {
		if err := do(tab, chromedp.Navigate(s.base+"index.html")); err != nil {
			b.Fatal(err)
		}
		loaded, err := run(tab, chromedp.Evaluate[float64](searchLoad, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		var search, typed float64
		for b.Loop() {
			got, err := run(tab, chromedp.Evaluate[searchResult](searchTiming+`('revenue')`, chromedp.EvalAwaitPromise))
			if err != nil || got.Error != "" {
				b.Fatalf("searching: %v %s", err, got.Error)
			}
			if !strings.Contains(got.Title, "revenue") {
				b.Fatalf("searching for %q found the key result %q", "revenue", got.Title)
			}
			search += got.Search
			typed += got.Typed
		}
		b.ReportMetric(float64(len(index)), "index-bytes")
		b.ReportMetric(float64(gz.Len()), "index-gzip-bytes")
		b.ReportMetric(loaded, "load-ms")
		b.ReportMetric(search/float64(b.N), "query-ms")
		b.ReportMetric(typed/float64(b.N), "input-ms")
	})
	if err != nil {
		b.Fatal(err)
	}
}

// keepWriter writes only the files keep accepts.
type keepWriter struct {
	rootWriter
	keep func(name string) bool
}

func (w keepWriter) WriteFile(name string, data []byte) error {
	if !w.keep(name) {
		return nil
	}
	return w.rootWriter.WriteFile(name, data)
}
