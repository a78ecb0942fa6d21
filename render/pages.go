package render

import (
	"cmp"
	"html/template"
	"io/fs"
	"slices"
	"strings"

	"github.com/okrsite/okrsite"
)

// page is what every template is given: where the page sits in the site,
// its title, and its own data.
type page struct {
	Root        string // relative path to the site's root, "" or "../../"
	Path        string // the page's own path within the site
	Title       string
	Description string // the meta description: one line on what the page shows
	Section     string // the navigation entry it belongs to
	Canonical   string // absolute URL, when the site has an absolute base
	Lang        string
	Locale      template.HTMLAttr // the data-locale attribute: how okr.js writes numbers and dates
	Site        *okrsite.Site
	AsOf        okrsite.Date
	Crumbs      []crumb
	Charts      bool // the page has charts, and loads the scripts that draw them
	// Style is the site's style sheet, written into the page itself when
	// a link to static/okr.css could lead nowhere: on 404.html of a site
	// without a base URL. Otherwise empty.
	Style template.CSS
	Data  any
}

// crumb is one step of a page's breadcrumb trail.
type crumb struct{ Title, URL string }

// trail returns a new breadcrumb trail: base and one more step.
func trail(base []crumb, title, url string) []crumb {
	return append(slices.Clip(base), crumb{title, url})
}

// tally is how many key results have each status or, once their period
// has ended, how many fall in each grade band.
type tally struct {
	Final bool
	Rows  []tallyRow // the statuses or bands that occur, in order
}

// tallyRow is one line of a tally.
type tallyRow struct {
	Status okrsite.Status
	Band   *gradeBand // in a final tally
	N      int
}

// Title is the catalogue key of the tally's heading.
func (t tally) Title() string {
	if t.Final {
		return "period.grades"
	}
	return "period.counts"
}

// tallyOf is the counts of d, a roll-up's distribution: by grade band
// if final, else by status.
func tallyOf(final bool, d okrsite.Distribution) tally {
	t := tally{Final: final}
	if final {
		for i, b := range gradeBands {
			if n := d.Graded(b.Colour); n > 0 {
				t.Rows = append(t.Rows, tallyRow{Band: &gradeBands[i], N: n})
			}
		}
		return t
	}
	for _, s := range okrsite.Statuses {
		if n := d.Count(s); n > 0 {
			t.Rows = append(t.Rows, tallyRow{Status: s, N: n})
		}
	}
	return t
}

// jobs lists every file of the build.
func (r *renderer) jobs() []job {
	c := r.card
	var jobs []job
	// Each page names what it is about (see job.about); pages about
	// nothing show a little of everything. Pages also carry the period
	// whose objectives they show (see order).
	var period string
	add := func(about any, tmpl, path, title, desc, section string, crumbs []crumb, data func(*chartSet) any) {
		jobs = append(jobs, job{path: path, about: about, period: period, render: func(buf *output) error {
			return r.page(buf, tmpl, path, title, desc, section, crumbs, data)
		}})
	}
	home := trail(nil, r.lang.T("nav.home"), "index.html")
	reports := trail(home, r.lang.T("nav.periods"), "periods.html")
	teams := trail(home, r.lang.T("nav.teams"), "teams.html")
	kpis := trail(home, r.lang.T("nav.kpis"), "kpis.html")

	siteDesc := r.lang.T("period.reports.lead")
	if cur := c.Current; cur != nil {
		siteDesc = r.headline(cur.Score, cur.Period, cur.Objectives)
	}
	add(nil, "home.html", "index.html", r.lang.T("home.title"), siteDesc, "home", nil, r.homeData)
	add(static, "notfound.html", "404.html", r.lang.T("page.notfound.title"), r.lang.T("page.notfound.text"), "", nil, func(*chartSet) any { return nil })
	add(nil, "periods.html", "periods.html", r.lang.T("period.reports"), r.lang.T("period.reports.lead"), "periods", home, func(*chartSet) any { return r.periodList() })
	for _, ps := range c.Periods {
		p := ps.Period
		period = p.ID
		headline := r.headline(ps.Score, p, ps.Objectives)
		add(ps, "period.html", url(p), p.Name, headline, "periods", reports, func(ch *chartSet) any { return r.periodData(ps, ch) })
		jobs = append(jobs, job{path: periodJSON(p), about: ps, period: period, render: func(buf *output) error { return r.exportPeriod(buf, ps) }})
		report := trail(reports, p.Name, url(p))
		add(ps, "alignment.html", alignmentURL(p), r.lang.Tf("align.title", p.Name), r.lang.T("align.lead"), "periods",
			report, func(*chartSet) any { return r.alignment(ps) })
		for _, os := range ps.Objectives {
			o := os.Objective
			crumbs := trail(report, o.Team.Name, teamPeriodURL(o.Team, p))
			add(os, "objective.html", url(o), o.Title, cmp.Or(o.Description, o.Title)+" · "+r.verdictText(os.Score), "periods", crumbs, func(ch *chartSet) any { return r.objectiveData(os, ch) })
			for _, krs := range os.KeyResults {
				if cut := r.checkinsCut(krs); cut != nil {
					jobs = append(jobs, job{path: cut.Path, about: krs, period: period, render: func(buf *output) error { return writeCheckinsCSV(buf, krs) }})
				}
			}
		}
		add(ps, "print.html", printURL(p, nil), r.lang.Tf("print.title", p.Name), headline, "periods", nil,
			func(ch *chartSet) any { return r.printData(ps, nil, ch) })
		for _, tp := range ps.Teams {
			headline := r.headline(tp.Score, p, tp.Objectives)
			add(tp, "teamperiod.html", url(tp), r.lang.Tf("team.inperiod", tp.Team.Name, p.Name), headline, "teams",
				trail(teams, tp.Team.Name, url(tp.Team)), func(*chartSet) any { return r.teamPeriodData(tp) })
			add(tp, "print.html", printURL(p, tp.Team), r.lang.Tf("print.title", tp.Team.Name+" · "+p.Name), headline, "teams", nil,
				func(ch *chartSet) any { return r.printData(ps, tp.Team, ch) })
		}
	}
	period = ""
	add(nil, "teams.html", "teams.html", r.lang.T("team.teams"), r.lang.T("team.teams.lead"), "teams", home, func(*chartSet) any { return r.teamTree() })
	if c.Current != nil {
		period = c.Current.Period.ID // a team's page shows its objectives of now
	}
	for _, t := range r.site.Teams {
		desc := r.lang.T("team.teams.lead")
		if c.Current != nil {
			if tp := c.TeamPeriod(t, c.Current.Period); tp != nil {
				desc = r.headline(tp.Score, tp.Period, tp.Objectives)
			}
		}
		add(t, "team.html", url(t), t.Name, desc, "teams", teams, func(ch *chartSet) any { return r.teamData(t, ch) })
	}
	period = ""
	add(nil, "kpis.html", "kpis.html", r.lang.T("kpi.index"), r.lang.T("kpi.index.lead"), "kpis", home, func(*chartSet) any { return c.KPIs })
	for _, ks := range c.KPIs {
		add(ks, "kpi.html", url(ks), ks.KPI.Name, cmp.Or(ks.KPI.Description, ks.KPI.Name+" · "+r.lang.T("health."+ks.Health.String())), "kpis", kpis, func(ch *chartSet) any { return r.kpiData(ks, ch) })
	}
	jobs = append(jobs, r.reviewJobs(add, home)...)
	jobs = append(jobs, r.mediaJobs()...)
	jobs = append(jobs, r.assetJobs()...)
	jobs = append(jobs, job{path: "static/chart-kinds.js", about: static, render: r.chartKindsScript})
	jobs = append(jobs, job{path: "okr.json", render: r.export})
	if isAbsolute(r.baseURL) {
		paths := make([]string, 0, len(jobs))
		for _, j := range jobs {
			if isPage(j.path) {
				paths = append(paths, j.path)
			}
		}
		jobs = append(jobs, job{path: "sitemap.xml", render: func(buf *output) error { return r.sitemap(buf, paths) }})
	}
	return jobs
}

// page builds one page's data and executes its template into buf.
func (r *renderer) page(buf *output, tmpl, path, title, desc, section string, crumbs []crumb, data func(*chartSet) any) error {
	p := &page{
		Root:        rootOf(path),
		Path:        path,
		Title:       title,
		Description: strings.Join(strings.Fields(desc), " "), // one line
		Section:     section,
		Lang:        r.lang.code,
		Locale:      r.lang.attr,
		Site:        r.site,
		AsOf:        r.card.AsOf,
		Crumbs:      crumbs,
	}
	ch := &chartSet{r: r}
	p.Data = data(ch)
	buf.reads.walk(p.Data)
	p.Charts = ch.n+ch.other > 0
	if isAbsolute(r.baseURL) {
		p.Canonical = r.baseURL + path
	}
	if path == "404.html" {
		if err := r.notFoundRoot(p); err != nil {
			return err
		}
	}
	return r.tmpl[tmpl].ExecuteTemplate(r.withRoot(buf, p.Root), tmpl, p)
}

// notFoundRoot readies 404.html, which a server shows at any missing
// address, as deep in folders as the address asks, where relative links
// would lead nowhere. With a base URL its links start with it. Without
// one they start at the host's root ("/"), which holds for a site served
// at its host's root, and the style sheet is written into the page, so
// it has its look wherever it is shown.
func (r *renderer) notFoundRoot(p *page) error {
	if r.baseURL != "" {
		p.Root = r.baseURL
		return nil
	}
	css, err := fs.ReadFile(r.assets, "static/okr.css")
	p.Root, p.Style = "/", template.CSS(css)
	return err
}

// homeData gathers the overview: the current period, the key results
// that need attention, the KPI board, and what is in focus and unattended.
type homeData struct {
	Current    *okrsite.PeriodScore
	Attention  attention // of the current period, the first maxHomeAttention
	KPIs       []*okrsite.KPIScore
	InFocus    []*okrsite.KPIScore
	Unattended []*okrsite.KPIScore
	Periods    []*okrsite.PeriodScore
	Note       *okrsite.Note
}

func (r *renderer) homeData(*chartSet) any {
	c := r.card
	d := &homeData{Current: c.Current, KPIs: c.KPIs, InFocus: c.InFocus, Unattended: c.Unattended, Periods: r.periodList(), Note: r.site.Note}
	if c.Current != nil {
		d.Attention = attentionOf(c.Current.Objectives, maxHomeAttention)
	}
	return d
}

// How many key results that need attention the overview and a period's
// report list; a team's pages list them all.
const (
	maxHomeAttention   = 6
	maxPeriodAttention = 40
)

// attention is a list of key results that need attention, in
// okrsite.Attention's order: the furthest behind pace first, then the
// heaviest. Once their period has ended (Final), it lists instead those
// that fell short, in okrsite.FellShort's order: the lowest grade first.
type attention struct {
	KeyResults []*okrsite.KeyResultScore
	More       int // how many more the list has than KeyResults shows
	Final      bool
}

// attentionOf lists the key results of objectives that need attention or,
// once their period has ended, that fell short; at most limit of them (0:
// all).
func attentionOf(objectives []*okrsite.ObjectiveScore, limit int) attention {
	var a attention
	if len(objectives) > 0 && objectives[0].Final {
		a = attention{KeyResults: okrsite.FellShort(objectives), Final: true}
	} else {
		a = attention{KeyResults: okrsite.Attention(objectives)}
	}
	if limit > 0 && len(a.KeyResults) > limit {
		a.More = len(a.KeyResults) - limit
		a.KeyResults = a.KeyResults[:limit]
	}
	return a
}

// Title returns the catalogue key of the list's heading: running while the
// period runs, "short.title" once it has ended.
func (a attention) Title(running string) string {
	if a.Final {
		return "short.title"
	}
	return running
}

// Key returns the catalogue key of the list's lead or empty message
// (which: "lead" or "none"), while the period runs and once it has ended.
func (a attention) Key(which string) string {
	if a.Final {
		return "short." + which
	}
	return "attention." + which
}

// Total is how many key results the list has, shown or not.
func (a attention) Total() int { return len(a.KeyResults) + a.More }

// periodList returns the periods, newest first.
func (r *renderer) periodList() []*okrsite.PeriodScore {
	out := slices.Clone(r.card.Periods)
	slices.Reverse(out)
	return out
}

// periodData is a period's report.
type periodData struct {
	*okrsite.PeriodScore
	State     string // "running", "finished" or "upcoming"
	Attention attention
	Teams     []teamRow
	Alignment string
	Print     string
	Review    periodReview
	Nav       jumpNav // to each team's section
}

// jumpNav is a report's index of its sections and, while the period runs,
// its "needs attention only" filter (the partial periodnav).
type jumpNav struct {
	Heading string // catalogue key of the index's heading
	Entries []jumpEntry
	Filter  bool // the period runs
}

// jumpEntry is a section in a jumpNav: a team of a period's report or an
// objective of a team's period, with its score.
type jumpEntry struct {
	ID, Name string // the section's id and name
	okrsite.Score
	Distribution okrsite.Distribution
}

// teamRow is one team's section in a period report, with its score in the
// previous period for comparison and its objectives one line each, the
// furthest behind the expected pace first (their key results are on the
// team's page for the period, which keeps a report of many teams light).
type teamRow struct {
	*okrsite.TeamPeriodScore
	Previous *okrsite.TeamPeriodScore
	ByPace   []*okrsite.ObjectiveScore
}

func (r *renderer) periodData(ps *okrsite.PeriodScore, ch *chartSet) any {
	d := &periodData{
		PeriodScore: ps,
		State:       periodState(ps.Period, r.card.AsOf),
		Attention:   attentionOf(ps.Objectives, maxPeriodAttention),
		Alignment:   alignmentURL(ps.Period),
		Print:       printURL(ps.Period, nil),
		Review:      r.periodReviewOf(ps),
	}
	for _, tp := range ps.Teams {
		row := teamRow{TeamPeriodScore: tp, ByPace: slices.Clone(tp.Objectives)}
		if ps.Previous != nil && len(ps.Previous.Objectives) > 0 {
			row.Previous = r.card.TeamPeriod(tp.Team, ps.Previous.Period)
		}
		slices.SortStableFunc(row.ByPace, func(a, b *okrsite.ObjectiveScore) int {
			return cmp.Compare(b.Why.Behind, a.Why.Behind)
		})
		d.Teams = append(d.Teams, row)
		d.Nav.Entries = append(d.Nav.Entries, jumpEntry{"team-" + tp.Team.ID, tp.Team.Name, tp.Score, tp.Distribution})
	}
	d.Nav.Heading, d.Nav.Filter = "jump.teams", d.State == "running"
	return d
}

// periodState says whether a period is running, finished or upcoming.
func periodState(p *okrsite.Period, asOf okrsite.Date) string {
	switch {
	case p.Finished(asOf):
		return "finished"
	case asOf < p.Start:
		return "upcoming"
	}
	return "running"
}

// alignNode is an objective in the alignment tree with the objectives that
// align to it.
type alignNode struct {
	*okrsite.ObjectiveScore
	Children []alignNode
}

// alignment builds a period's objective tree. Roots are the objectives that
// align to nothing within the period.
func (r *renderer) alignment(ps *okrsite.PeriodScore) any {
	var build func(os *okrsite.ObjectiveScore, depth int) alignNode
	build = func(os *okrsite.ObjectiveScore, depth int) alignNode {
		n := alignNode{ObjectiveScore: os}
		for _, child := range os.Objective.Children {
			if child.Period == ps.Period && depth < 64 {
				n.Children = append(n.Children, build(r.card.Objective(child), depth+1))
			}
		}
		return n
	}
	var roots []alignNode
	for _, os := range ps.Objectives {
		if parent := os.Objective.Parent; parent == nil || parent.Period != ps.Period {
			roots = append(roots, build(os, 0))
		}
	}
	return roots
}

// objectiveData is an objective's page.
type objectiveData struct {
	*okrsite.ObjectiveScore
	KeyResults []krView
	Parent     *okrsite.ObjectiveScore
	Children   []*okrsite.ObjectiveScore
}

// krView is a key result with its chart and its figures written out in
// its precision: an objective's page shows forty thousand of them on a
// large site, and a field costs its template less than a call.
type krView struct {
	Result     *okrsite.KeyResultScore
	Chart      chart
	Why        string // why it has its status
	Current    string
	Target     string
	Start      string // "" for a value to hold and a result without a start
	Held       string // for a value to hold: how many check-ins held
	Projection string // the projected value and grade, in words
	Disagree   string // where confidence and projection disagree, in words
	Confidence string
}

func (r *renderer) objectiveData(os *okrsite.ObjectiveScore, ch *chartSet) any {
	d := &objectiveData{ObjectiveScore: os}
	l := r.lang
	for _, krs := range os.KeyResults {
		kr := krs.KeyResult
		why := r.why(&krs.Score)
		v := krView{Result: krs, Chart: ch.keyResult(krs, why), Why: why, Confidence: r.confidence(krs.Confidence),
			Projection: r.projection(krs), Disagree: r.disagreement(krs)}
		if !kr.IsMilestone() {
			v.Current, v.Target = r.krValue(krs, krs.Current), r.krValue(krs, kr.Target)
			if kr.IsHold() { // "at least 99.9%": the bare value would not say which way
				v.Target = r.krTarget(krs)
			}
			if len(krs.Checkins) == 0 && !kr.HasStart {
				v.Current = ""
			}
		}
		switch {
		case kr.IsHold():
			v.Held = l.Tf("kr.held", krs.Held, len(krs.Checkins))
		case kr.HasStart && !kr.IsMilestone():
			v.Start = r.krValue(krs, kr.Start)
		}
		d.KeyResults = append(d.KeyResults, v)
	}
	if p := os.Objective.Parent; p != nil {
		d.Parent = r.card.Objective(p)
	}
	for _, child := range os.Objective.Children {
		d.Children = append(d.Children, r.card.Objective(child))
	}
	return d
}

// teamData is a team's page.
type teamData struct {
	Team      *okrsite.Team
	History   []*okrsite.TeamPeriodScore // oldest first
	Chart     chart
	Current   *okrsite.TeamPeriodScore
	Attention attention // of Current
	Period    *okrsite.Period
	KPIs      []*okrsite.KPIScore
	Children  []*okrsite.Team
}

func (r *renderer) teamData(t *okrsite.Team, ch *chartSet) any {
	d := &teamData{Team: t, Children: t.Children}
	for _, ps := range r.card.Periods {
		if tp := r.card.TeamPeriod(t, ps.Period); tp != nil {
			d.History = append(d.History, tp)
		}
	}
	if cur := r.card.Current; cur != nil {
		d.Period = cur.Period
		d.Current = r.card.TeamPeriod(t, cur.Period)
		if d.Current != nil {
			d.Attention = attentionOf(d.Current.Objectives, 0)
		}
	}
	if len(d.History) > 0 {
		d.Chart = ch.teamHistory(t, d.History)
	}
	for _, ks := range r.card.KPIs {
		if ks.KPI.Team == t {
			d.KPIs = append(d.KPIs, ks)
		}
	}
	return d
}

// teamPeriodView is a team's page for one period.
type teamPeriodView struct {
	teamRow
	Attention attention
	Print     string
	Nav       jumpNav // to each objective
}

func (r *renderer) teamPeriodData(tp *okrsite.TeamPeriodScore) any {
	nav := jumpNav{Heading: "jump.objectives", Filter: periodState(tp.Period, r.card.AsOf) == "running"}
	for _, os := range tp.Objectives {
		nav.Entries = append(nav.Entries, jumpEntry{"objective-" + os.Objective.ID, os.Objective.Title, os.Score, os.Distribution})
	}
	return teamPeriodView{teamRow{TeamPeriodScore: tp}, attentionOf(tp.Objectives, 0), printURL(tp.Period, tp.Team), nav}
}

// teamNode is a team in the tree of teams, with its score in the current
// period.
type teamNode struct {
	Team     *okrsite.Team
	Current  *okrsite.TeamPeriodScore
	Children []teamNode
}

func (r *renderer) teamTree() any {
	var build func(t *okrsite.Team, depth int) teamNode
	build = func(t *okrsite.Team, depth int) teamNode {
		n := teamNode{Team: t}
		if r.card.Current != nil {
			n.Current = r.card.TeamPeriod(t, r.card.Current.Period)
		}
		for _, child := range t.Children {
			if depth < 64 {
				n.Children = append(n.Children, build(child, depth+1))
			}
		}
		return n
	}
	var roots []teamNode
	for _, t := range r.site.Teams {
		if t.Parent == nil {
			roots = append(roots, build(t, 0))
		}
	}
	return roots
}

// kpiData is a KPI's page.
type kpiData struct {
	*okrsite.KPIScore
	Chart  chart
	Lifted []lift
}

// lift is a period in which key results lifted a KPI.
type lift struct {
	Period     *okrsite.Period
	KeyResults []*okrsite.KeyResultScore
}

func (r *renderer) kpiData(ks *okrsite.KPIScore, ch *chartSet) any {
	d := &kpiData{KPIScore: ks, Chart: ch.kpi(ks)}
	for _, p := range ks.Periods {
		l := lift{Period: p}
		for _, o := range p.Objectives {
			for _, kr := range o.KeyResults {
				if kr.KPI == ks.KPI {
					l.KeyResults = append(l.KeyResults, r.card.KeyResult(kr))
				}
			}
		}
		d.Lifted = append(d.Lifted, l)
	}
	return d
}

// verdictText is a score's verdict in plain words, for a meta
// description: the grade once the period has ended, else the progress and
// the status.
func (r *renderer) verdictText(s okrsite.Score) string {
	if s.Final {
		return r.lang.T("score.grade") + " " + r.lang.Grade(s.Grade)
	}
	return r.lang.Pct(s.Progress) + " · " + r.lang.T("status."+s.Status.String())
}
