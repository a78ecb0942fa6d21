package okrsite

import "testing"

func TestWhy(t *testing.T) {
	p := q3()
	aug20 := day("2026-08-20") // 51 of 92 days: 55% expected
	tests := []struct {
		name string
		kr   KeyResult
		asOf Date
		want Why
	}{
		{
			name: "28% done, 55% expected: 27 points behind; last check-in 21 days ago, so no recent update",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: ci("2026-07-30", 28)},
			asOf: aug20,
			want: Why{Rule: RuleStale, Progress: 0.28, Expected: 51.0 / 92, Behind: 27,
				HasUpdate: true, LastUpdate: day("2026-07-30"), Age: 21, Cadence: Weekly, Confidence: NoConfidence},
		},
		{
			name: "the same result on a monthly cadence is off track by pace",
			kr:   KeyResult{Start: 0, Target: 100, Cadence: Monthly, Checkins: ci("2026-07-30", 28)},
			asOf: aug20,
			want: Why{Rule: RulePace, Progress: 0.28, Expected: 51.0 / 92, Behind: 27,
				HasUpdate: true, LastUpdate: day("2026-07-30"), Age: 21, Cadence: Monthly, Confidence: NoConfidence},
		},
		{
			name: "without a check-in, the silence counts from the period's start",
			kr:   KeyResult{Start: 0, Target: 100},
			asOf: day("2026-07-10"),
			want: Why{Rule: RuleStale, Expected: 10.0 / 92, Behind: 11, Age: 9, Cadence: Weekly, Confidence: NoConfidence},
		},
		{
			name: "a value to hold: held 7 of 8, one miss of 13 due is 8 points; the latest held",
			kr: KeyResult{Target: 99.5, Direction: StayAbove, Checkins: []Checkin{
				{day("2026-07-03"), 99.9, 0.85, ""}, {day("2026-07-10"), 99.71, NoConfidence, ""}, {day("2026-07-17"), 99.2, NoConfidence, ""},
				{day("2026-07-24"), 99.8, NoConfidence, ""}, {day("2026-07-31"), 99.9, NoConfidence, ""}, {day("2026-08-07"), 99.95, NoConfidence, ""},
				{day("2026-08-14"), 99.9, NoConfidence, ""}, {day("2026-08-20"), 99.6, NoConfidence, ""},
			}},
			asOf: aug20,
			want: Why{Rule: RuleHeld, Progress: 7.0 / 8, Expected: 1, Behind: 8, HasUpdate: true, LastUpdate: aug20, Age: 0, Cadence: Weekly,
				Confidence: 0.85, Held: 7, Checks: 8, Due: 13},
		},
		{
			name: "low confidence names the confidence rule",
			kr:   KeyResult{Start: 0, Target: 100, Checkins: []Checkin{{day("2026-08-19"), 60, 0.4, ""}}},
			asOf: aug20,
			want: Why{Rule: RuleConfidence, Progress: 0.6, Expected: 51.0 / 92, Behind: -5,
				HasUpdate: true, LastUpdate: day("2026-08-19"), Age: 1, Cadence: Weekly, Confidence: 0.4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ScoreKeyResult(keyResult(p, tt.kr), tt.asOf).Why; got != tt.want {
				t.Errorf("why\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestRollUpWhyNamesTheKeyResult(t *testing.T) {
	off := krOf("off", 1)
	os := ScoreObjective(objectiveOf(q3(), Committed, krOf("on", 1), krOf("on", 1), krOf("on", 1), krOf("on", 1), off), day(midQ3), DefaultRollUp)
	want := Why{Rule: RuleCommitted, Progress: 0.42, Expected: 0.5, Behind: 8, KeyResult: off}
	if os.Why.Rule != want.Rule || os.Why.KeyResult != want.KeyResult || os.Why.Behind != want.Behind || !near(os.Why.Progress, want.Progress) {
		t.Errorf("a committed objective with an off-track key result explains itself as\n %+v\nwant %+v", os.Why, want)
	}
}

func TestDisagreement(t *testing.T) {
	p := q3()
	tests := []struct {
		name       string
		value      int
		confidence float64
		want       Disagreement
	}{
		{"a projection to 1.0 beside a confidence of 50% disagree: the owner is less confident", 50, 0.5, OwnerLessConfident},
		{"a projection to 1.0 beside a confidence of 60% agree", 50, 0.6, NoDisagreement},
		{"a projection to 0.4 beside a confidence of 80% disagree: the owner is more confident", 20, 0.8, OwnerMoreConfident},
		{"a projection to 0.4 beside a confidence of 60% agree", 20, 0.6, NoDisagreement},
		{"without a confidence nothing disagrees", 20, NoConfidence, NoDisagreement},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kr := keyResult(p, KeyResult{Start: 0, Target: 100, Checkins: []Checkin{{day("2026-08-14"), float64(tt.value), tt.confidence, ""}}})
			s := ScoreKeyResult(kr, day(midQ3))
			if s.Disagreement != tt.want {
				t.Errorf("%v (projected grade %v, confidence %v), want %v", s.Disagreement, s.ProjectedGrade, s.Confidence, tt.want)
			}
		})
	}
}
