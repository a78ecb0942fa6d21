package okrsite

import (
	"cmp"
	"slices"
)

// RollUpRule holds a site's limits for roll-ups (objectives, teams' periods
// and periods), as shares from 0 to 1 of their key results by weight: a
// roll-up is off track when more than OffTrack of them are off track or
// have no recent update, and else at best at risk when more than AtRisk
// need attention (at risk, off track or no recent update).
type RollUpRule struct {
	AtRisk   float64
	OffTrack float64
}

// DefaultRollUp is the rule of a site whose settings name none: off track
// when more than 40% of the key results, by weight, are off track or
// silent; at risk when more than a quarter need attention.
var DefaultRollUp = RollUpRule{AtRisk: 0.25, OffTrack: 0.4}

// StaleShare is the weighted share of its key results without a recent
// update from which a roll-up of a running period has no recent update.
const StaleShare = 0.5

// shareSlack absorbs the rounding of sums of shares, so that one key result
// of four is a share of exactly a quarter.
const shareSlack = 1e-9

// Distribution counts a roll-up's key results by status and, once their
// period has ended, by grade band; and weighs those that need attention as
// the roll-up's progress weighs them. Every key result counts in the
// counts, including those that weight 0 leaves out of the shares.
type Distribution struct {
	counts    [numStatuses]int
	grades    [len(gradeColours)]int // once final, by band, best first
	Total     int                    // key results
	Attention float64                // the weighted share that needs attention, 0 to 1
	Failing   float64                // the weighted share off track or with no recent update, 0 to 1
	Stale     float64                // the weighted share with no recent update, 0 to 1
}

// Count returns how many of the key results have status s.
func (d Distribution) Count(s Status) int { return d.counts[s] }

// Graded returns how many of the key results of a finished period have a
// grade in band colour (their Score.Band): "green", "yellow" or "red".
func (d Distribution) Graded(colour string) int {
	for i, c := range gradeColours {
		if c == colour {
			return d.grades[i]
		}
	}
	return 0
}

// NeedsAttention returns how many of the key results are at risk, off
// track or without a recent update.
func (d Distribution) NeedsAttention() int {
	return d.counts[AtRisk] + d.counts[OffTrack] + d.counts[NoRecentUpdate]
}

// add counts the key results of part, weighing its shares by share.
func (d *Distribution) add(part *Distribution, share float64) {
	for i, n := range part.counts {
		d.counts[i] += n
	}
	for i, n := range part.grades {
		d.grades[i] += n
	}
	d.Total += part.Total
	d.Attention += share * part.Attention
	d.Failing += share * part.Failing
	d.Stale += share * part.Stale
}

// single is the distribution of one key result of score sc.
func single(sc *Score) Distribution {
	s := sc.Status
	d := Distribution{Total: 1}
	d.counts[s] = 1
	if sc.Final {
		d.grades[slices.Index(gradeColours[:], sc.Band)] = 1
	}
	if s.NeedsAttention() {
		d.Attention = 1
	}
	if s >= OffTrack {
		d.Failing = 1
	}
	if s == NoRecentUpdate {
		d.Stale = 1
	}
	return d
}

// ScoreObjective scores an objective and its key results as of a date,
// judging its status by rule.
func ScoreObjective(o *Objective, asOf Date, rule RollUpRule) *ObjectiveScore {
	os := &ObjectiveScore{Objective: o, KeyResults: make([]*KeyResultScore, len(o.KeyResults))}
	var sum float64
	for _, kr := range o.KeyResults {
		sum += kr.Weight
	}
	r := rollUp{s: newScore(o.Period, asOf)}
	var worst *KeyResultScore // of a committed objective, the worst off track or silent
	for i, kr := range o.KeyResults {
		krs := ScoreKeyResult(kr, asOf)
		krs.Share = shareOf(kr.Weight, sum, len(o.KeyResults))
		os.KeyResults[i] = krs
		one := single(&krs.Score)
		r.add(krs.Share, &krs.Score, &one)
		if o.Commitment == Committed && krs.Share > 0 && krs.Status >= OffTrack && (worst == nil || krs.Status > worst.Status) {
			worst = krs
		}
	}
	os.Score, os.Distribution = r.end(o.Period, asOf, rule, worst)
	return os
}

// rollUpObjectives rolls objectives up into the score of a team's period or
// a whole period.
func rollUpObjectives(p *Period, asOf Date, rule RollUpRule, objectives []*ObjectiveScore) (Score, Distribution) {
	var sum float64
	for _, os := range objectives {
		sum += os.Objective.Weight
	}
	r := rollUp{s: newScore(p, asOf)}
	for _, os := range objectives {
		r.add(shareOf(os.Objective.Weight, sum, len(objectives)), &os.Score, &os.Distribution)
	}
	return r.end(p, asOf, rule, nil)
}

// shareOf returns weight w's share of sum, the weights of n parts; or, when
// every weight is zero, an equal share. So weight 0 leaves a part out of a
// roll-up, unless all are 0.
func shareOf(w, sum float64, n int) float64 {
	if sum > 0 {
		return w / sum
	}
	return 1 / float64(n)
}

// rollUp sums the parts of a roll-up: key results of an objective, or
// objectives of a team's period or period.
type rollUp struct {
	s Score
	d Distribution
}

// add adds a part with its share of the roll-up: progress, projection
// and the grade expected are weighted means (a part without a projection counts with its
// progress).
func (r *rollUp) add(share float64, s *Score, d *Distribution) {
	projected := s.Progress
	if s.HasProjection {
		projected, r.s.HasProjection = s.Projected, true
	}
	r.s.Progress += share * s.Progress
	r.s.Expects += share * s.Expects
	r.s.Projected += share * projected
	r.d.add(d, share)
}

// end finishes the roll-up's score, its status by judge. worst is the key
// result that makes a committed objective at best at risk, or nil.
func (r *rollUp) end(p *Period, asOf Date, rule RollUpRule, worst *KeyResultScore) (Score, Distribution) {
	s := &r.s
	if s.HasProjection {
		s.ProjectedGrade = grade(s.Projected)
	} else {
		s.Projected = 0
	}
	if s.Final {
		s.setGrade()
	}
	s.Status, s.Why = rule.judge(p, asOf, s, &r.d, worst)
	return r.s, r.d
}

// judge decides a roll-up's status and why, by the first rule that
// applies: not started before the period; done when every key result is;
// no recent update while the period runs and at least StaleShare of its key
// results, by weight, have none; otherwise the worst of the mean's pace, the
// committed rule (worst is not nil: at best at risk) and the rule's limits
// (more than OffTrack of its key results, by weight, off track or silent:
// off track; more than AtRisk needing attention: at best at risk). Of rules
// that give the same status, the first in that order is named.
func (r RollUpRule) judge(p *Period, asOf Date, s *Score, d *Distribution, worst *KeyResultScore) (Status, Why) {
	why := Why{Progress: s.Progress, Expected: s.Expected, Behind: pointsBehind(s.Progress, s.Expected)}
	switch {
	case asOf < p.Start:
		why.Rule = RuleNotStarted
		return NotStarted, why
	case d.Total > 0 && d.counts[Done] == d.Total:
		why.Rule = RuleDone
		return Done, why
	case !s.Final && d.Stale >= StaleShare-shareSlack:
		why.Rule, why.Share, why.Limit = RuleStaleShare, d.Stale, StaleShare
		return NoRecentUpdate, why
	}
	st := paceStatus(why.Behind)
	why.Rule = RulePace
	if worst != nil && st < AtRisk {
		st, why.Rule, why.KeyResult = AtRisk, RuleCommitted, worst.KeyResult
	}
	switch {
	case d.Failing > r.OffTrack+shareSlack:
		if st < OffTrack {
			st, why.Rule, why.Share, why.Limit, why.KeyResult = OffTrack, RuleFailing, d.Failing, r.OffTrack, nil
		}
	case d.Attention > r.AtRisk+shareSlack:
		if st < AtRisk {
			st, why.Rule, why.Share, why.Limit, why.KeyResult = AtRisk, RuleAttention, d.Attention, r.AtRisk, nil
		}
	}
	return st, why
}

// Attention returns the key results of objectives that need attention (at
// risk, off track or without a recent update), in AttentionOrder.
func Attention(objectives []*ObjectiveScore) []*KeyResultScore {
	out := keyResultsWhere(objectives, func(s *KeyResultScore) bool { return s.Status.NeedsAttention() })
	slices.SortStableFunc(out, AttentionOrder)
	return out
}

// AttentionOrder compares key results a and b in the order to look at
// them, for slices.SortStableFunc: the most percentage points behind first
// (Why.Behind; for a value to hold, the points of its due check-ins it
// missed); then the heavier in the period (its objective's weight times
// its Share); then the worse status (no recent update, off track, at
// risk). A stable sort keeps the order given among equals.
func AttentionOrder(a, b *KeyResultScore) int {
	return cmp.Or(
		cmp.Compare(b.Why.Behind, a.Why.Behind),
		cmp.Compare(b.periodWeight(), a.periodWeight()),
		cmp.Compare(b.Status, a.Status),
	)
}

// FellShort returns the key results of finished objectives that fell
// short of what their objective's kind expects (KeyResultScore.FellShort),
// in the order to look at them: the lowest grade first; then the heavier
// in the period (its objective's weight times its Share); then in the
// order given.
func FellShort(objectives []*ObjectiveScore) []*KeyResultScore {
	out := keyResultsWhere(objectives, (*KeyResultScore).FellShort)
	slices.SortStableFunc(out, func(a, b *KeyResultScore) int {
		return cmp.Or(cmp.Compare(a.Grade, b.Grade), cmp.Compare(b.periodWeight(), a.periodWeight()))
	})
	return out
}

// periodWeight is how much the key result weighs in its period: its
// objective's weight times its share of the objective.
func (s *KeyResultScore) periodWeight() float64 { return s.KeyResult.Objective.Weight * s.Share }

// keyResultsWhere returns the key results of objectives that keep says
// to keep, in the order given.
func keyResultsWhere(objectives []*ObjectiveScore, keep func(*KeyResultScore) bool) []*KeyResultScore {
	var out []*KeyResultScore
	for _, os := range objectives {
		for _, krs := range os.KeyResults {
			if keep(krs) {
				out = append(out, krs)
			}
		}
	}
	return out
}
