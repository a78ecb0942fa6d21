package okrsite

import (
	"math"
	"sort"
)

// Status is the verdict on how a key result or a roll-up is moving.
type Status int

// The statuses. NotStarted is for periods that have not begun. The others
// run from best to worst, so the larger of two statuses is the worse: Done,
// OnTrack, AtRisk, OffTrack and NoRecentUpdate (silence is never green).
const (
	NotStarted Status = iota
	Done
	OnTrack
	AtRisk
	OffTrack
	NoRecentUpdate
	numStatuses
)

// Statuses lists every status in order, for tallies and legends.
var Statuses = [numStatuses]Status{NotStarted, Done, OnTrack, AtRisk, OffTrack, NoRecentUpdate}

var statusNames = [numStatuses]string{"not-started", "done", "on-track", "at-risk", "off-track", "no-update"}

// String returns a short machine name for s, such as "on-track".
func (s Status) String() string { return statusNames[s] }

// NeedsAttention reports whether s is at risk, off track or without a
// recent update.
func (s Status) NeedsAttention() bool { return s >= AtRisk }

// The key-result rules' numbers. Pace is judged in whole percentage points,
// as pages show percentages: a result at most OnTrackWithin points behind
// the expected progress is on track, at most AtRiskWithin points at risk,
// and off track beyond. While the period runs, a latest confidence below
// LowConfidence makes a result at best at risk, below VeryLowConfidence off
// track.
const (
	OnTrackWithin     = 10
	AtRiskWithin      = 25
	LowConfidence     = 0.5
	VeryLowConfidence = 0.2
	forecastPoints    = 6 // check-ins a projection looks back on
)

// Score is what the scoring says of a key result, objective, team's period or
// period at the as-of date. Progress looks back; the projection looks ahead
// while the period runs; the grade is the verdict once it has ended.
type Score struct {
	Progress float64 // 0 to 1
	Expected float64 // the share of the period elapsed by the end of the as-of day, 0 to 1
	Status   Status
	Why      Why // the facts behind Status
	// Projected is the progress projected to the period's last day (0 to
	// 1) and ProjectedGrade that to one decimal; both only while the
	// period runs and HasProjection.
	Projected      float64
	ProjectedGrade float64
	HasProjection  bool
	Final          bool    // the period has ended: Grade is the verdict
	Grade          float64 // Progress to one decimal once Final; 0 before
	// Expects is the grade that meets what was promised: 1.0 for a
	// committed objective and its key results, 0.7 for an aspirational
	// one (Commitment.Expects); for a roll-up of objectives, their
	// weighted mean.
	Expects float64
	Band    string // once Final, the grade's band against Expects: see GradeBand
}

// GradeBand names the band a grade falls in, on Google's scale of colours,
// measured against what was expected of it: "green" (delivered) from
// expects, "yellow" (fell short) from 0.4, "red" (little progress) below.
// Expecting 0.7, as of an aspirational objective, gives the scale as is:
// 0.7 to 1.0 green, 0.4 to 0.6 yellow, 0.0 to 0.3 red. A committed
// objective expects 1.0, so its 0.7 to 0.9 is a miss and yellow.
func GradeBand(grade, expects float64) string {
	switch g := math.Round(grade * 10); {
	case g >= math.Round(expects*10):
		return "green"
	case g >= 4:
		return "yellow"
	}
	return "red"
}

// setGrade sets a final score's Grade from its Progress, and its Band.
func (s *Score) setGrade() {
	s.Grade = grade(s.Progress)
	s.Band = GradeBand(s.Grade, s.Expects)
}

// Met reports whether a finished objective kept its promise, its grade
// green (GradeBand): a committed objective must reach 1.0; for an
// aspirational one 0.7 is a good result.
func (o *ObjectiveScore) Met() bool { return o.Final && o.Band == "green" }

// FellShort reports whether a finished key result was graded below what
// its objective's kind expects, its grade not green (GradeBand): below
// 1.0 in a committed objective, below 0.7 in an aspirational one.
func (s *KeyResultScore) FellShort() bool { return s.Final && s.Band != "green" }

// gradeColours are GradeBand's bands, best first.
var gradeColours = [...]string{"green", "yellow", "red"}

// KeyResultScore is the score of one key result with the figures behind it.
type KeyResultScore struct {
	Score
	KeyResult *KeyResult
	Checkins  []Checkin // the check-ins within the period up to the as-of date
	// Current is the latest value; before any check-in it is the start
	// value, which means something only when KeyResult.HasStart.
	Current    float64
	Confidence float64 // the latest confidence given, or NoConfidence
	LastUpdate Date    // the latest check-in or milestone, when HasUpdate
	HasUpdate  bool
	// ProjectedValue is the value projected to the period's last day, when
	// HasProjection: within the unit's Limits and rounded to Decimals.
	ProjectedValue float64
	Disagreement   Disagreement // between the latest confidence and the projection
	Done           int          // milestones done by the as-of date
	Held           int          // for a value to hold: the check-ins that held
	Decimals       int          // the precision its values are shown with: KeyResult.Decimals
	Share          float64      // its share of its objective's progress, 0 to 1
}

// ObjectiveScore is the score of one objective.
type ObjectiveScore struct {
	Score
	Distribution Distribution
	Objective    *Objective
	KeyResults   []*KeyResultScore
}

// TeamPeriodScore is the score of one team's objectives in one period.
type TeamPeriodScore struct {
	Score
	Distribution Distribution
	Team         *Team
	Period       *Period
	Objectives   []*ObjectiveScore
}

// PeriodScore is the score of a period across all teams.
type PeriodScore struct {
	Score
	Distribution Distribution
	Period       *Period
	Teams        []*TeamPeriodScore // teams with objectives in the period, in site order
	Objectives   []*ObjectiveScore
	Previous     *PeriodScore // the latest earlier period of the same kind, or nil
}

// Scorecard is the scored site at one as-of date.
type Scorecard struct {
	Site    *Site
	AsOf    Date
	Periods []*PeriodScore // in site order
	// Current is the period the report centres on: the shortest period that
	// contains the as-of date, or else the latest one that has started, or nil.
	Current *PeriodScore
	// KPIs, InFocus and Unattended are KPIsAsOf(AsOf)'s.
	KPIs       []*KPIScore // in site order
	InFocus    []*KPIScore // KPIs lifted into a key result of a running period
	Unattended []*KPIScore // unhealthy KPIs that no running key result works on

	objectives  map[*Objective]*ObjectiveScore
	keyResults  map[*KeyResult]*KeyResultScore
	teamPeriods map[teamPeriod]*TeamPeriodScore
	views       map[Date]*KPIView // as of AsOf and of each finished period's last day
}

type teamPeriod struct {
	team   *Team
	period *Period
}

// Objective returns the score of o.
func (c *Scorecard) Objective(o *Objective) *ObjectiveScore { return c.objectives[o] }

// KeyResult returns the score of kr.
func (c *Scorecard) KeyResult(kr *KeyResult) *KeyResultScore { return c.keyResults[kr] }

// KPI returns the score of k as of the scorecard's date.
func (c *Scorecard) KPI(k *KPI) *KPIScore { return c.views[c.AsOf].KPI(k) }

// TeamPeriod returns the score of team t in period p, or nil when the team
// set no objectives for it.
func (c *Scorecard) TeamPeriod(t *Team, p *Period) *TeamPeriodScore {
	return c.teamPeriods[teamPeriod{t, p}]
}

// Evaluate scores the whole site as of a date, rolling up by the site's
// RollUp rule.
func Evaluate(site *Site, asOf Date) *Scorecard {
	c := &Scorecard{
		Site:        site,
		AsOf:        asOf,
		objectives:  make(map[*Objective]*ObjectiveScore, len(site.Objectives)),
		keyResults:  make(map[*KeyResult]*KeyResultScore, 4*len(site.Objectives)),
		teamPeriods: make(map[teamPeriod]*TeamPeriodScore),
		views:       map[Date]*KPIView{},
	}
	rule := site.Settings.RollUp
	current := periodAt(site.Periods, asOf)
	teamOrder := make(map[*Team]int, len(site.Teams))
	for i, t := range site.Teams {
		teamOrder[t] = i
	}
	previous := map[PeriodKind]*PeriodScore{}
	for _, p := range site.Periods {
		ps := &PeriodScore{Period: p}
		for _, o := range p.Objectives {
			os := ScoreObjective(o, asOf, rule)
			c.objectives[o] = os
			for _, krs := range os.KeyResults {
				c.keyResults[krs.KeyResult] = krs
			}
			ps.Objectives = append(ps.Objectives, os)
			key := teamPeriod{o.Team, p}
			tp := c.teamPeriods[key]
			if tp == nil {
				tp = &TeamPeriodScore{Team: o.Team, Period: p}
				c.teamPeriods[key] = tp
				ps.Teams = append(ps.Teams, tp)
			}
			tp.Objectives = append(tp.Objectives, os)
		}
		sort.SliceStable(ps.Teams, func(i, j int) bool { return teamOrder[ps.Teams[i].Team] < teamOrder[ps.Teams[j].Team] })
		for _, tp := range ps.Teams {
			tp.Score, tp.Distribution = rollUpObjectives(p, asOf, rule, tp.Objectives)
		}
		ps.Score, ps.Distribution = rollUpObjectives(p, asOf, rule, ps.Objectives)
		// Periods are sorted by start, so the previous period of a kind
		// is the last one seen that ended before this one began.
		if prev := previous[p.Kind]; prev != nil && prev.Period.End < p.Start {
			ps.Previous = prev
		}
		previous[p.Kind] = ps
		c.Periods = append(c.Periods, ps)
		if p == current {
			c.Current = ps
		}
	}
	c.views[asOf] = c.kpiView(asOf)
	for _, p := range site.Periods {
		if p.Finished(asOf) && c.views[p.End] == nil {
			c.views[p.End] = c.kpiView(p.End)
		}
	}
	now := c.views[asOf]
	c.KPIs, c.InFocus, c.Unattended = now.KPIs, now.InFocus, now.Unattended
	return c
}

// periodAt returns the period a report as of d centres on: the shortest
// period that contains d, or else the latest one that has started by d, or
// nil.
func periodAt(periods []*Period, d Date) *Period {
	var best *Period
	for _, p := range periods {
		if p.Contains(d) && (best == nil || p.Days() < best.Days()) {
			best = p
		}
	}
	if best != nil {
		return best
	}
	for _, p := range periods {
		if p.Start <= d && (best == nil || p.End > best.End) {
			best = p
		}
	}
	return best
}

// newScore is the start of a score in period p as of a date: how far the
// period has gone, and whether it is over.
func newScore(p *Period, asOf Date) Score {
	return Score{Expected: p.Elapsed(asOf), Final: p.Finished(asOf)}
}

// ScoreKeyResult scores one key result as of a date. Check-ins after the
// as-of date, or outside the period, do not count. Its Share is left for
// its objective to set.
func ScoreKeyResult(kr *KeyResult, asOf Date) *KeyResultScore {
	p := kr.Objective.Period
	s := &KeyResultScore{
		KeyResult:  kr,
		Score:      newScore(p, asOf),
		Current:    kr.Start,
		Confidence: NoConfidence,
		Decimals:   kr.Decimals(),
	}
	s.Expects = kr.Objective.Commitment.Expects()
	s.Checkins = checkinsWithin(kr.Checkins, p, asOf)
	if n := len(s.Checkins); n > 0 {
		last := s.Checkins[n-1]
		s.Current, s.LastUpdate, s.HasUpdate = last.Value, last.Date, true
		for i := n - 1; i >= 0; i-- {
			if c := s.Checkins[i].Confidence; c != NoConfidence {
				s.Confidence = c
				break
			}
		}
	}
	switch {
	case kr.IsMilestone():
		s.Progress = s.milestoneProgress(asOf)
	case kr.IsHold():
		for _, c := range s.Checkins {
			if Holds(kr, c.Value) {
				s.Held++
			}
		}
		if len(s.Checkins) > 0 {
			s.Progress = float64(s.Held) / float64(len(s.Checkins))
		}
	default:
		s.Progress = ValueProgress(kr, s.Current)
		s.project(p)
	}
	if s.Final {
		s.setGrade()
	}
	s.Status, s.Why = s.status(p, asOf)
	s.Disagreement = disagreement(s)
	return s
}

// checkinsWithin returns the check-ins dated within p and on or before asOf.
// Check-ins are sorted by date, so this is a subslice.
func checkinsWithin(all []Checkin, p *Period, asOf Date) []Checkin {
	last := min(asOf, p.End)
	lo := sort.Search(len(all), func(i int) bool { return all[i].Date >= p.Start })
	hi := sort.Search(len(all), func(i int) bool { return all[i].Date > last })
	if hi < lo {
		hi = lo
	}
	return all[lo:hi]
}

// ValueProgress returns the progress of an increasing or decreasing key
// result at value v: (v - start) / (target - start), clamped to [0, 1].
func ValueProgress(kr *KeyResult, v float64) float64 {
	span := kr.Target - kr.Start
	if span == 0 {
		return 0
	}
	return clamp01((v - kr.Start) / span)
}

// IsHold reports whether the result holds a value above or below its target
// rather than moving it.
func (kr *KeyResult) IsHold() bool { return kr.Direction == StayAbove || kr.Direction == StayBelow }

// Holds reports whether value v keeps a stay-above or stay-below result.
func Holds(kr *KeyResult, v float64) bool {
	if kr.Direction == StayBelow {
		return v <= kr.Target
	}
	return v >= kr.Target
}

// milestoneProgress returns the share of milestones done by asOf and notes
// the latest completion as the last update.
func (s *KeyResultScore) milestoneProgress(asOf Date) float64 {
	for _, m := range s.KeyResult.Milestones {
		if !m.Done || m.HasDate && m.DoneOn > asOf {
			continue
		}
		s.Done++
		if m.HasDate && (!s.HasUpdate || m.DoneOn > s.LastUpdate) {
			s.LastUpdate, s.HasUpdate = m.DoneOn, true
		}
	}
	return float64(s.Done) / float64(len(s.KeyResult.Milestones))
}

// project fits a straight line through the recent check-ins (and the start
// value on the period's first day when there are fewer than two) and reads
// it on the period's last day. The value is kept within the unit's Limits
// and rounded to the result's precision; its progress is capped to [0, 1].
// A finished period needs no projection.
func (s *KeyResultScore) project(p *Period) {
	if s.Final || len(s.Checkins) == 0 {
		return
	}
	kr := s.KeyResult
	pts := s.Checkins[max(0, len(s.Checkins)-forecastPoints):]
	xs := make([]float64, 0, len(pts)+1)
	ys := make([]float64, 0, len(pts)+1)
	if len(pts) < 2 {
		xs = append(xs, 0)
		ys = append(ys, kr.Start)
	}
	for _, c := range pts {
		xs = append(xs, float64(p.Start.DaysUntil(c.Date)))
		ys = append(ys, c.Value)
	}
	a, b, ok := fitLine(xs, ys)
	if !ok {
		return
	}
	lo, hi := kr.valueRange()
	lo, hi = Limits(kr.Unit, lo, hi)
	v := a + b*float64(p.Start.DaysUntil(p.End))
	s.ProjectedValue = Round(min(hi, max(lo, v)), s.Decimals)
	s.Projected = ValueProgress(kr, s.ProjectedValue)
	s.ProjectedGrade = grade(s.Projected)
	s.HasProjection = true
}

// fitLine returns the least-squares line y = a + b*x through the points; ok
// is false when all x are equal.
func fitLine(xs, ys []float64) (a, b float64, ok bool) {
	n := float64(len(xs))
	var sx, sy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
	}
	mx, my := sx/n, sy/n
	var sxy, sxx float64
	for i := range xs {
		dx := xs[i] - mx
		sxy += dx * (ys[i] - my)
		sxx += dx * dx
	}
	if sxx == 0 {
		return 0, 0, false
	}
	b = sxy / sxx
	return my - b*mx, b, true
}

// status decides a key result's status and why, by the first rule that
// applies: not started before the period; done once it has reached its
// target; no recent update when a running period has gone longer than a
// cadence without a check-in; otherwise by pace, made worse, never better,
// by a low confidence while the period runs. A value to hold is paced by
// the check-ins it missed, as points of those its period is due (its days
// over its cadence, or once it has ended those made), and while the period
// runs is at best at risk when the latest did not hold.
func (s *KeyResultScore) status(p *Period, asOf Date) (Status, Why) {
	kr := s.KeyResult
	why := Why{
		Progress:   s.Progress,
		Expected:   s.Expected,
		HasUpdate:  s.HasUpdate,
		LastUpdate: s.LastUpdate,
		Cadence:    kr.Cadence,
		Confidence: s.Confidence,
	}
	since := p.Start
	if s.HasUpdate {
		since = s.LastUpdate
	}
	why.Age = max(0, since.DaysUntil(asOf))
	why.Behind = pointsBehind(why.Progress, why.Expected)
	if kr.IsHold() {
		why.Expected, why.Held, why.Checks, why.Due = 1, s.Held, len(s.Checkins), len(s.Checkins)
		if !s.Final {
			why.Due = max(why.Checks, p.Days()/max(1, int(kr.Cadence)), 1)
		}
		why.Behind = pointsBehind(why.Progress, why.Expected)
		if why.Due > 0 {
			why.Behind = int(math.Round(100 * float64(why.Checks-why.Held) / float64(why.Due)))
		}
	}
	switch {
	case asOf < p.Start:
		why.Rule = RuleNotStarted
		return NotStarted, why
	case s.reachedTarget():
		why.Rule = RuleDone
		return Done, why
	case !s.Final && !kr.IsMilestone() && why.Age > int(kr.Cadence):
		why.Rule = RuleStale
		return NoRecentUpdate, why
	}
	st := paceStatus(why.Behind)
	why.Rule = RulePace
	if kr.IsHold() {
		why.Rule = RuleHeld
		if !s.Final && why.Checks > 0 && !Holds(kr, s.Current) && st < AtRisk {
			st, why.Rule = AtRisk, RuleHoldFailed
		}
	}
	if c := confidenceStatus(s.Confidence); !s.Final && c > st {
		st, why.Rule = c, RuleConfidence
	}
	return st, why
}

// reachedTarget reports whether the result is done: in a finished period,
// graded 1.0; while it runs, a value to move at or past its target, or
// every milestone done. A value to hold is done only when graded.
func (s *KeyResultScore) reachedTarget() bool {
	if s.Final {
		return s.Grade == 1
	}
	return s.Progress == 1 && !s.KeyResult.IsHold()
}

// confidenceStatus is the best status a confidence allows.
func confidenceStatus(c float64) Status {
	switch {
	case c == NoConfidence:
		return OnTrack
	case c < VeryLowConfidence:
		return OffTrack
	case c < LowConfidence:
		return AtRisk
	}
	return OnTrack
}

// pointsBehind is how many whole percentage points progress lags the
// expected progress, each rounded as pages show them; negative when ahead.
func pointsBehind(progress, expected float64) int {
	return int(math.Round(100*expected) - math.Round(100*progress))
}

// paceStatus judges a lag of behind points.
func paceStatus(behind int) Status {
	switch {
	case behind <= OnTrackWithin:
		return OnTrack
	case behind <= AtRiskWithin:
		return AtRisk
	}
	return OffTrack
}

func grade(progress float64) float64 { return math.Round(progress*10) / 10 }

func clamp01(x float64) float64 { return min(1, max(0, x)) }
