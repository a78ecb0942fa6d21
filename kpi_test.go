package okrsite

import "testing"

func TestKPITrend(t *testing.T) {
	// availability's warning band is 0.4 wide: a change under 0.04 is flat.
	availability := KPI{Unit: "%", Thresholds: Thresholds{Healthy: Band{99.9, 99.9}, Warning: Band{99.5, 99.5}}}
	// returns' warning band is 1 wide: a change under 0.1 is flat.
	returns := KPI{Direction: LowerIsBetter, Thresholds: Thresholds{Healthy: Band{2, 2}, Warning: Band{3, 3}}}
	// nps's narrower side is 10 wide: a change under 1 is flat.
	nps := KPI{Direction: StayInBand, Thresholds: Thresholds{Healthy: Band{30, 60}, Warning: Band{20, 75}}}
	bare := KPI{Direction: LowerIsBetter}
	tests := []struct {
		name  string
		k     KPI
		a, b  float64
		move  Movement
		trend Trend
	}{
		{"a rise of 0.17 from critical to warning is up and improving, not flat", availability, 99.4, 99.57, Up, Improving},
		{"a rise of 0.03 within the warning band is flat and steady", availability, 99.6, 99.63, Flat, Steady},
		{"a rise of 0.05 within the warning band is up", availability, 99.6, 99.65, Up, Improving},
		{"a rise of 0.02 across the healthy threshold is up, as the health changed", availability, 99.89, 99.91, Up, Improving},
		{"a fall of a higher-is-better KPI is down and worsening", availability, 99.95, 99.7, Down, Worsening},
		{"a fall of 6 of a lower-is-better KPI is down and improving", returns, 10, 4, Down, Improving},
		{"a rise of a lower-is-better KPI is up and worsening", returns, 2.5, 2.8, Up, Worsening},
		{"a fall of 0.05 within its warning band is flat", returns, 2.55, 2.5, Flat, Steady},
		{"a band KPI rising toward the middle of its healthy band is up and improving", nps, 35, 44, Up, Improving},
		{"a band KPI rising away from the middle is up and worsening", nps, 50, 58, Up, Worsening},
		{"a band KPI's move of 0.5 is flat", nps, 45, 45.5, Flat, Steady},
		{"without a warning band, a change within half a percent is flat", bare, 100, 100.4, Flat, Steady},
		{"without a warning band, a larger change counts", bare, 100, 101, Up, Worsening},
		{"no change is flat", availability, 99.7, 99.7, Flat, Steady},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := tt.k
			k.Cadence = Monthly
			k.Measurements = []Measurement{{day("2026-06-30"), tt.a}, {day("2026-07-31"), tt.b}}
			s := ScoreKPI(&k, day("2026-08-01"), q3())
			if s.Move != tt.move || s.Trend != tt.trend || !near(s.Change, tt.b-tt.a) {
				t.Errorf("%v and %v, change %v; want %v and %v", s.Move, s.Trend, s.Change, tt.move, tt.trend)
			}
		})
	}
}

// TestKPIsAsOf checks that a finished period's KPIs are as they stood on
// its last day: what was in focus then, and unattended then.
func TestKPIsAsOf(t *testing.T) {
	q3, q4 := q3(), &Period{ID: "2026-Q4", Kind: Quarter, Start: day("2026-10-01"), End: day("2026-12-31")}
	team := &Team{ID: "t"}
	engagement := &KPI{ID: "engagement", Cadence: Monthly, Thresholds: Thresholds{Healthy: Band{75, 75}, Warning: Band{65, 65}},
		Measurements: []Measurement{{day("2026-06-30"), 60}, {day("2026-09-30"), 70}, {day("2026-10-31"), 76}}}
	returns := &KPI{ID: "returns", Direction: LowerIsBetter, Cadence: Monthly, Thresholds: Thresholds{Healthy: Band{2, 2}, Warning: Band{3, 3}},
		Measurements: []Measurement{{day("2026-06-30"), 2}, {day("2026-09-30"), 5}, {day("2026-10-31"), 4}}}
	lift := func(p *Period, k *KPI) *Objective {
		kr := &KeyResult{ID: k.ID, Start: 60, HasStart: true, Target: 80, Weight: 1, Cadence: Monthly, KPI: k}
		o := objectiveOf(p, Committed, kr)
		o.Team = team
		p.Objectives = append(p.Objectives, o)
		return o
	}
	site := &Site{Settings: Settings{RollUp: DefaultRollUp}, Teams: []*Team{team}, Periods: []*Period{q3, q4},
		KPIs: []*KPI{engagement, returns}}
	site.Objectives = []*Objective{lift(q3, engagement), lift(q4, returns)}
	card := Evaluate(site, day("2026-11-20"))

	ids := func(ks []*KPIScore) []string {
		var out []string
		for _, s := range ks {
			out = append(out, s.KPI.ID)
		}
		return out
	}
	same := func(a []string, b ...string) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	then := card.KPIsFor(q3)
	t.Run("a finished period's view is as of its last day", func(t *testing.T) {
		if then.AsOf != q3.End || then.KPI(engagement).Latest.Value != 70 {
			t.Errorf("view as of %v with engagement %v, want as of %v with 70", then.AsOf, then.KPI(engagement).Latest.Value, q3.End)
		}
	})
	t.Run("the next period's lifted KPI is not in focus then, but unattended", func(t *testing.T) {
		if !same(ids(then.InFocus), "engagement") || !same(ids(then.Unattended), "returns") {
			t.Errorf("in focus %v, unattended %v; want [engagement] and [returns]", ids(then.InFocus), ids(then.Unattended))
		}
		if ps := then.KPI(returns).Periods; len(ps) != 0 {
			t.Errorf("returns was lifted in %v by 2026-09-30, want none", ps)
		}
	})
	t.Run("the running period's view is as of the report date", func(t *testing.T) {
		now := card.KPIsFor(q4)
		if now.AsOf != card.AsOf || !same(ids(now.InFocus), "returns") || len(now.Unattended) != 0 || !same(ids(card.InFocus), "returns") {
			t.Errorf("as of %v: in focus %v, unattended %v", now.AsOf, ids(now.InFocus), ids(now.Unattended))
		}
		if ps := now.KPI(engagement).Periods; len(ps) != 1 || ps[0] != q3 {
			t.Errorf("engagement lifted in %v, want [2026-Q3]", ps)
		}
	})
	t.Run("a view of any other day is made on request", func(t *testing.T) {
		if v := card.KPIsAsOf(day("2026-07-15")); !same(ids(v.InFocus), "engagement") || v.KPI(returns).Health != Healthy {
			t.Errorf("as of 2026-07-15: in focus %v, returns %v", ids(v.InFocus), v.KPI(returns).Health)
		}
	})
}
