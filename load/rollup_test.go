package load

import (
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/rogpeppe/go-internal/txtar"
)

func TestRollUpSettings(t *testing.T) {
	tests := []struct {
		name     string
		settings string
		want     okrsite.RollUpRule
	}{
		{"a site that names no limits rolls up by the defaults", "", okrsite.DefaultRollUp},
		{"a site may set both limits", "rollup_at_risk = 0.5\nrollup_off_track = 0.6\n", okrsite.RollUpRule{AtRisk: 0.5, OffTrack: 0.6}},
		{"a site may set one limit and keep the other's default", "rollup_off_track = 1\n", okrsite.RollUpRule{AtRisk: 0.25, OffTrack: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			overlay := &txtar.Archive{Files: []txtar.File{{Name: "site.toml", Data: []byte("title = \"Goals\"\nas_of = 2026-08-14\n" + tt.settings)}}}
			site, _, err := Load(siteFS(t, overlay), "site")
			if err != nil {
				t.Fatal(err)
			}
			if site.Settings.RollUp != tt.want {
				t.Errorf("rule %+v, want %+v", site.Settings.RollUp, tt.want)
			}
		})
	}
}

func TestHasStart(t *testing.T) {
	overlay := &txtar.Archive{Files: []txtar.File{{Name: "periods/2026-Q3/sales.toml", Data: []byte(`
[[objective]]
id = "stable"
title = "Stay up"

  [[objective.kr]]
  id = "uptime"
  title = "Availability"
  unit = "%"
  direction = "above"
  target = 99.5
  checkins = [[2026-07-10, 99.7]]

  [[objective.kr]]
  id = "uptime-from"
  title = "Availability, from where it was"
  direction = "above"
  start = 99.2
  target = 99.5
`)}}}
	site, _, err := Load(siteFS(t, overlay), "site")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		kr   *okrsite.KeyResult
		want bool
	}{
		{"a value to move has the start it gives", site.Objectives[0].KeyResults[0], true},
		{"a lifted KPI starts from its value before the period", site.Objectives[0].KeyResults[1], true},
		{"a value to hold without a start has none", site.Objectives[1].KeyResults[0], false},
		{"a value to hold with a start has it", site.Objectives[1].KeyResults[1], true},
	}
	for _, tt := range tests {
		if tt.kr.HasStart != tt.want {
			t.Errorf("%s: %s has start %v, want %v", tt.name, tt.kr.ID, tt.kr.HasStart, tt.want)
		}
	}
}

// TestReviewSince reads review_since strictly: a date before as_of, and a
// positioned error for anything else.
func TestReviewSince(t *testing.T) {
	tests := []struct {
		name, line string
		want       okrsite.Date // 0: none
		err        string
	}{
		{"a site that names none has none", "", 0, ""},
		{"a date before as_of is the day the last review looked at", "review_since = 2026-08-01", okrsite.MakeDate(2026, 8, 1), ""},
		{"a date written as a string reads too", `review_since = "2026-08-01"`, okrsite.MakeDate(2026, 8, 1), ""},
		{"as_of itself leaves no window", "review_since = 2026-08-14", 0, "site.toml:3:1: review_since is 2026-08-14, not before as_of 2026-08-14; expected"},
		{"a number is no date", "review_since = 7", 0, "site.toml:3:"},
		{"a date and time is no date", "review_since = 2026-08-01T10:00:00", 0, "site.toml:3:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			overlay := &txtar.Archive{Files: []txtar.File{{Name: "site.toml", Data: []byte("title = \"Goals\"\nas_of = 2026-08-14\n" + tt.line + "\n")}}}
			site, _, err := Load(siteFS(t, overlay), "site")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v; want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := site.Settings.ReviewSince; got != tt.want || site.Settings.HasReviewSince != (tt.want != 0) {
				t.Errorf("review_since %v (%v), want %v", got, site.Settings.HasReviewSince, tt.want)
			}
		})
	}
}
