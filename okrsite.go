// Package okrsite holds the domain of an OKR and KPI goal site: teams,
// periods, objectives with key results and their check-ins, KPIs with their
// measurements, and the commentary written about them; and the scoring that
// turns them into progress, pace, status, forecast, grade and KPI health.
//
// The package does no I/O and knows nothing of files or HTML. Package load
// builds a Site from content files; package render turns a Scorecard into
// pages.
package okrsite

import "strings"

// Site is everything a goal site is made of, fully linked: every reference
// in the content has been resolved to a pointer.
type Site struct {
	Settings   Settings
	Teams      []*Team      // in the order the teams file lists them
	Periods    []*Period    // by start date, then by end date, then by id
	Objectives []*Objective // by period, then team file, then file order
	KPIs       []*KPI       // by id
	Note       *Note        // commentary for the home page, or nil
	Pictures   []*Picture   // the pictures beside the notes, by path
}

// Settings are the site-wide settings.
type Settings struct {
	Title        string
	Organisation string
	Language     string // "en" or "sv": the interface's language
	// Locale is how numbers, dates and money are written: "en-US", "en-GB"
	// or "sv-SE", or "" for the formats of Language alone.
	Locale  string
	BaseURL string // empty, or an absolute or root-relative URL
	AsOf    Date   // the report date; meaningful only when HasAsOf
	HasAsOf bool
	// ReviewSince is the day the review window starts after (the day the
	// last review looked at); meaningful only when HasReviewSince.
	// Otherwise the window is DefaultSince's.
	ReviewSince    Date
	HasReviewSince bool
	Cadence        Cadence // how often key results expect a check-in
	// AllowHTML lets commentary carry raw HTML. Off by default: only a site
	// whose every author is trusted should turn it on.
	AllowHTML bool
	RollUp    RollUpRule // when objectives, teams and periods need attention
}

// Cadence is the expected interval between two updates of a value, in days.
type Cadence int

// The named cadences.
const (
	Weekly    Cadence = 7
	Biweekly  Cadence = 14
	Monthly   Cadence = 31
	Quarterly Cadence = 92
)

// Team is a group of people that owns objectives and KPIs. Teams form a
// tree through Parent.
type Team struct {
	ID       string
	Name     string
	Lead     string
	Parent   *Team
	Children []*Team
}

// Period is a stretch of time objectives are set for: a quarter, a half, a
// year or a custom range.
type Period struct {
	ID         string
	Name       string // for display; the id unless the content names it
	Kind       PeriodKind
	Start, End Date // both days included
	Objectives []*Objective
	Note       *Note
	TeamNotes  map[*Team]*Note // commentary on one team's period
}

// Commitment says what a team promised with an objective.
type Commitment int

// Committed objectives are expected to be met in full; aspirational ones are
// stretch goals where about 0.7 is a good result.
const (
	Committed Commitment = iota
	Aspirational
)

// String returns "committed" or "aspirational".
func (c Commitment) String() string {
	if c == Aspirational {
		return "aspirational"
	}
	return "committed"
}

// Expects returns the grade an objective of kind c is expected to reach:
// 1.0 when committed, 0.7 when aspirational.
func (c Commitment) Expects() float64 {
	if c == Aspirational {
		return 0.7
	}
	return 1
}

// Objective is a qualitative ambition of one team for one period, measured
// by its key results.
type Objective struct {
	ID          string
	Title       string
	Description string
	Owner       string
	Team        *Team
	Period      *Period
	Commitment  Commitment
	Weight      float64
	Parent      *Objective // the objective this one aligns to, or nil
	Children    []*Objective
	KeyResults  []*KeyResult
	Note        *Note
	Retro       *Note        // the owner's closing note on how it went, or nil
	Continues   *Objective   // the objective of an earlier period it carries on, or nil
	ContinuedIn []*Objective // objectives of later periods that carry it on
}

// Ref returns the objective's reference, PERIOD/ID.
func (o *Objective) Ref() string { return o.Period.ID + "/" + o.ID }

// Direction says which way a key result's value should move.
type Direction int

// Key-result directions. Increase and Decrease move from Start to Target;
// StayAbove and StayBelow hold the value on one side of Target.
const (
	Increase Direction = iota
	Decrease
	StayAbove
	StayBelow
)

var directionNames = [...]string{"increase", "decrease", "above", "below"}

// String returns "increase", "decrease", "above" or "below", as the content
// writes it.
func (d Direction) String() string { return directionNames[d] }

// KeyResult is a measurable result with a start value and a target, or a
// list of milestones, tracked through check-ins over its objective's period.
type KeyResult struct {
	ID         string
	Title      string
	Owner      string
	Unit       string // what the values count, for any number but one ("logos", "%", "MSEK")
	UnitOne    string // the unit for a value of one ("logo"), or "" when it has one form
	Objective  *Objective
	Start      float64 // the value at the period's start, when HasStart
	HasStart   bool    // the content gave a start, or a lifted KPI had a value before the period
	Target     float64
	Direction  Direction
	Milestones []Milestone // non-empty for a milestone result
	Weight     float64
	Cadence    Cadence   // expected interval between check-ins
	Checkins   []Checkin // by date; from the KPI when KPI is set
	KPI        *KPI      // the KPI this result lifts into focus, or nil
	Retro      *Note     // the owner's closing note on how it went, or nil
	// Continues is the key result of an earlier period this one carries
	// on, or nil; ContinuedIn those of later periods that carry it on.
	Continues   *KeyResult
	ContinuedIn []*KeyResult
}

// Units returns the forms of the key result's unit.
func (kr *KeyResult) Units() Unit { return Unit{One: kr.UnitOne, Other: kr.Unit} }

// Ref returns the key result's reference, PERIOD/OBJECTIVE/ID.
func (kr *KeyResult) Ref() string { return kr.Objective.Ref() + "/" + kr.ID }

// IsMilestone reports whether the result is measured by milestones.
func (kr *KeyResult) IsMilestone() bool { return len(kr.Milestones) > 0 }

// Checkin is one reading of a key result: its value on a date, how
// confident the owner is of reaching the target (0 to 1, or NoConfidence),
// and a note.
type Checkin struct {
	Date       Date
	Value      float64
	Confidence float64
	Note       string
}

// NoConfidence marks a check-in that gives no confidence.
const NoConfidence = -1

// Milestone is one step of a milestone result. It is done when Done is set,
// on the day DoneOn (or on an unknown day when DoneOn is zero and HasDate is false).
type Milestone struct {
	Title   string
	Done    bool
	DoneOn  Date
	HasDate bool
}

// KPIDirection says which values of a KPI are good.
type KPIDirection int

// KPI directions.
const (
	HigherIsBetter KPIDirection = iota
	LowerIsBetter
	StayInBand
)

// Thresholds bound a KPI's healthy and warning values. For HigherIsBetter
// only the Low ends count (at least Healthy.Low is healthy); for
// LowerIsBetter only the High ends (at most Healthy.High); for StayInBand
// both.
type Thresholds struct {
	Healthy Band
	Warning Band
}

// Band is a closed range of values.
type Band struct{ Low, High float64 }

// KPI is a named metric watched continuously as a health gauge.
type KPI struct {
	ID           string
	Name         string
	Unit         string // as KeyResult.Unit
	UnitOne      string // as KeyResult.UnitOne
	Description  string
	Team         *Team
	Direction    KPIDirection
	Thresholds   Thresholds
	Cadence      Cadence
	Measurements []Measurement // by date
	Note         *Note
}

// Units returns the forms of the KPI's unit.
func (k *KPI) Units() Unit { return Unit{One: k.UnitOne, Other: k.Unit} }

// Unit is what values count, as written after them: Other after any number
// but one ("6 logos"), One after a value of one ("1 logo"). One is empty
// for a unit with a single form ("%", "h", "MSEK"), which Other gives for
// every number.
type Unit struct{ One, Other string }

// For returns the form of the unit for a value, given whether the value is
// one as the reader sees it (1, not 1.0).
func (u Unit) For(one bool) string {
	if one && u.One != "" {
		return u.One
	}
	return u.Other
}

// Measurement is one value of a KPI.
type Measurement struct {
	Date  Date
	Value float64
}

// Note is Markdown commentary attached to the site, a period, a team's
// period, an objective or a KPI.
type Note struct {
	Author   string
	Date     Date
	HasDate  bool
	Markdown string
	Path     string // the file it came from, for error messages
	Line     int    // the line of Path where Markdown starts
	// File is Path within the content folder ("periods/2026-Q3.md"):
	// the pictures the note shows are found from its folder.
	File string
}

// Picture is an image file (PNG, JPEG, GIF, WebP or SVG) that sits beside
// the notes and that they show.
type Picture struct {
	Path string // within the content folder: "periods/2026-Q3/chart.svg"
	Data string // the file's bytes
}

// pictureFormats are the formats of pictures, by the extension of their
// file's name.
var pictureFormats = map[string]string{
	".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP", ".svg": "SVG",
}

// PictureFormats lists the extensions of pictures, for messages.
const PictureFormats = ".png, .jpg, .jpeg, .gif, .webp or .svg"

// PictureFormat returns the format ("PNG", "JPEG", "GIF", "WebP" or
// "SVG") that a file name's extension, in any case, says a picture is in,
// or "" when it names no picture.
func PictureFormat(name string) string {
	dot := strings.LastIndexByte(name, '.')
	if dot < 0 || strings.ContainsRune(name[dot:], '/') {
		return ""
	}
	return pictureFormats[strings.ToLower(name[dot:])]
}
