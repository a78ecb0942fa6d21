package load

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/okrsite/okrsite"
)

// This file decodes each kind of TOML file into definitions: domain values
// with their references still as strings. Decoding depends on nothing but
// the file itself; load.go links the definitions together.

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	periodIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)
	languages       = []string{"en", "sv"}
)

// windowsReserved are names no file may have on Windows, whatever the
// extension; an id that became such a name could not be published there.
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// checkID reports what is wrong with an id, which becomes part of URLs and
// file names.
func checkID(id string, pattern *regexp.Regexp) error {
	if !pattern.MatchString(id) {
		example := "lowercase letters a-z, digits, '-' and '_'"
		if pattern == periodIDPattern {
			example = "letters a-z or A-Z, digits, '-' and '_'"
		}
		return fmt.Errorf("id %q is not usable; expected 1 to 64 %s, starting with a letter or digit", id, example)
	}
	if windowsReserved[strings.ToLower(id)] {
		return fmt.Errorf("id %q is a reserved file name on Windows; expected another id", id)
	}
	return nil
}

// id reads a required id at key and checks its form.
func (t *table) id(key string, pattern *regexp.Regexp) string {
	id := t.required(key, "an id such as \"grow-revenue\"")
	if id == "" {
		return ""
	}
	if err := checkID(id, pattern); err != nil {
		t.errorf(key, "%v", err)
		return ""
	}
	return id
}

// decodeSettings reads site.toml.
func decodeSettings(t *table) okrsite.Settings {
	var s okrsite.Settings
	s.Title = t.required("title", "the site's title")
	s.Organisation = t.str("organisation")
	s.Language = languages[t.choice("language", languages, 0)]
	s.BaseURL = t.str("base_url")
	if err := checkBaseURL(s.BaseURL); err != nil {
		t.errorf("base_url", "%v", err)
		s.BaseURL = ""
	}
	s.AsOf, s.HasAsOf = t.date("as_of")
	s.Cadence = t.cadence("cadence", okrsite.Weekly)
	s.AllowHTML = t.boolean("allow_html")
	s.RollUp = decodeRollUp(t)
	t.done()
	return s
}

// decodeRollUp reads the roll-up rule's limits, rollup_at_risk and
// rollup_off_track: shares from 0 to 1, each okrsite.DefaultRollUp's when
// absent.
func decodeRollUp(t *table) okrsite.RollUpRule {
	r := okrsite.DefaultRollUp
	for _, limit := range []struct {
		key   string
		share *float64
	}{{"rollup_at_risk", &r.AtRisk}, {"rollup_off_track", &r.OffTrack}} {
		v, ok := t.number(limit.key)
		switch {
		case !ok:
		case v < 0 || v > 1:
			t.errorf(limit.key, "%s is %v; expected a share from 0 to 1, such as %v", limit.key, v, *limit.share)
		default:
			*limit.share = v
		}
	}
	return r
}

// checkBaseURL accepts an empty base URL, an absolute http or https URL, or
// a path starting with "/".
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("base_url %q is not a URL; expected one like \"https://goals.example.com/\"", s)
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(s, "//"):
		return nil
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		return nil
	}
	return fmt.Errorf("base_url %q is neither an http(s) URL nor a path from the root; expected one like \"https://goals.example.com/\" or \"/goals/\"", s)
}

// teamDef is a team before its parent is resolved.
type teamDef struct {
	team   okrsite.Team
	parent string
	at     keyPath
}

// decodeTeams reads teams.toml.
func decodeTeams(t *table) []teamDef {
	var defs []teamDef
	for _, tt := range t.tables("team", "a team") {
		d := teamDef{at: tt.path}
		d.team.ID = tt.id("id", idPattern)
		d.team.Name = tt.required("name", "the team's name")
		d.team.Lead = tt.str("lead")
		d.parent = tt.str("parent")
		tt.done()
		defs = append(defs, d)
	}
	t.done()
	if len(defs) == 0 {
		t.errorf("", "no teams; expected at least one [[team]] with an id and a name")
	}
	return defs
}

// periodDef is what periods/ID.toml says of a period.
type periodDef struct {
	name             string
	start, end       okrsite.Date
	hasStart, hasEnd bool
}

// decodePeriod reads periods/ID.toml.
func decodePeriod(t *table) periodDef {
	var d periodDef
	d.name = t.str("name")
	d.start, d.hasStart = t.date("start")
	d.end, d.hasEnd = t.date("end")
	t.done()
	return d
}

// objectiveDef is an objective before its team, period, parent and key
// results' KPIs are resolved.
type objectiveDef struct {
	obj    okrsite.Objective
	parent string
	krs    []krDef
	at     keyPath
}

// krDef is a key result before its KPI is resolved.
type krDef struct {
	kr        okrsite.KeyResult
	kpi       string
	hasStart  bool
	direction bool // the direction was given, not implied
	shorthand bool // the result is one milestone, given as done = ...
	at        keyPath
}

// The words the content chooses from, in the order of the values they
// stand for.
var (
	commitments   = names(okrsite.Committed, okrsite.Aspirational)
	krDirections  = names(okrsite.Increase, okrsite.StayBelow)
	kpiDirections = names(okrsite.HigherIsBetter, okrsite.StayInBand)
)

// names lists the names of an enumeration's values from first to last.
func names[T interface {
	~int
	String() string
}](first, last T) []string {
	var out []string
	for v := first; v <= last; v++ {
		out = append(out, v.String())
	}
	return out
}

// decodeTeamPeriod reads periods/PERIOD/TEAM.toml: one team's objectives.
func decodeTeamPeriod(t *table) []objectiveDef {
	var defs []objectiveDef
	for _, ot := range t.tables("objective", "an objective") {
		d := objectiveDef{at: ot.path}
		o := &d.obj
		o.ID = ot.id("id", idPattern)
		o.Title = ot.required("title", "the objective's title")
		o.Description = ot.str("description")
		o.Owner = ot.str("owner")
		o.Commitment = okrsite.Commitment(ot.choice("kind", commitments, 0))
		o.Weight = ot.weight("weight")
		d.parent = ot.str("parent")
		for _, kt := range ot.tables("kr", "a key result") {
			d.krs = append(d.krs, decodeKR(kt))
		}
		switch n := len(d.krs); {
		case n == 0:
			ot.errorf("", "objective %q has no key results; expected 2 to 5 [[objective.kr]] tables", o.ID)
		case n > 5:
			ot.f.warnf(ot.path, "objective %q has %d key results; 2 to 5 keep it focused", o.ID, n)
		}
		ot.done()
		defs = append(defs, d)
	}
	t.done()
	if len(defs) == 0 {
		t.errorf("", "no objectives; expected at least one [[objective]]")
	}
	return defs
}

// decodeKR reads one [[objective.kr]] table.
func decodeKR(t *table) krDef {
	d := krDef{at: t.path}
	kr := &d.kr
	kr.ID = t.id("id", idPattern)
	kr.Title = t.required("title", "the key result's title")
	kr.Owner = t.str("owner")
	kr.Unit = t.str("unit")
	kr.Weight = t.weight("weight")
	kr.Cadence = t.cadence("cadence", 0)
	d.kpi = t.str("kpi")

	d.shorthand = t.has("done")
	milestones := t.milestones()
	if len(milestones) > 0 {
		kr.Milestones = milestones
		for _, k := range []string{"start", "target", "direction", "checkins", "kpi"} {
			if t.has(k) {
				t.errorf(k, "a milestone result has no %s; expected either milestones (or done) or a start and target", k)
			}
		}
		t.done()
		return d
	}

	var hasTarget bool
	kr.Start, d.hasStart = t.number("start")
	kr.Target, hasTarget = t.number("target")
	dir := t.choice("direction", krDirections, -1)
	d.direction = dir >= 0
	if d.direction {
		kr.Direction = okrsite.Direction(dir)
	}
	if !hasTarget && !t.has("target") {
		t.errorf("", "key result %q has no target; expected target, or milestones for a done-or-not result", kr.ID)
	}
	if d.kpi != "" {
		if t.has("checkins") {
			t.errorf("checkins", "key result %q takes its values from KPI %q; expected no checkins of its own", kr.ID, d.kpi)
		}
	} else {
		kr.Checkins = t.checkins()
		if !d.hasStart && !t.has("start") && kr.Direction != okrsite.StayAbove && kr.Direction != okrsite.StayBelow {
			t.errorf("", "key result %q has no start; expected the value at the period's start", kr.ID)
		}
	}
	t.done()
	if d.hasStart && hasTarget {
		checkDirection(t, &d)
	}
	return d
}

// checkDirection infers an unstated direction from start and target, and
// checks a stated one against them.
func checkDirection(t *table, d *krDef) {
	kr := &d.kr
	if !d.direction {
		kr.Direction = impliedDirection(kr.Start, kr.Target)
	}
	switch {
	case !d.direction && kr.Target == kr.Start:
		t.errorf("target", "target equals start (%v); expected a different target, or direction \"above\" or \"below\" to hold a value", kr.Target)
	case kr.Direction == okrsite.Increase && kr.Target <= kr.Start && d.direction:
		t.errorf("target", "target %v is not above start %v, but direction is \"increase\"; expected a higher target", kr.Target, kr.Start)
	case kr.Direction == okrsite.Decrease && kr.Target >= kr.Start:
		t.errorf("target", "target %v is not below start %v, but direction is \"decrease\"; expected a lower target", kr.Target, kr.Start)
	}
}

// impliedDirection is the direction of a result whose target lies above or
// below its start.
func impliedDirection(start, target float64) okrsite.Direction {
	if target < start {
		return okrsite.Decrease
	}
	return okrsite.Increase
}

const checkinShape = `[date, value], [date, value, confidence], [date, value, "note"] or [date, value, confidence, "note"]`

// checkins reads the checkins array: short arrays, in date order. The
// common case (a date and a number or two) is read without building the
// paths that only an error needs, or was read, in order, before the TOML
// library saw the file (scanCheckins).
func (t *table) checkins() []okrsite.Checkin {
	if rows, ok := t.m["checkins"].(checkinRows); ok {
		t.get("checkins")
		return rows
	}
	arr, ok := t.array("checkins")
	if !ok {
		return nil
	}
	out := make([]okrsite.Checkin, 0, len(arr))
	for i, e := range arr {
		c, ok := fastCheckin(e)
		if !ok && !t.slowCheckin(i, e, &c) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Date >= c.Date {
			t.f.errorf(t.at("checkins").child(i).child(0), "check-in of %s follows one of %s; expected check-ins in date order, one a day", c.Date, out[n-1].Date)
			continue
		}
		out = append(out, c)
	}
	return out
}

// fastCheckin reads a well-formed check-in.
func fastCheckin(e any) (okrsite.Checkin, bool) {
	c := okrsite.Checkin{Confidence: okrsite.NoConfidence}
	a, ok := e.([]any)
	if !ok || len(a) < 2 || len(a) > 4 {
		return c, false
	}
	var okD, okV bool
	c.Date, okD = asDate(a[0])
	c.Value, okV = asNumber(a[1])
	if !okD || !okV {
		return c, false
	}
	rest := a[2:]
	if len(rest) > 0 {
		if note, isNote := rest[0].(string); isNote && len(rest) == 1 {
			c.Note = own(note)
			return c, len(note) <= MaxText
		}
		if c.Confidence, ok = asNumber(rest[0]); !ok || c.Confidence < 0 || c.Confidence > 1 {
			return c, false
		}
	}
	if len(rest) == 2 {
		note, ok := rest[1].(string)
		if !ok || len(note) > MaxText {
			return c, false
		}
		c.Note = own(note)
	}
	return c, true
}

// slowCheckin reads a check-in that fastCheckin refused, reporting each
// problem at its position. It fills c as far as it can and reports whether
// the date and value are usable.
func (t *table) slowCheckin(i int, e any, c *okrsite.Checkin) bool {
	p := t.at("checkins").child(i)
	a, ok := e.([]any)
	if !ok || len(a) < 2 || len(a) > 4 {
		t.f.errorf(p, "check-in is %s; expected %s", shape(e), checkinShape)
		return false
	}
	*c = okrsite.Checkin{Confidence: okrsite.NoConfidence}
	date, okDate := t.toDate(p.child(0), "check-in date", a[0])
	value, okValue := t.toNumber(p.child(1), "check-in value", a[1])
	c.Date, c.Value = date, value
	rest := a[2:]
	if len(rest) > 0 {
		if note, isNote := rest[0].(string); isNote && len(rest) == 1 {
			c.Note = t.checkLength(p.child(2), "note", note)
		} else if conf, ok := t.toNumber(p.child(2), "confidence", rest[0]); ok {
			if conf < 0 || conf > 1 {
				t.f.errorf(p.child(2), "confidence %v is out of range; expected 0 to 1", conf)
			}
			c.Confidence = conf
		}
		if len(rest) == 2 {
			note, isNote := rest[1].(string)
			if !isNote {
				t.wrongType(p.child(3), "note", rest[1], "a string")
			}
			c.Note = t.checkLength(p.child(3), "note", note)
		}
	}
	return okDate && okValue
}

// shape describes a value that should have been a short array.
func shape(v any) string {
	if a, ok := v.([]any); ok {
		if len(a) == 1 {
			return "an array of 1 value"
		}
		return fmt.Sprintf("an array of %d values", len(a))
	}
	return typeName(v)
}

// milestones reads milestones = [["title", date-or-bool], ...] or the
// shorthand done = date-or-bool for a result that is one milestone.
func (t *table) milestones() []okrsite.Milestone {
	var out []okrsite.Milestone
	if v, ok := t.get("done"); ok {
		var m okrsite.Milestone
		if s, ok := t.m["title"].(string); ok {
			m.Title = own(s)
		}
		t.milestoneState(t.at("done"), v, &m)
		out = append(out, m)
		if t.has("milestones") {
			t.errorf("milestones", "a key result has either done or milestones; expected one of them")
		}
		return out
	}
	arr, ok := t.array("milestones")
	if !ok {
		return nil
	}
	for i, e := range arr {
		p := t.at("milestones").child(i)
		a, ok := e.([]any)
		if !ok || len(a) < 1 || len(a) > 2 {
			t.f.errorf(p, "milestone is %s; expected [\"title\"], [\"title\", date done] or [\"title\", true]", shape(e))
			continue
		}
		var m okrsite.Milestone
		if m.Title, ok = a[0].(string); !ok {
			t.wrongType(p.child(0), "milestone title", a[0], "a string")
		}
		m.Title = t.checkLength(p.child(0), "milestone title", m.Title)
		if len(a) == 2 {
			t.milestoneState(p.child(1), a[1], &m)
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		t.errorf("milestones", "milestones is empty; expected at least one [\"title\"]")
	}
	return out
}

// milestoneState reads whether a milestone is done: a date it was done on,
// or true or false.
func (t *table) milestoneState(p keyPath, v any, m *okrsite.Milestone) {
	if b, ok := v.(bool); ok {
		m.Done = b
		return
	}
	d, ok := t.toDate(p, "done", v)
	m.Done, m.DoneOn, m.HasDate = ok, d, ok
}

// kpiDef is a KPI before its team is resolved.
type kpiDef struct {
	kpi  okrsite.KPI
	team string
	csv  string // the CSV file its measurements came from, if any
}

// decodeKPI reads kpis/ID.toml. readCSV reads measurements from a CSV file
// beside it.
func decodeKPI(t *table, readCSV func(name string, columns [2]string) []okrsite.Measurement) kpiDef {
	var d kpiDef
	k := &d.kpi
	k.Name = t.required("name", "the KPI's name")
	k.Unit = t.str("unit")
	k.Description = t.str("description")
	d.team = t.str("team")
	k.Direction = okrsite.KPIDirection(t.choice("direction", kpiDirections, 0))
	k.Cadence = t.cadence("cadence", okrsite.Monthly)
	k.Thresholds = t.thresholds(k.Direction)
	if t.has("measurements") {
		k.Measurements = t.measurements()
		if t.has("csv") {
			t.errorf("csv", "a KPI takes its measurements either inline or from a CSV file; expected one of measurements and csv")
		}
	} else if name := t.str("csv"); name != "" {
		var columns [2]string
		if arr, ok := t.array("csv_columns"); ok {
			if len(arr) != 2 {
				t.errorf("csv_columns", "csv_columns has %d names; expected two: [\"date column\", \"value column\"]", len(arr))
			}
			for i := 0; i < len(arr) && i < 2; i++ {
				if s, ok := arr[i].(string); ok {
					columns[i] = s
				} else {
					t.wrongType(t.at("csv_columns").child(i), "column name", arr[i], "a string")
				}
			}
		}
		if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
			t.errorf("csv", "csv %q is not a file name; expected the name of a CSV file in the kpis folder", name)
		} else {
			d.csv = name
			k.Measurements = readCSV(name, columns)
		}
	}
	t.done()
	return d
}

// thresholds reads healthy and warning: numbers for a KPI with a better
// direction, [low, high] ranges for one that should stay in a band.
func (t *table) thresholds(dir okrsite.KPIDirection) okrsite.Thresholds {
	var th okrsite.Thresholds
	if dir == okrsite.StayInBand {
		h, okH := t.band("healthy")
		w, okW := t.band("warning")
		if okH && okW && (w.Low > h.Low || w.High < h.High) {
			t.errorf("warning", "warning band [%v, %v] does not contain the healthy band [%v, %v]; expected a wider band around it", w.Low, w.High, h.Low, h.High)
		}
		return okrsite.Thresholds{Healthy: h, Warning: w}
	}
	h, okH := t.threshold("healthy")
	w, okW := t.threshold("warning")
	th.Healthy = okrsite.Band{Low: h, High: h}
	th.Warning = okrsite.Band{Low: w, High: w}
	switch {
	case !okH || !okW:
	case dir == okrsite.HigherIsBetter && w >= h:
		t.errorf("warning", "warning %v is not below healthy %v, but higher is better; expected a lower warning threshold", w, h)
	case dir == okrsite.LowerIsBetter && w <= h:
		t.errorf("warning", "warning %v is not above healthy %v, but lower is better; expected a higher warning threshold", w, h)
	}
	return th
}

// threshold reads a required number.
func (t *table) threshold(key string) (float64, bool) {
	if !t.has(key) {
		t.get(key)
		t.errorf("", "KPI is missing %s; expected the threshold where %s values begin", key, key)
		return 0, false
	}
	return t.number(key)
}

// band reads a required [low, high] range.
func (t *table) band(key string) (okrsite.Band, bool) {
	arr, ok := t.array(key)
	if !ok {
		if !t.has(key) {
			t.errorf("", "KPI is missing %s; expected a [low, high] range of %s values", key, key)
		}
		return okrsite.Band{}, false
	}
	if len(arr) != 2 {
		t.errorf(key, "%s has %d values; expected [low, high]", key, len(arr))
		return okrsite.Band{}, false
	}
	lo, ok1 := t.toNumber(t.at(key).child(0), key+" low", arr[0])
	hi, ok2 := t.toNumber(t.at(key).child(1), key+" high", arr[1])
	if ok1 && ok2 && lo >= hi {
		t.errorf(key, "%s [%v, %v] is empty; expected low below high", key, lo, hi)
		return okrsite.Band{}, false
	}
	return okrsite.Band{Low: lo, High: hi}, ok1 && ok2
}

// measurements reads measurements = [[date, value], ...] in date order.
func (t *table) measurements() []okrsite.Measurement {
	arr, ok := t.array("measurements")
	if !ok {
		return nil
	}
	out := make([]okrsite.Measurement, 0, len(arr))
	for i, e := range arr {
		p := t.at("measurements").child(i)
		a, ok := e.([]any)
		if !ok || len(a) != 2 {
			t.f.errorf(p, "measurement is %s; expected [date, value]", shape(e))
			continue
		}
		d, okD := t.toDate(p.child(0), "measurement date", a[0])
		v, okV := t.toNumber(p.child(1), "measurement value", a[1])
		if !okD || !okV {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Date >= d {
			t.f.errorf(p.child(0), "measurement of %s follows one of %s; expected measurements in date order, one a day", d, out[n-1].Date)
			continue
		}
		out = append(out, okrsite.Measurement{Date: d, Value: v})
	}
	return out
}
