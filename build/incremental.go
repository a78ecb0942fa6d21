package build

import (
	"context"
	"io/fs"
	"slices"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/render"
)

// Builder builds one site again and again, as a preview or a watching
// build does. After its first build, it re-reads only the content files
// that changed and re-renders only the files that read what changed (see
// render.Reads): an edited team file re-renders that team's objectives,
// the pages around them and the summaries, not the other ten thousand
// pages.
type Builder struct {
	opts     Options
	loader   *load.Loader     // nil for a Builder made by Once
	reads    *render.Reads    // what each file read in the last build
	settings okrsite.Settings // the settings of that build
	asOf     okrsite.Date     // its report date
	tmpl     []stamp          // the site's templates folder at that build
	cache    *render.Cache    // pieces of HTML kept from the last build
	// published is the destination that holds the last build, or ""
	// when none does (see Publish).
	published string
}

// stamp is a file's size and time, to notice a change.
type stamp struct {
	path string
	size int64
	mod  time.Time
}

// NewBuilder returns a Builder for the site that opts describe.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts, loader: load.NewLoader(), reads: render.NewReads(), cache: render.NewCache()}
}

// Once returns a Builder that builds the whole site each time and keeps
// nothing for a next build: for a single build, it spares a large site the
// memory of every file's source and decoded content while it renders.
func Once(opts Options) *Builder { return &Builder{opts: opts} }

// BuildContext builds the site into w: the whole site the first time,
// and after any change to the settings, templates or the report date;
// otherwise only what changed since the last build that succeeded. An
// incremental build tells w, when it is a render.Keeper, which files stay
// as they were. Once ctx ends, the build stops at the next file it reads
// or page it renders, and returns ctx's error.
func (b *Builder) BuildContext(ctx context.Context, w render.Writer) (*Result, error) {
	res := &Result{}
	root, site, err := b.load(ctx, res)
	if err != nil {
		return res, err
	}
	defer root.Close()
	t, err := templates(root)
	if err != nil {
		return res, err
	}
	asOf := b.opts.AsOfFor(site.Settings)
	var tmpl []stamp
	if b.loader != nil { // a Builder from Once compares with nothing
		tmpl = templateStamps(t)
		if asOf != b.asOf || site.Settings != b.settings || !slices.Equal(tmpl, b.tmpl) {
			b.reads.Reset()
		}
		res.Incremental = b.reads.Built()
	}
	res.Card = okrsite.Evaluate(site, asOf)
	c := &counter{w: w}
	var since okrsite.Date
	if b.opts.HasSince {
		since = b.opts.Since
	}
	err = render.Render(res.Card, render.Options{Since: since, Lang: b.opts.Lang, BaseURL: b.opts.BaseURL, Templates: t, Cache: b.cache,
		Context: ctx, Reads: b.reads, PDF: b.opts.PDF}, c)
	res.Files = int(c.n.Load())
	if err != nil {
		return res, contentErrors(err)
	}
	if b.loader != nil {
		b.settings, b.asOf, b.tmpl, b.published = site.Settings, asOf, tmpl, ""
	}
	return res, nil
}

// templateStamps notes the files of the site's templates folder, read as
// the build reads it; t is nil when there is none.
func templateStamps(t fs.FS) []stamp {
	if t == nil {
		return nil
	}
	var out []stamp
	fs.WalkDir(t, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				out = append(out, stamp{p, info.Size(), info.ModTime()})
			}
		}
		return nil
	})
	return out
}
