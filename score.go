package okrsite

import (
	"math"
	"sort"
)

// Status is the verdict on how a key result or objective is moving.
type Status int

// The statuses, from best to worst. NotStarted is for periods that have not
// begun. NoRecentUpdate wins over the others while a period runs: silence is
// never green.
const (
	NotStarted Status = iota
	OnTrack
	AtRisk
	OffTrack
	NoRecentUpdate
	numStatuses
)

// Statuses lists every status in order, for tallies and legends.
var Statuses = [numStatuses]Status{NotStarted, OnTrack, AtRisk, OffTrack, NoRecentUpdate}

var statusNames = [numStatuses]string{"not-started", "on-track", "at-risk", "off-track", "no-update"}

// String returns a short machine name for s, such as "on-track".
func (s Status) String() string { return statusNames[s] }

// Pace thresholds: a result within OnTrackGap of the expected progress is on
// track, within AtRiskGap at risk, and off track beyond. Confidence below
// LowConfidence makes an on-track result at risk; below VeryLowConfidence it
// makes any result off track.
const (
	OnTrackGap        = 0.10
	AtRiskGap         = 0.25
	LowConfidence     = 0.5
	VeryLowConfidence = 0.2
	forecastPoints    = 6 // check-ins a forecast looks back on
)

// Score is what the scoring says of a key result, objective, team's period or
// period at the as-of date.
type Score struct {
	Progress    float64 // 0 to 1
	Expected    float64 // share of the period elapsed, 0 to 1
	Status      Status
	Forecast    float64 // progress projected to the period's end, 0 to 1
	HasForecast bool
	Final       bool    // the period has ended: Grade is the verdict
	Grade       float64 // Progress rounded to one decimal
}

// GradeColour names the band a grade falls in: "red" (0.0 to 0.3), "yellow"
// (0.4 to 0.6) or "green" (0.7 to 1.0).
func GradeColour(grade float64) string {
	switch g := math.Round(grade * 10); {
	case g >= 7:
		return "green"
	case g >= 4:
		return "yellow"
	}
	return "red"
}

// Met reports whether a finished objective kept its promise: a committed
// objective must reach 1.0; for an aspirational one 0.7 is a good result.
func (o *ObjectiveScore) Met() bool {
	if o.Objective.Commitment == Aspirational {
		return o.Grade >= 0.7
	}
	return o.Grade >= 1
}

// KeyResultScore is the score of one key result with the figures behind it.
type KeyResultScore struct {
	Score
	KeyResult     *KeyResult
	Checkins      []Checkin // the check-ins within the period up to the as-of date
	Current       float64   // the latest value, or the start value before any check-in
	Confidence    float64   // the latest confidence given, or NoConfidence
	LastUpdate    Date      // the latest check-in or milestone, when HasUpdate
	HasUpdate     bool
	ForecastValue float64 // the value projected to the period's end, when HasForecast
	Done          int     // milestones done by the as-of date
}

// ObjectiveScore is the score of one objective.
type ObjectiveScore struct {
	Score
	Objective  *Objective
	KeyResults []*KeyResultScore
}

// TeamPeriodScore is the score of one team's objectives in one period.
type TeamPeriodScore struct {
	Score
	Team       *Team
	Period     *Period
	Objectives []*ObjectiveScore
}

// PeriodScore is the score of a period across all teams.
type PeriodScore struct {
	Score
	Period     *Period
	Teams      []*TeamPeriodScore // teams with objectives in the period, in site order
	Objectives []*ObjectiveScore
	Previous   *PeriodScore // the latest earlier period of the same kind, or nil
}

// Scorecard is the scored site at one as-of date.
type Scorecard struct {
	Site    *Site
	AsOf    Date
	Periods []*PeriodScore // in site order
	KPIs    []*KPIScore    // in site order
	// Current is the period the report centres on: the shortest period that
	// contains the as-of date, or else the latest one that has started, or nil.
	Current    *PeriodScore
	InFocus    []*KPIScore // KPIs lifted into a key result of a running period
	Unattended []*KPIScore // unhealthy KPIs that no running key result works on

	objectives  map[*Objective]*ObjectiveScore
	keyResults  map[*KeyResult]*KeyResultScore
	kpis        map[*KPI]*KPIScore
	teamPeriods map[teamPeriod]*TeamPeriodScore
}

type teamPeriod struct {
	team   *Team
	period *Period
}

// Objective returns the score of o.
func (c *Scorecard) Objective(o *Objective) *ObjectiveScore { return c.objectives[o] }

// KeyResult returns the score of kr.
func (c *Scorecard) KeyResult(kr *KeyResult) *KeyResultScore { return c.keyResults[kr] }

// KPI returns the score of k.
func (c *Scorecard) KPI(k *KPI) *KPIScore { return c.kpis[k] }

// TeamPeriod returns the score of team t in period p, or nil when the team
// set no objectives for it.
func (c *Scorecard) TeamPeriod(t *Team, p *Period) *TeamPeriodScore {
	return c.teamPeriods[teamPeriod{t, p}]
}

// Evaluate scores the whole site as of a date.
func Evaluate(site *Site, asOf Date) *Scorecard {
	c := &Scorecard{
		Site:        site,
		AsOf:        asOf,
		objectives:  make(map[*Objective]*ObjectiveScore, len(site.Objectives)),
		keyResults:  make(map[*KeyResult]*KeyResultScore, 4*len(site.Objectives)),
		kpis:        make(map[*KPI]*KPIScore, len(site.KPIs)),
		teamPeriods: make(map[teamPeriod]*TeamPeriodScore),
	}
	c.Current = c.currentPeriod(site.Periods)
	teamOrder := make(map[*Team]int, len(site.Teams))
	for i, t := range site.Teams {
		teamOrder[t] = i
	}
	previous := map[PeriodKind]*PeriodScore{}
	for _, p := range site.Periods {
		ps := &PeriodScore{Period: p}
		for _, o := range p.Objectives {
			os := ScoreObjective(o, asOf)
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
			tp.Score = rollUp(p, asOf, tp.Objectives)
		}
		ps.Score = rollUp(p, asOf, ps.Objectives)
		// Periods are sorted by start, so the previous period of a kind
		// is the last one seen that ended before this one began.
		if prev := previous[p.Kind]; prev != nil && prev.Period.End < p.Start {
			ps.Previous = prev
		}
		previous[p.Kind] = ps
		c.Periods = append(c.Periods, ps)
		if c.Current != nil && c.Current.Period == p {
			c.Current = ps
		}
	}
	c.scoreKPIs()
	return c
}

// currentPeriod returns a placeholder PeriodScore naming the current period;
// Evaluate swaps in the real score once it is computed.
func (c *Scorecard) currentPeriod(periods []*Period) *PeriodScore {
	var best *Period
	for _, p := range periods {
		if p.Contains(c.AsOf) && (best == nil || p.Days() < best.Days()) {
			best = p
		}
	}
	if best == nil {
		for _, p := range periods {
			if p.Start <= c.AsOf && (best == nil || p.End > best.End) {
				best = p
			}
		}
	}
	if best == nil {
		return nil
	}
	return &PeriodScore{Period: best}
}

// ScoreObjective scores an objective and its key results as of a date.
func ScoreObjective(o *Objective, asOf Date) *ObjectiveScore {
	os := &ObjectiveScore{Objective: o, KeyResults: make([]*KeyResultScore, len(o.KeyResults))}
	// The weighted sums, and the plain ones for when every weight is zero.
	var progress, forecast, weights, plainProgress, plainForecast float64
	hasForecast, stale := false, 0
	for i, kr := range o.KeyResults {
		krs := ScoreKeyResult(kr, asOf)
		os.KeyResults[i] = krs
		f := krs.Progress
		if krs.HasForecast {
			hasForecast = true
			f = krs.Forecast
		}
		w := kr.Weight
		weights += w
		progress += w * krs.Progress
		forecast += w * f
		plainProgress += krs.Progress
		plainForecast += f
		if krs.Status == NoRecentUpdate {
			stale++
		}
	}
	p := o.Period
	os.Score = newScore(p, asOf)
	if n := float64(len(o.KeyResults)); weights > 0 {
		os.Progress = progress / weights
		os.Forecast = forecast / weights
	} else if n > 0 {
		os.Progress, os.Forecast = plainProgress/n, plainForecast/n
	}
	os.HasForecast = hasForecast && !os.Final
	os.Grade = grade(os.Progress)
	os.Status = rolledStatus(p, asOf, os.Score, len(o.KeyResults), stale)
	return os
}

// newScore is the start of a score in period p as of a date: how far the
// period has gone, and whether it is over.
func newScore(p *Period, asOf Date) Score {
	return Score{Expected: p.Elapsed(asOf), Final: p.Finished(asOf)}
}

// rolledStatus is the status of score s, made of n parts of which stale
// have no recent update: not started before the period, no recent update
// while half or more of the parts have none, and otherwise by pace.
func rolledStatus(p *Period, asOf Date, s Score, n, stale int) Status {
	switch {
	case asOf < p.Start:
		return NotStarted
	case !s.Final && n > 0 && 2*stale >= n:
		return NoRecentUpdate
	}
	return paceStatus(s.Progress, s.Expected)
}

// rollUp combines objective scores, weighted by objective weight, into the
// score of a team's period or a whole period.
func rollUp(p *Period, asOf Date, objectives []*ObjectiveScore) Score {
	s := newScore(p, asOf)
	var progress, forecast, weights float64
	stale := 0
	for _, os := range objectives {
		w := os.Objective.Weight
		if w == 0 {
			continue
		}
		weights += w
		progress += w * os.Progress
		forecast += w * os.Forecast
		s.HasForecast = s.HasForecast || os.HasForecast
		if os.Status == NoRecentUpdate {
			stale++
		}
	}
	if weights > 0 {
		s.Progress = progress / weights
		s.Forecast = forecast / weights
	}
	s.Grade = grade(s.Progress)
	s.Status = rolledStatus(p, asOf, s, len(objectives), stale)
	return s
}

// ScoreKeyResult scores one key result as of a date. Check-ins after the
// as-of date, or outside the period, do not count.
func ScoreKeyResult(kr *KeyResult, asOf Date) *KeyResultScore {
	p := kr.Objective.Period
	s := &KeyResultScore{
		KeyResult:  kr,
		Score:      newScore(p, asOf),
		Current:    kr.Start,
		Confidence: NoConfidence,
	}
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
	case kr.Direction == StayAbove || kr.Direction == StayBelow:
		s.Progress = heldShare(kr, s.Checkins)
	default:
		s.Progress = ValueProgress(kr, s.Current)
		s.forecast(p)
	}
	s.Grade = grade(s.Progress)
	s.Status = s.status(p, asOf)
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

// Holds reports whether value v keeps a stay-above or stay-below result.
func Holds(kr *KeyResult, v float64) bool {
	if kr.Direction == StayBelow {
		return v <= kr.Target
	}
	return v >= kr.Target
}

// heldShare is the progress of a stay-above or stay-below result: the share
// of its check-ins so far that held the line.
func heldShare(kr *KeyResult, checkins []Checkin) float64 {
	if len(checkins) == 0 {
		return 0
	}
	held := 0
	for _, c := range checkins {
		if Holds(kr, c.Value) {
			held++
		}
	}
	return float64(held) / float64(len(checkins))
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

// forecast projects a straight line through the recent check-ins (and the
// start value at the period's start when there are fewer than two) to the
// period's end. A finished period needs no forecast.
func (s *KeyResultScore) forecast(p *Period) {
	if s.Final || len(s.Checkins) == 0 {
		return
	}
	pts := s.Checkins[max(0, len(s.Checkins)-forecastPoints):]
	xs := make([]float64, 0, len(pts)+1)
	ys := make([]float64, 0, len(pts)+1)
	if len(pts) < 2 {
		xs = append(xs, 0)
		ys = append(ys, s.KeyResult.Start)
	}
	for _, c := range pts {
		xs = append(xs, float64(p.Start.DaysUntil(c.Date)))
		ys = append(ys, c.Value)
	}
	a, b, ok := fitLine(xs, ys)
	if !ok {
		return
	}
	s.ForecastValue = a + b*float64(p.Start.DaysUntil(p.End))
	s.Forecast = ValueProgress(s.KeyResult, s.ForecastValue)
	s.HasForecast = true
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

// status decides a key result's status: not started before the period; no
// recent update when a running period has gone a cadence without a check-in;
// otherwise from pace (or, for stay-above and stay-below results, from the
// latest value), made worse, never better, by low confidence.
func (s *KeyResultScore) status(p *Period, asOf Date) Status {
	kr := s.KeyResult
	if asOf < p.Start {
		return NotStarted
	}
	if !s.Final && !kr.IsMilestone() {
		since := p.Start
		if s.HasUpdate {
			since = s.LastUpdate
		}
		if since.DaysUntil(asOf) > int(kr.Cadence) {
			return NoRecentUpdate
		}
	}
	var st Status
	switch {
	case kr.IsMilestone() || kr.Direction == Increase || kr.Direction == Decrease:
		st = paceStatus(s.Progress, s.Expected)
	case !s.HasUpdate || Holds(kr, s.Current):
		st = OnTrack
	default:
		st = OffTrack
	}
	switch c := s.Confidence; {
	case c == NoConfidence:
	case c < VeryLowConfidence:
		st = max(st, OffTrack)
	case c < LowConfidence:
		st = max(st, AtRisk)
	}
	return st
}

// paceStatus compares progress with the expected progress.
func paceStatus(progress, expected float64) Status {
	switch gap := expected - progress; {
	case gap <= OnTrackGap:
		return OnTrack
	case gap <= AtRiskGap:
		return AtRisk
	}
	return OffTrack
}

func grade(progress float64) float64 { return math.Round(progress*10) / 10 }

func clamp01(x float64) float64 { return min(1, max(0, x)) }
