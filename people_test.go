package okrsite

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestPeople(t *testing.T) {
	s := testSite()
	s.Teams[1].Lead = "  " // names nobody
	o := addObjective(s, "2026-Q3", "a", "o",
		valueKR("mine", cc("2026-08-10", 45, 0.8, "")),
		valueKR("hers", cc("2026-08-01", 30, 0.8, "")))
	o.Owner = "Ann"
	o.KeyResults[1].Owner = "anna"
	addObjective(s, "2026-Q4", "b", "p", valueKR("later"))
	s.Objectives[1].Owner = "Ann"
	old := addObjective(s, "2026-Q3", "b", "q", valueKR("k", cc("2026-08-12", 50, 0.8, "")))
	old.Owner = "Bo"
	s.KPIs = []*KPI{{ID: "nps", Name: "NPS", Team: s.Teams[0], Cadence: Monthly}}

	people := People(Evaluate(s, day("2026-08-14")))
	var names []string
	for _, p := range people {
		names = append(names, p.Name+"="+p.Slug)
	}
	if want := []string{"Ann=ann", "anna=anna", "Bo=bo"}; !slices.Equal(names, want) {
		t.Fatalf("people %q, want %q (Team B's lead of spaces names nobody)", names, want)
	}
	ann := people[0]
	if len(ann.Teams) != 1 || ann.Teams[0].ID != "a" || len(ann.KPIs) != 1 || ann.KPIs[0].KPI.ID != "nps" {
		t.Errorf("Ann leads %v with KPIs %v; want team a and its KPI nps", ann.Teams, ann.KPIs)
	}
	var owns []string
	for _, pp := range ann.Periods {
		for _, os := range pp.Objectives {
			owns = append(owns, pp.Period.ID+" objective "+os.Objective.ID)
		}
		for _, krs := range pp.KeyResults {
			owns = append(owns, pp.Period.ID+" key result "+krs.KeyResult.ID)
		}
	}
	// Newest period first; "hers" names anna, and "later" names nobody,
	// so it is Ann's as her objective's.
	want := []string{"2026-Q4 objective p", "2026-Q4 key result later", "2026-Q3 objective o", "2026-Q3 key result mine"}
	if !slices.Equal(owns, want) {
		t.Errorf("Ann owns %q, want %q", owns, want)
	}
	// mine: checked in 2026-08-10, due 2026-08-17 in 3 days; later: Q4
	// has not begun, its first is due 2026-10-08, not soon.
	if len(ann.Due) != 1 || ann.Due[0].Date != day("2026-08-17") || ann.Due[0].Days != 3 || ann.Overdue() != 0 {
		t.Errorf("Ann's dues %+v, want one on 2026-08-17 in 3 days", ann.Due)
	}
	anna := people[1]
	if len(anna.Due) != 1 || anna.Due[0].Date != day("2026-08-08") || anna.Due[0].Days != -6 || anna.Overdue() != 1 {
		t.Errorf("anna's dues %+v, want one overdue since 2026-08-08", anna.Due)
	}
}

// TestSlugs checks that slugs are safe file names, unique, and depend only
// on the names that share them.
func TestSlugs(t *testing.T) {
	names := []string{
		"Per Åberg", "Björn Ærø-Strauß", "../../x", "..", "", "🎉🎉", "🎉", "Anna Berg", "anna berg", "Anna  Berg",
		"a/b\\c", "<script>alert(1)</script>", "CON", "x", "Łukasz Żółć", "王小明", strings.Repeat("long name ", 20),
	}
	people := make([]*Person, len(names))
	for i, n := range names {
		people[i] = &Person{Name: n}
	}
	assignSlugs(people)
	safe := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]string{}
	for _, p := range people {
		if !safe.MatchString(p.Slug) || len(p.Slug) > maxSlug+9 {
			t.Errorf("%q has slug %q: not lowercase letters, digits and single dashes of at most %d", p.Name, p.Slug, maxSlug+9)
		}
		if other, dup := seen[p.Slug]; dup {
			t.Errorf("%q and %q share slug %q", p.Name, other, p.Slug)
		}
		seen[p.Slug] = p.Name
	}
	want := map[string]string{
		"Per Åberg":                 "per-aberg",
		"Björn Ærø-Strauß":          "bjorn-aero-strauss",
		"../../x":                   "x-",
		"<script>alert(1)</script>": "script-alert-1-script",
		"Łukasz Żółć":               "lukasz-zolc",
		"CON":                       "con",
	}
	for _, p := range people {
		w, ok := want[p.Name]
		if !ok {
			continue
		}
		if strings.HasSuffix(w, "-") { // shares its plain slug: a hash follows
			if !strings.HasPrefix(p.Slug, w) || len(p.Slug) != len(w)+8 {
				t.Errorf("%q: slug %q, want %q and 8 hex digits", p.Name, p.Slug, w)
			}
		} else if p.Slug != w {
			t.Errorf("%q: slug %q, want %q", p.Name, p.Slug, w)
		}
	}
	// A name's hashed slug is the same whatever other names there are.
	again := []*Person{{Name: "Anna Berg"}, {Name: "anna berg"}}
	assignSlugs(again)
	for _, p := range people {
		if p.Name == "Anna Berg" && p.Slug != again[0].Slug {
			t.Errorf("Anna Berg's slug is %q beside many names, %q beside one", p.Slug, again[0].Slug)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Per Åberg", "../../x", "", "🎉", "a--b"} {
		f.Add(s, "x")
	}
	safe := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	f.Fuzz(func(t *testing.T, a, b string) {
		if a == b {
			return
		}
		people := []*Person{{Name: a}, {Name: b}}
		assignSlugs(people)
		for _, p := range people {
			if !safe.MatchString(p.Slug) {
				t.Fatalf("%q: unsafe slug %q", p.Name, p.Slug)
			}
		}
		if people[0].Slug == people[1].Slug {
			t.Fatalf("%q and %q share slug %q", a, b, people[0].Slug)
		}
	})
}

func TestNextDue(t *testing.T) {
	p := q3()
	tests := []struct {
		name string
		kr   KeyResult
		asOf string
		want string // "" when none is due
		days int
	}{
		{"a week after the latest check-in", KeyResult{Start: 0, Target: 100, Checkins: ci("2026-08-10", 45)}, "2026-08-14", "2026-08-17", 3},
		{"overdue: silent for longer than its cadence", KeyResult{Start: 0, Target: 100, Checkins: ci("2026-08-01", 30)}, "2026-08-14", "2026-08-08", -6},
		{"due today is not overdue", KeyResult{Start: 0, Target: 100, Checkins: ci("2026-08-07", 40)}, "2026-08-14", "2026-08-14", 0},
		{"without a check-in, a cadence after the period's start", KeyResult{Start: 0, Target: 100, Cadence: Monthly}, "2026-07-10", "2026-08-01", 22},
		{"a check-in after the as-of date does not count", KeyResult{Start: 0, Target: 100, Checkins: ci("2026-08-10", 45, "2026-08-20", 50)}, "2026-08-14", "2026-08-17", 3},
		{"before the period: its first", KeyResult{Start: 0, Target: 100}, "2026-06-20", "2026-07-08", 18},
		{"none after the period's last day", KeyResult{Start: 0, Target: 100, Checkins: ci("2026-09-25", 80)}, "2026-09-27", "", 0},
		{"none once the period has finished", KeyResult{Start: 0, Target: 100, Checkins: ci("2026-09-01", 80)}, "2026-09-30", "", 0},
		{"none for a done result", KeyResult{Start: 0, Target: 100, Checkins: ci("2026-08-01", 100)}, "2026-08-14", "", 0},
		{"none for milestones", KeyResult{Milestones: []Milestone{{Title: "m"}}}, "2026-08-14", "", 0},
	}
	for _, tt := range tests {
		kr := keyResult(p, tt.kr)
		d, ok := NextDue(ScoreKeyResult(kr, day(tt.asOf)), day(tt.asOf))
		switch {
		case ok != (tt.want != ""):
			t.Errorf("%s: due %v (%v), want %q", tt.name, d.Date, ok, tt.want)
		case ok && (d.Date != day(tt.want) || d.Days != tt.days || d.Overdue() != (tt.days < 0)):
			t.Errorf("%s: due %s in %d days, want %s in %d", tt.name, d.Date, d.Days, tt.want, tt.days)
		}
	}
}

func TestDues(t *testing.T) {
	s := testSite()
	addObjective(s, "2026-Q3", "a", "o", valueKR("late", cc("2026-08-12", 50, 0.8, "")), valueKR("early", cc("2026-08-03", 30, 0.8, "")))
	addObjective(s, "2026-Q4", "b", "p", valueKR("next"))
	var got []string
	for _, d := range Evaluate(s, day("2026-08-14")).Dues() {
		got = append(got, d.KeyResult.KeyResult.ID+" "+d.Date.String())
	}
	if want := []string{"early 2026-08-10", "late 2026-08-19", "next 2026-10-08"}; !slices.Equal(got, want) {
		t.Errorf("dues %q, want %q", got, want)
	}
}
