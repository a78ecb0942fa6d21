package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/locale"
)

// Charts come in a few kinds. A kind's shared options (axes, series,
// styles, tooltip) are built with go-echarts once per build and sent once
// per page; each chart then carries only its own part, a fragment of an
// ECharts option with its data, which our script merges over its kind's
// options. go-echarts' own page rendering is never used: it writes content
// into a script unescaped.
//
// The shared options are in static/chart-kinds.js. A chart's own part is
// written by appendJSON, byte for byte as json.Marshal would write it, which
// escapes <, > and &, so it cannot end the <script type="application/json">
// element the partial chart places it in, unchanged, as template.JS. Neither
// carries JavaScript functions: okr.js adds the number formats.
const (
	krChart        = "kr"
	milestoneChart = "milestone"
	kpiChart       = "kpi"
	teamChart      = "team"
	progressChart  = "progress"
)

// chart is one chart on a page: its kind, its own part of the options, and
// a sentence saying what it shows, for readers without JavaScript or sight.
type chart struct {
	ID   string
	Kind string
	JSON template.JS // its own part of the options, written by appendJSON
	Alt  string
	Axes template.HTMLAttr // the data-axes attribute: how okr.js writes each value axis's numbers (locale.Axes)
}

// chartSet numbers the charts of one page, so ids are the same every
// build.
type chartSet struct {
	r     *renderer
	n     int
	other int    // charts the page shows from cached pieces, with ids of their own
	buf   []byte // where add encodes, reused
}

// shows counts n charts that the page shows from cached pieces.
func (ch *chartSet) shows(n int) { ch.other += n }

// Colours of statuses, grades, health and lines, written as the CSS custom
// properties of okr.css that hold them: okr.js puts in each property's
// value where the chart is drawn, so charts take the site's colours, light
// or dark, and a site's own okr.css changes them too. okr.css keeps them at
// 3:1 or more against the chart's background. The pages always pair
// status, grade and health with a word.
var (
	statusColours = map[okrsite.Status]string{
		okrsite.NotStarted:     "var(--grey)",
		okrsite.OnTrack:        "var(--green)",
		okrsite.AtRisk:         "var(--amber)",
		okrsite.OffTrack:       "var(--red)",
		okrsite.NoRecentUpdate: "var(--grey)",
	}
	gradeColours  = map[string]string{"green": "var(--green)", "yellow": "var(--amber)", "red": "var(--red)"}
	healthColours = map[okrsite.Health]string{
		okrsite.Healthy:  "var(--green)",
		okrsite.Warning:  "var(--amber)",
		okrsite.Critical: "var(--red)",
	}
)

const (
	actualColour     = "var(--accent)"
	idealColour      = "var(--grey)"
	confidenceColour = "var(--violet)"
	targetColour     = "var(--green)"
	asOfColour       = "var(--muted)"
)

// option is a chart's own part of its ECharts options. Its types are small
// on purpose: a large site encodes tens of thousands of them.
type option struct {
	Grid   []gridPart   `json:"grid,omitempty"`
	Legend *legendPart  `json:"legend,omitempty"`
	XAxis  []axisPart   `json:"xAxis,omitempty"`
	YAxis  []axisPart   `json:"yAxis,omitempty"`
	Series []seriesPart `json:"series"`
}

// gridPart is what a chart sets of a grid (a plot area) over its kind's.
type gridPart struct {
	Bottom string `json:"bottom,omitempty"`
}

// axisPart is what a chart sets of an axis over its kind's options.
type axisPart struct {
	Name      string     `json:"name,omitempty"`
	Min       any        `json:"min,omitempty"`
	Max       any        `json:"max,omitempty"`
	Data      []string   `json:"data,omitempty"`
	Show      *bool      `json:"show,omitempty"`
	AxisLabel *labelPart `json:"axisLabel,omitempty"`
}

// labelPart is what a chart sets of an axis's labels.
type labelPart struct {
	Show *bool `json:"show,omitempty"`
}

// legendPart lists the series a chart's legend shows.
type legendPart struct {
	Data []string `json:"data"`
}

// seriesPart is one series' data and marks, merged over the series of the
// chart's kind by position.
type seriesPart struct {
	Name     string `json:"name,omitempty"`
	Type     string `json:"type,omitempty"` // for a series the kind does not have
	Data     any    `json:"data"`
	MarkLine *marks `json:"markLine,omitempty"`
	MarkArea *marks `json:"markArea,omitempty"`
}

type marks struct {
	Data any `json:"data"`
}

// add encodes a chart's own options and numbers it in its page. axes say
// how each value axis writes its numbers, the first axis first.
func (ch *chartSet) add(kind string, o option, alt string, axes ...locale.Axis) chart {
	ch.n++
	c := ch.encode(kind, o, alt, axes...)
	c.ID = "c" + strconv.Itoa(ch.n)
	return c
}

// encode encodes a chart's own options, leaving its id to the caller.
func (ch *chartSet) encode(kind string, o option, alt string, axes ...locale.Axis) chart {
	var err error
	ch.buf, err = o.appendJSON(ch.buf[:0])
	js := template.JS(ch.buf)
	if err != nil {
		// The options hold only finite numbers and strings, so this
		// cannot happen; an empty chart is better than a failed build.
		js = `{"series":[]}`
	}
	return chart{Kind: kind, JSON: js, Alt: alt, Axes: axesAttr(axes)}
}

// axesAttrs holds the data-axes attributes written so far, by their axes:
// a site has few units and precisions, and tens of thousands of charts.
var axesAttrs sync.Map // axesKey -> template.HTMLAttr

// axesKey is a chart's value axes, at most two, as a map key.
type axesKey struct {
	n    int
	axes [2]locale.Axis
}

// axesAttr returns the data-axes attribute of a chart's value axes (at
// most two), or "" for none.
func axesAttr(axes []locale.Axis) template.HTMLAttr {
	if len(axes) == 0 {
		return ""
	}
	key := axesKey{n: len(axes)}
	copy(key.axes[:], axes)
	if a, ok := axesAttrs.Load(key); ok {
		return a.(template.HTMLAttr)
	}
	a := jsonAttr("data-axes", locale.Axes(axes...))
	axesAttrs.Store(key, a)
	return a
}

// percentAxis is how a chart writes values that are already percentages,
// 0 to 100: whole, with the locale's percent sign.
func (r *renderer) percentAxis() locale.Axis {
	a := r.lang.f.ShareAxis()
	a.Scale = 0
	return a
}

// chartKindsScript writes static/chart-kinds.js: every kind's shared
// options, loaded once by every page with charts and cached by browsers. The
// options hold okr's own words only, no content.
func (r *renderer) chartKindsScript(buf *output) error {
	buf.WriteString("// chart-kinds.js: the options each kind of chart shares, built by okr with go-echarts.\n")
	buf.WriteString("window.okrChartKinds = {")
	for i, k := range slices.Sorted(maps.Keys(r.chartBases)) {
		if i > 0 {
			buf.WriteString(",")
		}
		fmt.Fprintf(buf, "\n%q: ", k)
		buf.Write(r.chartBases[k])
	}
	buf.WriteString("\n};\n")
	return nil
}

// point is one [date, value] pair of a time series.
type point struct {
	date  okrsite.Date
	value float64
}

// points is a time series. It encodes as an array of short arrays,
// [["2026-07-03",41.5],...], written directly: a large site has hundreds
// of thousands of points.
type points []point

func (ps points) MarshalJSON() ([]byte, error) { return ps.appendJSON(nil), nil }

func (ps points) appendJSON(b []byte) []byte {
	b = slices.Grow(b, 2+24*len(ps))
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `["`...)
		b = p.date.AppendFormat(b)
		b = append(b, `",`...)
		b = appendRounded(b, p.value)
		b = append(b, ']')
	}
	return append(b, ']')
}

// appendRounded appends v with six significant digits, as round does, and
// 0 for a value that is not a finite number.
func appendRounded(b []byte, v float64) []byte {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, '0')
	}
	return strconv.AppendFloat(b, v, 'g', 6, 64)
}

// round keeps six significant digits, so the JSON stays short and the same
// on every machine.
func round(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	p := math.Pow(10, 6-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// buildChartBases builds every kind's shared options with go-echarts, once
// per build.
func (r *renderer) buildChartBases() (map[string][]byte, error) {
	l := r.lang
	out := map[string][]byte{}
	encode := func(kind string, c interface {
		Validate()
		JSON() map[string]any
	}) error {
		c.Validate()
		o := c.JSON()
		delete(o, "title")
		delete(o, "toolbox")
		b, err := json.Marshal(o)
		out[kind] = b
		return err
	}
	svg := charts.WithInitializationOpts(opts.Initialization{Renderer: "svg"})
	// plot is a chart's one grid: room on the right for a second axis's
	// labels, or for the last date, and at the bottom for a legend.
	plot := func(right, bottom string) charts.GlobalOpts {
		return charts.WithGridOpts(opts.Grid{Left: "8", Right: right, Top: "28", Bottom: bottom, ContainLabel: opts.Bool(true)})
	}
	legend := charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"})
	noLegend := charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)})
	axisTooltip := charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"})
	itemTooltip := charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"})
	markLineStyle := func(colour, position string) charts.SeriesOpts {
		return charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
			Symbol:    []string{"none", "none"},
			Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Position: position, Color: asOfColour},
			LineStyle: &opts.LineStyle{Color: colour, Type: "dashed"},
		})
	}
	timeLabel := &opts.AxisLabel{HideOverlap: opts.Bool(true), ShowMinLabel: opts.Bool(true), ShowMaxLabel: opts.Bool(true), AlignMinLabel: "left", AlignMaxLabel: "right"}
	timeAxis := charts.WithXAxisOpts(opts.XAxis{Type: "time", AxisLabel: timeLabel})
	solid := func(colour string) []charts.SeriesOpts {
		return []charts.SeriesOpts{
			charts.WithLineStyleOpts(opts.LineStyle{Color: colour, Width: 2}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}),
		}
	}
	dashed := func(colour, kind string) []charts.SeriesOpts {
		return []charts.SeriesOpts{
			charts.WithLineStyleOpts(opts.LineStyle{Color: colour, Type: kind, Width: 1.5}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		}
	}

	// A key result: actual, ideal and forecast over its values, and
	// confidence (0 to 1) in a strip of its own below them, on the same
	// dates, never on a second axis over the values. The strip's time
	// axis writes the dates; a chart without confidence hides the strip
	// (keyResult). okr.js starts both plots as far in as the widest value
	// label needs, so their dates line up.
	kr := charts.NewLine()
	kr.SetGlobalOptions(svg, axisTooltip, legend,
		charts.WithGridOpts(
			opts.Grid{Left: "60", Right: "16", Top: "28", Bottom: "128"},
			opts.Grid{Left: "60", Right: "16", Height: "36", Bottom: "48"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time", AxisLabel: &opts.AxisLabel{Show: opts.Bool(false), HideOverlap: opts.Bool(true), ShowMinLabel: opts.Bool(true), ShowMaxLabel: opts.Bool(true), AlignMinLabel: "left", AlignMaxLabel: "right"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Scale: opts.Bool(true)}))
	kr.ExtendXAxis(opts.XAxis{Type: "time", GridIndex: 1, AxisLabel: timeLabel})
	kr.ExtendYAxis(opts.YAxis{Type: "value", GridIndex: 1, Min: 0, Max: 1, SplitNumber: 1, Name: l.T("chart.confidence")})
	kr.AddSeries(l.T("chart.actual"), nil, append(solid(actualColour), markLineStyle(targetColour, "end"))...)
	kr.AddSeries(l.T("chart.ideal"), nil, dashed(idealColour, "dashed")...)
	kr.AddSeries(l.T("chart.forecast"), nil, dashed(actualColour, "dotted")...)
	kr.AddSeries(l.T("chart.confidence"), nil,
		charts.WithLineChartOpts(opts.LineChart{XAxisIndex: 1, YAxisIndex: 1, Step: "end"}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: confidenceColour, Width: 1}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: confidenceColour}))
	if err := encode(krChart, kr); err != nil {
		return nil, err
	}

	// A milestone result: the share done, as steps, against the ideal.
	ms := charts.NewLine()
	ms.SetGlobalOptions(svg, plot("16", "48"), axisTooltip, legend, timeAxis,
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100, Name: "%"}))
	ms.AddSeries(l.T("chart.done"), nil, append(solid(actualColour), markLineStyle(asOfColour, "end"),
		charts.WithLineChartOpts(opts.LineChart{Step: "end"}))...)
	ms.AddSeries(l.T("chart.ideal"), nil, dashed(idealColour, "dashed")...)
	if err := encode(milestoneChart, ms); err != nil {
		return nil, err
	}

	// A KPI: its values over its zones.
	kpi := charts.NewLine()
	kpi.SetGlobalOptions(svg, plot("16", "16"), axisTooltip, noLegend, timeAxis,
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}))
	kpi.AddSeries("", nil, append(solid(actualColour),
		charts.WithMarkAreaStyleOpts(opts.MarkAreaStyle{Label: &opts.Label{Show: opts.Bool(true), Position: "insideTop", Color: asOfColour}}))...)
	if err := encode(kpiChart, kpi); err != nil {
		return nil, err
	}

	// A team: the grades of its finished periods and, on an axis of its
	// own, the progress so far of a running one.
	team := charts.NewBar()
	team.SetGlobalOptions(svg, plot("56", "28"), itemTooltip, noLegend,
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", HideOverlap: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 1, Name: l.T("chart.gradeaxis")}))
	team.ExtendYAxis(opts.YAxis{Type: "value", Min: 0, Max: 100, Name: l.T("chart.sofar"), SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	barLabel := charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"})
	team.AddSeries(l.T("chart.gradeaxis"), nil, barMaxWidth("48"), barLabel)
	team.AddSeries(l.T("chart.sofar"), nil, barMaxWidth("48"), barLabel, charts.WithBarChartOpts(opts.BarChart{YAxisIndex: 1}))
	if err := encode(teamChart, team); err != nil {
		return nil, err
	}

	// An objective: each key result's progress over the period, against
	// the ideal line. The key results' series come with each chart.
	progress := charts.NewLine()
	progress.SetGlobalOptions(svg, plot("16", "48"), axisTooltip, legend, timeAxis,
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100, Name: "%"}))
	progress.AddSeries(l.T("chart.ideal"), nil, append(dashed(idealColour, "dashed"), markLineStyle(asOfColour, "end"))...)
	return out, encode(progressChart, progress)
}

// barMaxWidth keeps bars slim when there are few of them.
func barMaxWidth(w string) charts.SeriesOpts {
	return func(s *charts.SingleSeries) { s.BarMaxWidth = w }
}

// keyResult charts a key result over its period: check-ins against the
// ideal line, the target (for a value to hold, the band of values that
// hold), the projection, the as-of date, and confidence in a strip below.
// Its value axis spans its values within the unit's limits (okrsite's
// Axis), so a value to hold near 100% is seen close up. A result without a
// start value starts at its first check-in. why is why the result has its
// status (the helper why), which the chart's description ends with.
func (ch *chartSet) keyResult(s *okrsite.KeyResultScore, why string) chart {
	l := ch.r.lang
	kr := s.KeyResult
	p := kr.Objective.Period
	if kr.IsMilestone() {
		return ch.milestones(s, why)
	}
	axis := s.Axis()
	dates := periodAxis(p)[0]
	o := option{
		XAxis:  []axisPart{dates, dates},
		YAxis:  []axisPart{{Name: kr.Unit, Min: axis.Min, Max: axis.Max}},
		Series: make([]seriesPart, 4),
	}
	actual := make(points, 0, len(s.Checkins)+1)
	if kr.HasStart {
		actual = append(actual, point{p.Start, kr.Start})
	}
	for _, c := range s.Checkins {
		actual = append(actual, point{c.Date, c.Value})
	}
	var lines []any
	if p.Contains(ch.r.card.AsOf) {
		lines = append(lines, ch.asOfMark())
	}
	legend := []string{l.T("chart.actual")}
	o.Series[0] = seriesPart{Data: reduce(actual, maxPoints)}
	o.Series[1].Data, o.Series[2].Data, o.Series[3].Data = points{}, points{}, points{}
	if kr.IsHold() {
		lo, hi := kr.Target, axis.Max
		if kr.Direction == okrsite.StayBelow {
			lo, hi = axis.Min, kr.Target
		}
		o.Series[0].MarkArea = &marks{[]any{[]map[string]any{
			{"yAxis": round(lo), "name": l.T("chart.band"), "itemStyle": opts.ItemStyle{Color: targetColour, Opacity: opts.Float(0.12)},
				"label": map[string]any{"position": "insideBottomRight", "color": asOfColour}},
			{"yAxis": round(hi)},
		}}}
	} else {
		lines = append([]any{opts.MarkLineNameYAxisItem{Name: l.T("chart.target"), YAxis: round(kr.Target)}}, lines...)
	}
	if lines != nil {
		o.Series[0].MarkLine = &marks{lines}
	}
	if kr.HasStart && (kr.Direction == okrsite.Increase || kr.Direction == okrsite.Decrease) {
		o.Series[1].Data = points{{p.Start, kr.Start}, {p.End, kr.Target}}
		legend = append(legend, l.T("chart.ideal"))
	}
	if s.HasProjection && len(actual) > 0 {
		o.Series[2].Data = points{actual[len(actual)-1], {p.End, estimate(s.ProjectedValue)}} // as the page writes it
		legend = append(legend, l.T("chart.forecast"))
	}
	var confidence points
	for _, c := range s.Checkins {
		if c.Confidence != okrsite.NoConfidence {
			confidence = append(confidence, point{c.Date, c.Confidence})
		}
	}
	if len(confidence) > 0 {
		o.Series[3].Data = reduce(confidence, maxPoints)
		legend = append(legend, l.T("chart.confidence"))
	} else { // no strip: the values' plot takes its place and writes the dates
		shown, hidden := true, false
		o.Grid = []gridPart{{Bottom: "48"}}
		o.XAxis = []axisPart{{Min: dates.Min, Max: dates.Max, AxisLabel: &labelPart{Show: &shown}}, {Show: &hidden}}
		o.YAxis = append(o.YAxis, axisPart{Show: &hidden})
	}
	o.Legend = &legendPart{Data: legend}
	latest := ""
	if len(s.Checkins) > 0 || kr.HasStart {
		latest = ch.r.krValue(s, s.Current)
	}
	var alt string
	switch {
	case kr.IsHold():
		alt = l.Tf("obj.chart.hold", kr.Title, ch.r.krTarget(s), latest)
	case kr.HasStart:
		alt = l.Tf("obj.chart", kr.Title, latest, ch.r.krValue(s, kr.Target), ch.r.krValue(s, kr.Start), l.Date(p.Start), l.Date(p.End))
	default:
		alt = l.Tf("obj.chart.nostart", kr.Title, latest, ch.r.krValue(s, kr.Target))
	}
	alt += " " + why + "."
	return ch.add(krChart, o, alt, ch.r.lang.f.Axis(s.Decimals, kr.Units()), ch.r.lang.f.ShareAxis())
}

// milestones charts the share of a milestone result done over time; why is
// as for keyResult.
func (ch *chartSet) milestones(s *okrsite.KeyResultScore, why string) chart {
	l := ch.r.lang
	kr := s.KeyResult
	p := kr.Objective.Period
	o := option{
		XAxis:  periodAxis(p),
		Series: []seriesPart{{Data: ch.shareDone(kr)}, {Data: points{{p.Start, 0}, {p.End, 100}}}},
	}
	if p.Contains(ch.r.card.AsOf) {
		o.Series[0].MarkLine = &marks{[]any{ch.asOfMark()}}
	}
	return ch.add(milestoneChart, o, l.Tf("obj.chart.milestone", kr.Title, s.Done, len(kr.Milestones))+" "+why+".", ch.r.percentAxis())
}

// periodAxis is a time axis that spans period p.
func periodAxis(p *okrsite.Period) []axisPart {
	return []axisPart{{Min: p.Start.String(), Max: p.End.String()}}
}

// asOfMark marks the as-of date on a time axis.
func (ch *chartSet) asOfMark() opts.MarkLineNameXAxisItem {
	return opts.MarkLineNameXAxisItem{Name: ch.r.lang.T("chart.asof"), XAxis: ch.r.card.AsOf.String()}
}

// shareDone is the share, in percent, of a milestone result's milestones
// done over its period, from 0 at the start.
func (ch *chartSet) shareDone(kr *okrsite.KeyResult) points {
	p := kr.Objective.Period
	done := points{{p.Start, 0}}
	for i, d := range doneDates(kr.Milestones, ch.r.card.AsOf, p.Start) {
		done = append(done, point{d, 100 * float64(i+1) / float64(len(kr.Milestones))})
	}
	return done
}

// doneDates returns the days milestones were done by asOf, in order; one
// done on an unknown day counts from start.
func doneDates(ms []okrsite.Milestone, asOf, start okrsite.Date) []okrsite.Date {
	var days []okrsite.Date
	for _, m := range ms {
		switch {
		case !m.Done || m.HasDate && m.DoneOn > asOf:
		case !m.HasDate:
			days = append(days, start)
		default:
			days = append(days, m.DoneOn)
		}
	}
	slices.Sort(days)
	return days
}

// objectiveProgress charts the progress of each of an objective's key
// results over the period, as a share of the way from start to target.
// The chart is part of the objective's cached piece of the print editions,
// so its id is the objective's own, not a number in a page: "ID.progress"
// is unique in a period's pages, since only these ids hold a dot.
func (r *renderer) objectiveProgress(os *okrsite.ObjectiveScore) chart {
	ch := &chartSet{r: r}
	l := r.lang
	p := os.Objective.Period
	o := option{
		XAxis:  periodAxis(p),
		Series: []seriesPart{{Data: points{{p.Start, 0}, {p.End, 100}}}},
	}
	if p.Contains(ch.r.card.AsOf) {
		o.Series[0].MarkLine = &marks{[]any{ch.asOfMark()}}
	}
	legend := []string{l.T("chart.ideal")}
	for _, krs := range os.KeyResults {
		kr := krs.KeyResult
		var data points
		switch {
		case kr.IsMilestone():
			data = ch.shareDone(kr)
		case kr.Direction == okrsite.StayAbove || kr.Direction == okrsite.StayBelow:
			held := 0
			for i, c := range krs.Checkins {
				if okrsite.Holds(kr, c.Value) {
					held++
				}
				data = append(data, point{c.Date, 100 * float64(held) / float64(i+1)})
			}
		default:
			data = points{{p.Start, 0}}
			for _, c := range krs.Checkins {
				data = append(data, point{c.Date, 100 * okrsite.ValueProgress(kr, c.Value)})
			}
		}
		o.Series = append(o.Series, seriesPart{Name: kr.Title, Type: "line", Data: reduce(data, maxPoints)})
		legend = append(legend, kr.Title)
	}
	o.Legend = &legendPart{Data: legend}
	c := ch.encode(progressChart, o, l.Tf("print.chart", os.Objective.Title, l.Pct(os.Progress))+" "+r.why(&os.Score)+".", r.percentAxis())
	c.ID = os.Objective.ID + ".progress"
	return c
}

// teamHistory charts a team's periods: the grade of each finished period
// and, on an axis of its own, the progress so far of a running one, whose
// label says it is running. Grades and progress never share a scale.
func (ch *chartSet) teamHistory(t *okrsite.Team, history []*okrsite.TeamPeriodScore) chart {
	l := ch.r.lang
	labels := make([]string, len(history))
	grades := make([]opts.BarData, len(history))
	progress := make([]opts.BarData, len(history))
	alt := make([]string, len(history))
	for i, tp := range history {
		labels[i] = tp.Period.Name
		grades[i], progress[i] = opts.BarData{Value: "-"}, opts.BarData{Value: "-"}
		switch {
		case tp.Final:
			grades[i] = opts.BarData{Value: tp.Grade, ItemStyle: &opts.ItemStyle{Color: gradeColours[tp.Band]},
				Label: &opts.Label{Formatter: l.Grade(tp.Grade)}}
			alt[i] = l.Tf("team.history.final", tp.Period.Name, l.Grade(tp.Grade))
		default:
			labels[i] = l.Tf("chart.running", tp.Period.Name)
			progress[i] = opts.BarData{Value: math.Round(100 * tp.Progress), ItemStyle: &opts.ItemStyle{Color: statusColours[tp.Status], Opacity: opts.Float(0.6)},
				Label: &opts.Label{Formatter: l.Pct(tp.Progress)}}
			alt[i] = l.Tf("team.history.running", tp.Period.Name, l.Pct(tp.Progress), l.Pct(tp.Expected))
		}
	}
	o := option{XAxis: []axisPart{{Data: labels}}, Series: []seriesPart{{Data: grades}, {Data: progress}}}
	text := l.Tf("team.history.chart", t.Name, len(history)) + " " + strings.Join(alt, "; ") + "."
	return ch.add(teamChart, o, text, locale.Axis{Decimals: 1}, ch.r.percentAxis())
}

// kpi charts a KPI's measurements over its zones, with the periods in
// which key results lifted it shaded.
func (ch *chartSet) kpi(ks *okrsite.KPIScore) chart {
	l := ch.r.lang
	k := ks.KPI
	data := make(points, len(ks.Measurements))
	for i, m := range ks.Measurements {
		data[i] = point{m.Date, m.Value}
	}
	axis := ks.Axis()
	lo, hi := axis.Min, axis.Max
	first, last := ch.r.card.AsOf, ch.r.card.AsOf
	if len(ks.Measurements) > 0 {
		first = ks.Measurements[0].Date
	}
	for _, p := range ks.Periods {
		first, last = min(first, p.Start), max(last, p.End)
	}
	var areas []any
	for _, z := range zones(k, lo, hi) {
		areas = append(areas, area(first.String(), z.from, last.String(), z.to, "", healthColours[z.health], 0.18)) // warning and critical told apart, in dark mode too
	}
	for _, p := range ks.Periods {
		areas = append(areas, area(p.Start.String(), round(lo), p.End.String(), round(hi), p.Name, actualColour, 0.12))
	}
	o := option{
		XAxis:  []axisPart{{Min: first.String(), Max: last.String()}},
		YAxis:  []axisPart{{Name: k.Unit, Min: round(lo), Max: round(hi)}},
		Series: []seriesPart{{Name: k.Name, Data: reduce(data, maxPoints), MarkArea: &marks{areas}}},
	}
	latest := l.T("health.no-data")
	if len(ks.Measurements) > 0 {
		latest = ch.r.kpiValue(ks, ks.Latest.Value)
	}
	return ch.add(kpiChart, o, l.Tf("kpi.chart", k.Name, latest, l.T("health."+ks.Health.String())), l.f.Axis(ks.Decimals, k.Units()))
}

// area is a shaded rectangle of a chart, from (x0, y0) to (x1, y1).
func area(x0 string, y0 float64, x1 string, y1 float64, name, colour string, opacity float32) []map[string]any {
	start := map[string]any{"coord": []any{x0, y0}, "itemStyle": opts.ItemStyle{Color: colour, Opacity: opts.Float(opacity)}}
	if name != "" {
		start["name"] = name
	}
	return []map[string]any{start, {"coord": []any{x1, y1}}}
}

// zone is a range of a KPI's values with one health.
type zone struct {
	from, to float64
	health   okrsite.Health
}

// zones divides a KPI's axis, from lo to hi, by its thresholds.
func zones(k *okrsite.KPI, lo, hi float64) []zone {
	h, w := k.Thresholds.Healthy, k.Thresholds.Warning
	var zs []zone
	switch k.Direction {
	case okrsite.HigherIsBetter:
		zs = []zone{{lo, w.Low, okrsite.Critical}, {w.Low, h.Low, okrsite.Warning}, {h.Low, hi, okrsite.Healthy}}
	case okrsite.LowerIsBetter:
		zs = []zone{{lo, h.High, okrsite.Healthy}, {h.High, w.High, okrsite.Warning}, {w.High, hi, okrsite.Critical}}
	default:
		zs = []zone{
			{lo, w.Low, okrsite.Critical}, {w.Low, h.Low, okrsite.Warning}, {h.Low, h.High, okrsite.Healthy},
			{h.High, w.High, okrsite.Warning}, {w.High, hi, okrsite.Critical},
		}
	}
	for i := range zs {
		zs[i].from, zs[i].to = round(zs[i].from), round(zs[i].to)
	}
	return zs
}
