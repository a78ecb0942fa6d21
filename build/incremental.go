package build

import (
	"context"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/render"
)

// Builder builds one site again and again, as a preview or a watching
// build does. After its first build, it re-reads only the content files
// that changed and re-renders only the pages that show what changed: an
// edited team file re-renders that team's objectives, the pages around
// them and the summaries, not the other ten thousand pages.
type Builder struct {
	opts   Options
	loader *load.Loader  // nil for a Builder made by Once
	last   *okrsite.Site // the last site built, or nil
	asOf   okrsite.Date  // the report date of that build
	tmpl   []stamp       // the site's templates folder at that build
	cache  *render.Cache // pieces of HTML kept from the last build
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
	return &Builder{opts: opts, loader: load.NewLoader(), cache: render.NewCache()}
}

// Once returns a Builder that builds the whole site each time and keeps
// nothing for a next build: for a single build, it spares a large site the
// memory of every file's source and decoded content while it renders.
func Once(opts Options) *Builder { return &Builder{opts: opts} }

// BuildContext builds the site into w: the whole site the first time,
// and after any change to settings, teams, periods' dates, templates or
// the report date; otherwise only what changed since the last build that
// succeeded. An incremental build tells w, when it is a render.Keeper,
// which files stay as they were. Once ctx ends, the build stops at the
// next file it reads or page it renders, and returns ctx's error.
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
	var (
		tmpl    []stamp
		changed map[string]bool // nil: build the whole site
	)
	if b.loader != nil { // a Builder from Once compares with nothing
		tmpl = templateStamps(t)
		if b.last != nil && asOf == b.asOf && slices.Equal(tmpl, b.tmpl) {
			changed = Changes(b.last, site)
		}
	}
	res.Card, res.Incremental = okrsite.Evaluate(site, asOf), changed != nil
	c := &counter{w: w}
	var since okrsite.Date
	if b.opts.HasSince {
		since = b.opts.Since
	}
	err = render.Render(res.Card, render.Options{Since: since, Lang: b.opts.Lang, BaseURL: b.opts.BaseURL, Templates: t, Cache: b.cache,
		Context: ctx, Changed: changed, PDF: b.opts.PDF}, c)
	res.Files = int(c.n.Load())
	if err != nil {
		return res, contentErrors(err)
	}
	if b.loader != nil {
		b.last, b.asOf, b.tmpl, b.published = site, asOf, tmpl, ""
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

// Changes compares two loads of a site and returns the render keys of the
// pages that show what differs, or nil when the whole site must be built
// again: when settings, teams or periods differ. It relies on the loader
// reusing what it decoded from unchanged files, so that unchanged check-ins
// and notes are the very same values.
func Changes(old, cur *okrsite.Site) map[string]bool {
	if old.Settings != cur.Settings || old.Note != cur.Note || !sameTeams(old.Teams, cur.Teams) || !samePeriods(old.Periods, cur.Periods) {
		return nil
	}
	keys := map[string]bool{}
	oldObj, curObj := objectivesByRef(old), objectivesByRef(cur)
	var changed []*okrsite.Objective
	for ref, o := range curObj {
		if p := oldObj[ref]; p == nil || !sameObjective(p, o) {
			changed = append(changed, o)
			if p != nil {
				changed = append(changed, p)
			}
		}
	}
	for ref, o := range oldObj {
		if curObj[ref] == nil {
			changed = append(changed, o)
		}
	}
	oldKPI, curKPI := kpisByID(old), kpisByID(cur)
	kpiChanged := false
	for id, k := range curKPI {
		if p := oldKPI[id]; p == nil || !sameKPI(p, k) {
			markKPI(keys, k, p)
			changed = append(changed, lifting(cur, k)...)
			kpiChanged = true
		}
	}
	for id, k := range oldKPI {
		if curKPI[id] == nil {
			markKPI(keys, k, nil)
			kpiChanged = true
		}
	}
	if kpiChanged {
		markKPIViews(keys, cur)
	}
	for _, o := range changed {
		markObjective(keys, cur, o)
	}
	if names := people(cur); !maps.Equal(names, people(old)) {
		// A name that comes or goes can change others' slugs.
		for name := range names {
			keys[render.PersonKey(name)] = true
		}
	}
	markPictures(keys, old, cur)
	for i, p := range cur.Periods {
		if p.Note != old.Periods[i].Note {
			keys[render.PeriodKey(p.ID)] = true
			keys[render.PrintKey(p.ID)] = true
		}
		for j, t := range cur.Teams {
			if p.TeamNotes[t] != old.Periods[i].TeamNotes[old.Teams[j]] {
				keys[render.TeamPeriodKey(t.ID, p.ID)] = true
				keys[render.PrintKey(p.ID)] = true
			}
		}
	}
	return keys
}

// markObjective marks the pages that show objective o: its own, its
// parent's and children's, its period's and the next period's report
// (which compares with it), its team's pages (and what changed in the
// team), its owners' pages, and the KPIs it lifts.
func markObjective(keys map[string]bool, cur *okrsite.Site, o *okrsite.Objective) {
	p := o.Period
	keys[render.ObjectiveKey(o.Ref())] = true
	keys[render.PersonKey(o.Owner)] = true
	keys[render.PeriodKey(p.ID)] = true
	keys[render.PrintKey(p.ID)] = true
	keys[render.TeamPeriodKey(o.Team.ID, p.ID)] = true
	keys[render.TeamKey(o.Team.ID)] = true
	if o.Parent != nil {
		keys[render.ObjectiveKey(o.Parent.Ref())] = true
	}
	for _, c := range o.Children {
		keys[render.ObjectiveKey(c.Ref())] = true
	}
	for _, kr := range o.KeyResults {
		keys[render.PersonKey(kr.Owner)] = true
		if kr.KPI != nil {
			keys[render.KPIKey(kr.KPI.ID)] = true
			markKPIViews(keys, cur) // they name the key results in focus
		}
	}
	for _, q := range cur.Periods {
		if q.Kind == p.Kind && q.Start > p.End {
			keys[render.PeriodKey(q.ID)] = true
			keys[render.PrintKey(q.ID)] = true
			break
		}
	}
}

// markPictures marks the pictures that are new or changed. A page's HTML
// names a picture only by its path, and a note that names one that is
// gone fails the build, so only the pictures' own files change.
func markPictures(keys map[string]bool, old, cur *okrsite.Site) {
	before := make(map[string]*okrsite.Picture, len(old.Pictures))
	for _, p := range old.Pictures {
		before[p.Path] = p
	}
	for _, p := range cur.Pictures {
		if before[p.Path] != p {
			keys[render.PictureKey(p.Path)] = true
		}
	}
}

// markKPI marks a KPI's page and its teams' pages and their leads',
// before and after.
func markKPI(keys map[string]bool, k, old *okrsite.KPI) {
	keys[render.KPIKey(k.ID)] = true
	for _, x := range []*okrsite.KPI{k, old} {
		if x != nil && x.Team != nil {
			keys[render.TeamKey(x.Team.ID)] = true
			keys[render.PersonKey(x.Team.Lead)] = true
		}
	}
}

// people returns the names the site gives as owners and leads, as
// okrsite.People finds them, each a person with a page of their own.
func people(s *okrsite.Site) map[string]bool {
	names := map[string]bool{}
	add := func(name string) {
		if strings.TrimSpace(name) != "" {
			names[name] = true
		}
	}
	for _, t := range s.Teams {
		add(t.Lead)
	}
	for _, o := range s.Objectives {
		add(o.Owner)
		for _, kr := range o.KeyResults {
			add(kr.Owner)
		}
	}
	return names
}

// lifting returns the objectives with a key result that lifts k.
func lifting(site *okrsite.Site, k *okrsite.KPI) []*okrsite.Objective {
	var out []*okrsite.Objective
	for _, o := range site.Objectives {
		for _, kr := range o.KeyResults {
			if kr.KPI == k {
				out = append(out, o)
				break
			}
		}
	}
	return out
}

// objectiveRef identifies an objective across loads, as its Ref does,
// without making a string for each of a large site's objectives.
type objectiveRef struct{ period, id string }

func objectivesByRef(s *okrsite.Site) map[objectiveRef]*okrsite.Objective {
	m := make(map[objectiveRef]*okrsite.Objective, len(s.Objectives))
	for _, o := range s.Objectives {
		m[objectiveRef{o.Period.ID, o.ID}] = o
	}
	return m
}

func kpisByID(s *okrsite.Site) map[string]*okrsite.KPI {
	m := make(map[string]*okrsite.KPI, len(s.KPIs))
	for _, k := range s.KPIs {
		m[k.ID] = k
	}
	return m
}

func sameTeams(a, b []*okrsite.Team) bool {
	return slices.EqualFunc(a, b, func(x, y *okrsite.Team) bool {
		return x.ID == y.ID && x.Name == y.Name && x.Lead == y.Lead && (x.Parent == nil) == (y.Parent == nil) &&
			(x.Parent == nil || x.Parent.ID == y.Parent.ID)
	})
}

func samePeriods(a, b []*okrsite.Period) bool {
	return slices.EqualFunc(a, b, func(x, y *okrsite.Period) bool {
		return x.ID == y.ID && x.Name == y.Name && x.Start == y.Start && x.End == y.End
	})
}

// sameObjective reports whether two loads of an objective show the same.
// Check-ins of an unchanged file are the same slice in both.
func sameObjective(a, b *okrsite.Objective) bool {
	same := a.ID == b.ID && a.Title == b.Title && a.Description == b.Description && a.Owner == b.Owner &&
		a.Team.ID == b.Team.ID && a.Commitment == b.Commitment && a.Weight == b.Weight && a.Note == b.Note &&
		ref(a.Parent) == ref(b.Parent) && len(a.KeyResults) == len(b.KeyResults)
	if !same {
		return false
	}
	for i, x := range a.KeyResults {
		y := b.KeyResults[i]
		if x.ID != y.ID || x.Title != y.Title || x.Owner != y.Owner || x.Units() != y.Units() || x.Start != y.Start ||
			x.Target != y.Target || x.Direction != y.Direction || x.Weight != y.Weight || x.Cadence != y.Cadence ||
			kpiID(x.KPI) != kpiID(y.KPI) || !sameSlice(x.Milestones, y.Milestones) || !sameSlice(x.Checkins, y.Checkins) {
			return false
		}
	}
	return true
}

// sameSlice reports whether a and b hold equal elements, at once when they
// are the very same slice, as an unchanged file's values are.
func sameSlice[E comparable](a, b []E) bool {
	if len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0]) {
		return true
	}
	return slices.Equal(a, b)
}

func sameKPI(a, b *okrsite.KPI) bool {
	return a.Name == b.Name && a.Units() == b.Units() && a.Description == b.Description && kpiTeam(a) == kpiTeam(b) &&
		a.Direction == b.Direction && a.Thresholds == b.Thresholds && a.Cadence == b.Cadence && a.Note == b.Note &&
		sameSlice(a.Measurements, b.Measurements)
}

func ref(o *okrsite.Objective) string {
	if o == nil {
		return ""
	}
	return o.Ref()
}

func kpiID(k *okrsite.KPI) string {
	if k == nil {
		return ""
	}
	return k.ID
}

func kpiTeam(k *okrsite.KPI) string {
	if k.Team == nil {
		return ""
	}
	return k.Team.ID
}

// markKPIViews marks the pages that show every KPI's health: each period's
// report and print edition.
func markKPIViews(keys map[string]bool, cur *okrsite.Site) {
	for _, p := range cur.Periods {
		keys[render.PeriodKey(p.ID)] = true
		keys[render.PrintKey(p.ID)] = true
	}
}
