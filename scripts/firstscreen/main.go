// Command firstscreen measures, in headless Chromium, how long a page
// takes to show its first screen with every chart on it drawn: from the
// start of navigation until each chart element in the viewport reports it
// has rendered. It prints the median of several loads.
//
//	go run ./scripts/firstscreen -runs 5 public/periods/2026-Q4.html
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite/internal/chrome"
)

// visibleDrawn is true when every chart that lies (partly) in the viewport
// has drawn.
const visibleDrawn = `[...document.querySelectorAll('[data-chart]')]
	.filter(e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })
	.every(e => e.hasAttribute('data-rendered'))`

func main() {
	runs := flag.Int("runs", 5, "how many loads to time")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: firstscreen [-runs N] PAGE.html")
		os.Exit(2)
	}
	page, err := filepath.Abs(flag.Arg(0))
	if err != nil {
		fail(err)
	}
	// Serve the site the page is in: two folders up from a period report.
	root := filepath.Dir(filepath.Dir(page))
	rel, _ := filepath.Rel(root, page)
	srv := httptest.NewServer(http.FileServer(http.Dir(root)))
	defer srv.Close()

	path, err := chrome.Find("")
	if err != nil {
		fail(err)
	}
	browser, stop, err := chrome.New(context.Background(), path)
	if err != nil {
		fail(err)
	}
	defer stop()
	if err := chromedp.Do(browser, chromedp.EmulateViewport(1280, 900)); err != nil {
		fail(err)
	}
	var times []time.Duration
	for range *runs + 1 {
		start := time.Now()
		err := chromedp.Do(browser, chromedp.Navigate(srv.URL+"/"+filepath.ToSlash(rel)))
		if err == nil {
			_, err = chromedp.Run(browser, chromedp.Poll[bool](visibleDrawn, chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)))
		}
		if err != nil {
			fail(err)
		}
		times = append(times, time.Since(start))
	}
	times = times[1:] // the first load also warms the browser's caches
	slices.Sort(times)
	fmt.Printf("first screen of %s with its charts drawn: %v median of %d loads (fastest %v, slowest %v)\n",
		rel, times[len(times)/2].Round(time.Millisecond), len(times), times[0].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "firstscreen:", err)
	os.Exit(1)
}
