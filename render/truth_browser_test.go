package render_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/internal/testprogress"
	"github.com/okrsite/okrsite/render"
)

// truthSite is a site for TestBrowserTruth, with the pages to check on it:
// one of each kind, each with what its first screen must say, worked out
// here from the scores.
type truthSite struct {
	name  string // the site and its language, for messages
	lang  string
	shots bool // with OKR_SCREENSHOTS set, its home page and report are photographed
	site  *site
	pages []truthPage
}

// truthPage is a page to check and what it must show.
type truthPage struct {
	rel    string
	head   *rollUp // the roll-up it heads with; nil for a page without one
	home   bool    // its first key result needing attention shows without scrolling
	charts bool    // its charts are drawn and their axes checked
	shot   string  // the screenshot's name; "" for none
	// krs are the key results whose charts the page draws, by the id of
	// their section; kpi is the KPI a KPI page charts.
	krs map[string]*okrsite.KeyResultScore
	kpi *okrsite.KPIScore
}

// rollUp is what a page's headline must say: its status and how many key
// results have each status; once its period has ended (Final), no status
// and how many fall in each grade band ("grade-green").
type rollUp struct {
	Status string
	Counts map[string]int
	Final  bool
}

// rollUpOf is the expected headline of a roll-up of objectives.
func rollUpOf(s okrsite.Score, objectives []*okrsite.ObjectiveScore) *rollUp {
	r := &rollUp{Status: s.Status.String(), Counts: map[string]int{}, Final: s.Final}
	if s.Final {
		r.Status = ""
	}
	for _, os := range objectives {
		for _, krs := range os.KeyResults {
			if s.Final {
				r.Counts["grade-"+krs.Band]++
			} else {
				r.Counts[krs.Status.String()]++
			}
		}
	}
	return r
}

// paceWords are the pace statuses' words, in English and Swedish, that a
// finished period's first screen must not show: its grade is the verdict.
var paceWords = []string{"On track", "At risk", "Off track", "No recent update", "I fas", "I riskzonen", "Efter plan", "Ingen ny avstämning"}

// newTruthSite builds the site in fsys in lang and lists one page of each
// kind whose first screen says something: the overview, the current
// period's report, alignment and a team's print edition, the last finished
// period's report, the indexes of teams and KPIs, the first team's page
// and its pages for both periods, the current period's first objective
// with a value to hold (or its first), and the first KPI.
func newTruthSite(t *testing.T, name string, fsys fs.FS, lang string, shots bool) truthSite {
	t.Helper()
	dir, card := buildCard(t, fsys, render.Options{Lang: lang})
	ts := truthSite{name: name + " " + lang, lang: lang, shots: shots, site: serve(t, dir)}
	add := func(p truthPage) { ts.pages = append(ts.pages, p) }
	add(truthPage{rel: "teams.html"})
	add(truthPage{rel: "kpis.html"})
	cur := card.Current
	if cur == nil || len(cur.Teams) == 0 {
		t.Fatalf("%s: no current period with teams", name)
	}
	add(truthPage{rel: "index.html", head: rollUpOf(cur.Score, cur.Objectives), home: true, shot: "home"})
	add(truthPage{rel: "periods/" + cur.Period.ID + ".html", head: rollUpOf(cur.Score, cur.Objectives), shot: "period"})
	add(truthPage{rel: "periods/" + cur.Period.ID + "/alignment.html"})
	team := cur.Teams[0].Team
	add(truthPage{rel: "periods/" + cur.Period.ID + "/print-" + team.ID + ".html"})
	var finished *okrsite.PeriodScore
	for _, ps := range card.Periods {
		if ps.Final && len(ps.Objectives) > 0 && (finished == nil || ps.Period.End > finished.Period.End) {
			finished = ps
		}
	}
	add(truthPage{rel: "teams/" + team.ID + ".html", head: rollUpOf(cur.Teams[0].Score, cur.Teams[0].Objectives), charts: true})
	for _, ps := range []*okrsite.PeriodScore{cur, finished} {
		if ps == nil {
			continue
		}
		if ps == finished {
			add(truthPage{rel: "periods/" + ps.Period.ID + ".html", head: rollUpOf(ps.Score, ps.Objectives)})
		}
		if tp := card.TeamPeriod(team, ps.Period); tp != nil {
			add(truthPage{rel: "teams/" + team.ID + "/" + ps.Period.ID + ".html", head: rollUpOf(tp.Score, tp.Objectives)})
		}
	}
	obj := cur.Objectives[0]
	for _, os := range cur.Objectives {
		if slices.ContainsFunc(os.KeyResults, func(k *okrsite.KeyResultScore) bool { return k.KeyResult.IsHold() }) {
			obj = os
			break
		}
	}
	krs := map[string]*okrsite.KeyResultScore{}
	for _, k := range obj.KeyResults {
		krs["kr-"+k.KeyResult.ID] = k
	}
	add(truthPage{rel: "periods/" + cur.Period.ID + "/objectives/" + obj.Objective.ID + ".html", charts: true, krs: krs})
	if len(card.KPIs) > 0 {
		ks := card.KPIs[0]
		add(truthPage{rel: "kpis/" + ks.KPI.ID + ".html", charts: true, kpi: ks})
	}
	return ts
}

// TestBrowserTruth checks, at a laptop's width and a phone's, in English
// and Swedish, on the example site and on the 50-team synthetic site (synth
// size "50team"; in Swedish at a phone's width only, to keep the suite
// within its time), one page of each kind: that a roll-up page heads with the
// status the roll-up rule gives, that its distribution counts the key
// results' own statuses, that the overview shows its first key result
// needing attention without scrolling, that a finished period's first
// screen names no pace status (its grade is the verdict and its
// distribution counts grade bands), that nothing sticks out of the card
// it is in, and that the charts' drawn value axes are the ones the scores
// claim, within possible values, labelled in the page's language.
//
// With OKR_SCREENSHOTS naming a folder, it also photographs the first
// screen of the 50-team site's overview and current report, light and
// dark, into that folder.
func TestBrowserTruth(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	shotDir := os.Getenv("OKR_SCREENSHOTS")
	fifty := synth.FS(synth.Files(synth.Sizes["50team"], 1))
	var (
		sites []truthSite
		mu    sync.Mutex
		wg    sync.WaitGroup
	)
	for _, lang := range []string{"en", "sv"} {
		for _, s := range []struct {
			name string
			fsys fs.FS
		}{{"example", os.DirFS("../content")}, {"50 teams", fifty}} {
			wg.Go(func() {
				ts := newTruthSite(t, s.name, s.fsys, lang, s.fsys != nil && s.name == "50 teams")
				mu.Lock()
				sites = append(sites, ts)
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	slices.SortFunc(sites, func(a, b truthSite) int { return strings.Compare(a.name, b.name) })
	views := []view{desktop, phone}
	if shotDir != "" {
		if err := os.MkdirAll(shotDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, v := range []view{desktop, phone} {
			v.dark = true
			views = append(views, v)
		}
	}
	type check struct {
		site *truthSite
		page *truthPage
		view view
	}
	var checks []check
	for i := range sites {
		for j := range sites[i].pages {
			for _, v := range views {
				if v.dark && (!sites[i].shots || sites[i].pages[j].shot == "") {
					continue
				}
				if sites[i].shots && sites[i].lang == "sv" && !v.phone {
					continue // the 50-team site in Swedish: on a phone, where its longer words are tightest
				}
				checks = append(checks, check{&sites[i], &sites[i].pages[j], v})
			}
		}
	}
	problems := make([][]string, len(checks))
	b.each(t, len(checks), func(i int) view { return checks[i].view }, func(i int, tab context.Context) {
		c := checks[i]
		shot := ""
		if shotDir != "" && c.site.shots && c.page.shot != "" {
			shot = filepath.Join(shotDir, fmt.Sprintf("%s-%s-%d%s.png", c.page.shot, c.site.lang, c.view.width, map[bool]string{true: "-dark"}[c.view.dark]))
		}
		problems[i] = checkTruth(tab, c.site, c.page, c.view, shot)
	})
	for i, c := range checks {
		for _, p := range problems[i] {
			t.Errorf("%s: %s at %v: %s", c.site.name, c.page.rel, c.view, p)
		}
	}
	testprogress.Printf(t, "checked the truth of %d pages", len(checks))
}

// checkTruth loads one page in the tab and returns what is wrong with its
// first screen, its cards and its charts' axes; with shot set, it writes
// a screenshot of the first screen there.
func checkTruth(tab context.Context, s *truthSite, p *truthPage, v view, shot string) []string {
	if err := do(tab, chromedp.Navigate(s.site.base+p.rel)); err != nil {
		return []string{err.Error()}
	}
	got, err := run(tab, chromedp.Evaluate[probed](truthProbe, chromedp.EvalAwaitPromise))
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	if want := p.head; want != nil {
		if got.Status != want.Status {
			problems = append(problems, fmt.Sprintf("the headline's status is %q; the roll-up rule gives %q", got.Status, want.Status))
		}
		keys := []string{"grade-green", "grade-yellow", "grade-red"}
		if !want.Final {
			keys = nil
			for _, st := range okrsite.Statuses {
				if st != okrsite.NotStarted || want.Counts[st.String()] > 0 {
					keys = append(keys, st.String())
				}
			}
		}
		for _, k := range keys {
			if got.Counts[k] != want.Counts[k] {
				problems = append(problems, fmt.Sprintf("the distribution counts %d %s; the key results have %d", got.Counts[k], k, want.Counts[k]))
			}
		}
		for _, w := range paceWords {
			if want.Final && strings.Contains(got.Screen, w) {
				problems = append(problems, fmt.Sprintf("the first screen of a finished period shows the pace status %q", w))
			}
		}
	}
	if p.home {
		if len(got.Attention) != 3 {
			problems = append(problems, "the overview lists no key result that needs attention")
		} else if got.Attention[1] > got.Attention[2] {
			problems = append(problems, fmt.Sprintf("the first key result needing attention ends at %.0fpx, below the first screen of %.0fpx", got.Attention[1], got.Attention[2]))
		}
	}
	problems = append(problems, got.Overflows...)
	if shot != "" {
		img, err := run(tab, chromedp.CaptureScreenshot())
		if err == nil {
			err = os.WriteFile(shot, img, 0o644)
		}
		if err != nil {
			problems = append(problems, "screenshot: "+err.Error())
		}
	}
	if p.charts {
		problems = append(problems, checkAxes(tab, s.lang, p, got.Rooms)...)
	}
	return problems
}

// probed is what truthProbe reads of a page.
type probed struct {
	Status    string
	Counts    map[string]int
	Attention []float64 // the first entry's top and bottom, and the viewport's height
	Overflows []string
	Screen    string             // the text of the first screen
	Rooms     map[string]float64 // each chart's legend room (px) once the page has loaded, by its id
}

// truthProbe reads a page's headline status, its first distribution's
// counts, the text of its first screen, where the overview's first key result needing attention (its
// title) ends, every element that sticks out of its card, left or
// right, but within a table or code that scrolls and a chart's drawing,
// and the room each chart's legend has.
const truthProbe = `(async () => {
	await document.fonts.ready;
	const verdict = document.querySelector('.big-verdict[data-status]');
	const counts = {};
	const dist = document.querySelector('.dist');
	if (dist) dist.querySelectorAll('[data-status], [data-band]').forEach(li => counts[li.dataset.status || 'grade-' + li.dataset.band] = Number(li.dataset.count));
	const screen = [];
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n; (n = walk.nextNode());) {
		const range = document.createRange();
		range.selectNodeContents(n);
		const r = range.getBoundingClientRect();
		if (r.top > 2 * innerHeight) break; // text runs down the page in document order
		if (r.height > 0 && r.top < innerHeight) screen.push(n.textContent);
	}
	const first = document.querySelector('.att .att-what a');
	const attention = first ? [first.getBoundingClientRect().top + scrollY, first.getBoundingClientRect().bottom + scrollY, innerHeight] : [];
	const overflows = [];
	const cards = '.glance, .obj, .kr-section, .team-section, .att, .tile, .periods > li, .row, .kr, .note, .jump';
	for (const card of document.querySelectorAll(cards)) {
		const box = card.getBoundingClientRect();
		if (box.width === 0) continue;
		for (const el of card.querySelectorAll('*')) {
			if (el.closest('.table-wrap, .note table, .note pre, .chart-canvas, svg, details:not([open])') || el.getClientRects().length === 0) continue;
			const r = el.getBoundingClientRect();
			if ((r.right > box.right + 1 || r.left < box.left - 1) && overflows.length < 8) {
				overflows.push('<' + el.tagName.toLowerCase() + ' class="' + (el.getAttribute('class') || '') + '"> (' +
					(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40) + ') sticks out of its card .' +
					card.className.split(' ')[0] + ' by ' + Math.round(Math.max(r.right - box.right, box.left - r.left)) + 'px');
			}
		}
	}
	const rooms = {};
	document.querySelectorAll('[data-chart]').forEach(el => rooms[el.id] = parseFloat(el.style.getPropertyValue('--legend-room')) || 0);
	return {Status: verdict ? verdict.dataset.status : '', Counts: counts, Attention: attention, Overflows: overflows, Screen: screen.join(' '), Rooms: rooms};
})()`

// drawnChart is a chart as ECharts drew it: its kind, the section of the
// key result it belongs to, how data-axes says its value axes write
// values, and each value axis as drawn.
type drawnChart struct {
	ID, Kind, Section string
	Room              float64 // the room its legend has, in pixels
	Specs             []struct{ Prefix, Other string }
	Axes              []drawnAxis
}

// unit is the unit that data-axes has value axis i's labels carry, as
// okr.js reads it (an axis without a spec of its own takes the first's).
func (c drawnChart) unit(i int) string {
	if len(c.Specs) == 0 {
		return ""
	}
	if i >= len(c.Specs) {
		i = 0
	}
	return strings.TrimSpace(c.Specs[i].Prefix + c.Specs[i].Other)
}

// drawnAxis is a value axis as drawn: whether it shows, its name, the
// values at its ends, and its labels as written.
type drawnAxis struct {
	Shown  bool
	Name   string
	Extent [2]float64
	Labels []string
}

// axesProbe reads every chart's value axes from ECharts' own model of it:
// the extent its scale drew and the labels it wrote.
const axesProbe = `Array.from(document.querySelectorAll('[data-chart]')).map(el => {
	const section = el.closest('[id^="kr-"]');
	const out = {ID: el.id, Kind: el.dataset.kind, Section: section ? section.id : '', Room: parseFloat(el.style.getPropertyValue('--legend-room')) || 0, Specs: JSON.parse(el.getAttribute('data-axes') || '[]'), Axes: []};
	const chart = echarts.getInstanceByDom(el);
	if (!chart) return out;
	const model = chart.getModel();
	for (let i = 0, m; (m = model.getComponent('yAxis', i)); i++) {
		const shown = m.get('show') !== false;
		out.Axes.push({
			Shown: shown,
			Name: String(m.get('name') || ''),
			Extent: m.axis.scale.getExtent(),
			Labels: shown && m.get(['axisLabel', 'show']) !== false ? m.axis.getViewLabels().map(l => String(l.formattedLabel)) : [],
		});
	}
	return out;
})`

// checkAxes draws the page's charts, as a reader scrolling down would, and
// returns what is wrong with their value axes: an extent other than the
// one the scores give (a key result's or KPI's Axis; 0 to 1.0 for grades;
// 0 to 100 for percentages), beyond the values the unit allows, a value to
// hold whose axis starts at 0, or labels not written as the page's
// language writes numbers; and a chart whose legend's room differs from
// its room in rooms (once the page loaded): drawing it moved the page.
func checkAxes(tab context.Context, lang string, p *truthPage, rooms map[string]float64) []string {
	n, err := run(tab, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart]').length`))
	if err != nil {
		return []string{"counting the charts: " + err.Error()}
	}
	for i := range n {
		if err := do(tab, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(drawChart, i), chromedp.EvalAwaitPromise)); err != nil {
			return []string{fmt.Sprintf("drawing chart %d of %d: %v", i+1, n, err)}
		}
	}
	if ready, err := chartsReady(tab); err != nil || ready != "true" {
		return []string{fmt.Sprintf("the charts did not draw: %q, %v", ready, err)}
	}
	drawn, err := run(tab, chromedp.Evaluate[[]drawnChart](axesProbe))
	if err != nil {
		return []string{"reading the axes: " + err.Error()}
	}
	if len(drawn) == 0 {
		return []string{"no chart to check the axes of"}
	}
	var problems []string
	for _, c := range drawn {
		if c.Room != rooms[c.ID] {
			problems = append(problems, fmt.Sprintf("chart #%s (%s): its legend's room was %gpx once the page loaded and %gpx once drawn: the page below it moved", c.ID, c.Kind, rooms[c.ID], c.Room))
		}
		for _, w := range axisProblems(c, p) {
			problems = append(problems, fmt.Sprintf("chart #%s (%s): %s", c.ID, c.Kind, w))
		}
		for i, a := range c.Axes {
			if !a.Shown {
				continue
			}
			percent := i < len(c.Specs) && strings.HasSuffix(c.Specs[i].Other, "%")
			// A key result's or KPI's first axis is named by its unit
			// ("MSEK"), which its labels write as the page's locale does
			// ("50 mn kr").
			unitNamed := i == 0 && (c.Kind == "kr" || c.Kind == "kpi") && a.Name != ""
			if unit := c.unit(i); unit != "" && (unitNamed || strings.TrimSpace(a.Name) == unit) {
				problems = append(problems, fmt.Sprintf("chart #%s: axis %d is named %q, the unit its labels already carry", c.ID, i, a.Name))
			}
			problems = append(problems, labelProblems(c, i, a.Labels, lang, percent)...)
		}
	}
	return problems
}

// axisProblems compares a chart's drawn value axes with what the page's
// scores claim.
func axisProblems(c drawnChart, p *truthPage) []string {
	var out []string
	want := func(i int, lo, hi float64, what string) {
		switch {
		case i >= len(c.Axes):
			out = append(out, fmt.Sprintf("no value axis %d; want %s from %g to %g", i, what, lo, hi))
		case c.Axes[i].Extent != [2]float64{lo, hi}:
			out = append(out, fmt.Sprintf("value axis %d runs from %g to %g; want %s from %g to %g", i, c.Axes[i].Extent[0], c.Axes[i].Extent[1], what, lo, hi))
		}
	}
	switch c.Kind {
	case "team":
		want(0, 0, 1, "grades")
		want(1, 0, 100, "progress in percent")
	case "milestone", "progress":
		want(0, 0, 100, "percent done")
	case "kr":
		s := p.krs[c.Section]
		if s == nil {
			return append(out, "no key result for the chart's section "+c.Section)
		}
		ax := s.Axis()
		want(0, ax.Min, ax.Max, "the key result's axis")
		want(1, 0, 1, "confidence")
		least, most := okrsite.Limits(s.KeyResult.Unit, ax.Min, ax.Max)
		if len(c.Axes) > 0 && (c.Axes[0].Extent[0] < least || c.Axes[0].Extent[1] > most) {
			out = append(out, fmt.Sprintf("the axis runs from %g to %g, beyond the possible %g to %g", c.Axes[0].Extent[0], c.Axes[0].Extent[1], least, most))
		}
		if s.KeyResult.IsHold() && len(c.Axes) > 0 && c.Axes[0].Extent[0] == 0 && s.KeyResult.Target > 0 && s.KeyResult.Direction == okrsite.StayAbove {
			out = append(out, fmt.Sprintf("a value to hold at or above %g has an axis from 0, which hides its drops", s.KeyResult.Target))
		}
	case "kpi":
		ax := p.kpi.Axis()
		want(0, ax.Min, ax.Max, "the KPI's axis")
		least, most := okrsite.Limits(p.kpi.KPI.Unit, ax.Min, ax.Max)
		if len(c.Axes) > 0 && (c.Axes[0].Extent[0] < least || c.Axes[0].Extent[1] > most) {
			out = append(out, fmt.Sprintf("the axis runs from %g to %g, beyond the possible %g to %g", c.Axes[0].Extent[0], c.Axes[0].Extent[1], least, most))
		}
	default:
		out = append(out, "a kind of chart the test does not know")
	}
	return out
}

// Numbers written the other language's way: a decimal point between digits
// in Swedish; in English a decimal comma (a comma followed by fewer than
// three digits).
var foreignNumber = map[string]*regexp.Regexp{
	"sv": regexp.MustCompile(`\d\.\d`),
	"en": regexp.MustCompile(`\d,\d{1,2}(?:\D|$)`),
}

// labelProblems checks the labels of a chart's value axis i: written as
// the page's language writes numbers, a percentage axis's each with its
// sign, and no two alike.
func labelProblems(c drawnChart, i int, labels []string, lang string, percent bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range labels {
		switch {
		case foreignNumber[lang].MatchString(l):
			out = append(out, fmt.Sprintf("chart #%s: axis %d's label %q is not written as %s writes numbers", c.ID, i, l, lang))
		case percent && !strings.HasSuffix(l, "%"):
			out = append(out, fmt.Sprintf("chart #%s: axis %d's label %q has no percent sign", c.ID, i, l))
		case seen[l]:
			out = append(out, fmt.Sprintf("chart #%s: axis %d writes %q twice", c.ID, i, l))
		}
		seen[l] = true
	}
	return out
}
