package load

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/tomlfile"
	"github.com/okrsite/okrsite/locale"
)

// This file decodes each kind of TOML file into definitions: domain values
// with their references still as strings. Decoding depends on nothing but
// the file itself; link.go links the definitions together.

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	periodIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)
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

// CheckID reports what is wrong with the id of a team, objective, key
// result or KPI, if anything: ids become parts of paths and URLs.
func CheckID(id string) error { return checkID(id, idPattern) }

// CheckPeriodID reports what is wrong with a period's id, if anything.
func CheckPeriodID(id string) error { return checkID(id, periodIDPattern) }

// readID reads a required id at key and checks its form.
func readID(t *tomlfile.Table, key string, pattern *regexp.Regexp) string {
	id := t.Required(key, "an id such as \"grow-revenue\"")
	if id == "" {
		return ""
	}
	if err := checkID(id, pattern); err != nil {
		t.Errorf(key, "%v", err)
		return ""
	}
	return id
}

// decodeSettings reads site.toml.
func decodeSettings(t *tomlfile.Table) okrsite.Settings {
	var s okrsite.Settings
	s.Title = t.Required("title", "the site's title")
	s.Organisation = t.Str("organisation")
	s.Locale = decodeLocale(t)
	switch lang := t.Choice("language", locale.Languages, -1); {
	case lang >= 0:
		s.Language = locale.Languages[lang]
	case s.Locale != "":
		s.Language = locale.Language(s.Locale)
	default:
		s.Language = locale.Languages[0]
	}
	s.BaseURL = t.Str("base_url")
	if err := checkBaseURL(s.BaseURL); err != nil {
		t.Errorf("base_url", "%v", err)
		s.BaseURL = ""
	}
	s.AsOf, s.HasAsOf = t.Date("as_of")
	s.ReviewSince, s.HasReviewSince = t.Date("review_since")
	if s.HasReviewSince && s.HasAsOf && s.ReviewSince >= s.AsOf {
		t.Errorf("review_since", "review_since is %s, not before as_of %s; expected the day the last review looked at, such as %s", s.ReviewSince, s.AsOf, okrsite.DefaultSince(s.AsOf, okrsite.Weekly))
		s.HasReviewSince = false
	}
	s.Cadence = cadence(t, "cadence", okrsite.Weekly)
	s.AllowHTML = t.Bool("allow_html")
	s.RollUp = decodeRollUp(t)
	t.Done()
	return s
}

// decodeLocale reads the locale, spelt as locale.Locales spells it, or ""
// when there is none.
func decodeLocale(t *tomlfile.Table) string {
	s := t.Str("locale")
	if s == "" {
		return ""
	}
	name, err := locale.Parse(s)
	if err != nil {
		t.Errorf("locale", "%v", err)
	}
	return name
}

// decodeUnit reads unit: a string ("h", "MSEK"), or the unit's singular
// and plural (["logo", "logos"]). A unit of one form is returned as other.
func decodeUnit(t *tomlfile.Table) (other, one string) {
	v, ok := t.Get("unit")
	if !ok {
		return "", ""
	}
	p := t.At("unit")
	if s, ok := v.(string); ok {
		return t.CheckLength(p, "unit", s), ""
	}
	forms, ok := v.([]any)
	if !ok || len(forms) != 2 {
		t.File.Errorf(p, "unit is %s; expected a string such as \"h\", or the singular and the plural, such as [\"logo\", \"logos\"]", tomlfile.Shape(v))
		return "", ""
	}
	var s [2]string
	for i, name := range [2]string{"unit singular", "unit plural"} {
		s[i], ok = forms[i].(string)
		switch {
		case !ok:
			t.WrongType(p.Child(i), name, forms[i], "a string")
		case s[i] == "":
			t.File.Errorf(p.Child(i), "%s is empty; expected a word such as \"logo\"", name)
		}
		s[i] = t.CheckLength(p.Child(i), name, s[i])
	}
	return s[1], s[0]
}

// decodeRollUp reads the roll-up rule's limits, rollup_at_risk and
// rollup_off_track: shares from 0 to 1, each okrsite.DefaultRollUp's when
// absent.
func decodeRollUp(t *tomlfile.Table) okrsite.RollUpRule {
	r := okrsite.DefaultRollUp
	for _, limit := range []struct {
		key   string
		share *float64
	}{{"rollup_at_risk", &r.AtRisk}, {"rollup_off_track", &r.OffTrack}} {
		v, ok := t.Number(limit.key)
		switch {
		case !ok:
		case v < 0 || v > 1:
			t.Errorf(limit.key, "%s is %v; expected a share from 0 to 1, such as %v", limit.key, v, *limit.share)
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
	at     tomlfile.Path
}

// decodeTeams reads teams.toml.
func decodeTeams(t *tomlfile.Table) []teamDef {
	var defs []teamDef
	for _, tt := range t.Tables("team", "a team") {
		d := teamDef{at: tt.Path}
		d.team.ID = readID(tt, "id", idPattern)
		d.team.Name = tt.Required("name", "the team's name")
		d.team.Lead = tt.Str("lead")
		d.parent = tt.Str("parent")
		tt.Done()
		defs = append(defs, d)
	}
	t.Done()
	if len(defs) == 0 {
		t.Errorf("", "no teams; expected at least one [[team]] with an id and a name")
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
func decodePeriod(t *tomlfile.Table) periodDef {
	var d periodDef
	d.name = t.Str("name")
	d.start, d.hasStart = t.Date("start")
	d.end, d.hasEnd = t.Date("end")
	t.Done()
	return d
}

// objectiveDef is an objective before its team, period, parent and key
// results' KPIs are resolved.
type objectiveDef struct {
	obj    okrsite.Objective
	parent string
	carry  carryDef
	krs    []krDef
	at     tomlfile.Path
}

// carryDef is what an objective or key result says of the period before
// and after it: the reference it continues, and its closing note.
type carryDef struct {
	continues string // PERIOD/OBJECTIVE or PERIOD/OBJECTIVE/KR, or ""
	retro     string // Markdown, or ""
}

// decodeCarry reads continues and retro.
func decodeCarry(t *tomlfile.Table) carryDef {
	return carryDef{continues: t.Str("continues"), retro: t.Str("retro")}
}

// krDef is a key result before its KPI is resolved.
type krDef struct {
	kr        okrsite.KeyResult
	kpi       string
	carry     carryDef
	hasStart  bool
	direction bool // the direction was given, not implied
	shorthand bool // the result is one milestone, given as done = ...
	at        tomlfile.Path
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
func decodeTeamPeriod(t *tomlfile.Table) []objectiveDef {
	var defs []objectiveDef
	for _, ot := range t.Tables("objective", "an objective") {
		d := objectiveDef{at: ot.Path}
		o := &d.obj
		o.ID = readID(ot, "id", idPattern)
		o.Title = ot.Required("title", "the objective's title")
		o.Description = ot.Str("description")
		o.Owner = ot.Str("owner")
		o.Commitment = okrsite.Commitment(ot.Choice("kind", commitments, 0))
		o.Weight = weight(ot, "weight")
		d.parent = ot.Str("parent")
		d.carry = decodeCarry(ot)
		for _, kt := range ot.Tables("kr", "a key result") {
			d.krs = append(d.krs, decodeKR(kt))
		}
		switch n := len(d.krs); {
		case n == 0:
			ot.Errorf("", "objective %q has no key results; expected 2 to 5 [[objective.kr]] tables", o.ID)
		case o.ID == "": // its id is wrong, which is error enough
		case n == 1:
			ot.File.Warnf(ot.Path, "objective %q has 1 key result; expected 2 to 5, which keep it focused", o.ID)
		case n > 5:
			ot.File.Warnf(ot.Path, "objective %q has %d key results; expected 2 to 5, which keep it focused", o.ID, n)
		}
		ot.Done()
		defs = append(defs, d)
	}
	t.Done()
	if len(defs) == 0 {
		t.Errorf("", "no objectives; expected at least one [[objective]]")
	}
	return defs
}

// decodeKR reads one [[objective.kr]] table.
func decodeKR(t *tomlfile.Table) krDef {
	d := krDef{at: t.Path}
	kr := &d.kr
	kr.ID = readID(t, "id", idPattern)
	kr.Title = t.Required("title", "the key result's title")
	kr.Owner = t.Str("owner")
	kr.Unit, kr.UnitOne = decodeUnit(t)
	kr.Weight = weight(t, "weight")
	kr.Cadence = cadence(t, "cadence", 0)
	d.kpi = t.Str("kpi")
	d.carry = decodeCarry(t)

	d.shorthand = t.Has("done")
	milestones := milestones(t)
	if len(milestones) > 0 {
		kr.Milestones = milestones
		for _, k := range []string{"start", "target", "direction", "checkins", "kpi"} {
			if _, ok := t.Get(k); ok {
				t.Errorf(k, "a milestone result has no %s; expected either milestones (or done) or a start and target", k)
			}
		}
		t.Done()
		return d
	}

	var hasTarget bool
	kr.Start, d.hasStart = t.Number("start")
	kr.Target, hasTarget = t.Number("target")
	dir := t.Choice("direction", krDirections, -1)
	d.direction = dir >= 0
	if d.direction {
		kr.Direction = okrsite.Direction(dir)
	}
	if !hasTarget && !t.Has("target") {
		t.Errorf("", "key result %q has no target; expected target, or milestones for a done-or-not result", kr.ID)
	}
	if d.kpi != "" {
		if _, ok := t.Get("checkins"); ok {
			t.Errorf("checkins", "key result %q takes its values from KPI %q; expected no checkins of its own", kr.ID, d.kpi)
		}
	} else {
		kr.Checkins = t.Checkins()
		if !d.hasStart && !t.Has("start") && kr.Direction != okrsite.StayAbove && kr.Direction != okrsite.StayBelow {
			t.Errorf("", "key result %q has no start; expected the value at the period's start", kr.ID)
		}
	}
	t.Done()
	if d.hasStart && hasTarget {
		checkDirection(t, &d)
	}
	return d
}

// checkDirection infers an unstated direction from start and target, and
// checks a stated one against them.
func checkDirection(t *tomlfile.Table, d *krDef) {
	kr := &d.kr
	if !d.direction {
		kr.Direction = impliedDirection(kr.Start, kr.Target)
	}
	switch {
	case !d.direction && kr.Target == kr.Start:
		t.Errorf("target", "target equals start (%v); expected a different target, or direction \"above\" or \"below\" to hold a value", kr.Target)
	case kr.Direction == okrsite.Increase && kr.Target <= kr.Start && d.direction:
		t.Errorf("target", "target %v is not above start %v, but direction is \"increase\"; expected a higher target", kr.Target, kr.Start)
	case kr.Direction == okrsite.Decrease && kr.Target >= kr.Start:
		t.Errorf("target", "target %v is not below start %v, but direction is \"decrease\"; expected a lower target", kr.Target, kr.Start)
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

// milestones reads milestones = [["title", date-or-bool], ...] or the
// shorthand done = date-or-bool for a result that is one milestone.
func milestones(t *tomlfile.Table) []okrsite.Milestone {
	var out []okrsite.Milestone
	if v, ok := t.Get("done"); ok {
		var m okrsite.Milestone
		title, _ := t.Lookup("title")
		if s, ok := title.(string); ok {
			m.Title = tomlfile.Own(s)
		}
		milestoneState(t, t.At("done"), v, &m)
		out = append(out, m)
		if t.Has("milestones") {
			t.Errorf("milestones", "a key result has either done or milestones; expected one of them")
		}
		return out
	}
	arr, ok := t.Array("milestones")
	if !ok {
		return nil
	}
	at := t.At("milestones")
	for i, e := range arr {
		p := at.Child(i)
		a, ok := e.([]any)
		if !ok || len(a) < 1 || len(a) > 2 {
			t.File.Errorf(p, "milestone is %s; expected [\"title\"], [\"title\", date done] or [\"title\", true]", tomlfile.Shape(e))
			continue
		}
		var m okrsite.Milestone
		if m.Title, ok = a[0].(string); !ok {
			t.WrongType(p.Child(0), "milestone title", a[0], "a string")
		}
		m.Title = t.CheckLength(p.Child(0), "milestone title", m.Title)
		if len(a) == 2 {
			milestoneState(t, p.Child(1), a[1], &m)
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		t.Errorf("milestones", "milestones is empty; expected at least one [\"title\"]")
	}
	return out
}

// milestoneState reads whether a milestone is done: a date it was done on,
// or true or false.
func milestoneState(t *tomlfile.Table, p tomlfile.Path, v any, m *okrsite.Milestone) {
	if b, ok := v.(bool); ok {
		m.Done = b
		return
	}
	d, ok := t.ToDate(p, "done", v)
	m.Done, m.DoneOn, m.HasDate = ok, d, ok
}

// kpiDef is a KPI before its team is resolved.
type kpiDef struct {
	kpi       okrsite.KPI
	team      string
	csv       string     // the CSV file its measurements came from, if any
	ambiguous []csvField // numbers in it that may have a decimal comma
}

// decodeKPI reads kpis/ID.toml. readCSV reads measurements from a CSV file
// beside it, as decodeCSV does.
func decodeKPI(t *tomlfile.Table, readCSV func(name string, columns [2]string) ([]okrsite.Measurement, []csvField)) kpiDef {
	var d kpiDef
	k := &d.kpi
	k.Name = t.Required("name", "the KPI's name")
	k.Unit, k.UnitOne = decodeUnit(t)
	k.Description = t.Str("description")
	d.team = t.Str("team")
	k.Direction = okrsite.KPIDirection(t.Choice("direction", kpiDirections, 0))
	k.Cadence = cadence(t, "cadence", okrsite.Monthly)
	k.Thresholds = thresholds(t, k.Direction)
	if t.Has("measurements") {
		k.Measurements = measurements(t)
		for _, key := range []string{"csv", "csv_columns"} {
			if _, ok := t.Get(key); ok {
				t.Errorf(key, "a KPI takes its measurements either inline or from a CSV file; expected one of measurements and csv")
			}
		}
	} else if name := t.Str("csv"); name != "" {
		var columns [2]string
		if arr, ok := t.Array("csv_columns"); ok {
			if len(arr) != 2 {
				t.Errorf("csv_columns", "csv_columns has %d names; expected two: [\"date column\", \"value column\"]", len(arr))
			}
			for i := 0; i < len(arr) && i < 2; i++ {
				if s, ok := arr[i].(string); ok {
					columns[i] = s
				} else {
					t.WrongType(t.At("csv_columns").Child(i), "column name", arr[i], "a string")
				}
			}
		}
		if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
			t.Errorf("csv", "csv %q is not a file name; expected the name of a CSV file in the kpis folder", name)
		} else {
			d.csv = name
			k.Measurements, d.ambiguous = readCSV(name, columns)
		}
	} else if _, ok := t.Get("csv_columns"); ok {
		t.Errorf("csv_columns", "csv_columns names the columns of a CSV file, but there is no csv; expected csv = \"FILE.csv\" too")
	}
	t.Done()
	return d
}

// thresholds reads healthy and warning: numbers for a KPI with a better
// direction, [low, high] ranges for one that should stay in a band.
func thresholds(t *tomlfile.Table, dir okrsite.KPIDirection) okrsite.Thresholds {
	var th okrsite.Thresholds
	if dir == okrsite.StayInBand {
		h, okH := band(t, "healthy")
		w, okW := band(t, "warning")
		if okH && okW && (w.Low > h.Low || w.High < h.High) {
			t.Errorf("warning", "warning band [%v, %v] does not contain the healthy band [%v, %v]; expected a wider band around it", w.Low, w.High, h.Low, h.High)
		}
		return okrsite.Thresholds{Healthy: h, Warning: w}
	}
	h, okH := threshold(t, "healthy")
	w, okW := threshold(t, "warning")
	th.Healthy = okrsite.Band{Low: h, High: h}
	th.Warning = okrsite.Band{Low: w, High: w}
	switch {
	case !okH || !okW:
	case dir == okrsite.HigherIsBetter && w >= h:
		t.Errorf("warning", "warning %v is not below healthy %v, but higher is better; expected a lower warning threshold", w, h)
	case dir == okrsite.LowerIsBetter && w <= h:
		t.Errorf("warning", "warning %v is not above healthy %v, but lower is better; expected a higher warning threshold", w, h)
	}
	return th
}

// threshold reads a required number.
func threshold(t *tomlfile.Table, key string) (float64, bool) {
	if !t.Has(key) {
		t.Get(key)
		t.Errorf("", "KPI is missing %s; expected the threshold where %s values begin", key, key)
		return 0, false
	}
	return t.Number(key)
}

// band reads a required [low, high] range.
func band(t *tomlfile.Table, key string) (okrsite.Band, bool) {
	arr, ok := t.Array(key)
	if !ok {
		if !t.Has(key) {
			t.Errorf("", "KPI is missing %s; expected a [low, high] range of %s values", key, key)
		}
		return okrsite.Band{}, false
	}
	if len(arr) != 2 {
		if !t.File.DecimalComma(t.At(key)) {
			t.Errorf(key, "%s has %d values; expected [low, high]", key, len(arr))
		}
		return okrsite.Band{}, false
	}
	lo, ok1 := t.ToNumber(t.At(key).Child(0), key+" low", arr[0])
	hi, ok2 := t.ToNumber(t.At(key).Child(1), key+" high", arr[1])
	if ok1 && ok2 && lo >= hi {
		t.Errorf(key, "%s [%v, %v] is empty; expected low below high", key, lo, hi)
		return okrsite.Band{}, false
	}
	return okrsite.Band{Low: lo, High: hi}, ok1 && ok2
}

// measurements reads measurements = [[date, value], ...] in date order.
func measurements(t *tomlfile.Table) []okrsite.Measurement {
	arr, ok := t.Array("measurements")
	if !ok {
		return nil
	}
	out := make([]okrsite.Measurement, 0, len(arr))
	at := t.At("measurements")
	for i, e := range arr {
		p := at.Child(i)
		a, ok := e.([]any)
		if !ok || len(a) != 2 {
			if !t.File.DecimalComma(p) {
				t.File.Errorf(p, "measurement is %s; expected [date, value]", tomlfile.Shape(e))
			}
			continue
		}
		d, okD := t.ToDate(p.Child(0), "measurement date", a[0])
		v, okV := t.ToNumber(p.Child(1), "measurement value", a[1])
		if !okD || !okV {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Date >= d {
			t.File.Errorf(p.Child(0), "measurement of %s follows one of %s; expected measurements in date order, one a day", d, out[n-1].Date)
			continue
		}
		out = append(out, okrsite.Measurement{Date: d, Value: v})
	}
	return out
}
