package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
)

// BenchmarkHelpers measures each helper written in Go against the same
// markup from an html/template, the reason they are written in Go. Each
// pair first checks that both write the same bytes.
func BenchmarkHelpers(b *testing.B) {
	r := &renderer{lang: langs["en"]}
	score := okrsite.Score{Progress: 0.42, Expected: 0.55, Status: okrsite.AtRisk, Projected: 0.63, ProjectedGrade: 0.6, HasProjection: true}
	kr := &okrsite.KeyResult{Title: "Deals", Unit: "h"}
	krs := &okrsite.KeyResultScore{KeyResult: kr, Decimals: 1}
	for i := range 13 {
		krs.Checkins = append(krs.Checkins, okrsite.Checkin{Date: okrsite.Date(20600 + 7*i), Value: 70 - 2.5*float64(i), Confidence: 0.7, Note: "Cache & queue in place"})
	}
	krs.Checkins[3].Confidence = okrsite.NoConfidence
	for _, c := range []struct {
		name, tmpl string
		data       any
		helper     func() template.HTML
	}{
		{"badge", `<span class="status s-{{.}}">{{status .}}</span>`, score.Status, func() template.HTML { return r.badge(score.Status) }},
		{"verdict", `{{if .Final}}<span class="verdict">{{t "score.grade"}} {{gradeBadge .Grade}}</span>{{else}}{{badge .Status}}{{end}}`,
			score, func() template.HTML { return r.verdict(&score) }},
		{"bar", `<div class="bar {{if .Final}}g-{{gradeColour .Grade}}{{else}}s-{{.Status}}{{end}}" role="img" aria-label="{{tf "score.bar" (pct .Progress) (pct .Expected)}}"><span class="fill" style="width:{{cssPercent .Progress}}"></span>{{if not .Final}}<span class="pace" style="left:{{cssPercent .Expected}}" title="{{t "score.expected"}} {{pct .Expected}}"></span>{{end}}</div>`,
			score, func() template.HTML { return r.bar(&score) }},
		{"checkinRows", `{{range .Checkins}}<tr><td>{{date .Date}}</td><td>{{krValue $ .Value}}</td><td>{{confidence .Confidence}}</td><td>{{.Note}}</td></tr>` + "\n{{end}}",
			krs, func() template.HTML { return r.checkinRows(krs) }},
	} {
		t := template.Must(template.New(c.name).Funcs(r.funcs()).Funcs(template.FuncMap{"cssPercent": cssPercent}).Parse(c.tmpl))
		var sb strings.Builder
		if err := t.Execute(&sb, c.data); err != nil {
			b.Fatal(err)
		}
		if got, want := string(c.helper()), sb.String(); got != want {
			b.Fatalf("%s writes\n%s\nthe template\n%s", c.name, got, want)
		}
		b.Run(c.name+"/go", func(b *testing.B) {
			for b.Loop() {
				c.helper()
			}
		})
		b.Run(c.name+"/template", func(b *testing.B) {
			for b.Loop() {
				sb.Reset()
				t.Execute(&sb, c.data)
			}
		})
	}
}

// TestWhy checks the why-line of each rule that decides a status, in each
// case a sentence of what a reader is told.
func TestWhy(t *testing.T) {
	kr := &okrsite.KeyResult{Title: "Orders <new>"}
	card := &okrsite.Scorecard{}
	r := &renderer{lang: langs["en"], card: card}
	running := func(w okrsite.Why) okrsite.Score { return okrsite.Score{Why: w} }
	tests := []struct {
		name string
		s    okrsite.Score
		want string
	}{
		{"a key result behind pace says by how much and when it was last checked in",
			running(okrsite.Why{Rule: okrsite.RulePace, Progress: 0.28, Expected: 0.55, Behind: 27, Cadence: 7, HasUpdate: true, Age: 21}),
			"28% done, 55% expected by now: 27 points behind; last check-in 3 weeks ago"},
		{"one point is singular",
			running(okrsite.Why{Rule: okrsite.RulePace, Progress: 0.54, Expected: 0.55, Behind: 1}),
			"54% done, 55% expected by now: 1 point behind"},
		{"a roll-up ahead of pace says it is ahead, without a check-in",
			running(okrsite.Why{Rule: okrsite.RulePace, Progress: 0.6, Expected: 0.5, Behind: -10}),
			"60% done, 50% expected by now: 10 points ahead"},
		{"a silent key result says how long it has been silent",
			running(okrsite.Why{Rule: okrsite.RuleStale, Cadence: 7, HasUpdate: true, Age: 15}),
			"No check-in for 2 weeks; one is due every 7 days"},
		{"a key result never checked in counts from the period's start",
			running(okrsite.Why{Rule: okrsite.RuleStale, Cadence: 7, Age: 9}),
			"No check-in since the period began, 9 days ago"},
		{"a value to hold says how many check-ins held",
			running(okrsite.Why{Rule: okrsite.RuleHeld, Held: 7, Checks: 8, Due: 13, Cadence: 7, HasUpdate: true}),
			"Held 7 of 8 check-ins; last check-in today"},
		{"a low confidence is named after the pace",
			running(okrsite.Why{Rule: okrsite.RuleConfidence, Progress: 0.5, Expected: 0.5, Confidence: 0.3, Cadence: 7, HasUpdate: true, Age: 1}),
			"50% done, 50% expected by now: on pace; the owner's confidence is only 30%; last check-in 1 day ago"},
		{"a roll-up at risk by the rule names the share and the limit",
			running(okrsite.Why{Rule: okrsite.RuleAttention, Share: 0.37, Limit: 0.25, Progress: 0.52, Expected: 0.55, Behind: 3}),
			"37% of its key results, by weight, need attention (more than 25%); 52% done, 55% expected by now: 3 points behind"},
		{"a roll-up off track by the rule names the share and the limit",
			running(okrsite.Why{Rule: okrsite.RuleFailing, Share: 0.48, Limit: 0.4, Progress: 0.75, Expected: 1}),
			"48% of its key results, by weight, are off track or silent (more than 40%); 75% done, 100% expected by now: on pace"},
		{"a finished score says how far short of 100% it ended, whatever its status",
			okrsite.Score{Final: true, Status: okrsite.OnTrack, Why: okrsite.Why{Rule: okrsite.RulePace, Progress: 0.94, Expected: 1, Behind: 6}},
			"94% done by the period's end: 6 points short of 100%"},
		{"a finished score that did it all says only how much was done",
			okrsite.Score{Final: true, Status: okrsite.OnTrack, Why: okrsite.Why{Rule: okrsite.RulePace, Progress: 1, Expected: 1}},
			"100% done by the period's end"},
		{"a finished roll-up names no pace rule, only what was done",
			okrsite.Score{Final: true, Status: okrsite.OffTrack, Why: okrsite.Why{Rule: okrsite.RuleFailing, Share: 0.48, Limit: 0.4, Progress: 0.75, Expected: 1, Behind: 25}},
			"75% done by the period's end: 25 points short of 100%"},
		{"a finished committed objective names no off-track key result",
			okrsite.Score{Final: true, Status: okrsite.AtRisk, Why: okrsite.Why{Rule: okrsite.RuleCommitted, KeyResult: kr, Progress: 0.9, Expected: 1, Behind: 10}},
			"90% done by the period's end: 10 points short of 100%"},
		{"a finished score at risk by pace says how far short of 100% it ended",
			okrsite.Score{Final: true, Status: okrsite.AtRisk, Why: okrsite.Why{Rule: okrsite.RulePace, Progress: 0.84, Expected: 1, Behind: 16}},
			"84% done by the period's end: 16 points short of 100%"},
		{"a roll-up whose key results are all done says so",
			running(okrsite.Why{Rule: okrsite.RuleDone}), "Every key result is done"},
		{"a committed objective names the key result that holds it back",
			running(okrsite.Why{Rule: okrsite.RuleCommitted, KeyResult: kr, Progress: 0.5, Expected: 0.5}),
			"Committed, and “Orders <new>” is off track; 50% done, 50% expected by now: on pace"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.s.Why.Rule == okrsite.RuleCommitted {
				r.card = committedCard(kr)
			}
			if got := r.why(&tt.s); got != tt.want {
				t.Errorf("why = %q\nwant   %q", got, tt.want)
			}
		})
	}
}

// committedCard is a scorecard in which kr, of a committed objective, is
// off track.
func committedCard(kr *okrsite.KeyResult) *okrsite.Scorecard { return committedCardAt(kr, 185) }

// committedCardAt is committedCard as of asOf: from 190 on, its period has
// ended, with kr graded 0.0.
func committedCardAt(kr *okrsite.KeyResult, asOf okrsite.Date) *okrsite.Scorecard {
	p := &okrsite.Period{ID: "q", Start: 100, End: 190}
	o := &okrsite.Objective{ID: "o", Period: p, Team: &okrsite.Team{ID: "t"}, Weight: 1, KeyResults: []*okrsite.KeyResult{kr}}
	kr.Objective, kr.Start, kr.HasStart, kr.Target, kr.Weight, kr.Cadence = o, 0, true, 100, 1, 30
	kr.Checkins = []okrsite.Checkin{{Date: 180, Value: 1, Confidence: okrsite.NoConfidence}}
	p.Objectives = []*okrsite.Objective{o}
	return okrsite.Evaluate(&okrsite.Site{Periods: []*okrsite.Period{p}, Objectives: []*okrsite.Objective{o}, Settings: okrsite.Settings{RollUp: okrsite.DefaultRollUp}}, asOf)
}

// TestDist checks that a distribution of a running period lists every
// status but "not started" with its count, even 0, draws a segment only
// for those that occur, and labels the bar with the counts in words; and
// that once the period has ended it counts grade bands instead, with no
// status at all.
func TestDist(t *testing.T) {
	r := &renderer{lang: langs["en"]}
	tests := []struct {
		name     string
		asOf     okrsite.Date
		want     []string
		mustNot  string
		segments int
	}{
		{"while the period runs, by status", 185, []string{
			`data-total="1"`,
			`aria-label="1 key result: 1 Off track"`,
			`<span class="seg s-off-track" style="width:100.0%"></span>`,
			`data-status="on-track" data-count="0"`,
			`data-status="off-track" data-count="1"><strong>1</strong> Off track</li>`,
			`data-status="done" data-count="0"`,
		}, "not-started", 1},
		{"once it has ended, by grade band with shape and word", 195, []string{
			`aria-label="1 key result: 1 Little progress"`,
			`<span class="seg g-red" style="width:100.0%"></span>`,
			`<li class="grade g-green" data-band="green" data-count="0"><strong>0</strong> Delivered</li>`,
			`data-band="yellow" data-count="0"`,
			`data-band="red" data-count="1"><strong>1</strong> Little progress</li>`,
		}, "data-status", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := committedCardAt(&okrsite.KeyResult{Title: "x"}, tt.asOf).Periods[0]
			got := string(r.dist(&ps.Score, ps.Distribution))
			for _, want := range tt.want {
				if !strings.Contains(got, want) {
					t.Errorf("dist lacks %q in\n%s", want, got)
				}
			}
			if strings.Contains(got, tt.mustNot) || strings.Count(got, `class="seg`) != tt.segments {
				t.Errorf("dist shows %s, or a segment for what no key result has:\n%s", tt.mustNot, got)
			}
		})
	}
}

// TestKRFigure checks a key result's figures in a list: its value and
// target in its precision and plural, never with an arrow.
func TestKRFigure(t *testing.T) {
	r := &renderer{lang: langs["en"]}
	tests := []struct {
		name string
		krs  *okrsite.KeyResultScore
		want string
	}{
		{"a value to move shows the latest and the target, in its precision",
			&okrsite.KeyResultScore{KeyResult: &okrsite.KeyResult{Unit: "subscribers", Target: 80000, HasStart: true}, Current: 60973.58, Decimals: 0},
			`<span class="kr-now">60,974 subscribers</span> <span class="kr-of">target 80,000 subscribers</span>`},
		{"a unit with a plural writes one in the singular",
			&okrsite.KeyResultScore{KeyResult: &okrsite.KeyResult{Unit: "logos", UnitOne: "logo", Target: 6, HasStart: true}, Current: 1},
			`<span class="kr-now">1 logo</span> <span class="kr-of">target 6 logos</span>`},
		{"a value to hold says what it must stay at, not where it moved from",
			&okrsite.KeyResultScore{KeyResult: &okrsite.KeyResult{Unit: "%", Target: 99.9, Direction: okrsite.StayAbove}, Current: 99.98, Decimals: 2, Checkins: make([]okrsite.Checkin, 1)},
			`<span class="kr-now">99.98%</span> <span class="kr-of">at least 99.90%</span>`},
		{"a value to hold without a check-in shows only its target, no invented start",
			&okrsite.KeyResultScore{KeyResult: &okrsite.KeyResult{Unit: "days", Target: 2, Direction: okrsite.StayBelow}, Decimals: 1},
			`<span class="kr-of">at most 2.0 days</span>`},
		{"a milestone result counts its milestones",
			&okrsite.KeyResultScore{KeyResult: &okrsite.KeyResult{Milestones: make([]okrsite.Milestone, 3)}, Done: 2},
			`2 of 3 milestones done`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.ReplaceAll(string(r.krFigure(tt.krs)), "\u00a0", " ") // values keep their unit on their line
			if got != tt.want {
				t.Errorf("krFigure = %s\nwant       %s", got, tt.want)
			}
			if strings.Contains(got, "→") || strings.Contains(got, "->") {
				t.Errorf("krFigure writes an arrow: %s", got)
			}
		})
	}
}

// TestProjection checks that a projection is written no more precisely
// than a straight line through a few check-ins can tell: three significant
// figures, and never more decimals than the key result's.
func TestProjection(t *testing.T) {
	r := &renderer{lang: langs["en"]}
	p := &okrsite.Period{End: okrsite.Date(20818)}
	obj := &okrsite.Objective{Period: p}
	tests := []struct {
		unit      string
		projected float64
		decimals  int
		want      string
	}{
		{"sign-ups", 13694.2, 0, "13,700 sign-ups"},
		{"subscribers", 60973.58, 0, "61,000 subscribers"},
		{"employers", 248.4, 0, "248 employers"},
		{"h", 1.2749, 1, "1.3 h"},
		{"%", 11.43, 1, "11.4%"},
		{"orders", 0, 0, "0 orders"},
		{"SEK", -4567, 0, "−4,570 SEK"},
	}
	for _, tt := range tests {
		krs := &okrsite.KeyResultScore{KeyResult: &okrsite.KeyResult{Unit: tt.unit, Objective: obj}, Decimals: tt.decimals}
		krs.HasProjection, krs.ProjectedValue = true, tt.projected
		got := strings.ReplaceAll(r.projection(krs), "\u00a0", " ")
		if !strings.HasPrefix(got, tt.want+" by ") {
			t.Errorf("projection of %v %s = %q, want it to start %q", tt.projected, tt.unit, got, tt.want)
		}
	}
}

// TestKPIChange checks how a KPI's change is written in each language: a
// change of a percentage in percentage points, others in the KPI's unit,
// always with a sign, in the KPI's precision.
func TestKPIChange(t *testing.T) {
	tests := []struct {
		lang, unit, one string
		change          float64
		decimals        int
		want            string
	}{
		{"en en-US", "%", "", 0.6, 1, "+0.6 points"},
		{"en en-GB", "%", "", -1.25, 1, "-1.3 points"},
		{"en en-US", "%", "", 1, 0, "+1 point"},
		{"en en-US", "%", "", 0.04, 1, "±0.0 points"},
		{"sv sv-SE", "%", "", 0.6, 1, "+0,6 procentenheter"},
		{"sv sv-SE", "%", "", -1, 0, "−1 procentenhet"},
		{"en", "%", "", 2.5, 1, "+2.5 points"},
		{"en en-US", "index", "", 0.6, 1, "+0.6 index"},
		{"en en-US", "logos", "logo", 1, 0, "+1 logo"},
		{"en en-US", "USD", "", 1500, 0, "+$1,500"},
		{"sv sv-SE", "h", "", -2.5, 1, "−2,5 h"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.want, func(t *testing.T) {
			l := localised[tt.lang]
			if l == nil {
				l = langs[tt.lang]
			}
			r := &renderer{lang: l}
			s := &okrsite.KPIScore{KPI: &okrsite.KPI{Unit: tt.unit, UnitOne: tt.one}, Change: tt.change, Decimals: tt.decimals}
			if got := strings.ReplaceAll(r.kpiChange(s), "\u00a0", " "); got != tt.want {
				t.Errorf("kpiChange = %q; want %q", got, tt.want)
			}
		})
	}
}

// TestAttentionOf checks that a running period's list is of key results
// that need attention, under its own heading, and a finished one's of
// those below expectation, under "short.title".
func TestAttentionOf(t *testing.T) {
	tests := []struct {
		name        string
		asOf        okrsite.Date
		final       bool
		title, lead string
	}{
		{"while the period runs: needs attention", 185, false, "attention.title", "attention.lead"},
		{"once it has ended: below expectation", 195, true, "short.title", "short.lead"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := attentionOf(committedCardAt(&okrsite.KeyResult{Title: "x"}, tt.asOf).Periods[0].Objectives, 0)
			if a.Final != tt.final || a.Title("attention.title") != tt.title || a.Key("lead") != tt.lead || a.Total() != 1 {
				t.Errorf("attention = final %v, %q, %q, %d key results; want final %v, %q, %q, 1", a.Final, a.Title("attention.title"), a.Key("lead"), a.Total(), tt.final, tt.title, tt.lead)
			}
		})
	}
}
