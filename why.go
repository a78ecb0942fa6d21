package okrsite

// Why holds the facts behind a status, for a one-line explanation in any
// language, such as "28% done, 55% expected by now: 27 points behind; last
// check-in 3 weeks ago". Rule names the rule that decided; which of the
// other facts matter depends on it (see each Rule), and the rest are
// still filled in where they are known.
type Why struct {
	Rule Rule
	// Progress is the progress judged (for a value to hold, the share of
	// check-ins that held), Expected what it was judged against (the share
	// of the period elapsed; 1 for a value to hold and once the period has
	// ended), and Behind the lag in whole percentage points, as pages round
	// them: round(100 Expected) - round(100 Progress), negative when ahead;
	// for a value to hold, the check-ins missed as points of Due, rounded.
	Progress float64
	Expected float64
	Behind   int

	// A key result's facts.
	HasUpdate  bool
	LastUpdate Date    // the latest check-in or milestone, when HasUpdate
	Age        int     // days from LastUpdate (or the period's start, without one) to the as-of date
	Cadence    Cadence // the silence after which a result has no recent update
	Confidence float64 // the latest confidence, or NoConfidence
	Held       int     // for a value to hold: check-ins that held,
	Checks     int     // of so many,
	Due        int     // of those its period is due: its days over Cadence, at least Checks; Checks once it has ended

	// A roll-up's facts.
	Share     float64    // RuleAttention, RuleFailing, RuleStaleShare: the weighted share of key results the rule measured
	Limit     float64    // the share it passed
	KeyResult *KeyResult // RuleCommitted: the committed objective's key result that decided
}

// Rule names a rule that decides a status.
type Rule int

// The rules, for key results and roll-ups alike unless marked.
const (
	RuleNotStarted Rule = iota // the period has not begun
	RuleDone                   // the target is reached (a roll-up: every key result is done)
	RuleStale                  // key result: no check-in for longer than Cadence (Age, HasUpdate, LastUpdate)
	RulePace                   // Progress against Expected: Behind points behind
	RuleHeld                   // value to hold: Held of Checks held; Checks - Held missed, Behind points of Due
	RuleHoldFailed             // value to hold: the latest check-in did not hold
	RuleConfidence             // key result: the latest Confidence is low
	RuleStaleShare             // roll-up: Share of its key results, by weight, have no recent update; at least Limit
	RuleCommitted              // objective: committed, and KeyResult is off track or has no recent update
	RuleFailing                // roll-up: Share of its key results, by weight, are off track or silent; above Limit
	RuleAttention              // roll-up: Share of its key results, by weight, need attention; above Limit
	numRules
)

var ruleNames = [numRules]string{"not-started", "done", "stale", "pace", "held", "hold-failed", "confidence", "stale-share", "committed", "failing", "attention"}

// String returns a short machine name for r, such as "hold-failed".
func (r Rule) String() string { return ruleNames[r] }

// Disagreement says whether a key result's owner and its projection tell
// different stories.
type Disagreement int

// The disagreements. OwnerMoreConfident: the latest confidence is at least
// ConfidentAt while the projected grade is below ConfidentAt. OwnerLessConfident:
// the latest confidence is at most DoubtfulAt while the projection reaches
// the target (projected grade 1.0). Only while the period runs, and only
// for a result with both a confidence and a projection.
const (
	NoDisagreement Disagreement = iota
	OwnerMoreConfident
	OwnerLessConfident
)

// The confidences at which an owner counts as confident or doubtful.
const (
	ConfidentAt = 0.7
	DoubtfulAt  = 0.5
)

var disagreementNames = [...]string{"none", "owner-more-confident", "owner-less-confident"}

// String returns a short machine name for d, such as "owner-less-confident".
func (d Disagreement) String() string { return disagreementNames[d] }

// disagreement compares a key result's latest confidence with its
// projection.
func disagreement(s *KeyResultScore) Disagreement {
	switch c := s.Confidence; {
	case !s.HasProjection || c == NoConfidence:
	case c >= ConfidentAt && s.ProjectedGrade < ConfidentAt:
		return OwnerMoreConfident
	case c <= DoubtfulAt && s.ProjectedGrade >= 1:
		return OwnerLessConfident
	}
	return NoDisagreement
}
