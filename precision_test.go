package okrsite

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestDecimals(t *testing.T) {
	engagement := &KPI{Unit: "index", Measurements: []Measurement{{day("2026-06-30"), 71.5}}}
	tests := []struct {
		name string
		kr   KeyResult
		want int
	}{
		{"whole numbers have no decimals",
			KeyResult{Start: 40000, HasStart: true, Target: 60000, Unit: "subscribers", Checkins: ci("2026-07-03", 41000, "2026-07-10", 43500)}, 0},
		{"the most precise value decides: one check-in of 57.63 makes two",
			KeyResult{Start: 40, HasStart: true, Target: 60, Checkins: []Checkin{{day("2026-07-03"), 41.5, NoConfidence, ""}, {day("2026-07-10"), 57.63, NoConfidence, ""}}}, 2},
		{"a start that was not given does not count",
			KeyResult{Start: 0.125, Target: 95, Direction: StayAbove, Checkins: ci("2026-07-03", 96)}, 0},
		{"a given start counts",
			KeyResult{Start: 2.5, HasStart: true, Target: 4, Unit: "MSEK"}, 1},
		{"more than two decimals are shown as two",
			KeyResult{Start: 0, HasStart: true, Target: 1, Checkins: []Checkin{{day("2026-07-03"), 0.12345, NoConfidence, ""}}}, 2},
		{"a percentage keeps two decimals, so 99.71% is not 99.7%",
			KeyResult{Target: 99.5, Unit: "%", Direction: StayAbove, Checkins: []Checkin{{day("2026-07-03"), 99.71, NoConfidence, ""}}}, 2},
		{"days are shown with at most one decimal",
			KeyResult{Start: 35, HasStart: true, Target: 25, Unit: "days", Checkins: []Checkin{{day("2026-07-03"), 29.97, NoConfidence, ""}}}, 1},
		{"a milestone result has no decimals",
			KeyResult{Milestones: []Milestone{{Title: "a"}}}, 0},
		{"a result that lifts a KPI takes at least the KPI's precision",
			KeyResult{Start: 70, HasStart: true, Target: 75, KPI: engagement}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.kr.Decimals(); got != tt.want {
				t.Errorf("%d decimals, want %d", got, tt.want)
			}
		})
	}
	availability := &KPI{Unit: "%", Thresholds: Thresholds{Healthy: Band{99.9, 99.9}, Warning: Band{99.5, 99.5}},
		Measurements: []Measurement{{day("2026-06-30"), 99.8}, {day("2026-07-31"), 99.75}}}
	if got := availability.Decimals(); got != 2 {
		t.Errorf("a KPI of 99.75%% has %d decimals, want 2", got)
	}
	if got := (&KPI{Thresholds: Thresholds{Healthy: Band{99.9, 99.9}}}).Decimals(); got != 1 {
		t.Errorf("a KPI's thresholds do not count for its precision: %d decimals, want 1", got)
	}
}

func TestRound(t *testing.T) {
	tests := []struct {
		name     string
		v        float64
		decimals int
		want     float64
	}{
		{"60,973.58 subscribers to whole numbers is 60,974", 60973.58, 0, 60974},
		{"a half rounds away from zero", -2.5, 0, -3},
		{"one decimal", 31.44, 1, 31.4},
		{"two decimals", 99.716, 2, 99.72},
	}
	for _, tt := range tests {
		if got := Round(tt.v, tt.decimals); got != tt.want {
			t.Errorf("%s: Round(%v, %d) = %v, want %v", tt.name, tt.v, tt.decimals, got, tt.want)
		}
	}
}

func TestProjection(t *testing.T) {
	p := q3()
	tests := []struct {
		name  string
		kr    KeyResult
		value float64
		grade float64
	}{
		{"a projection of whole numbers is rounded to a whole number",
			KeyResult{Start: 40000, HasStart: true, Target: 60000, Checkins: ci("2026-08-07", 50000, "2026-08-14", 50250)}, 51929, 0.6}, // 51,928.57
		{"a projection keeps the one decimal its values use",
			KeyResult{Start: 35, HasStart: true, Target: 25, Unit: "days", Checkins: []Checkin{{day("2026-08-07"), 30, NoConfidence, ""}, {day("2026-08-14"), 29.9, NoConfidence, ""}}}, 29.2, 0.6}, // 29.229
		{"a percentage projection stops at 100",
			KeyResult{Start: 60, HasStart: true, Target: 90, Unit: "%", Checkins: ci("2026-07-31", 80, "2026-08-14", 95)}, 100, 1},
		{"a projection past the target keeps its value, while its grade stops at 1.0",
			KeyResult{Start: 0, HasStart: true, Target: 10, Checkins: ci("2026-08-14", 8)}, 17, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScoreKeyResult(keyResult(p, tt.kr), day(midQ3))
			if !s.HasProjection || s.ProjectedValue != tt.value || s.ProjectedGrade != tt.grade {
				t.Errorf("projected %v, grade %v (has %v); want %v, grade %v", s.ProjectedValue, s.ProjectedGrade, s.HasProjection, tt.value, tt.grade)
			}
		})
	}
	t.Run("an objective's projection is the mean of its key results', with the progress of those without one", func(t *testing.T) {
		o := objectiveOf(p, Committed, krOf("on", 1), &KeyResult{Milestones: []Milestone{{Title: "a", Done: true}, {Title: "b"}}, Weight: 1, Cadence: Weekly})
		os := ScoreObjective(o, day(midQ3), DefaultRollUp)
		want := (os.KeyResults[0].Projected + 0.5) / 2
		if !os.HasProjection || !near(os.Projected, want) || os.ProjectedGrade != math.Round(want*10)/10 {
			t.Errorf("projected %v, grade %v; want %v", os.Projected, os.ProjectedGrade, want)
		}
	})
	t.Run("a finished period has a grade and no projection", func(t *testing.T) {
		os := ScoreObjective(objectiveOf(p, Committed, krOf("on", 1)), day("2026-10-01"), DefaultRollUp)
		if os.HasProjection || os.Projected != 0 || !os.Final || os.Grade != 0.5 {
			t.Errorf("%+v", os.Score)
		}
	})
	t.Run("a running period has no grade", func(t *testing.T) {
		os := ScoreObjective(objectiveOf(p, Committed, krOf("on", 1)), day(midQ3), DefaultRollUp)
		if os.Final || os.Grade != 0 || os.KeyResults[0].Grade != 0 {
			t.Errorf("%+v", os.Score)
		}
	})
}

func TestAxis(t *testing.T) {
	tests := []struct {
		name   string
		unit   string
		lo, hi float64
		want   Axis
	}{
		{"an availability axis zooms to its values", "%", 99.5, 99.95, Axis{99.49, 99.96}},
		{"a percentage axis never passes 100", "%", 95, 100, Axis{94, 100}},
		{"a percentage axis passes 100 when a value does", "%", 80, 130, Axis{70, 140}},
		{"an axis of counts never goes below zero", "users", 0, 50, Axis{0, 60}},
		{"negative values keep room below zero", "MSEK", -3, 5, Axis{-4, 6}},
		{"a single value gets an axis around it", "", 50, 50, Axis{40, 60}},
	}
	for _, tt := range tests {
		if got := AxisFor(tt.unit, tt.lo, tt.hi); got != tt.want {
			t.Errorf("%s: AxisFor(%q, %v, %v) = %v, want %v", tt.name, tt.unit, tt.lo, tt.hi, got, tt.want)
		}
	}
	hold := keyResult(q3(), KeyResult{Target: 99.5, Unit: "%", Direction: StayAbove,
		Checkins: []Checkin{{day("2026-07-03"), 99.71, NoConfidence, ""}, {day("2026-07-10"), 99.95, NoConfidence, ""}}})
	if got := ScoreKeyResult(hold, day("2026-07-10")).Axis(); got != (Axis{99.49, 99.96}) {
		t.Errorf("a value to hold without a start: axis %v, want it zoomed to 99.49 to 99.96, not from 0", got)
	}
	k := &KPI{Unit: "%", Thresholds: Thresholds{Healthy: Band{99.9, 99.9}, Warning: Band{99.5, 99.5}},
		Measurements: []Measurement{{day("2026-06-30"), 99.2}, {day("2026-07-31"), 100}}}
	if got := ScoreKPI(k, day("2026-08-01"), nil).Axis(); got.Max != 100 || got.Min != 99.1 {
		t.Errorf("an availability KPI's axis is %v, want 99.1 to 100", got)
	}
}

// TestDecimalsOfAsStrconv checks the arithmetic of decimalsOf against the
// shortest decimal strconv writes, for numbers with up to six decimals and
// a few that need more.
func TestDecimalsOfAsStrconv(t *testing.T) {
	values := []float64{0, 1200, -3.5, 0.1 + 0.2, 1e-7, 99.71, 60973.58, 1e20, math.Pi}
	for k := int64(-100000); k <= 100000; k += 7 {
		for d := range 7 {
			values = append(values, float64(k*31)/math.Pow10(d))
		}
	}
	for _, v := range values {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		want := 0
		if i := strings.IndexByte(s, '.'); i >= 0 {
			want = min(len(s)-i-1, 8)
		}
		if got := decimalsOf(v, 8); got != want {
			t.Fatalf("decimalsOf(%s, 8) = %d, want %d", s, got, want)
		}
	}
}
