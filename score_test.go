package okrsite

import (
	"math"
	"testing"
	"time"
)

// q3 is 2026-Q3: 92 days from July 1 to September 30.
func q3() *Period {
	_, start, end, _ := PeriodDates("2026-Q3")
	return &Period{ID: "2026-Q3", Start: start, End: end}
}

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// ci builds check-ins from date and value pairs, without confidence.
func ci(pairs ...any) []Checkin {
	var out []Checkin
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, Checkin{Date: day(pairs[i].(string)), Value: float64(pairs[i+1].(int)), Confidence: NoConfidence})
	}
	return out
}

// keyResult puts kr in an objective of period p and returns it.
func keyResult(p *Period, kr KeyResult) *KeyResult {
	o := &Objective{ID: "o", Period: p, Weight: 1}
	if kr.Weight == 0 {
		kr.Weight = 1
	}
	if kr.Cadence == 0 {
		kr.Cadence = Weekly
	}
	kr.Objective = o
	o.KeyResults = []*KeyResult{&kr}
	return &kr
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestPeriodDates(t *testing.T) {
	tests := []struct {
		name       string
		kind       PeriodKind
		start, end string
		ok         bool
	}{
		{"2026-Q1", Quarter, "2026-01-01", "2026-03-31", true},
		{"2026-Q4", Quarter, "2026-10-01", "2026-12-31", true},
		{"2028-Q1", Quarter, "2028-01-01", "2028-03-31", true},
		{"2026-H2", Half, "2026-07-01", "2026-12-31", true},
		{"2026", Year, "2026-01-01", "2026-12-31", true},
		{"2026-Q5", Custom, "", "", false},
		{"spring", Custom, "", "", false},
	}
	for _, tt := range tests {
		kind, start, end, ok := PeriodDates(tt.name)
		if ok != tt.ok || kind != tt.kind {
			t.Errorf("%s: kind %v ok %v, want %v %v", tt.name, kind, ok, tt.kind, tt.ok)
			continue
		}
		if ok && (start.String() != tt.start || end.String() != tt.end) {
			t.Errorf("%s: %s to %s, want %s to %s", tt.name, start, end, tt.start, tt.end)
		}
	}
}

func TestElapsed(t *testing.T) {
	p := q3()
	one := &Period{Start: day("2026-07-01"), End: day("2026-07-01")}
	tests := []struct {
		p    *Period
		asOf string
		want float64
	}{
		{p, "2026-06-30", 0},
		{p, "2026-07-01", 1.0 / 92},
		{p, "2026-08-15", 46.0 / 92},
		{p, "2026-09-30", 1},
		{p, "2026-12-01", 1},
		{one, "2026-06-30", 0},
		{one, "2026-07-01", 1},
	}
	for _, tt := range tests {
		if got := tt.p.Elapsed(day(tt.asOf)); !near(got, tt.want) {
			t.Errorf("Elapsed(%s) = %v, want %v", tt.asOf, got, tt.want)
		}
	}
}

func TestDateRoundTrip(t *testing.T) {
	for _, s := range []string{"1970-01-01", "1969-12-31", "2026-02-28", "2028-02-29", "2400-12-31", "0001-01-01", "1600-02-29"} {
		if got := day(s).String(); got != s {
			t.Errorf("%s became %s", s, got)
		}
	}
	for d := MakeDate(1900, 1, 1); d < MakeDate(2100, 1, 1); d++ {
		if got, want := d.String(), d.Time().Format(time.DateOnly); got != want {
			t.Fatalf("day %d is %s, want %s", d, got, want)
		}
	}
	if got := DateOf(time.Date(2026, 7, 3, 23, 59, 0, 0, time.FixedZone("x", 5*3600))); got.String() != "2026-07-03" {
		t.Errorf("DateOf kept the local day wrongly: %s", got)
	}
}

func TestScoreKeyResult(t *testing.T) {
	p := q3()
	tests := []struct {
		name     string
		kr       KeyResult
		asOf     string
		progress float64
		status   Status
		rule     Rule
		current  float64
		forecast float64 // the projected value; NaN for none
		final    bool
	}{
		{
			name: "no check-ins early in the period is on track",
			kr:   KeyResult{Start: 10, Target: 20},
			asOf: "2026-07-05", progress: 0, status: OnTrack, rule: RulePace, current: 10, forecast: math.NaN(),
		},
		{
			name: "no check-ins after a cadence is no recent update",
			kr:   KeyResult{Start: 10, Target: 20},
			asOf: "2026-07-09", progress: 0, status: NoRecentUpdate, rule: RuleStale, current: 10, forecast: math.NaN(),
		},
		{
			name: "one check-in projects from the start value",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: ci("2026-07-31", 30)},
			asOf: "2026-08-01", progress: 0.3, status: OnTrack, rule: RulePace, current: 30, forecast: 91,
		},
		{
			name: "a check-in before the period starts does not count",
			kr:   KeyResult{Start: 0, Target: 10, Checkins: ci("2026-06-28", 9)},
			asOf: "2026-07-03", progress: 0, status: OnTrack, rule: RulePace, current: 0, forecast: math.NaN(),
		},
		{
			name: "a check-in after the as-of date does not count, and the projection rounds to whole numbers as its values are",
			kr:   KeyResult{Start: 0, Target: 10, Checkins: ci("2026-07-03", 1, "2026-07-10", 9)},
			asOf: "2026-07-05", progress: 0.1, status: OnTrack, rule: RulePace, current: 1, forecast: 46, // 45.5
		},
		{
			name: "a decreasing target's projection stops at zero, as none of its values is below",
			kr:   KeyResult{Start: 72, Target: 24, Direction: Decrease, Checkins: ci("2026-07-10", 60, "2026-07-17", 48)},
			asOf: "2026-07-17", progress: 0.5, status: OnTrack, rule: RulePace, current: 48, forecast: 0, // the line reaches -80.6
		},
		{
			name: "decreasing target that went the wrong way is clamped to zero",
			kr:   KeyResult{Start: 72, Target: 24, Direction: Decrease, Checkins: ci("2026-07-31", 80)},
			asOf: "2026-08-01", progress: 0, status: OffTrack, rule: RulePace, current: 80, forecast: 96, // 96.3
		},
		{
			name: "over-achievement is clamped to one, and a result at its target is done",
			kr:   KeyResult{Start: 0, Target: 10, Checkins: ci("2026-07-10", 25)},
			asOf: "2026-07-10", progress: 1, status: Done, rule: RuleDone, current: 25, forecast: 253, // 252.8
		},
		{
			name: "behind pace is at risk",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: ci("2026-08-14", 30)},
			asOf: "2026-08-15", progress: 0.3, status: AtRisk, rule: RulePace, current: 30, forecast: 62, // 62.05
		},
		{
			name: "far behind pace is off track",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: ci("2026-08-14", 10)},
			asOf: "2026-08-15", progress: 0.1, status: OffTrack, rule: RulePace, current: 10, forecast: 21, // 20.7
		},
		{
			name: "low confidence turns on track into at risk",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: []Checkin{{Date: day("2026-08-14"), Value: 50, Confidence: 0.3}}},
			asOf: "2026-08-15", progress: 0.5, status: AtRisk, rule: RuleConfidence, current: 50, forecast: 103, // 103.4
		},
		{
			name: "silence is never green, whatever the last value",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: ci("2026-07-31", 90)},
			asOf: "2026-08-15", progress: 0.9, status: NoRecentUpdate, rule: RuleStale, current: 90, forecast: 273,
		},
		{
			name: "as-of before the period: not started",
			kr:   KeyResult{Start: 0, Target: 10},
			asOf: "2026-06-01", progress: 0, status: NotStarted, rule: RuleNotStarted, current: 0, forecast: math.NaN(),
		},
		{
			name: "as-of after the period: final, graded, no projection, never stale, judged against the whole",
			kr:   KeyResult{Start: 0, Target: 10, Checkins: ci("2026-07-10", 4, "2026-08-28", 7)},
			asOf: "2026-12-01", progress: 0.7, status: OffTrack, rule: RulePace, current: 7, forecast: math.NaN(), final: true,
		},
		{
			name: "stay above: progress is the share of check-ins that held; one miss of 13 due is on track",
			kr:   KeyResult{Target: 95, Direction: StayAbove, Checkins: ci("2026-07-03", 96, "2026-07-10", 94, "2026-07-17", 97, "2026-07-24", 98)},
			asOf: "2026-07-24", progress: 0.75, status: OnTrack, rule: RuleHeld, current: 98, forecast: math.NaN(),
		},
		{
			name: "stay below broken at the latest check-in is at risk",
			kr:   KeyResult{Target: 2, Direction: StayBelow, Checkins: ci("2026-07-03", 1, "2026-07-10", 3)},
			asOf: "2026-07-10", progress: 0.5, status: AtRisk, rule: RuleHoldFailed, current: 3, forecast: math.NaN(),
		},
		{
			name: "a value to hold that missed four of the 13 check-ins due is off track, though its latest held",
			kr:   KeyResult{Target: 2, Direction: StayBelow, Checkins: ci("2026-07-03", 3, "2026-07-10", 3, "2026-07-17", 3, "2026-07-24", 3, "2026-07-31", 1)},
			asOf: "2026-07-31", progress: 0.2, status: OffTrack, rule: RuleHeld, current: 1, forecast: math.NaN(),
		},
		{
			name: "a value to hold without check-ins is on track until its cadence has passed",
			kr:   KeyResult{Target: 2, Direction: StayBelow},
			asOf: "2026-07-05", progress: 0, status: OnTrack, rule: RuleHeld, current: 0, forecast: math.NaN(),
		},
		{
			name: "a finished value to hold is judged by its grade: 12 of 13 held is 0.9, on track but not done",
			kr: KeyResult{Target: 2, Direction: StayBelow, Checkins: ci("2026-07-03", 1, "2026-07-10", 1, "2026-07-17", 1, "2026-07-24", 1, "2026-07-31", 1,
				"2026-08-07", 1, "2026-08-14", 1, "2026-08-21", 1, "2026-08-28", 1, "2026-09-04", 1, "2026-09-11", 1, "2026-09-18", 1, "2026-09-25", 3)},
			asOf: "2026-10-15", progress: 12.0 / 13, status: OnTrack, rule: RuleHeld, current: 3, forecast: math.NaN(), final: true,
		},
		{
			name: "milestones: done by the as-of date count",
			kr: KeyResult{Milestones: []Milestone{
				{Title: "a", Done: true, DoneOn: day("2026-07-10"), HasDate: true},
				{Title: "b", Done: true, DoneOn: day("2026-09-01"), HasDate: true},
				{Title: "c", Done: true},
				{Title: "d"},
			}},
			asOf: "2026-08-15", progress: 0.5, status: OnTrack, rule: RulePace, current: 0, forecast: math.NaN(),
		},
		{
			name: "milestones all done are done, however long since the last",
			kr:   KeyResult{Milestones: []Milestone{{Title: "a", Done: true, DoneOn: day("2026-07-10"), HasDate: true}}},
			asOf: "2026-09-15", progress: 1, status: Done, rule: RuleDone, current: 0, forecast: math.NaN(),
		},
		{
			name: "a finished result graded 1.0 is done though it fell short of the target",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: ci("2026-09-25", 96)},
			asOf: "2026-10-01", progress: 0.96, status: Done, rule: RuleDone, current: 96, forecast: math.NaN(), final: true,
		},
		{
			name: "confidence does not count once the period has ended",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: []Checkin{{Date: day("2026-09-25"), Value: 92, Confidence: 0.1}}},
			asOf: "2026-10-01", progress: 0.92, status: OnTrack, rule: RulePace, current: 92, forecast: math.NaN(), final: true,
		},
		{
			name: "very low confidence makes a result on pace off track",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: []Checkin{{Date: day("2026-08-14"), Value: 50, Confidence: 0.1}}},
			asOf: "2026-08-15", progress: 0.5, status: OffTrack, rule: RuleConfidence, current: 50, forecast: 103,
		},
		{
			name: "ten points behind is on track",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: ci("2026-08-14", 40)},
			asOf: "2026-08-15", progress: 0.4, status: OnTrack, rule: RulePace, current: 40, forecast: 83,
		},
		{
			name: "eleven points behind is at risk",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: ci("2026-08-14", 39)},
			asOf: "2026-08-15", progress: 0.39, status: AtRisk, rule: RulePace, current: 39, forecast: 81,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScoreKeyResult(keyResult(p, tt.kr), day(tt.asOf))
			if !near(s.Progress, tt.progress) {
				t.Errorf("progress %v, want %v", s.Progress, tt.progress)
			}
			if s.Status != tt.status || s.Why.Rule != tt.rule {
				t.Errorf("status %v by rule %v, want %v by %v", s.Status, s.Why.Rule, tt.status, tt.rule)
			}
			if !near(s.Current, tt.current) {
				t.Errorf("current %v, want %v", s.Current, tt.current)
			}
			if math.IsNaN(tt.forecast) != !s.HasProjection || s.HasProjection && s.ProjectedValue != tt.forecast {
				t.Errorf("projected value %v (has %v), want %v", s.ProjectedValue, s.HasProjection, tt.forecast)
			}
			if s.Final != tt.final {
				t.Errorf("final %v, want %v", s.Final, tt.final)
			}
		})
	}
}

func TestOneDayPeriod(t *testing.T) {
	p := &Period{ID: "launch-day", Start: day("2026-09-01"), End: day("2026-09-01")}
	kr := keyResult(p, KeyResult{Start: 0, Target: 100, Checkins: ci("2026-09-01", 80)})
	during := ScoreKeyResult(kr, day("2026-09-01"))
	if !during.Final || during.Expected != 1 || during.Grade != 0.8 || during.HasProjection {
		t.Errorf("on its only day: %+v", during.Score)
	}
	before := ScoreKeyResult(kr, day("2026-08-31"))
	if before.Status != NotStarted || before.Expected != 0 || before.Progress != 0 {
		t.Errorf("the day before: %+v", before.Score)
	}
}

func TestGrade(t *testing.T) {
	tests := []struct {
		grade, expects float64
		band           string
	}{
		{0, 0.7, "red"}, {0.3, 0.7, "red"}, {0.34, 0.7, "red"}, {0.35, 0.7, "yellow"}, {0.6, 0.7, "yellow"},
		{0.7, 0.7, "green"}, {1, 0.7, "green"},
		{0.3, 1, "red"}, {0.4, 1, "yellow"}, {0.7, 1, "yellow"}, {0.9, 1, "yellow"}, {1, 1, "green"},
		{0.8, 0.85, "yellow"}, {0.9, 0.85, "green"}, // a roll-up's weighted expectation, to one decimal
	}
	for _, tt := range tests {
		if got := GradeBand(tt.grade, tt.expects); got != tt.band {
			t.Errorf("GradeBand(%v, %v) = %s, want %s", tt.grade, tt.expects, got, tt.band)
		}
	}
	p := q3()
	end := day("2026-10-01")
	var objectives []*ObjectiveScore
	for _, tt := range []struct {
		kind  Commitment
		value float64
		met   bool
		band  string
	}{
		{Committed, 10, true, "green"}, {Committed, 8, false, "yellow"},
		{Aspirational, 7, true, "green"}, {Aspirational, 6, false, "yellow"},
	} {
		kr := keyResult(p, KeyResult{Start: 0, Target: 10, Checkins: ci("2026-09-25", int(tt.value))})
		kr.Objective.Commitment = tt.kind
		os := ScoreObjective(kr.Objective, end, DefaultRollUp)
		objectives = append(objectives, os)
		if os.Met() != tt.met || !os.Final {
			t.Errorf("%v at %v: met %v, want %v", tt.kind, tt.value, os.Met(), tt.met)
		}
		if os.Band != tt.band || os.KeyResults[0].Band != tt.band {
			t.Errorf("%v at %v: objective's band %s, key result's %s, want %s", tt.kind, tt.value, os.Band, os.KeyResults[0].Band, tt.band)
		}
	}
	// Graded 0.8 on average, where 0.85 was expected: fell short.
	s, d := rollUpObjectives(p, end, DefaultRollUp, objectives)
	if !near(s.Expects, 0.85) || s.Grade != 0.8 || s.Band != "yellow" {
		t.Errorf("roll-up: expects %v, grade %v, band %s; want 0.85, 0.8, yellow", s.Expects, s.Grade, s.Band)
	}
	if d.Graded("green") != 2 || d.Graded("yellow") != 2 {
		t.Errorf("roll-up: %d green and %d yellow key results, want 2 and 2", d.Graded("green"), d.Graded("yellow"))
	}
}

func TestObjectiveWeights(t *testing.T) {
	p := q3()
	o := &Objective{ID: "o", Period: p, Weight: 1}
	for _, kr := range []*KeyResult{
		{Start: 0, Target: 10, Weight: 3, Cadence: Weekly, Checkins: ci("2026-08-14", 10)},
		{Start: 0, Target: 10, Weight: 1, Cadence: Weekly, Checkins: ci("2026-08-14", 2)},
	} {
		kr.Objective = o
		o.KeyResults = append(o.KeyResults, kr)
	}
	os := ScoreObjective(o, day("2026-08-15"), DefaultRollUp)
	if want := (3*1.0 + 1*0.2) / 4; !near(os.Progress, want) {
		t.Errorf("weighted progress %v, want %v", os.Progress, want)
	}
	for _, kr := range o.KeyResults {
		kr.Weight = 0
	}
	if os := ScoreObjective(o, day("2026-08-15"), DefaultRollUp); !near(os.Progress, 0.6) {
		t.Errorf("all weights zero: progress %v, want the plain mean 0.6", os.Progress)
	}
}

func TestKPIHealth(t *testing.T) {
	higher := &KPI{Direction: HigherIsBetter, Thresholds: Thresholds{Healthy: Band{75, 75}, Warning: Band{65, 65}}}
	lower := &KPI{Direction: LowerIsBetter, Thresholds: Thresholds{Healthy: Band{2, 2}, Warning: Band{3, 3}}}
	band := &KPI{Direction: StayInBand, Thresholds: Thresholds{Healthy: Band{30, 60}, Warning: Band{20, 75}}}
	tests := []struct {
		k    *KPI
		v    float64
		want Health
	}{
		{higher, 80, Healthy}, {higher, 75, Healthy}, {higher, 70, Warning}, {higher, 65, Warning}, {higher, 64.9, Critical},
		{lower, 1, Healthy}, {lower, 2.5, Warning}, {lower, 3.1, Critical},
		{band, 45, Healthy}, {band, 25, Warning}, {band, 70, Warning}, {band, 10, Critical}, {band, 80, Critical},
	}
	for _, tt := range tests {
		if got := tt.k.HealthOf(tt.v); got != tt.want {
			t.Errorf("%v: HealthOf(%v) = %v, want %v", tt.k.Direction, tt.v, got, tt.want)
		}
	}
}

func TestScoreKPI(t *testing.T) {
	k := &KPI{
		Direction:  HigherIsBetter,
		Thresholds: Thresholds{Healthy: Band{75, 75}, Warning: Band{65, 65}},
		Cadence:    Monthly,
		Measurements: []Measurement{
			{day("2026-05-31"), 80}, {day("2026-06-30"), 78}, {day("2026-07-31"), 70}, {day("2026-08-31"), 66},
		},
	}
	p := q3()
	s := ScoreKPI(k, day("2026-09-15"), p)
	if s.Latest.Value != 66 || s.Health != Warning || s.Stale || s.Trend != Worsening || s.Change != -12 || s.TrendSince != day("2026-06-30") {
		t.Errorf("mid-quarter: %+v", s)
	}
	s = ScoreKPI(k, day("2026-10-15"), p)
	if !s.Stale {
		t.Errorf("45 days after the last monthly value, the KPI is not stale")
	}
	s = ScoreKPI(k, day("2026-07-15"), p)
	if s.Latest.Value != 78 || s.Trend != NoTrend {
		t.Errorf("as of mid-July: latest %v trend %v; want 78 and no trend (the base is the latest)", s.Latest.Value, s.Trend)
	}
	if s := ScoreKPI(k, day("2026-01-01"), p); s.Health != NoData || !s.Stale {
		t.Errorf("before any value: %+v", s)
	}
	lower := &KPI{Direction: LowerIsBetter, Measurements: []Measurement{{day("2026-06-30"), 3}, {day("2026-07-31"), 2}}}
	if s := ScoreKPI(lower, day("2026-08-01"), p); s.Trend != Improving {
		t.Errorf("a falling lower-is-better KPI is %v, want improving", s.Trend)
	}
}

// TestEvaluate scores a small site: roll-ups, the current period, and which
// KPIs are in focus and unattended.
func TestEvaluate(t *testing.T) {
	q2 := &Period{ID: "2026-Q2", Kind: Quarter, Start: day("2026-04-01"), End: day("2026-06-30")}
	q3 := q3()
	year := &Period{ID: "2026", Kind: Year, Start: day("2026-01-01"), End: day("2026-12-31")}
	sales, ops := &Team{ID: "sales"}, &Team{ID: "ops"}
	engagement := &KPI{ID: "engagement", Direction: HigherIsBetter, Cadence: Monthly,
		Thresholds:   Thresholds{Healthy: Band{75, 75}, Warning: Band{65, 65}},
		Measurements: []Measurement{{day("2026-06-30"), 60}}}
	returns := &KPI{ID: "returns", Direction: LowerIsBetter, Cadence: Monthly,
		Thresholds:   Thresholds{Healthy: Band{2, 2}, Warning: Band{3, 3}},
		Measurements: []Measurement{{day("2026-06-30"), 5}}}
	fine := &KPI{ID: "fine", Direction: HigherIsBetter, Cadence: Monthly,
		Thresholds:   Thresholds{Healthy: Band{1, 1}, Warning: Band{0, 0}},
		Measurements: []Measurement{{day("2026-06-30"), 5}}}
	obj := func(id string, team *Team, p *Period, weight float64, krs ...*KeyResult) *Objective {
		o := &Objective{ID: id, Team: team, Period: p, Weight: weight, KeyResults: krs}
		for _, kr := range krs {
			kr.Objective, kr.Weight, kr.Cadence = o, 1, Weekly
		}
		p.Objectives = append(p.Objectives, o)
		return o
	}
	site := &Site{
		Settings: Settings{RollUp: DefaultRollUp},
		Teams:    []*Team{sales, ops},
		Periods:  []*Period{year, q2, q3},
		KPIs:     []*KPI{engagement, fine, returns},
	}
	site.Objectives = []*Objective{
		obj("old", sales, q2, 1, &KeyResult{Start: 0, Target: 10, Checkins: ci("2026-06-26", 8)}),
		obj("a", ops, q3, 1, &KeyResult{Start: 0, Target: 10, Checkins: ci("2026-08-14", 6)}),
		obj("b", sales, q3, 3, &KeyResult{Start: 0, Target: 10, Checkins: ci("2026-08-14", 2)}),
		obj("lift", sales, q3, 0, &KeyResult{Start: 60, Target: 70, KPI: engagement}),
	}
	card := Evaluate(site, day("2026-08-15"))
	if card.Current == nil || card.Current.Period != q3 {
		t.Fatalf("current period %v, want 2026-Q3 (the shortest that contains the as-of date)", card.Current)
	}
	cur := card.Current
	if want := (1*0.6 + 3*0.2) / 4; !near(cur.Progress, want) {
		t.Errorf("period progress %v, want %v (weight 0 left out)", cur.Progress, want)
	}
	if len(cur.Teams) != 2 || cur.Teams[0].Team != sales || cur.Teams[1].Team != ops {
		t.Errorf("teams not in site order: %v", cur.Teams)
	}
	if tp := card.TeamPeriod(ops, q3); tp == nil || !near(tp.Progress, 0.6) {
		t.Errorf("ops in Q3: %+v", tp)
	}
	if cur.Previous == nil || cur.Previous.Period != q2 {
		t.Errorf("previous of Q3 is %v, want Q2", cur.Previous)
	}
	if got := card.Objective(site.Objectives[0]); !got.Final || got.Grade != 0.8 {
		t.Errorf("Q2 objective: %+v", got.Score)
	}
	if len(card.InFocus) != 1 || card.InFocus[0].KPI != engagement {
		t.Errorf("in focus: %v, want engagement", card.InFocus)
	}
	if len(card.Unattended) != 1 || card.Unattended[0].KPI != returns {
		t.Errorf("unattended: %v, want returns", card.Unattended)
	}
	if ks := card.KPI(engagement); len(ks.Periods) != 1 || ks.Periods[0] != q3 {
		t.Errorf("engagement lifted in %v, want [2026-Q3]", ks.Periods)
	}
}
