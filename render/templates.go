package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/templates"
)

// pageTemplates are the page templates a build uses. Each is parsed with
// layout.html and partials.html.
var pageTemplates = []string{
	"home.html", "periods.html", "period.html", "alignment.html", "print.html",
	"objective.html", "teams.html", "team.html", "teamperiod.html",
	"kpis.html", "kpi.html", "notfound.html",
}

// overlay is a file system whose top layer hides files of the same name in
// the bottom one.
type overlay struct{ top, bottom fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if o.top != nil {
		f, err := o.top.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.bottom.Open(name)
}

// staticFiles lists the files of static/ in either layer, sorted.
func (o overlay) staticFiles() ([]string, error) {
	seen := map[string]bool{}
	for _, layer := range []fs.FS{o.bottom, o.top} {
		if layer == nil {
			continue
		}
		err := fs.WalkDir(layer, "static", func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == "static" {
				return fs.SkipDir
			}
			if err != nil {
				return err
			}
			if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				seen[p] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return slices.Sorted(maps.Keys(seen)), nil
}

// parseTemplates parses every page template once, with the site's
// overrides laid over the defaults. It returns the files it read them from,
// the layout and partials alone, and each page template with them.
func (r *renderer) parseTemplates(site fs.FS) (files overlay, layout *template.Template, pages map[string]*template.Template, err error) {
	files = overlay{top: site, bottom: templates.FS}
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			return "", fmt.Errorf("template %s: %w", name, err)
		}
		return string(b), nil
	}
	base := template.New("okr").Funcs(r.funcs())
	for _, name := range []string{"layout.html", "partials.html"} {
		src, err := read(name)
		if err != nil {
			return files, nil, nil, err
		}
		if _, err := base.New(name).Parse(src); err != nil {
			return files, nil, nil, err
		}
	}
	pages = map[string]*template.Template{}
	for _, name := range pageTemplates {
		src, err := read(name)
		if err != nil {
			return files, nil, nil, err
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(name).Parse(src)
		}
		if err != nil {
			return files, nil, nil, err
		}
		pages[name] = t
	}
	return files, base, pages, nil
}

// funcs are the functions templates call: translation, formatting of
// numbers and dates in the site's language, and links.
func (r *renderer) funcs() template.FuncMap {
	l := r.lang
	return template.FuncMap{
		"t":              l.T,
		"tf":             l.Tf,
		"num":            l.Num,
		"pct":            l.Pct,
		"grade":          l.Grade,
		"value":          l.Value,
		"signed":         l.Signed,
		"date":           l.Date,
		"status":         func(s okrsite.Status) string { return l.T("status." + s.String()) },
		"health":         func(h okrsite.Health) string { return l.T("health." + h.String()) },
		"trend":          func(t okrsite.Trend) string { return l.T("trend." + t.String()) },
		"kind":           func(c okrsite.Commitment) string { return l.T("kind." + c.String()) },
		"gradeColour":    okrsite.GradeColour,
		"badge":          func(s okrsite.Status) template.HTML { return component(func(w *htmlWriter) { r.badge(w, s) }) },
		"gradeBand":      func(b *gradeBand) template.HTML { return component(func(w *htmlWriter) { r.gradeBand(w, b) }) },
		"gradeBadge":     func(g float64) template.HTML { return component(func(w *htmlWriter) { r.gradeBadge(w, g) }) },
		"bar":            func(s okrsite.Score) template.HTML { return component(func(w *htmlWriter) { r.bar(w, s) }) },
		"verdict":        func(s okrsite.Score) template.HTML { return component(func(w *htmlWriter) { r.verdict(w, s) }) },
		"score":          func(s okrsite.Score) template.HTML { return component(func(w *htmlWriter) { r.score(w, s) }) },
		"bigScore":       func(s okrsite.Score) template.HTML { return component(func(w *htmlWriter) { r.bigScore(w, s) }) },
		"chart":          func(c chart) template.HTML { return component(func(w *htmlWriter) { chartFigure(w, c) }) },
		"note":           func(n *okrsite.Note) template.HTML { return component(func(w *htmlWriter) { r.note(w, n) }) },
		"objective":      r.cachedCard,
		"printObjective": r.cachedPrintObjective,
		"crumbs": func(root string, cs []crumb) template.HTML {
			return component(func(w *htmlWriter) { crumbList(w, root, cs) })
		},
		"alignTree": func(root string, nodes []alignNode) template.HTML {
			return component(func(w *htmlWriter) { r.alignTree(w, root, nodes) })
		},
		"objectivePage": func(root string, d *objectiveData) template.HTML {
			return component(func(w *htmlWriter) { r.objectivePage(w, root, d) })
		},
		"thresholds": r.thresholds,
		"cadence":    r.cadence,
		"url":        url,
		"sparkline":  sparkline,
		"at":         func(root string, v any) inPage { return inPage{root, v} },
		"cached":     r.cached,
	}
}

// inPage carries a value into a partial template with the root of the
// page it appears on, so the partial can make links.
type inPage struct {
	Root string
	V    any
}

// url returns the site-relative path of the page that shows x.
func url(x any) string {
	switch x := x.(type) {
	case *okrsite.Period:
		return "periods/" + x.ID + ".html"
	case *okrsite.Objective:
		return "periods/" + x.Period.ID + "/objectives/" + x.ID + ".html"
	case *okrsite.KeyResult:
		return url(x.Objective) + "#kr-" + x.ID
	case *okrsite.Team:
		return "teams/" + x.ID + ".html"
	case *okrsite.KPI:
		return "kpis/" + x.ID + ".html"
	case *okrsite.PeriodScore:
		return url(x.Period)
	case *okrsite.ObjectiveScore:
		return url(x.Objective)
	case *okrsite.KeyResultScore:
		return url(x.KeyResult)
	case *okrsite.KPIScore:
		return url(x.KPI)
	case *okrsite.TeamPeriodScore:
		return teamPeriodURL(x.Team, x.Period)
	}
	panic(fmt.Sprintf("render: no page for %T", x))
}

func teamPeriodURL(t *okrsite.Team, p *okrsite.Period) string {
	return "teams/" + t.ID + "/" + p.ID + ".html"
}

func alignmentURL(p *okrsite.Period) string { return "periods/" + p.ID + "/alignment.html" }

// rootOf returns the relative path from the page at p to the site's root:
// "" for index.html, "../../" for periods/2026-Q3/alignment.html.
func rootOf(p string) string {
	return strings.Repeat("../", strings.Count(path.Clean(p), "/"))
}

// thresholds describes a KPI's thresholds in a sentence.
func (r *renderer) thresholds(k *okrsite.KPI) string {
	l := r.lang
	h, w := k.Thresholds.Healthy, k.Thresholds.Warning
	u := k.Unit
	switch k.Direction {
	case okrsite.HigherIsBetter:
		return l.Tf("kpi.healthy.higher", l.Value(h.Low, u), l.Value(w.Low, u))
	case okrsite.LowerIsBetter:
		return l.Tf("kpi.healthy.lower", l.Value(h.High, u), l.Value(w.High, u))
	}
	return l.Tf("kpi.healthy.band", l.Value(h.Low, u), l.Value(h.High, u), l.Value(w.Low, u), l.Value(w.High, u))
}

// cadence says how often a value is due: "Updated monthly", or every so
// many days.
func (r *renderer) cadence(c okrsite.Cadence) string {
	switch c {
	case okrsite.Weekly:
		return r.lang.T("kpi.cadence.weekly")
	case okrsite.Biweekly:
		return r.lang.T("kpi.cadence.biweekly")
	case okrsite.Monthly:
		return r.lang.T("kpi.cadence.monthly")
	case okrsite.Quarterly:
		return r.lang.T("kpi.cadence.quarterly")
	}
	return r.lang.Tf("kpi.cadence", int(c))
}

// cached renders the layout part name for page p once per section and
// folder depth, and reuses it for every page alike.
func (r *renderer) cached(name string, p *page) (template.HTML, error) {
	key := name + "\x00" + p.Root + "\x00" + p.Section
	if html, ok := r.parts.Load(key); ok {
		return html.(template.HTML), nil
	}
	var b strings.Builder
	if err := r.layout.ExecuteTemplate(&b, name, p); err != nil {
		return "", err
	}
	html, _ := r.parts.LoadOrStore(key, template.HTML(b.String()))
	return html.(template.HTML), nil
}

// cachedCard returns an objective's card for a page at root, built once
// for the period report, the team's period and the team's page alike.
func (r *renderer) cachedCard(root string, os *okrsite.ObjectiveScore) template.HTML {
	return r.cache.piece(objectivePiece("card", root, os.Objective), func(w *htmlWriter) { r.objectiveCard(w, root, os) })
}

// cachedPrintObjective returns an objective's part of a print edition,
// built once for the period's edition and its team's.
func (r *renderer) cachedPrintObjective(os *okrsite.ObjectiveScore) template.HTML {
	return r.cache.piece(objectivePiece("print", "", os.Objective), func(w *htmlWriter) { r.printObjective(w, os) })
}
