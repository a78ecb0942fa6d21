// Package render turns a scored goal site into static files: HTML pages with
// charts, the print edition, a JSON export of the numbers, a sitemap, and
// the static assets (style sheet, script, ECharts).
//
// Pages come from html/template templates: a layout, one template for each
// kind of page, and partials, one to a file, for the pieces pages share
// (key-result sections, objective cards, charts, ...). The defaults are
// embedded from the repository's templates folder; a site overrides any of
// them, or any static file, by placing a file of the same name in its own
// templates folder. docs/templates.md documents every template's data and
// every function templates call. A few small pieces that a large site shows
// by the hundred thousand (badges, the verdict, the bar, check-in rows) are
// written in Go (helpers.go), and pieces that many pages show are rendered
// once (Cache). Every link is relative, so a built site works under any path
// and straight from disk.
package render

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"

	"github.com/okrsite/okrsite"
)

// Writer receives the built files. WriteFile is called from several
// goroutines at once and must not keep data after it returns. Its errors
// reach the caller as they are, so they should name the file.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Options adjust a build.
type Options struct {
	// Lang is the interface language, "en" or "sv"; empty means the site's.
	Lang string
	// Since is the day the review window starts after: the what-changed
	// pages and feeds list the changes from the day after it to the report
	// date. Zero means the site's review_since, or else one cadence (the
	// site's) before the report date.
	Since okrsite.Date
	// BaseURL gives canonical links and the sitemap; empty means the site's.
	BaseURL string
	// Templates is the site's own templates folder, or nil. Its files
	// replace the defaults of the same name.
	Templates fs.FS
	// Workers is how many pages render at once; 0 means one per processor.
	Workers int
	// PDF says the build puts a PDF beside each print edition, so the
	// print editions link to it.
	PDF bool
	// Cache, when not nil, keeps pieces of HTML from this build for the
	// next; see Cache. Without it, a build keeps them for itself.
	Cache *Cache
	// Context, when not nil, stops the build when it ends: Render
	// returns its error.
	Context context.Context
	// Reads, when not nil, keeps what each file read for the next build,
	// and when it holds a build of the same site, makes this build
	// incremental: it renders only the files that read what changed (see
	// Reads). The other files are left as they are, and the Writer, if it
	// is a Keeper, hears of each.
	Reads *Reads
}

// Keeper is a Writer that wants to know which files an incremental build
// left as they were, so it can tell them from files that are gone.
type Keeper interface {
	Keep(name string) error
}

// renderer holds what every page of one build shares.
type renderer struct {
	card    *okrsite.Scorecard
	site    *okrsite.Site
	lang    *lang
	baseURL string
	assets  overlay                       // static files: defaults overlaid by the site's
	tmpl    map[string]*template.Template // pages and pieceTemplates, by name
	base    *template.Template            // the layout and partials alone, for cached
	words   map[[2]string]string          // folded words, by escaper and key
	// htmlFuncs are the functions templates call that return HTML, by
	// name (see quickEscape).
	htmlFuncs map[string]bool
	md        goldmark.Markdown
	notes     map[*okrsite.Note]template.HTML
	// pictured is set when a note shows a picture, whose address each
	// page completes with its root (see withRoot).
	pictured bool
	// chartBases are each chart kind's shared options, as JSON.
	chartBases map[string][]byte
	// parts are partials rendered once (cached, crumbTrail), by key.
	parts sync.Map
	// cache holds the pieces several pages show: objective cards and
	// print objectives.
	cache *Cache
	pdf   bool // the build puts PDFs beside the print editions
	// review is what changed in the review window, worked out on first
	// use (see reviewSince).
	review func() *okrsite.Review
	// dues are the check-ins due, all of them under nil and each team's
	// under it, worked out on first use.
	dues func() map[*okrsite.Team][]okrsite.Due
	// people are the site's owners and leads, set by jobs.
	people []*okrsite.Person
	// reading records what each file reads, when Options.Reads is set.
	reading *reading
}

// job renders one output file into buf.
type job struct {
	path string
	// about is what the file is about: a score, a team, a person, a
	// picture; nil for a file that shows a little of everything, and
	// static for one that shows nothing of the content. Reads tells from
	// it which files an incremental build renders.
	about  any
	period string // the period whose objectives' pieces the page may show, if any
	render func(out *output) error
}

// Render builds every file of the site and hands each to w.
func Render(card *okrsite.Scorecard, opts Options, w Writer) error {
	r, err := newRenderer(card, opts)
	if err != nil {
		return err
	}
	if err := r.renderNotes(opts.Context); err != nil {
		return err
	}
	if opts.Reads != nil {
		r.reading = opts.Reads.begin(r.site, r.notes)
	}
	var keep func(period, id string) bool // nil: keep no piece
	if r.reading.incremental() {
		keep = r.reading.keepPiece
	}
	r.cache.prepare(r.lang.code, keep)
	if err := r.render(opts, w); err != nil {
		r.cache.reset()
		if opts.Reads != nil {
			opts.Reads.Reset()
		}
		return err
	}
	return nil
}

// render renders the site's files, or in an incremental build those that
// changed, into w.
func (r *renderer) render(opts Options, w Writer) error {
	all := r.jobs()
	jobs := all
	if rd := r.reading; rd != nil {
		jobs = nil
		keeper, _ := w.(Keeper)
		for _, j := range all {
			about, members := rd.subject(j.about)
			if rd.stale(j, members) {
				j.render = rd.recording(j, about, members)
				jobs = append(jobs, j)
			} else if keeper != nil {
				if err := keeper.Keep(j.path); err != nil {
					return err
				}
			}
		}
	}
	if err := run(opts.Context, order(jobs), opts.Workers, w, r.cache); err != nil {
		return err
	}
	if r.reading != nil {
		r.reading.end(all)
	}
	return nil
}

// order orders jobs for rendering: period by period, so that a cache that
// keeps nothing for the next build can drop a period's pieces once its
// pages are written, and within each period spread across folders.
func order(jobs []job) []job {
	out := make([]job, 0, len(jobs))
	for _, g := range group(jobs, func(j job) string { return j.period }) {
		out = append(out, spread(g)...)
	}
	return out
}

// group splits jobs by key, keeping their order within each group; the
// groups come in the order of their first job.
func group(jobs []job, key func(job) string) [][]job {
	var groups [][]job
	index := map[string]int{}
	for _, j := range jobs {
		k := key(j)
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], j)
	}
	return groups
}

// spread orders jobs so that neighbours write into different folders: it
// takes one job from each folder in turn, keeping each folder's own order.
// Workers take neighbouring jobs at the same moment, and a file system
// creates files in one folder one at a time, so two workers in one folder
// wait for each other.
func spread(jobs []job) []job {
	dirs := group(jobs, func(j job) string { return path.Dir(j.path) })
	out := make([]job, 0, len(jobs))
	for len(dirs) > 0 {
		left := dirs[:0]
		for _, js := range dirs {
			out = append(out, js[0])
			if len(js) > 1 {
				left = append(left, js[1:])
			}
		}
		dirs = left
	}
	return out
}

// newRenderer checks the options and parses the templates.
func newRenderer(card *okrsite.Scorecard, opts Options) (*renderer, error) {
	site := card.Site
	code := opts.Lang
	if code == "" {
		code = site.Settings.Language
	}
	l, err := langFor(code, site.Settings.Locale)
	if err != nil {
		return nil, err
	}
	base := opts.BaseURL
	if base == "" {
		base = site.Settings.BaseURL
	}
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	r := &renderer{
		card:    card,
		site:    site,
		lang:    l,
		baseURL: base,
		md:      newMarkdown(site.Settings.AllowHTML, l),
		words:   map[[2]string]string{},
		cache:   opts.Cache,
		pdf:     opts.PDF,
	}
	since := reviewSince(opts.Since, site.Settings, card.AsOf)
	r.review = sync.OnceValue(func() *okrsite.Review { return okrsite.ReviewOf(card, since) })
	r.dues = sync.OnceValue(func() map[*okrsite.Team][]okrsite.Due { return duesByTeam(card.Dues()) })
	if r.cache == nil {
		r.cache = NewCache()
		r.cache.transient = true
	}
	if r.chartBases, err = r.buildChartBases(); err != nil {
		return nil, err
	}
	r.assets, r.base, r.tmpl, err = r.parseTemplates(opts.Templates)
	return r, err
}

// run renders the jobs on several goroutines, each with its own buffer
// from c, and returns the first error. It tells c when the last page of
// each period is written. It stops between jobs once ctx ends, which a nil
// ctx never does.
func run(ctx context.Context, jobs []job, workers int, w Writer, c *Cache) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
		failed   atomic.Bool
		left     = map[string]*atomic.Int64{} // pages of each period still to write
	)
	for _, j := range jobs {
		if left[j.period] == nil {
			left[j.period] = new(atomic.Int64)
		}
		left[j.period].Add(1)
	}
	for range min(workers, len(jobs)) {
		wg.Go(func() {
			buf := c.buffer()
			defer c.keepBuffer(buf)
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				buf.Reset()
				out := &output{buf: buf, w: w, path: jobs[i].path}
				err := ctx.Err() // stopped: the error names no file
				if err == nil {
					err = jobs[i].render(out)
					switch {
					case err != nil && out.err == nil:
						err = fmt.Errorf("%s: %w", jobs[i].path, err) // the page did not render
					case err == nil:
						err = out.finish() // the Writer's errors name the file themselves
					}
				}
				if p := jobs[i].period; err == nil && p != "" && left[p].Add(-1) == 0 {
					c.done(p)
				}
				if err != nil {
					errOnce.Do(func() { firstErr = err })
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return firstErr
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
