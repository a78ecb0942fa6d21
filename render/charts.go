package render

import (
	"encoding/json"
	"html/template"
	"math"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/okrsite/okrsite"
)

// chart is one chart on a page: its options as JSON for our script to hand
// to ECharts, and a sentence saying what it shows for readers without
// JavaScript or sight.
//
// The options come from go-echarts, but never through its own page
// rendering, which writes content into a script unescaped. json.Marshal
// escapes <, > and &, so the JSON cannot end the script element it sits in,
// and the options carry no JavaScript functions.
type chart struct {
	ID     string
	Class  string // "chart-kr", "chart-kpi", ... for the chart's size
	Height int    // in CSS pixels, when the chart's content decides it
	JSON   template.JS
	Alt    string
}

// chartSet numbers the charts of one page, so ids are the same every build.
type chartSet struct {
	r *renderer
	n int
}

// echart is what every go-echarts chart type offers.
type echart interface {
	Validate()
	JSON() map[string]any
}

// Colours of statuses and health, chosen to read on light and dark
// backgrounds; the pages always pair them with a word.
var (
	statusColours = map[okrsite.Status]string{
		okrsite.NotStarted:     "#a3a9b3",
		okrsite.OnTrack:        "#2f8a4e",
		okrsite.AtRisk:         "#c98a00",
		okrsite.OffTrack:       "#c8372d",
		okrsite.NoRecentUpdate: "#7d8590",
	}
	gradeColours  = map[string]string{"green": "#2f8a4e", "yellow": "#c98a00", "red": "#c8372d"}
	healthColours = map[okrsite.Health]string{
		okrsite.Healthy:  "#2f8a4e",
		okrsite.Warning:  "#c98a00",
		okrsite.Critical: "#c8372d",
	}
)

const (
	actualColour     = "#3b6fd8"
	idealColour      = "#98a2b3"
	confidenceColour = "#9a5cd0"
	targetColour     = "#2f8a4e"
	asOfColour       = "#6b7280"
)

// add finishes a chart: fixes its id, validates it and encodes its options.
func (ch *chartSet) add(class string, c echart, alt string) chart {
	ch.n++
	id := "c" + strconv.Itoa(ch.n)
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		// The options are built from numbers and strings only, so this
		// cannot happen; an empty chart is better than a failed build.
		b = []byte("{}")
	}
	return chart{ID: id, Class: class, JSON: template.JS(b), Alt: alt}
}

// init returns the options every chart starts from.
func (ch *chartSet) init(id int) charts.GlobalOpts {
	return charts.WithInitializationOpts(opts.Initialization{ChartID: "c" + strconv.Itoa(id), Renderer: "svg"})
}

// day is a date as ECharts' time axis reads it.
func day(d okrsite.Date) string { return d.String() }

// point is one [date, value] pair of a time series.
func point(d okrsite.Date, v float64) opts.LineData {
	return opts.LineData{Value: []any{day(d), round(v)}}
}

// round keeps six significant decimals, so the JSON stays short and the
// same on every machine.
func round(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	p := math.Pow(10, 6-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

func (ch *chartSet) legend() charts.GlobalOpts {
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"})
}

func tooltip(trigger string) charts.GlobalOpts {
	return charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger})
}

func grid(left string) charts.GlobalOpts {
	return charts.WithGridOpts(opts.Grid{Left: left, Right: "56", Top: "24", Bottom: "48", ContainLabel: opts.Bool(true)})
}

// timeAxis spans a period on the x axis.
func timeAxis(p *okrsite.Period) charts.GlobalOpts {
	return charts.WithXAxisOpts(opts.XAxis{Type: "time", Min: day(p.Start), Max: day(p.End)})
}

// keyResult charts a key result over its period: check-ins against the
// ideal line, the target, the forecast, the as-of date, and confidence on
// a second axis.
func (ch *chartSet) keyResult(s *okrsite.KeyResultScore) chart {
	l := ch.r.lang
	kr := s.KeyResult
	p := kr.Objective.Period
	line := charts.NewLine()
	line.SetGlobalOptions(ch.init(ch.n+1), tooltip("axis"), ch.legend(), grid("8"), timeAxis(p),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Scale: opts.Bool(true), Name: kr.Unit}))

	if kr.IsMilestone() {
		return ch.milestones(line, s)
	}

	actual := []opts.LineData{point(p.Start, kr.Start)}
	for _, c := range s.Checkins {
		actual = append(actual, point(c.Date, c.Value))
	}
	marks := []charts.SeriesOpts{
		charts.WithLineStyleOpts(opts.LineStyle{Color: actualColour, Width: 2}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: actualColour}),
		charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: l.T("chart.target"), YAxis: round(kr.Target)}),
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
			Symbol:    []string{"none", "none"},
			Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}"},
			LineStyle: &opts.LineStyle{Color: targetColour, Type: "dashed"},
		}),
	}
	if p.Contains(ch.r.card.AsOf) {
		marks = append(marks, charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: l.T("chart.asof"), XAxis: day(ch.r.card.AsOf)}))
	}
	line.AddSeries(l.T("chart.actual"), actual, marks...)

	if kr.Direction == okrsite.Increase || kr.Direction == okrsite.Decrease {
		line.AddSeries(l.T("chart.ideal"), []opts.LineData{point(p.Start, kr.Start), point(p.End, kr.Target)},
			charts.WithLineStyleOpts(opts.LineStyle{Color: idealColour, Type: "dashed", Width: 1}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: idealColour}),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
	}
	if s.HasForecast {
		last := actual[len(actual)-1]
		line.AddSeries(l.T("chart.forecast"), []opts.LineData{last, point(p.End, s.ForecastValue)},
			charts.WithLineStyleOpts(opts.LineStyle{Color: actualColour, Type: "dotted", Width: 2}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: actualColour}),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
	}
	var confidence []opts.LineData
	for _, c := range s.Checkins {
		if c.Confidence != okrsite.NoConfidence {
			confidence = append(confidence, point(c.Date, c.Confidence))
		}
	}
	if len(confidence) > 0 {
		line.ExtendYAxis(opts.YAxis{Type: "value", Min: 0, Max: 1, Name: l.T("chart.confidence"), SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
		line.AddSeries(l.T("chart.confidence"), confidence,
			charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1, Step: "end"}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: confidenceColour, Width: 1, Opacity: opts.Float(0.8)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: confidenceColour}))
	}
	alt := l.Tf("obj.chart", kr.Title, l.T("score.current"), l.Value(s.Current, kr.Unit), l.Value(kr.Target, kr.Unit),
		l.Value(kr.Start, kr.Unit), l.Date(p.Start), l.Date(p.End))
	return ch.add("chart-kr", line, alt)
}

// milestones charts the share of a milestone result done over time.
func (ch *chartSet) milestones(line *charts.Line, s *okrsite.KeyResultScore) chart {
	l := ch.r.lang
	kr := s.KeyResult
	p := kr.Objective.Period
	line.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 1}))
	data := []opts.LineData{point(p.Start, 0)}
	done := 0
	for _, m := range sortedMilestones(kr.Milestones, ch.r.card.AsOf) {
		done++
		data = append(data, point(m, float64(done)/float64(len(kr.Milestones))))
	}
	line.AddSeries(l.T("chart.done"), data,
		charts.WithLineChartOpts(opts.LineChart{Step: "end"}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: actualColour, Width: 2}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: actualColour}))
	line.AddSeries(l.T("chart.ideal"), []opts.LineData{point(p.Start, 0), point(p.End, 1)},
		charts.WithLineStyleOpts(opts.LineStyle{Color: idealColour, Type: "dashed", Width: 1}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: idealColour}),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
	n := 0
	for _, m := range kr.Milestones {
		if m.Done {
			n++
		}
	}
	return ch.add("chart-kr", line, l.Tf("obj.chart.milestone", kr.Title, n, len(kr.Milestones)))
}

// sortedMilestones returns the dates milestones were done by asOf, in
// order; a milestone done on an unknown day counts from the first.
func sortedMilestones(ms []okrsite.Milestone, asOf okrsite.Date) []okrsite.Date {
	var days []okrsite.Date
	for _, m := range ms {
		switch {
		case !m.Done || m.HasDate && m.DoneOn > asOf:
		case !m.HasDate:
			days = append(days, 0)
		default:
			days = append(days, m.DoneOn)
		}
	}
	slices.Sort(days)
	return days
}

// summary charts a period's progress by objective (or by team when there
// are many objectives), coloured by status or, once the period is over, by
// grade.
func (ch *chartSet) summary(ps *okrsite.PeriodScore) chart {
	l := ch.r.lang
	type row struct {
		label string
		score okrsite.Score
	}
	var rows []row
	title := l.T("period.summary")
	if len(ps.Objectives) <= 40 {
		for _, os := range ps.Objectives {
			rows = append(rows, row{os.Objective.Team.Name + " · " + os.Objective.Title, os.Score})
		}
	} else {
		title = l.T("period.summary.teams")
		for _, tp := range ps.Teams {
			rows = append(rows, row{tp.Team.Name, tp.Score})
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(ch.init(ch.n+1), tooltip("item"), grid("8"),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: 100, Name: "%"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Width: 260, Overflow: "truncate", Interval: "0"}}),
	)
	labels := make([]string, len(rows))
	data := make([]opts.BarData, len(rows))
	for i, rw := range rows {
		labels[i] = rw.label
		colour := statusColours[rw.score.Status]
		value := rw.score.Progress
		if ps.Final {
			colour = gradeColours[okrsite.GradeColour(rw.score.Grade)]
			value = rw.score.Grade
		}
		data[i] = opts.BarData{Value: round(100 * value), ItemStyle: &opts.ItemStyle{Color: colour}}
	}
	// The bars run across, so the labels go on the y axis.
	bar.SetXAxis(labels).XYReversal()
	series := []charts.SeriesOpts{barMaxWidth("18")}
	if !ps.Final && ps.Period.Contains(ch.r.card.AsOf) {
		series = append(series,
			charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: l.T("chart.expected"), XAxis: round(100 * ps.Expected)}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}"},
				LineStyle: &opts.LineStyle{Color: asOfColour, Type: "dashed"}}))
	}
	bar.AddSeries(title, data, series...)
	alt := l.Tf("period.chart", len(rows), l.Pct(ps.Expected))
	if ps.Final {
		alt = l.Tf("period.chart.final", len(rows))
	}
	c := ch.add("chart-summary", bar, alt)
	c.Height = 80 + 30*len(rows)
	return c
}

// barMaxWidth keeps bars slim when there are few of them.
func barMaxWidth(w string) charts.SeriesOpts {
	return func(s *charts.SingleSeries) { s.BarMaxWidth = w }
}

// teamHistory charts a team's score in each period it set objectives for.
func (ch *chartSet) teamHistory(t *okrsite.Team, history []*okrsite.TeamPeriodScore) chart {
	l := ch.r.lang
	bar := charts.NewBar()
	bar.SetGlobalOptions(ch.init(ch.n+1), tooltip("item"), grid("8"),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100, Name: "%"}))
	labels := make([]string, len(history))
	data := make([]opts.BarData, len(history))
	for i, tp := range history {
		labels[i] = tp.Period.Name
		colour, value := statusColours[tp.Status], tp.Progress
		if tp.Final {
			colour, value = gradeColours[okrsite.GradeColour(tp.Grade)], tp.Grade
		}
		data[i] = opts.BarData{Value: round(100 * value), ItemStyle: &opts.ItemStyle{Color: colour}}
	}
	bar.SetXAxis(labels)
	bar.AddSeries(l.T("chart.score"), data, barMaxWidth("48"))
	return ch.add("chart-team", bar, l.Tf("team.history.chart", t.Name, len(history)))
}

// kpi charts a KPI's measurements over its zones, with the periods in
// which key results lifted it shaded.
func (ch *chartSet) kpi(ks *okrsite.KPIScore) chart {
	l := ch.r.lang
	k := ks.KPI
	line := charts.NewLine()
	line.SetGlobalOptions(ch.init(ch.n+1), tooltip("axis"), grid("8"),
		charts.WithXAxisOpts(opts.XAxis{Type: "time"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Scale: opts.Bool(true), Name: k.Unit}))
	data := make([]opts.LineData, len(ks.Measurements))
	for i, m := range ks.Measurements {
		data[i] = point(m.Date, m.Value)
	}
	var areas []opts.MarkAreaNameCoordItem
	for _, z := range zones(k) {
		areas = append(areas, opts.MarkAreaNameCoordItem{
			Coordinate0: []any{"min", z.from},
			Coordinate1: []any{"max", z.to},
			ItemStyle:   &opts.ItemStyle{Color: healthColours[z.health], Opacity: opts.Float(0.08)},
		})
	}
	for _, p := range ks.Periods {
		areas = append(areas, opts.MarkAreaNameCoordItem{
			Name:        p.Name,
			Coordinate0: []any{day(p.Start), "min"},
			Coordinate1: []any{day(p.End), "max"},
			ItemStyle:   &opts.ItemStyle{Color: actualColour, Opacity: opts.Float(0.12)},
		})
	}
	line.AddSeries(k.Name, data,
		charts.WithLineStyleOpts(opts.LineStyle{Color: actualColour, Width: 2}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: actualColour}),
		charts.WithMarkAreaNameCoordItemOpts(areas...),
		charts.WithMarkAreaStyleOpts(opts.MarkAreaStyle{Label: &opts.Label{Show: opts.Bool(true), Position: "insideTop"}}))
	latest := l.T("health.no-data")
	if len(ks.Measurements) > 0 {
		latest = l.Value(ks.Latest.Value, k.Unit)
	}
	return ch.add("chart-kpi", line, l.Tf("kpi.chart", k.Name, latest, l.T("health."+ks.Health.String())))
}

// zone is a range of a KPI's values with one health.
type zone struct {
	from, to any // a number, or "min" or "max" for the axis' end
	health   okrsite.Health
}

// zones divides a KPI's axis by its thresholds.
func zones(k *okrsite.KPI) []zone {
	h, w := k.Thresholds.Healthy, k.Thresholds.Warning
	switch k.Direction {
	case okrsite.HigherIsBetter:
		return []zone{{"min", w.Low, okrsite.Critical}, {w.Low, h.Low, okrsite.Warning}, {h.Low, "max", okrsite.Healthy}}
	case okrsite.LowerIsBetter:
		return []zone{{"min", h.High, okrsite.Healthy}, {h.High, w.High, okrsite.Warning}, {w.High, "max", okrsite.Critical}}
	}
	return []zone{
		{"min", w.Low, okrsite.Critical}, {w.Low, h.Low, okrsite.Warning}, {h.Low, h.High, okrsite.Healthy},
		{h.High, w.High, okrsite.Warning}, {w.High, "max", okrsite.Critical},
	}
}
