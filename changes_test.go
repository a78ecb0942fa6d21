package okrsite

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// testSite is a small site built in code: teams a (led by Ann) and b (led
// by Bo), 2026-Q3 and 2026-Q4, and no objectives or KPIs yet.
func testSite() *Site {
	a := &Team{ID: "a", Name: "Team A", Lead: "Ann"}
	b := &Team{ID: "b", Name: "Team B", Lead: "Bo"}
	var periods []*Period
	for _, id := range []string{"2026-Q3", "2026-Q4"} {
		_, start, end, _ := PeriodDates(id)
		periods = append(periods, &Period{ID: id, Name: id, Start: start, End: end})
	}
	return &Site{
		Settings: Settings{Title: "Test", Cadence: Weekly, RollUp: DefaultRollUp},
		Teams:    []*Team{a, b},
		Periods:  periods,
	}
}

// addObjective adds a committed objective of team to period, with key
// results (weight 1 and the site's cadence unless set).
func addObjective(s *Site, period, team, id string, krs ...*KeyResult) *Objective {
	o := &Objective{ID: id, Title: "Objective " + id, Weight: 1, KeyResults: krs}
	for _, p := range s.Periods {
		if p.ID == period {
			o.Period = p
		}
	}
	for _, t := range s.Teams {
		if t.ID == team {
			o.Team = t
		}
	}
	for _, kr := range krs {
		kr.Objective = o
		kr.Title = "Result " + kr.ID
		if kr.Weight == 0 {
			kr.Weight = 1
		}
		if kr.Cadence == 0 {
			kr.Cadence = s.Settings.Cadence
		}
	}
	o.Period.Objectives = append(o.Period.Objectives, o)
	s.Objectives = append(s.Objectives, o)
	return o
}

// cc builds a check-in; conf < 0 gives none.
func cc(date string, value, conf float64, note string) Checkin {
	if conf < 0 {
		conf = NoConfidence
	}
	return Checkin{Date: day(date), Value: value, Confidence: conf, Note: note}
}

// valueKR returns a key result from 0 to 100.
func valueKR(id string, checkins ...Checkin) *KeyResult {
	return &KeyResult{ID: id, Start: 0, HasStart: true, Target: 100, Checkins: checkins}
}

// describe writes every change of c as a line, list by list.
func describe(c *Changes) []string {
	var out []string
	line := func(h Change, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s %s %s ", h.Kind, h.Key(), h.Date)+fmt.Sprintf(format, args...))
	}
	for _, s := range c.Statuses {
		line(s.Change, "%s>%s", s.Before.Status, s.After.Status)
	}
	for _, ci := range c.Checkins {
		line(ci.Change, "%g %q", ci.Checkin.Value, ci.Checkin.Note)
	}
	for _, d := range c.ConfidenceDrops {
		line(d.Change, "%g>%g", d.From, d.Checkin.Confidence)
	}
	for _, s := range c.Silent {
		line(s.Change, "last %s", s.LastUpdate)
	}
	for _, h := range c.KPIs {
		line(h.Change, "%s>%s at %g", h.From, h.To, h.Measurement.Value)
	}
	for _, a := range c.Added {
		line(a.Change, "%s", a.Score.Status)
	}
	for _, f := range c.Finished {
		line(f.Change, "final %v", f.Score.Final)
	}
	return out
}

// review scores s as of since and until and compares them.
func review(s *Site, since, until string) *Review {
	return ReviewOf(Evaluate(s, day(until)), day(since))
}

// TestReview builds sites with check-ins before, within and after a window
// and checks the exact changes listed, one kind of change a case. The
// window is 2026-08-08 to 2026-08-14 (Since 2026-08-07) unless a case
// says otherwise: 41% of 2026-Q3 has passed on 2026-08-07, 49% on
// 2026-08-14.
func TestReview(t *testing.T) {
	tests := []struct {
		name         string
		build        func(s *Site)
		since, until string
		want         []string
	}{
		{
			name: "new check-ins within the window, with their notes; none on Since or after Until",
			build: func(s *Site) {
				addObjective(s, "2026-Q3", "a", "o", valueKR("k",
					cc("2026-07-31", 35, 0.8, ""), cc("2026-08-07", 41, 0.8, "seen last week"),
					cc("2026-08-10", 45, 0.8, "note <A>"), cc("2026-08-14", 49, -1, ""),
					cc("2026-08-20", 70, 0.8, "after the window")))
			},
			want: []string{
				`checkin key-result 2026-Q3/o/k 2026-08-10 45 "note <A>"`,
				`checkin key-result 2026-Q3/o/k 2026-08-14 49 ""`,
			},
		},
		{
			name: "a check-in that puts a result at risk: every roll-up above it follows, on the check-in's day",
			build: func(s *Site) {
				addObjective(s, "2026-Q3", "a", "o", valueKR("k",
					cc("2026-08-07", 41, 0.8, ""), cc("2026-08-11", 35, 0.8, "supplier late"), cc("2026-08-18", 60, 0.8, "")))
			},
			want: []string{
				"status period 2026-Q3 2026-08-11 on-track>at-risk",
				"status team-period a/2026-Q3 2026-08-11 on-track>at-risk",
				"status objective 2026-Q3/o 2026-08-11 on-track>at-risk",
				"status key-result 2026-Q3/o/k 2026-08-11 on-track>at-risk",
				`checkin key-result 2026-Q3/o/k 2026-08-11 35 "supplier late"`,
			},
		},
		{
			name: "pace alone: no check-in, and the day it fell 11 points behind is the day it changed",
			build: func(s *Site) {
				k := valueKR("k", cc("2026-08-01", 35, -1, ""))
				k.Cadence = Monthly
				addObjective(s, "2026-Q3", "a", "o", k)
			},
			want: []string{
				"status period 2026-Q3 2026-08-11 on-track>at-risk",
				"status team-period a/2026-Q3 2026-08-11 on-track>at-risk",
				"status objective 2026-Q3/o 2026-08-11 on-track>at-risk",
				"status key-result 2026-Q3/o/k 2026-08-11 on-track>at-risk",
			},
		},
		{
			name: "confidence drops of 0.2 or more (0.7 to 0.5 is one), not 0.15",
			build: func(s *Site) {
				addObjective(s, "2026-Q3", "a", "o",
					valueKR("k1", cc("2026-08-07", 41, 0.7, ""), cc("2026-08-12", 47, 0.5, "vendor doubts")),
					valueKR("k2", cc("2026-08-07", 41, 0.8, ""), cc("2026-08-12", 47, 0.65, "")))
			},
			want: []string{
				`checkin key-result 2026-Q3/o/k1 2026-08-12 47 "vendor doubts"`,
				`checkin key-result 2026-Q3/o/k2 2026-08-12 47 ""`,
				"confidence key-result 2026-Q3/o/k1 2026-08-12 0.7>0.5",
			},
		},
		{
			name: "silent through the window: due on 2026-08-10, no check-in until after Until",
			build: func(s *Site) {
				addObjective(s, "2026-Q3", "a", "o", valueKR("k", cc("2026-08-03", 40, 0.8, ""), cc("2026-08-16", 50, 0.8, "")))
			},
			want: []string{
				"status period 2026-Q3 2026-08-11 on-track>no-update",
				"status team-period a/2026-Q3 2026-08-11 on-track>no-update",
				"status objective 2026-Q3/o 2026-08-11 on-track>no-update",
				"status key-result 2026-Q3/o/k 2026-08-11 on-track>no-update",
				"silent key-result 2026-Q3/o/k 2026-08-10 last 2026-08-03",
			},
		},
		{
			name: "a KPI that crossed two thresholds is dated by the value from which it stayed critical",
			build: func(s *Site) {
				s.KPIs = append(s.KPIs, &KPI{ID: "nps", Name: "NPS", Team: s.Teams[0], Cadence: Monthly,
					Thresholds: Thresholds{Healthy: Band{50, 0}, Warning: Band{30, 0}},
					Measurements: []Measurement{
						{day("2026-07-31"), 55}, {day("2026-08-09"), 45}, {day("2026-08-12"), 28},
						{day("2026-08-13"), 29}, {day("2026-08-20"), 60},
					}})
				s.KPIs = append(s.KPIs, &KPI{ID: "steady", Name: "Steady", Cadence: Monthly,
					Thresholds:   Thresholds{Healthy: Band{50, 0}, Warning: Band{30, 0}},
					Measurements: []Measurement{{day("2026-07-31"), 55}, {day("2026-08-09"), 51}}})
			},
			want: []string{"kpi-health kpi nps 2026-08-12 healthy>critical at 28"},
		},
		{
			name: "a result done within the window finishes its objective that day",
			build: func(s *Site) {
				addObjective(s, "2026-Q3", "a", "o", valueKR("k", cc("2026-08-07", 90, 0.9, ""), cc("2026-08-12", 100, 1, "shipped")))
			},
			want: []string{
				"status period 2026-Q3 2026-08-12 on-track>done",
				"status team-period a/2026-Q3 2026-08-12 on-track>done",
				"status objective 2026-Q3/o 2026-08-12 on-track>done",
				"status key-result 2026-Q3/o/k 2026-08-12 on-track>done",
				`checkin key-result 2026-Q3/o/k 2026-08-12 100 "shipped"`,
				"finished objective 2026-Q3/o 2026-08-12 final false",
			},
		},
		{
			name: "at the turn of a quarter: Q3's objective finishes on its last day, Q4's is added on its first",
			build: func(s *Site) {
				addObjective(s, "2026-Q3", "a", "o", valueKR("k", cc("2026-09-25", 100, 1, "")))
				addObjective(s, "2026-Q4", "b", "p", valueKR("k"))
			},
			since: "2026-09-26", until: "2026-10-03",
			want: []string{
				"added objective 2026-Q4/p 2026-10-01 on-track",
				"finished objective 2026-Q3/o 2026-09-30 final true",
			},
		},
		{
			name: "no window: Since on Until",
			build: func(s *Site) {
				addObjective(s, "2026-Q3", "a", "o", valueKR("k", cc("2026-08-10", 45, 0.8, "")))
			},
			since: "2026-08-14", until: "2026-08-14",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSite()
			tt.build(s)
			since, until := cmp.Or(tt.since, "2026-08-07"), cmp.Or(tt.until, "2026-08-14")
			r := review(s, since, until)
			if got := describe(&r.Changes); !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// TestReviewSets checks that each change reaches the site's set, its
// period's and its team's, and that the counts add up.
func TestReviewSets(t *testing.T) {
	s := testSite()
	addObjective(s, "2026-Q3", "a", "o", valueKR("k", cc("2026-08-07", 41, 0.8, ""), cc("2026-08-11", 35, 0.5, "late")))
	addObjective(s, "2026-Q3", "b", "p", valueKR("k", cc("2026-08-07", 41, 0.8, ""), cc("2026-08-12", 48, 0.8, "")))
	s.KPIs = []*KPI{{ID: "nps", Name: "NPS", Team: s.Teams[1], Cadence: Monthly,
		Thresholds:   Thresholds{Healthy: Band{50, 0}, Warning: Band{30, 0}},
		Measurements: []Measurement{{day("2026-07-31"), 55}, {day("2026-08-09"), 45}}}}
	r := review(s, "2026-08-07", "2026-08-14")

	if len(r.Periods) != 1 || r.Periods[0].Period.ID != "2026-Q3" || r.Period(s.Periods[1]) != nil {
		t.Fatalf("periods: %v; want 2026-Q3 alone (Q4 starts after the window)", r.Periods)
	}
	want := map[string][]string{
		"site": {
			"status period 2026-Q3 2026-08-11 on-track>at-risk",
			"status team-period a/2026-Q3 2026-08-11 on-track>at-risk",
			"status objective 2026-Q3/o 2026-08-11 on-track>at-risk",
			"status key-result 2026-Q3/o/k 2026-08-11 on-track>at-risk",
			`checkin key-result 2026-Q3/o/k 2026-08-11 35 "late"`,
			`checkin key-result 2026-Q3/p/k 2026-08-12 48 ""`,
			"confidence key-result 2026-Q3/o/k 2026-08-11 0.8>0.5",
			"kpi-health kpi nps 2026-08-09 healthy>warning at 45",
		},
		"period": {
			"status period 2026-Q3 2026-08-11 on-track>at-risk",
			"status team-period a/2026-Q3 2026-08-11 on-track>at-risk",
			"status objective 2026-Q3/o 2026-08-11 on-track>at-risk",
			"status key-result 2026-Q3/o/k 2026-08-11 on-track>at-risk",
			`checkin key-result 2026-Q3/o/k 2026-08-11 35 "late"`,
			`checkin key-result 2026-Q3/p/k 2026-08-12 48 ""`,
			"confidence key-result 2026-Q3/o/k 2026-08-11 0.8>0.5",
		},
		"a": {
			"status team-period a/2026-Q3 2026-08-11 on-track>at-risk",
			"status objective 2026-Q3/o 2026-08-11 on-track>at-risk",
			"status key-result 2026-Q3/o/k 2026-08-11 on-track>at-risk",
			`checkin key-result 2026-Q3/o/k 2026-08-11 35 "late"`,
			"confidence key-result 2026-Q3/o/k 2026-08-11 0.8>0.5",
		},
		"b": {
			`checkin key-result 2026-Q3/p/k 2026-08-12 48 ""`,
			"kpi-health kpi nps 2026-08-09 healthy>warning at 45",
		},
	}
	sets := map[string]*Changes{
		"site":   &r.Changes,
		"period": &r.Period(s.Periods[0]).Changes,
		"a":      &r.Team(s.Teams[0]).Changes,
		"b":      &r.Team(s.Teams[1]).Changes,
	}
	for name, c := range sets {
		if got := describe(c); !slices.Equal(got, want[name]) {
			t.Errorf("%s: got\n\t%s\nwant\n\t%s", name, strings.Join(got, "\n\t"), strings.Join(want[name], "\n\t"))
		}
	}
	wantSummary := Summary{Statuses: 4, Worse: 4, Checkins: 2, Notes: 1, ConfidenceDrops: 1, KPIs: 1}
	if r.Summary != wantSummary || r.Summary.Total() != 8 {
		t.Errorf("summary %+v (total %d), want %+v (total 8)", r.Summary, r.Summary.Total(), wantSummary)
	}
	if b := r.Team(s.Teams[1]).Summary; b != (Summary{Checkins: 1, KPIs: 1}) {
		t.Errorf("team b's summary %+v, want a check-in and a KPI", b)
	}
}

// TestChangeIDs checks that a change found by two reviews whose windows
// overlap has the same id in both.
func TestChangeIDs(t *testing.T) {
	s := testSite()
	addObjective(s, "2026-Q3", "a", "o", valueKR("k",
		cc("2026-08-07", 41, 0.8, ""), cc("2026-08-11", 35, 0.8, ""), cc("2026-08-13", 36, 0.8, "")))
	ids := func(r *Review) []string {
		var out []string
		for _, s := range r.Statuses {
			out = append(out, s.ID())
		}
		for _, c := range r.Checkins {
			out = append(out, c.ID())
		}
		return out
	}
	first, second := ids(review(s, "2026-08-07", "2026-08-14")), ids(review(s, "2026-08-09", "2026-08-16"))
	if !slices.Equal(first, second) {
		t.Errorf("the ids differ between overlapping windows:\n\t%s\n\t%s", strings.Join(first, "\n\t"), strings.Join(second, "\n\t"))
	}
	if want := "status key-result 2026-Q3/o/k 2026-08-11"; !slices.Contains(first, want) {
		t.Errorf("ids %q lack %q", first, want)
	}
}
