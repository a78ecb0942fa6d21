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
	"strconv"
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

// numberContents lays the page out for paper and writes the page numbers
// into its contents. Charts are hidden meanwhile, which keeps the layout
// and saves drawing them. It prints the page (see continue) until each
// piece that runs onto another page has its heading there, and then
// writes into the contents the page each section begins on: the contents
// link to the sections, and Chromium writes each link's target into the
// PDF as a named destination on its page. Page numbers are short, so
// writing them does not move a page break.
func numberContents(tab context.Context, paper Paper) error {
	err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('[data-chart]').forEach(e => e.style.visibility = 'hidden')`))
	if err != nil {
		return err
	}
	var dests map[string]dest
	for round := 0; ; round++ {
		if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](probeScript)); err != nil {
			return err
		}
		doc, err := printPDF(tab, paper)
		if err != nil {
			return err
		}
		if dests, err = destinations(doc); err != nil {
			return err
		}
		if round == maxRounds {
			break
		}
		changed, err := continueAt(tab, dests, paper)
		if err != nil {
			return err
		}
		if !changed {
			break
		}
	}
	pages := map[string]int{}
	for id, d := range dests {
		pages[id] = d.Page
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
		document.querySelectorAll('.pdf-probe').forEach(e => e.remove());
	})()`, numbers)))
}

// maxRounds bounds the prints that place continuation headings: each
// heading can move the page breaks after it, so the page is printed again
// to check them, and rarely a third time.
const maxRounds = 3

// topMargin is print.css's top page margin, in inches, and topSlack how
// far below it, in points, a block still counts as the first on its page.
const (
	topMargin = 16 / 25.4
	topSlack  = 30
)

// A piece of the print edition (an element with data-continued, such as
// an objective or a team's section) that runs onto another page gets a
// heading at the top of that page: the piece's title marked "(continued)",
// which data-continued holds. Where the page breaks is Chromium's to say,
// so the printer asks it: probeScript links to the blocks a page can begin
// with (a table's row, a chart, a paragraph of commentary, a part of a
// section, or a piece within it: an objective within a team's section),
// so that Chromium writes each one's page and height into the PDF, and
// continueAt puts the heading before each block that begins a page inside
// its piece: a page that begins with an objective thus names its team. A
// table is split there, its header repeated.
// Headings that later headings moved off the top of their page are taken
// out again.
const probeScript = `(() => {
	document.querySelectorAll('.pdf-probe').forEach(e => e.remove());
	const probe = document.createElement('div');
	probe.className = 'pdf-probe';
	probe.style.cssText = 'position:absolute;top:0;left:0;width:1px;height:1px;overflow:hidden';
	let n = 0;
	const link = el => {
		el.id ||= 'pdf-' + (n++);
		const a = document.createElement('a');
		a.href = '#' + el.id;
		a.textContent = '.';
		probe.append(a);
	};
	window.okrPieces = [];
	for (const piece of document.querySelectorAll('[data-continued]')) {
		const blocks = [...piece.querySelectorAll(':scope > *, tbody > tr, .chart, .note > *, .closing > *, .retro > *, .pdf-cont')]
			.filter(el => (el.matches('[data-continued]') ? el.parentElement : el).closest('[data-continued]') === piece);
		link(piece);
		blocks.forEach(link);
		window.okrPieces.push({piece, blocks});
	}
	document.body.append(probe);
})()`

// continueScript puts continuation headings where probeScript's blocks
// begin a page: given each block's page and whether it is at the top of
// it, it returns whether it changed the page.
const continueScript = `((at) => {
	let changed = false;
	const top = el => at[el.id] && at[el.id].top;
	const unsplit = h => {
		const next = h.nextElementSibling;
		if (next && next.matches('table[data-split]')) {
			const rows = [...next.tBodies[0].rows];
			h.previousElementSibling.tBodies[0].append(...rows);
			next.remove();
		}
		h.remove();
	};
	for (const {piece, blocks} of window.okrPieces) {
		let page = at[piece.id] ? at[piece.id].page : 0;
		for (const el of blocks) {
			const p = at[el.id];
			if (!p) continue;
			const heading = el.matches('.pdf-cont') ? el : null;
			if (heading) {
				if (p.page === page || !p.top) { unsplit(heading); changed = true; }
				page = p.page;
				continue;
			}
			const prev = el.matches('tr') && el.rowIndex > 0 && !el.previousElementSibling
				? el.closest('table').previousElementSibling : el.previousElementSibling;
			const headed = prev && prev.matches('.pdf-cont');
			if (p.page > page && p.top && !headed) {
				const h = document.createElement('p');
				h.className = 'obj-cont pdf-cont';
				h.textContent = piece.dataset.continued;
				if (el.matches('tr')) {
					const table = el.closest('table');
					if (el.previousElementSibling) {
						const rest = table.cloneNode(false);
						rest.removeAttribute('id');
						rest.setAttribute('data-split', '');
						if (table.tHead) rest.append(table.tHead.cloneNode(true));
						const body = document.createElement('tbody');
						for (let r = el; r; ) { const next = r.nextElementSibling; body.append(r); r = next; }
						rest.append(body);
						table.after(h, rest);
					} else {
						(table.closest('.table-wrap') || table).before(h);
					}
				} else {
					el.before(h);
				}
				changed = true;
			}
			page = p.page;
		}
	}
	return changed;
})`

// continueAt runs continueScript with the pages and tops of the blocks
// that the PDF's destinations dests give.
func continueAt(tab context.Context, dests map[string]dest, paper Paper) (bool, error) {
	type place struct {
		Page int  `json:"page"`
		Top  bool `json:"top"`
	}
	// The highest a block can begin on a page: the paper's top less its
	// margin, in points, and a little for the line's leading.
	limit := (paper.Height*72 - topMargin*72) - topSlack
	at := map[string]place{}
	for id, d := range dests {
		at[id] = place{d.Page, d.Top >= limit}
	}
	b, err := json.Marshal(at)
	if err != nil {
		return false, err
	}
	return chromedp.Run(tab, chromedp.Evaluate[bool](continueScript+"("+string(b)+")"))
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
	destRef    = regexp.MustCompile(`/([A-Za-z0-9_.-]+)\s*\[\s*(\d+) 0 R\s*/XYZ\s+[-\d.]+\s+([-\d.]+)`)
)

// Pages counts the pages of a PDF that Chromium printed.
func Pages(pdf []byte) int { return len(pageObject.FindAll(pdf, -1)) }

// dest is where a named destination of a PDF is: its page, from 1, and
// its height on the page in points, from the page's bottom.
type dest struct {
	Page int
	Top  float64
}

// destinations reads the named destinations of a PDF that Chromium printed
// and returns where each is. Chromium writes its
// objects as plain text, which is all this reads: the catalog, the page
// tree and the destinations.
func destinations(pdf []byte) (map[string]dest, error) {
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
	out := map[string]dest{}
	if destsRef == "" {
		return out, nil // a page with no links to its sections
	}
	for _, m := range destRef.FindAllSubmatch(object(pdf, destsRef), -1) {
		top, _ := strconv.ParseFloat(string(m[3]), 64)
		if n, ok := number[string(m[2])]; ok {
			out[string(m[1])] = dest{n, top}
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
