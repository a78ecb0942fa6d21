// Package pdf prints okr's print editions to PDF with a headless Chromium
// (see package internal/chrome for how it is found and started).
//
// Printing a page lays it out for paper, waits until the page's script
// says every chart has drawn (a bounded wait), prints it once to learn on
// which page each section begins, writes those numbers into the contents,
// and prints it again.
package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite/internal/chrome"
)

// Paper is a paper size, in inches.
type Paper = chromedp.PaperSize

// Papers are the paper sizes okr prints on, by name.
var Papers = map[string]Paper{"a4": chromedp.PaperA4, "letter": chromedp.PaperLetter}

// sideMargins is the left and right page margins of print.css, in inches,
// so the page is laid out as wide as the paper's printable area.
const sideMargins = 30 / 25.4

// ChartTimeout bounds the wait for a page's charts.
const ChartTimeout = 60 * time.Second

// Printer is a Chromium that prints pages.
type Printer struct {
	ready   chan struct{} // closed once Chromium has started or failed to
	err     error         // why it did not start
	tab     context.Context
	stop    context.CancelFunc
	abandon context.CancelFunc // kills Chromium, started or not
}

// Start finds Chromium (by the flag value, OKR_CHROMIUM or PATH) and starts
// it in the background, so that the pages to print can be built meanwhile:
// a browser takes about as long to start as a site takes to build. Ready
// waits for it, and Print and Close do too. Ending ctx stops it.
func Start(ctx context.Context, chromium string) *Printer {
	ctx, abandon := context.WithCancel(ctx)
	p := &Printer{ready: make(chan struct{}), abandon: abandon}
	go func() {
		defer close(p.ready)
		path, err := chrome.Find(chromium)
		if err == nil {
			p.tab, p.stop, err = chrome.New(ctx, path)
		}
		p.err = err
	}()
	return p
}

// Ready waits until Chromium has started, and returns why it could not
// when it did not: chrome.ErrNotFound, which says how to install one, when
// there is none.
func (p *Printer) Ready() error {
	<-p.ready
	return p.err
}

// Close stops Chromium once it has started, and lets it remove its
// temporary files.
func (p *Printer) Close() { p.Stop(false) }

// Stop stops Chromium. After a failure (failed), it kills it at once,
// without waiting for it to finish starting; otherwise it is Close.
func (p *Printer) Stop(failed bool) {
	if failed {
		p.abandon()
	}
	if p.Ready() == nil {
		p.stop()
	}
	p.abandon()
}

// Print loads the print edition at url and returns it as a PDF on paper.
// Pages print one after another in the same tab.
func (p *Printer) Print(url string, paper Paper) ([]byte, error) {
	if err := p.Ready(); err != nil {
		return nil, err
	}
	tab := p.tab
	width := int64((paper.Width - sideMargins) * 96)
	_, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	if err == nil {
		err = chromedp.Do(tab, chromedp.EmulateViewport(width, int64(paper.Height*96)), chromedp.Navigate(url))
	}
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	if err := waitForCharts(tab); err != nil {
		return nil, err
	}
	if err := numberContents(tab, paper); err != nil {
		return nil, err
	}
	return printPDF(tab, paper)
}

// waitForCharts waits until the page's script reports that every chart
// has drawn, and fails with the charts that did not.
func waitForCharts(tab context.Context) error {
	state, err := chromedp.Run(tab, chromedp.Poll[string](`document.documentElement.getAttribute('data-charts-ready')`,
		chromedp.WithPollingTimeout(ChartTimeout)))
	if errors.Is(err, chromedp.ErrPollingTimeout) || errors.Is(err, context.DeadlineExceeded) {
		pending, _ := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-chart]:not([data-rendered])')].map(e => e.id)`))
		return fmt.Errorf("charts %v did not finish drawing within %v", pending, ChartTimeout)
	}
	if err != nil {
		return err
	}
	if state != "true" {
		failed, _ := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-error]')].map(e => e.id + ': ' + e.getAttribute('data-error'))`))
		return fmt.Errorf("charts failed to draw: %v", failed)
	}
	return nil
}

// numberContents prints the page once and finds where each section of the
// contents begins: the contents link to the sections, and Chromium writes
// each link target into the PDF as a named destination on its page. It
// then writes those page numbers into the contents. Page numbers are short,
// so writing them does not move a page break. Charts are hidden for that
// first print, which keeps the layout and saves drawing them.
func numberContents(tab context.Context, paper Paper) error {
	err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('[data-chart]').forEach(e => e.style.visibility = 'hidden')`))
	if err != nil {
		return err
	}
	doc, err := printPDF(tab, paper)
	if err != nil {
		return err
	}
	pages, err := destinations(doc)
	if err != nil {
		return err
	}
	numbers, err := json.Marshal(pages)
	if err != nil {
		return err
	}
	return chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const pages = %s;
		for (const el of document.querySelectorAll('.toc-page[data-section]')) {
			el.textContent = pages[el.dataset.section] || '';
		}
		document.querySelectorAll('[data-chart]').forEach(e => e.style.visibility = '');
	})()`, numbers)))
}

// printPDF prints the tab as it is. The margins and page numbers come from
// print.css.
func printPDF(tab context.Context, paper Paper) ([]byte, error) {
	b, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(paper), chromedp.PDFMargin(0), chromedp.PDFPrintBackground()))
	if err != nil {
		return nil, fmt.Errorf("printing: %w", err)
	}
	return b, nil
}

var (
	pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)
	catalog    = regexp.MustCompile(`/Type\s*/Catalog`)
	reference  = regexp.MustCompile(`(\d+) 0 R`)
	kids       = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	dest       = regexp.MustCompile(`/([A-Za-z0-9_.-]+)\s*\[\s*(\d+) 0 R`)
)

// Pages counts the pages of a PDF that Chromium printed.
func Pages(pdf []byte) int { return len(pageObject.FindAll(pdf, -1)) }

// destinations reads the named destinations of a PDF that Chromium printed
// and returns the page number (from 1) each is on. Chromium writes its
// objects as plain text, which is all this reads: the catalog, the page
// tree and the destinations.
func destinations(pdf []byte) (map[string]int, error) {
	loc := catalog.FindIndex(pdf)
	if loc == nil {
		return nil, errors.New("the PDF has no catalog")
	}
	cat := objectAround(pdf, loc[0])
	pagesRef, destsRef := refAfter(cat, "/Pages"), refAfter(cat, "/Dests")
	if pagesRef == "" {
		return nil, errors.New("the PDF has no page tree")
	}
	number := map[string]int{} // page object to page number
	var walk func(ref string, depth int)
	walk = func(ref string, depth int) {
		obj := object(pdf, ref)
		if m := kids.FindSubmatch(obj); m != nil && depth < 32 {
			for _, k := range reference.FindAllSubmatch(m[1], -1) {
				walk(string(k[1]), depth+1)
			}
			return
		}
		number[ref] = len(number) + 1
	}
	walk(pagesRef, 0)
	out := map[string]int{}
	if destsRef == "" {
		return out, nil // a page with no links to its sections
	}
	for _, m := range dest.FindAllSubmatch(object(pdf, destsRef), -1) {
		if n, ok := number[string(m[2])]; ok {
			out[string(m[1])] = n
		}
	}
	return out, nil
}

// object returns the text of object ref ("12") up to its endobj.
func object(pdf []byte, ref string) []byte {
	for _, prefix := range []string{"\n", "\r"} {
		if i := bytes.Index(pdf, []byte(prefix+ref+" 0 obj")); i >= 0 {
			return objectAround(pdf, i+1)
		}
	}
	return nil
}

// objectAround returns the text from offset i to the next endobj.
func objectAround(pdf []byte, i int) []byte {
	end := bytes.Index(pdf[i:], []byte("endobj"))
	if end < 0 {
		return pdf[i:]
	}
	return pdf[i : i+end]
}

// refAfter returns the object number that follows key in obj: "/Pages 72
// 0 R" gives "72".
func refAfter(obj []byte, key string) string {
	i := bytes.Index(obj, []byte(key+" "))
	if i < 0 {
		return ""
	}
	m := reference.FindSubmatch(obj[i+len(key):])
	if m == nil {
		return ""
	}
	return string(m[1])
}
