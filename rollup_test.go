package okrsite

import (
	"fmt"
	"testing"
)

// midQ3 is 2026-08-15, when 2026-Q3 is 46 of 92 days in: 50% expected.
const midQ3 = "2026-08-15"

// krOf returns a key result of weight w, from 0 to 100, whose check-ins
// make it kind as of midQ3: "ahead" (80), "on" (50), "risk" (30), "off"
// (10), "stale" (50, but 15 days ago) or "done" (100).
func krOf(kind string, w float64) *KeyResult {
	values := map[string]int{"ahead": 80, "on": 50, "risk": 30, "off": 10, "done": 100}
	kr := &KeyResult{ID: kind, Start: 0, Target: 100, Weight: w, Cadence: Weekly}
	if kind == "stale" {
		kr.Checkins = ci("2026-07-31", 50)
	} else {
		kr.Checkins = ci("2026-08-14", values[kind])
	}
	return kr
}

// objectiveOf puts key results in an objective of p.
func objectiveOf(p *Period, c Commitment, krs ...*KeyResult) *Objective {
	o := &Objective{ID: "o", Period: p, Weight: 1, Commitment: c, KeyResults: krs}
	for _, kr := range krs {
		kr.Objective = o
	}
	return o
}

// checkDistribution reports where d's counts differ from the statuses of
// the key results.
func checkDistribution(t *testing.T, d Distribution, krs []*KeyResultScore) {
	t.Helper()
	var want [numStatuses]int
	for _, krs := range krs {
		want[krs.Status]++
	}
	for _, s := range Statuses {
		if d.Count(s) != want[s] {
			t.Errorf("%d %v in the distribution, want %d", d.Count(s), s, want[s])
		}
	}
	if d.Total != len(krs) {
		t.Errorf("total %d, want %d", d.Total, len(krs))
	}
}

func TestObjectiveRollUp(t *testing.T) {
	loose := RollUpRule{AtRisk: 0.5, OffTrack: 0.5}
	tests := []struct {
		name       string
		commitment Commitment
		krs        []*KeyResult
		rule       *RollUpRule // nil for DefaultRollUp
		status     Status
		why        Rule
	}{
		{"an objective whose key results are all on track is on track",
			Committed, []*KeyResult{krOf("on", 1), krOf("on", 1), krOf("ahead", 1)}, nil, OnTrack, RulePace},
		{"a committed objective with one off-track key result of five is at best at risk, though the mean is on pace",
			Committed, []*KeyResult{krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("off", 1)}, nil, AtRisk, RuleCommitted},
		{"an aspirational objective with one off-track key result of five stays on track",
			Aspirational, []*KeyResult{krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("off", 1)}, nil, OnTrack, RulePace},
		{"a committed objective with a silent key result is at best at risk",
			Committed, []*KeyResult{krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("stale", 1)}, nil, AtRisk, RuleCommitted},
		{"a committed objective's off-track key result of weight 0 does not count",
			Committed, []*KeyResult{krOf("on", 1), krOf("on", 1), krOf("off", 0)}, nil, OnTrack, RulePace},
		{"one of four key results at risk is a quarter, not more: on track",
			Committed, []*KeyResult{krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("risk", 1)}, nil, OnTrack, RulePace},
		{"two of five at risk is more than a quarter: at risk, though the mean is ahead of pace",
			Committed, []*KeyResult{krOf("ahead", 1), krOf("ahead", 1), krOf("on", 1), krOf("risk", 1), krOf("risk", 1)}, nil, AtRisk, RuleAttention},
		{"an at-risk key result of weight 3 beside one ahead of weight 1 is three quarters by weight: at risk",
			Committed, []*KeyResult{krOf("risk", 3), krOf("ahead", 1)}, nil, AtRisk, RuleAttention},
		{"the same key results with the weights swapped are a quarter by weight: on track",
			Committed, []*KeyResult{krOf("risk", 1), krOf("ahead", 3)}, nil, OnTrack, RulePace},
		{"two of four off track or silent is more than 40%: off track, worse than the committed rule",
			Committed, []*KeyResult{krOf("off", 1), krOf("stale", 1), krOf("ahead", 1), krOf("ahead", 1)}, nil, OffTrack, RuleFailing},
		{"two of five off track is 40%, not more: at risk as more than a quarter need attention",
			Aspirational, []*KeyResult{krOf("off", 1), krOf("off", 1), krOf("ahead", 1), krOf("ahead", 1), krOf("ahead", 1)}, nil, AtRisk, RuleAttention},
		{"when the mean's pace and a limit give the same status, the pace is named",
			Aspirational, []*KeyResult{krOf("off", 1), krOf("off", 1), krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("on", 1)}, nil, AtRisk, RulePace},
		{"half of the key results without a recent update is no recent update",
			Committed, []*KeyResult{krOf("stale", 1), krOf("stale", 1), krOf("on", 1), krOf("on", 1)}, nil, NoRecentUpdate, RuleStaleShare},
		{"every key result done is done",
			Committed, []*KeyResult{krOf("done", 1), krOf("done", 1)}, nil, Done, RuleDone},
		{"a done key result needs no attention",
			Committed, []*KeyResult{krOf("done", 1), krOf("on", 1), krOf("risk", 1), krOf("on", 1)}, nil, OnTrack, RulePace},
		{"a site whose limits allow half of the key results to need attention keeps two of five at risk on track",
			Committed, []*KeyResult{krOf("ahead", 1), krOf("ahead", 1), krOf("on", 1), krOf("risk", 1), krOf("risk", 1)}, &loose, OnTrack, RulePace},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule := DefaultRollUp
			if tt.rule != nil {
				rule = *tt.rule
			}
			os := ScoreObjective(objectiveOf(q3(), tt.commitment, tt.krs...), day(midQ3), rule)
			if os.Status != tt.status || os.Why.Rule != tt.why {
				t.Errorf("%v by rule %v, want %v by %v (behind %d, attention %.2f, failing %.2f)",
					os.Status, os.Why.Rule, tt.status, tt.why, os.Why.Behind, os.Distribution.Attention, os.Distribution.Failing)
			}
			checkDistribution(t, os.Distribution, os.KeyResults)
		})
	}
}

// TestPeriodRollUp scores a period of two teams: each team's period and
// the period roll up their objectives by weight, and count every key result.
func TestPeriodRollUp(t *testing.T) {
	p := q3()
	a, b := &Team{ID: "a"}, &Team{ID: "b"}
	objectives := []*Objective{
		objectiveOf(p, Aspirational, krOf("on", 1), krOf("ahead", 1)),
		objectiveOf(p, Aspirational, krOf("risk", 1), krOf("off", 1)),
		objectiveOf(p, Aspirational, krOf("on", 1), krOf("on", 1)),
		objectiveOf(p, Aspirational, krOf("off", 1), krOf("off", 1)), // weight 0
	}
	objectives[0].Team, objectives[1].Team, objectives[2].Team, objectives[3].Team = a, a, b, b
	objectives[3].Weight = 0
	p.Objectives = objectives
	site := &Site{Settings: Settings{RollUp: DefaultRollUp}, Teams: []*Team{a, b}, Periods: []*Period{p}, Objectives: objectives}
	card := Evaluate(site, day(midQ3))
	ps := card.Periods[0]
	var all []*KeyResultScore
	for _, os := range ps.Objectives {
		all = append(all, os.KeyResults...)
	}
	t.Run("the period counts every key result, weight 0 or not", func(t *testing.T) {
		checkDistribution(t, ps.Distribution, all)
		if ps.Distribution.NeedsAttention() != 4 {
			t.Errorf("%d need attention, want 4", ps.Distribution.NeedsAttention())
		}
	})
	t.Run("the period weighs a third of its key results as needing attention, and is at risk", func(t *testing.T) {
		// Objectives 0 to 2 count a third each; objective 1 is all attention.
		if !near(ps.Distribution.Attention, 1.0/3) || !near(ps.Distribution.Failing, 1.0/6) {
			t.Errorf("attention %v, failing %v; want 1/3 and 1/6", ps.Distribution.Attention, ps.Distribution.Failing)
		}
		if ps.Status != AtRisk || ps.Why.Rule != RuleAttention || !near(ps.Why.Share, 1.0/3) || ps.Why.Limit != 0.25 {
			t.Errorf("%v by %v (%+v), want at risk by attention", ps.Status, ps.Why.Rule, ps.Why)
		}
	})
	t.Run("team a, half of it needing attention, is at risk though its mean is on pace", func(t *testing.T) {
		// The mean, (50+80+30+10)/4 = 42.5, rounds to 43: 7 points behind.
		// A quarter off track is not more than 40%.
		tp := card.TeamPeriod(a, p)
		checkDistribution(t, tp.Distribution, append(append([]*KeyResultScore{}, tp.Objectives[0].KeyResults...), tp.Objectives[1].KeyResults...))
		if tp.Status != AtRisk || tp.Why.Rule != RuleAttention || tp.Why.Behind != 7 || !near(tp.Why.Share, 0.5) {
			t.Errorf("%v by %v, %d behind, share %v; want at risk by attention, 7 behind, share 0.5", tp.Status, tp.Why.Rule, tp.Why.Behind, tp.Why.Share)
		}
	})
	t.Run("team b's objective of weight 0 is left out of its status", func(t *testing.T) {
		tp := card.TeamPeriod(b, p)
		if tp.Status != OnTrack || tp.Distribution.Count(OffTrack) != 2 {
			t.Errorf("%v with %d off track, want on track with 2 off track counted", tp.Status, tp.Distribution.Count(OffTrack))
		}
	})
}

func TestAttention(t *testing.T) {
	p := q3()
	light := objectiveOf(p, Aspirational, krOf("risk", 1), krOf("on", 1), krOf("stale", 1))
	heavy := objectiveOf(p, Aspirational, krOf("risk", 1), krOf("off", 1))
	heavy.Weight = 2
	silentBehind := krOf("risk", 1)
	silentBehind.ID, silentBehind.Checkins = "silent-risk", ci("2026-07-31", 30)
	third := objectiveOf(p, Aspirational, silentBehind, krOf("risk", 1))
	var scores []*ObjectiveScore
	for _, o := range []*Objective{light, heavy, third} {
		scores = append(scores, ScoreObjective(o, day(midQ3), DefaultRollUp))
	}
	got := Attention(scores)
	// off (40 points behind) first; then those 20 behind: heavy's (weight
	// 2 x 1/2), third's (1 x 1/2; the silent one first), light's (1 x 1/3);
	// last the silent one on pace.
	want := []struct {
		o  *Objective
		id string
	}{{heavy, "off"}, {heavy, "risk"}, {third, "silent-risk"}, {third, "risk"}, {light, "risk"}, {light, "stale"}}
	if len(got) != len(want) {
		t.Fatalf("%d key results need attention, want %d", len(got), len(want))
	}
	for i, w := range want {
		if kr := got[i].KeyResult; kr.Objective != w.o || kr.ID != w.id {
			t.Errorf("attention %d is %s (%d behind), want %s", i, kr.ID, got[i].Why.Behind, w.id)
		}
	}
}

// TestFellShort checks which key results fall short of what their
// objective's kind expects, and in what order a finished period lists them.
func TestFellShort(t *testing.T) {
	const after = "2026-10-01" // 2026-Q3 has ended: the check-ins are the grades
	tests := []struct {
		name string
		c    Commitment
		kind string // krOf's
		asOf string
		want bool
	}{
		{"a committed key result graded 0.8 fell short of 1.0", Committed, "ahead", after, true},
		{"a committed key result graded 1.0 did not", Committed, "done", after, false},
		{"an aspirational key result graded 0.8 did not fall short of 0.7", Aspirational, "ahead", after, false},
		{"an aspirational key result graded 0.5 fell short", Aspirational, "on", after, true},
		{"while the period runs nothing has fallen short, however far behind", Committed, "off", midQ3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os := ScoreObjective(objectiveOf(q3(), tt.c, krOf(tt.kind, 1)), day(tt.asOf), DefaultRollUp)
			if got := os.KeyResults[0].FellShort(); got != tt.want {
				t.Errorf("FellShort() = %v, want %v (grade %.1f)", got, tt.want, os.KeyResults[0].Grade)
			}
		})
	}

	p := q3()
	light := objectiveOf(p, Committed, krOf("on", 1), krOf("done", 1), krOf("risk", 1))
	heavy := objectiveOf(p, Aspirational, krOf("on", 1), krOf("ahead", 1))
	heavy.Weight = 2
	var scores []*ObjectiveScore
	for _, o := range []*Objective{light, heavy} {
		scores = append(scores, ScoreObjective(o, day(after), DefaultRollUp))
	}
	// the lowest grade first (light's risk, 0.3); then of those graded
	// 0.5 the heavier (heavy's: weight 2 x 1/2 against 1 x 1/3).
	var got []string
	for _, krs := range FellShort(scores) {
		got = append(got, fmt.Sprintf("%s/%s %.1f", map[*Objective]string{light: "light", heavy: "heavy"}[krs.KeyResult.Objective], krs.KeyResult.ID, krs.Grade))
	}
	if want := "[light/risk 0.3 heavy/on 0.5 light/on 0.5]"; fmt.Sprint(got) != want {
		t.Errorf("FellShort = %v, want %s", got, want)
	}
}

// TestGradedDistribution checks that a finished roll-up counts its key
// results by grade band, and a running one by none.
func TestGradedDistribution(t *testing.T) {
	o := objectiveOf(q3(), Aspirational, krOf("ahead", 1), krOf("done", 1), krOf("on", 1), krOf("off", 1))
	tests := []struct {
		name               string
		asOf               string
		green, yellow, red int
	}{
		{"once ended, by band", "2026-10-01", 2, 1, 1},
		{"while it runs, no grades", midQ3, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ScoreObjective(o, day(tt.asOf), DefaultRollUp).Distribution
			if g, y, r := d.Graded("green"), d.Graded("yellow"), d.Graded("red"); g != tt.green || y != tt.yellow || r != tt.red {
				t.Errorf("graded %d green, %d yellow, %d red; want %d, %d, %d", g, y, r, tt.green, tt.yellow, tt.red)
			}
		})
	}
}
