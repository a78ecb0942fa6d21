package render

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/okrsite/okrsite"
)

// Cache keeps what one build can leave to the next. First, the pieces
// that several pages show, and that a large site repeats thousands of
// times: each objective's card (the partial objectivecard, once per folder
// depth, for its links) and its part of the print editions (the partial
// printobjective, chart included); and each objective's part of the files
// about the whole site or a period: its entry in the search index, its
// key results' events in the calendars, its part of the period's export.
// Within a build, every file that shows an objective reuses its piece;
// kept from one build to the next, as a build.Builder does, it lets an
// incremental build render again only the pieces of the objectives that
// changed, and write the rest as they were. Second, the
// buffers pages are rendered into, which grow to the size of the largest
// page held in memory (up to about spillAt when the Writer is a Streamer,
// megabytes otherwise) and would otherwise grow again in every build.
//
// A Cache serves one site in one language. Render empties it when a build
// is not incremental, and after a build that fails.
type Cache struct {
	mu      sync.Mutex
	lang    string
	pieces  map[pieceKey]template.HTML
	buffers []*bytes.Buffer
	// transient is set on the cache Render makes for a build that keeps
	// nothing for the next: it drops each period's pieces once the pages
	// of that period are written, which on a large site keeps tens of
	// megabytes less in memory.
	transient bool
}

// buffer returns a buffer that an earlier build used, or a new one.
func (c *Cache) buffer() *bytes.Buffer {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.buffers); n > 0 {
		b := c.buffers[n-1]
		c.buffers = c.buffers[:n-1]
		return b
	}
	return new(bytes.Buffer)
}

// keepBuffer keeps b for the next build.
func (c *Cache) keepBuffer(b *bytes.Buffer) {
	b.Reset()
	c.mu.Lock()
	c.buffers = append(c.buffers, b)
	c.mu.Unlock()
}

// pieceKey names a piece: what it is, which of the objective's pieces of
// that kind it is (for a card, the folder depth of the pages it serves),
// and the objective it shows, by its period and its id.
type pieceKey struct {
	kind, which, period, objective string
}

// objectivePiece returns the piece of kind (which of them) that shows the
// objective of os, rendered by render the first time it is asked for. The
// reads of the objective's score are noted as the piece's, so that an
// incremental build drops the piece once anything it shows changes.
func (r *renderer) objectivePiece(kind, which string, os *okrsite.ObjectiveScore, render func() (template.HTML, error)) (template.HTML, error) {
	o := os.Objective
	return r.cache.piece(pieceKey{kind, which, o.Period.ID, o.ID}, func() (template.HTML, error) {
		r.reading.piece(o, os)
		return render()
	})
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{pieces: map[pieceKey]template.HTML{}} }

// prepare readies c for a build in lang: it keeps the pieces of the
// objectives (by period and id) that keep says still hold, and drops the
// others; a nil keep keeps none.
func (c *Cache) prepare(lang string, keep func(period, id string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if keep == nil || lang != c.lang {
		clear(c.pieces)
		c.lang = lang
		return
	}
	// An objective has a piece of each kind, some of several: keep is
	// asked once for each.
	kept := map[[2]string]bool{}
	for k := range c.pieces {
		o := [2]string{k.period, k.objective}
		ok, asked := kept[o]
		if !asked {
			ok = keep(k.period, k.objective)
			kept[o] = ok
		}
		if !ok {
			delete(c.pieces, k)
		}
	}
}

// reset empties c. A failed build may have left pieces of content that the
// next build will not count as changed.
func (c *Cache) reset() {
	c.mu.Lock()
	clear(c.pieces)
	c.mu.Unlock()
}

// done tells c that every page of period has been written.
func (c *Cache) done(period string) {
	if !c.transient {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.pieces {
		if k.period == period {
			delete(c.pieces, k)
		}
	}
}

// piece returns the piece k, rendered by render the first time it is
// asked for. Two pages asking at once may both render it; the pieces are
// equal. A piece that fails to render is not kept.
func (c *Cache) piece(k pieceKey, render func() (template.HTML, error)) (template.HTML, error) {
	c.mu.Lock()
	html, ok := c.pieces[k]
	c.mu.Unlock()
	if ok {
		return html, nil
	}
	html, err := render()
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	c.pieces[k] = html
	c.mu.Unlock()
	return html, nil
}
