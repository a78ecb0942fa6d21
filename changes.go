package okrsite

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// A review looks at what changed in a window of days: from the day after
// Since (the day the last review looked at) up to and including Until (the
// report date). Each key result and roll-up is scored as of both days, and
// the differences are listed: status changes, new check-ins and their
// notes, confidence drops, key results that stayed silent past their due
// date, KPIs whose health changed, and objectives added or finished.
//
// Every change is dated by the day it happened, so the same change found
// by two reviews whose windows both hold that day is the same change, with
// the same Change.ID.

// DropAt is the fall in a key result's latest confidence that a review
// reports: 0.2 or more, compared in whole percentage points.
const DropAt = 0.2

// DefaultSince returns the start of the default review window for a report
// as of asOf: one cadence (the site's) before it.
func DefaultSince(asOf Date, c Cadence) Date { return asOf.AddDays(-int(c)) }

// ChangeKind names a kind of change.
type ChangeKind int

// The kinds of change, one for each list of Changes.
const (
	StatusChanged     ChangeKind = iota // Changes.Statuses
	NewCheckin                          // Changes.Checkins
	ConfidenceDropped                   // Changes.ConfidenceDrops
	WentSilent                          // Changes.Silent
	HealthChanged                       // Changes.KPIs
	ObjectiveAdded                      // Changes.Added
	ObjectiveFinished                   // Changes.Finished
	numChangeKinds
)

var changeKindNames = [numChangeKinds]string{"status", "checkin", "confidence", "silent", "kpi-health", "added", "finished"}

// String returns a short machine name for k, such as "checkin".
func (k ChangeKind) String() string { return changeKindNames[k] }

// Level says what a Subject is.
type Level int

// The levels of a subject.
const (
	PeriodLevel     Level = iota // a whole period's roll-up
	TeamPeriodLevel              // a team's roll-up in one period
	ObjectiveLevel
	KeyResultLevel
	KPILevel
	numLevels
)

var levelNames = [numLevels]string{"period", "team-period", "objective", "key-result", "kpi"}

// String returns a short machine name for l, such as "key-result".
func (l Level) String() string { return levelNames[l] }

// Subject is what a change is about. The fields from Period to KeyResult
// are set down to its level: a key result's subject names its period,
// team, objective and key result; a team's period names its period and
// team; a period names only itself. A KPI's names the KPI and its team
// (nil when it has none).
type Subject struct {
	Period    *Period
	Team      *Team
	Objective *Objective
	KeyResult *KeyResult
	KPI       *KPI
}

// Level returns what the subject is.
func (s Subject) Level() Level {
	switch {
	case s.KPI != nil:
		return KPILevel
	case s.KeyResult != nil:
		return KeyResultLevel
	case s.Objective != nil:
		return ObjectiveLevel
	case s.Team != nil:
		return TeamPeriodLevel
	}
	return PeriodLevel
}

// Name returns the subject's title or name, for display.
func (s Subject) Name() string {
	switch s.Level() {
	case KPILevel:
		return s.KPI.Name
	case KeyResultLevel:
		return s.KeyResult.Title
	case ObjectiveLevel:
		return s.Objective.Title
	case TeamPeriodLevel:
		return s.Team.Name
	}
	return s.Period.Name
}

// Key returns a string that names the subject for good, unique across
// levels: "key-result 2026-Q3/OBJECTIVE/ID", "objective 2026-Q3/ID",
// "team-period TEAM/2026-Q3", "period 2026-Q3" or "kpi ID".
func (s Subject) Key() string {
	l := s.Level()
	switch l {
	case KPILevel:
		return l.String() + " " + s.KPI.ID
	case KeyResultLevel:
		return l.String() + " " + s.KeyResult.Ref()
	case ObjectiveLevel:
		return l.String() + " " + s.Objective.Ref()
	case TeamPeriodLevel:
		return l.String() + " " + s.Team.ID + "/" + s.Period.ID
	}
	return l.String() + " " + s.Period.ID
}

// Owner returns who owns the subject: a key result's owner, else its
// objective's; an objective's owner; the lead of a team's period or a
// KPI's team. It is "" when the content names nobody.
func (s Subject) Owner() string {
	switch s.Level() {
	case KeyResultLevel:
		return cmp.Or(s.KeyResult.Owner, s.Objective.Owner)
	case ObjectiveLevel:
		return s.Objective.Owner
	case TeamPeriodLevel, KPILevel:
		if s.Team != nil {
			return s.Team.Lead
		}
	}
	return ""
}

// Change is what every change holds: its kind, the day it happened and
// what it is about.
type Change struct {
	Kind ChangeKind
	Date Date
	Subject
}

// Base returns c. Every kind of change embeds Change, so on any of them
// Base gives what every change holds, and code can take them alike.
func (c Change) Base() Change { return c }

// ID returns a string that names the change for good: its kind, subject
// and day, such as "checkin key-result 2026-Q3/faster/lead-time
// 2026-07-10". Feeds derive their entry ids from it.
func (c Change) ID() string { return c.Kind.String() + " " + c.Key() + " " + c.Date.String() }

// StatusChange is a key result or roll-up whose status differs between the
// window's two days. Its Date is the day it took its new status for the
// last time within the window. Changes out of not started are left out:
// they are the objectives added.
type StatusChange struct {
	Change
	Before, After Score // as of Since and as of Until
}

// Worse reports whether the new status is worse than the old.
func (s StatusChange) Worse() bool { return s.After.Status > s.Before.Status }

// CheckinChange is a check-in dated within the window. Its Date is the
// check-in's.
type CheckinChange struct {
	Change
	Checkin Checkin
}

// ConfidenceDrop is a key result whose latest confidence fell by DropAt or
// more within the window. Both days must have a confidence. Its Date is
// that of the check-in that gave the new one.
type ConfidenceDrop struct {
	Change
	From    float64 // the latest confidence as of Since
	Checkin Checkin // the check-in that gave the latest confidence, Checkin.Confidence
}

// Silence is a key result whose check-in fell due on or before Until (see
// NextDue, as of Since) and that had none within the window, and is not
// done. Its Date is the day the check-in fell due.
type Silence struct {
	Change
	LastUpdate Date // the latest check-in, when HasUpdate
	HasUpdate  bool
}

// HealthChange is a KPI whose health differs between the window's two
// days. Its Date is that of Measurement.
type HealthChange struct {
	Change
	From, To Health
	// Measurement is the first within the window from which the KPI's
	// health stayed To.
	Measurement Measurement
}

// ObjectiveChange is an objective added or finished within the window. An
// objective is added when its period starts within the window (Date: the
// period's first day): the content has no record of when an objective was
// written, so the day its period starts is when it comes into play. It is
// finished when its period ends within the window (Date: the period's last
// day; Score.Final is set) or, while its period runs, when it becomes done
// (Date: the day it did).
type ObjectiveChange struct {
	Change
	Score *ObjectiveScore // as of Until
}

// Summary counts a set of changes, for the top of a page.
type Summary struct {
	Statuses        int
	Worse           int // of Statuses, those to a worse status
	Checkins        int
	Notes           int // of Checkins, those with a note
	ConfidenceDrops int
	Silent          int
	KPIs            int
	Added           int
	Finished        int
}

// Total returns how many changes there are of every kind.
func (s Summary) Total() int {
	return s.Statuses + s.Checkins + s.ConfidenceDrops + s.Silent + s.KPIs + s.Added + s.Finished
}

// Changes is the set of changes of a whole site, one period or one team:
// counts first, then a list for each kind. Every list is in site order:
// by period; within it the period's roll-up, then team by team (the team's
// roll-up, then its objectives, each followed by its key results); a key
// result's check-ins by date. KPIs come in site order.
type Changes struct {
	Summary         Summary
	Statuses        []StatusChange
	Checkins        []CheckinChange
	ConfidenceDrops []ConfidenceDrop
	Silent          []Silence
	KPIs            []HealthChange
	Added           []ObjectiveChange
	Finished        []ObjectiveChange
}

// count fills in the summary.
func (c *Changes) count() {
	c.Summary = Summary{
		Statuses:        len(c.Statuses),
		Checkins:        len(c.Checkins),
		ConfidenceDrops: len(c.ConfidenceDrops),
		Silent:          len(c.Silent),
		KPIs:            len(c.KPIs),
		Added:           len(c.Added),
		Finished:        len(c.Finished),
	}
	for _, s := range c.Statuses {
		if s.Worse() {
			c.Summary.Worse++
		}
	}
	for _, ci := range c.Checkins {
		if ci.Checkin.Note != "" {
			c.Summary.Notes++
		}
	}
}

// PeriodChanges are the changes within one period: its roll-up, its teams'
// and their objectives and key results.
type PeriodChanges struct {
	Period *Period
	Changes
}

// TeamChanges are one team's changes: its roll-ups, objectives and key
// results in every period, and its KPIs.
type TeamChanges struct {
	Team *Team
	Changes
}

// Review is what changed in a site between two days: the whole site's
// changes, each period's that runs within the window, and each team's.
type Review struct {
	Since, Until Date
	Changes                       // the whole site
	Periods      []*PeriodChanges // periods that run on a day of the window, in site order
	Teams        []*TeamChanges   // every team, in site order
	periods      map[*Period]*PeriodChanges
	teams        map[*Team]*TeamChanges
}

// Period returns the changes of period p, or nil when p does not run
// within the window.
func (r *Review) Period(p *Period) *PeriodChanges { return r.periods[p] }

// Team returns the changes of team t.
func (r *Review) Team(t *Team) *TeamChanges { return r.teams[t] }

// ReviewOf compares now, a scorecard of a site, with the same site as of
// since, the day the window starts after: it scores as of since only what
// the review looks at, the periods that run within the window and the
// KPIs. A window whose since is not before now's date has no changes.
func ReviewOf(now *Scorecard, since Date) *Review {
	site := now.Site
	r := &reviewing{
		Review: &Review{
			Since:   since,
			Until:   now.AsOf,
			periods: map[*Period]*PeriodChanges{},
			teams:   make(map[*Team]*TeamChanges, len(site.Teams)),
		},
		days: dayScores{rule: site.Settings.RollUp, objectives: map[objectiveDay]*ObjectiveScore{}},
	}
	for _, t := range site.Teams {
		tc := &TeamChanges{Team: t}
		r.Teams = append(r.Teams, tc)
		r.teams[t] = tc
	}
	if r.Since < r.Until {
		for _, ps := range now.Periods {
			p := ps.Period
			if p.Start <= r.Until && p.End > r.Since {
				pc := &PeriodChanges{Period: p}
				r.Periods = append(r.Periods, pc)
				r.periods[p] = pc
				r.period(ps)
			}
		}
		before := scoreKPIs(site, r.Since)
		for i, ks := range now.KPIs {
			r.kpi(before[i], ks)
		}
	}
	r.count()
	for _, pc := range r.Periods {
		pc.count()
	}
	for _, tc := range r.Teams {
		tc.count()
	}
	return r.Review
}

// reviewing is a review being made, with the scores of the window's days
// it has needed so far.
type reviewing struct {
	*Review
	days dayScores
}

// sets returns the sets of changes a change about s is added to as it is
// found: a KPI's, to the site's and its team's; any other, to its team's,
// or for a period's roll-up, to its period's. period joins the lists of
// its period and of the site from those.
func (r *Review) sets(s Subject) []*Changes {
	tc := r.teams[s.Team]
	switch {
	case s.KPI != nil && tc != nil:
		return []*Changes{&r.Changes, &tc.Changes}
	case s.KPI != nil:
		return []*Changes{&r.Changes}
	case tc != nil:
		return []*Changes{&tc.Changes}
	}
	return []*Changes{&r.periods[s.Period].Changes}
}

// period finds the changes within one period, given its scores as of the
// window's last day. Its lists are its roll-up's change and then each
// team's changes in it, and they follow the site's lists of the periods
// before it: each list is made once at its length, as a large site's
// lists of tens of thousands of changes would be copied again and again
// while they grew.
func (r *reviewing) period(np *PeriodScore) {
	p := np.Period
	pc := r.periods[p]
	r.status(Subject{Period: p}, r.days.rollUp(p, np.Objectives, r.Since), np.Score, func(d Date) Status {
		return r.days.rollUp(p, np.Objectives, d).Status
	})
	parts := []Changes{pc.Changes}
	for _, tp := range np.Teams {
		tc := r.teams[tp.Team]
		var from Changes
		if tc != nil {
			from = tc.Changes
		}
		r.status(Subject{Period: p, Team: tp.Team}, r.days.rollUp(p, tp.Objectives, r.Since), tp.Score, func(d Date) Status {
			return r.days.rollUp(p, tp.Objectives, d).Status
		})
		for _, os := range tp.Objectives {
			r.objective(r.days.objective(os.Objective, r.Since), os)
		}
		if tc != nil {
			parts = append(parts, tc.Changes.after(from))
		}
	}
	pc.Changes = joined(parts)
	r.Changes = joined([]Changes{r.Changes, pc.Changes})
}

// after returns the changes of c added since it was as from.
func (c Changes) after(from Changes) Changes {
	return Changes{
		Statuses:        c.Statuses[len(from.Statuses):],
		Checkins:        c.Checkins[len(from.Checkins):],
		ConfidenceDrops: c.ConfidenceDrops[len(from.ConfidenceDrops):],
		Silent:          c.Silent[len(from.Silent):],
		KPIs:            c.KPIs[len(from.KPIs):],
		Added:           c.Added[len(from.Added):],
		Finished:        c.Finished[len(from.Finished):],
	}
}

// joined returns the changes of parts, one after another in each list.
func joined(parts []Changes) Changes {
	return Changes{
		Statuses:        concat(parts, func(c Changes) []StatusChange { return c.Statuses }),
		Checkins:        concat(parts, func(c Changes) []CheckinChange { return c.Checkins }),
		ConfidenceDrops: concat(parts, func(c Changes) []ConfidenceDrop { return c.ConfidenceDrops }),
		Silent:          concat(parts, func(c Changes) []Silence { return c.Silent }),
		KPIs:            concat(parts, func(c Changes) []HealthChange { return c.KPIs }),
		Added:           concat(parts, func(c Changes) []ObjectiveChange { return c.Added }),
		Finished:        concat(parts, func(c Changes) []ObjectiveChange { return c.Finished }),
	}
}

// concat returns the list of each of parts, one after another, in a list
// of its own.
func concat[E any](parts []Changes, list func(Changes) []E) []E {
	lists := make([][]E, len(parts))
	for i, p := range parts {
		lists[i] = list(p)
	}
	return slices.Concat(lists...)
}

// objective finds the changes of one objective and its key results.
func (r *reviewing) objective(bo, no *ObjectiveScore) {
	o := no.Objective
	p := o.Period
	s := Subject{Period: p, Team: o.Team, Objective: o}
	objectiveStatus := func(d Date) Status { return r.days.objective(o, d).Status }
	if p.Start > r.Since {
		for _, set := range r.sets(s) {
			set.Added = append(set.Added, ObjectiveChange{Change{ObjectiveAdded, p.Start, s}, no})
		}
	}
	var finished Date
	switch {
	case p.End <= r.Until:
		finished = p.End
	case no.Status == Done && bo.Status != Done:
		finished = r.changedOn(Done, objectiveStatus)
	default:
		finished = r.Since // not finished: no day of the window
	}
	if finished > r.Since {
		for _, set := range r.sets(s) {
			set.Finished = append(set.Finished, ObjectiveChange{Change{ObjectiveFinished, finished, s}, no})
		}
	}
	r.status(s, bo.Score, no.Score, objectiveStatus)
	for i, krs := range no.KeyResults {
		r.keyResult(bo.KeyResults[i], krs, i)
	}
}

// keyResult finds the changes of one key result, the i-th of its
// objective.
func (r *reviewing) keyResult(bk, nk *KeyResultScore, i int) {
	kr := nk.KeyResult
	o := kr.Objective
	s := Subject{Period: o.Period, Team: o.Team, Objective: o, KeyResult: kr}
	r.status(s, bk.Score, nk.Score, func(d Date) Status { return r.days.keyResult(o, i, d) })
	first := sort.Search(len(nk.Checkins), func(i int) bool { return nk.Checkins[i].Date > r.Since })
	for _, c := range nk.Checkins[first:] {
		for _, set := range r.sets(s) {
			set.Checkins = append(set.Checkins, CheckinChange{Change{NewCheckin, c.Date, s}, c})
		}
	}
	if bk.Confidence != NoConfidence && nk.Confidence != NoConfidence &&
		math.Round(100*bk.Confidence)-math.Round(100*nk.Confidence) >= math.Round(100*DropAt) {
		c := latestConfidence(nk.Checkins)
		for _, set := range r.sets(s) {
			set.ConfidenceDrops = append(set.ConfidenceDrops, ConfidenceDrop{Change{ConfidenceDropped, c.Date, s}, bk.Confidence, c})
		}
	}
	updated := nk.HasUpdate && (!bk.HasUpdate || nk.LastUpdate > bk.LastUpdate)
	if due, ok := NextDue(bk, r.Since); ok && due.Date <= r.Until && !updated && nk.Status != Done {
		for _, set := range r.sets(s) {
			set.Silent = append(set.Silent, Silence{Change{WentSilent, due.Date, s}, nk.LastUpdate, nk.HasUpdate})
		}
	}
}

// latestConfidence returns the latest check-in that gives a confidence.
func latestConfidence(cs []Checkin) Checkin {
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].Confidence != NoConfidence {
			return cs[i]
		}
	}
	return Checkin{}
}

// status lists a status change of s, if there is one. statusOn scores s on
// any day of the window, to find the day it changed.
func (r *reviewing) status(s Subject, before, now Score, statusOn func(Date) Status) {
	if before.Status == now.Status || before.Status == NotStarted {
		return
	}
	c := StatusChange{Change{StatusChanged, r.changedOn(now.Status, statusOn), s}, before, now}
	for _, set := range r.sets(s) {
		set.Statuses = append(set.Statuses, c)
	}
}

// changedOn returns the first day of the window from which statusOn gave
// want every day up to Until, scoring back from Until a day at a time. The
// status as of Since differs from want, so the day is after it.
func (r *reviewing) changedOn(want Status, statusOn func(Date) Status) Date {
	d := r.Until
	for d-1 > r.Since && statusOn(d-1) == want {
		d--
	}
	return d
}

// kpi lists a KPI's change of health, if there is one.
func (r *reviewing) kpi(bk, nk *KPIScore) {
	if bk.Health == nk.Health {
		return
	}
	ms := nk.Measurements
	i := len(ms) - 1
	for i > 0 && ms[i-1].Date > r.Since && nk.KPI.HealthOf(ms[i-1].Value) == nk.Health {
		i--
	}
	s := Subject{Team: nk.KPI.Team, KPI: nk.KPI}
	for _, set := range r.sets(s) {
		set.KPIs = append(set.KPIs, HealthChange{Change{HealthChanged, ms[i].Date, s}, bk.Health, nk.Health, ms[i]})
	}
}

// dayScores scores objectives on the days of a window, each objective on
// each day once, to find the day a status changed.
type dayScores struct {
	rule       RollUpRule
	objectives map[objectiveDay]*ObjectiveScore
}

type objectiveDay struct {
	o *Objective
	d Date
}

// objective returns o's score on day d.
func (ds *dayScores) objective(o *Objective, d Date) *ObjectiveScore {
	k := objectiveDay{o, d}
	os := ds.objectives[k]
	if os == nil {
		os = ScoreObjective(o, d, ds.rule)
		ds.objectives[k] = os
	}
	return os
}

// keyResult returns the status on day d of o's i-th key result: from o's
// score on d when it has been worked out, else scored alone, which costs a
// quarter of scoring an objective of four.
func (ds *dayScores) keyResult(o *Objective, i int, d Date) Status {
	if os := ds.objectives[objectiveDay{o, d}]; os != nil {
		return os.KeyResults[i].Status
	}
	return ScoreKeyResult(o.KeyResults[i], d).Status
}

// rollUp returns the score on day d of the roll-up in period p of the
// objectives scored in parts.
func (ds *dayScores) rollUp(p *Period, parts []*ObjectiveScore, d Date) Score {
	on := make([]*ObjectiveScore, len(parts))
	for i, os := range parts {
		on[i] = ds.objective(os.Objective, d)
	}
	s, _ := rollUpObjectives(p, d, ds.rule, on)
	return s
}
