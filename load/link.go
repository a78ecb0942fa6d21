package load

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/tomlfile"
	"github.com/okrsite/okrsite/locale"
)

// linker turns decoded definitions into a linked Site, reporting broken
// references, repeated ids and cycles.
type linker struct {
	l          *loader
	site       *okrsite.Site
	notes      map[*file]*okrsite.Note
	teamByID   map[string]*okrsite.Team
	teamIDs    []string // the keys of teamByID, sorted, for messages
	periodByID map[string]*okrsite.Period
	kpiByID    map[string]*okrsite.KPI
	objByRef   map[string]*objectiveAt // PERIOD/ID
	asOf       okrsite.Date            // the report date: as_of, or today
	asOfText   string                  // the report date, for messages
	late       map[*file]*lateCheckins // check-ins after the report date

	// What files that could not be read or parsed would have held: no
	// reference to it is reported as unknown.
	siteFailed    bool            // site.toml
	teamsFailed   bool            // teams.toml
	failedPeriods map[string]bool // a period's file, or a team's file of it
	failedKPIs    map[string]bool // kpis/ID.toml
}

// lateCheckins are the check-ins of a file dated after the report date:
// the first, and how many.
type lateCheckins struct {
	at   tomlfile.Path
	date okrsite.Date
	n    int
}

// warnLate warns of check-ins dated after the report date, which reports
// leave out: once a file, at the first.
func (lk *linker) warnLate() {
	if lk.siteFailed {
		return // the report date is not known
	}
	for f, late := range lk.late {
		more := ""
		if late.n > 1 {
			more = fmt.Sprintf(" (and %d more after it in this file)", late.n-1)
		}
		f.Warnf(late.at, "check-in of %s is after the report date, %s, so reports leave it out%s; expected dates on or before the report date", late.date, lk.asOfText, more)
	}
}

// objectiveAt is a linked objective with where it was defined.
type objectiveAt struct {
	obj    *okrsite.Objective
	f      *file
	at     tomlfile.Path
	parent string
	carry  carryDef
	krs    []krAt
}

// krAt is a linked key result with where it was defined, and what it says
// of the period before.
type krAt struct {
	kr    *okrsite.KeyResult
	at    tomlfile.Path
	carry carryDef
}

// Unknown describes a reference to a missing id of a kind of thing, with
// the id meant if a known one is near.
func Unknown(kind, id string, known []string) string {
	return fmt.Sprintf("no %s %q%s", kind, id, suggest(id, known))
}

// suggest ends a message about a missing id: a near id, or a short list of
// the known ones.
func suggest(id string, known []string) string {
	switch near := tomlfile.Closest(id, known); {
	case near != "":
		return fmt.Sprintf("; did you mean %q?", near)
	case len(known) > 0 && len(known) <= 8:
		return "; expected one of " + strings.Join(known, ", ")
	}
	return ""
}

func (lk *linker) teams(f *file, defs []teamDef) {
	lk.teamsFailed = f.failed
	lk.teamByID = map[string]*okrsite.Team{}
	where := map[string]teamDef{}
	for _, d := range defs {
		if d.team.ID == "" {
			continue
		}
		if prev, dup := where[d.team.ID]; dup {
			f.Errorf(d.at.Child("id"), "team id %q is already used at line %d; expected each team once", d.team.ID, f.Position(prev.at.Child("id")).Line)
			continue
		}
		t := d.team
		lk.teamByID[t.ID] = &t
		where[t.ID] = d
		lk.site.Teams = append(lk.site.Teams, &t)
	}
	lk.teamIDs = slices.Sorted(maps.Keys(lk.teamByID))
	for _, t := range lk.site.Teams {
		d := where[t.ID]
		if d.parent == "" {
			continue
		}
		p := lk.teamByID[d.parent]
		if p == nil {
			f.Errorf(d.at.Child("parent"), "%s", Unknown("team", d.parent, lk.teamIDs))
			continue
		}
		t.Parent = p
	}
	for _, t := range lk.site.Teams {
		if loop := teamLoop(t); loop != nil {
			d := where[t.ID]
			f.Errorf(d.at.Child("parent"), "team parents form a loop: %s; expected a tree", strings.Join(loop, " → "))
			t.Parent = nil // break the loop so later steps end
		}
	}
	for _, t := range lk.site.Teams {
		if t.Parent != nil {
			t.Parent.Children = append(t.Parent.Children, t)
		}
	}
}

// teamLoop returns the ids around a loop of parents that leads back to t,
// or nil.
func teamLoop(t *okrsite.Team) []string {
	ids := []string{t.ID}
	for p := t.Parent; p != nil; p = p.Parent {
		ids = append(ids, p.ID)
		if p == t {
			return ids
		}
		if len(ids) > 1+maxDepth {
			return nil // a loop not through t; it is reported from its own members
		}
	}
	return nil
}

// maxDepth bounds how far a chain of parents is followed.
const maxDepth = 10000

func (lk *linker) periods(pfs []*periodFiles) {
	lk.periodByID = map[string]*okrsite.Period{}
	lk.failedPeriods = map[string]bool{}
	folded := map[string]string{}
	for _, pf := range pfs {
		if err := checkID(pf.id, periodIDPattern); err != nil {
			lk.l.fail(path.Join("periods", pf.id), "%v", err)
			continue
		}
		if other, dup := folded[strings.ToLower(pf.id)]; dup {
			lk.l.fail(path.Join("periods", pf.id), "period %q differs from %q only in case; expected one name for one period", pf.id, other)
			continue
		}
		folded[strings.ToLower(pf.id)] = pf.id
		p := &okrsite.Period{ID: pf.id, Name: pf.id, TeamNotes: map[*okrsite.Team]*okrsite.Note{}}
		kind, start, end, named := okrsite.PeriodDates(pf.id)
		p.Kind, p.Start, p.End = kind, start, end
		d, f := pf.d, pf.def
		if f != nil && f.failed {
			lk.failedPeriods[pf.id] = true
		}
		for _, tf := range pf.teams {
			if tf.toml != nil && tf.toml.failed {
				lk.failedPeriods[pf.id] = true
			}
		}
		if d.name != "" {
			p.Name = d.name
		}
		switch {
		case named && (d.hasStart || d.hasEnd):
			key := "start"
			if !d.hasStart {
				key = "end"
			}
			f.Errorf(tomlfile.Path{key}, "period %q takes its dates from its name (%s to %s); expected no start or end", pf.id, start, end)
		case !named && pf.def == nil:
			lk.l.fail(path.Join("periods", pf.id), "period %q is not named like 2026-Q3, 2026-H1 or 2026; expected periods/%s.toml with its start and end", pf.id, pf.id)
			continue
		case !named && (!d.hasStart || !d.hasEnd):
			if len(f.Problems) == 0 {
				f.ErrorAt(1, 1, "period %q needs start and end dates; expected both, such as start = 2026-09-01 and end = 2027-02-28", pf.id)
			}
			continue
		case !named:
			p.Start, p.End = d.start, d.end
			if p.End < p.Start {
				f.Errorf(tomlfile.Path{"end"}, "end %s is before start %s; expected the period's last day", p.End, p.Start)
				continue
			}
		}
		if pf.note != nil {
			p.Note = lk.notes[pf.note]
		}
		lk.periodByID[p.ID] = p
		lk.site.Periods = append(lk.site.Periods, p)
	}
	slices.SortFunc(lk.site.Periods, func(a, b *okrsite.Period) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.ID, b.ID))
	})
}

func (lk *linker) kpis(kfs []*kpiFiles, csvs map[string]*file) {
	lk.kpiByID = map[string]*okrsite.KPI{}
	lk.failedKPIs = map[string]bool{}
	decimalComma := lk.decimalComma()
	for _, kf := range kfs {
		if kf.toml == nil {
			lk.l.fail(path.Join("kpis", kf.id+".md"), "no kpis/%s.toml; expected the KPI this note is about", kf.id)
			continue
		}
		if kf.toml.failed {
			lk.failedKPIs[kf.id] = true
			continue
		}
		if err := checkID(kf.id, idPattern); err != nil {
			kf.toml.ErrorAt(0, 0, "the file name gives the KPI's id: %v", err)
			continue
		}
		if decimalComma {
			for _, at := range kf.d.ambiguous {
				ambiguousCSVNumber(csvs[kf.d.csv], at)
			}
		}
		k := kf.d.kpi
		k.ID = kf.id
		if kf.d.team != "" {
			k.Team = lk.teamByID[kf.d.team]
			if k.Team == nil && !lk.teamsFailed {
				kf.toml.Errorf(tomlfile.Path{"team"}, "%s", Unknown("team", kf.d.team, lk.teamIDs))
			}
		}
		if kf.note != nil {
			k.Note = lk.notes[kf.note]
		}
		lk.kpiByID[k.ID] = &k
		lk.site.KPIs = append(lk.site.KPIs, &k)
	}
}

// decimalComma reports whether the site writes numbers with a decimal
// comma, by its locale or, without one, its language. Such a site refuses
// a CSV number whose comma may be a decimal comma or a thousands
// separator, which a site with a decimal point reads as the latter.
func (lk *linker) decimalComma() bool {
	s := lk.site.Settings
	f, err := locale.For(s.Locale, s.Language)
	return err == nil && f.Decimal() == ","
}

func (lk *linker) objectives(pfs []*periodFiles) {
	lk.objByRef = map[string]*objectiveAt{}
	teamOrder := map[string]int{}
	for i, t := range lk.site.Teams {
		teamOrder[t.ID] = i
	}
	files := map[*okrsite.Period][]*teamFiles{}
	for _, pf := range pfs {
		// A period that failed to link has its error already; its
		// team files were still checked on their own.
		if p := lk.periodByID[pf.id]; p != nil {
			files[p] = pf.teams
		}
	}
	lk.late = map[*file]*lateCheckins{}
	var all []*objectiveAt
	for _, p := range lk.site.Periods {
		tfs := files[p]
		slices.SortStableFunc(tfs, func(a, b *teamFiles) int { return cmp.Compare(teamOrder[a.team], teamOrder[b.team]) })
		for _, tf := range tfs {
			all = append(all, lk.teamPeriod(p, tf)...)
		}
	}
	lk.parents(all)
	lk.carryOver(all)
	lk.warnLate()
}

// teamPeriod links one team's objectives for period p.
func (lk *linker) teamPeriod(p *okrsite.Period, tf *teamFiles) []*objectiveAt {
	someFile := cmp.Or(tf.toml, tf.note)
	team := lk.teamByID[tf.team]
	if team == nil && lk.teamsFailed {
		return nil
	}
	if team == nil {
		if someFile != nil {
			someFile.ErrorAt(0, 0, "teams.toml has no team %q, and a team's file is named after its id%s", tf.team, suggest(tf.team, lk.teamIDs))
		} else {
			lk.l.fail(path.Join("periods", p.ID, tf.team), "teams.toml has no team %q, and a team's folder is named after its id%s", tf.team, suggest(tf.team, lk.teamIDs))
		}
		return nil
	}
	if tf.note != nil {
		p.TeamNotes[team] = lk.notes[tf.note]
	}
	var out []*objectiveAt
	mine := map[string]*okrsite.Objective{}
	for _, d := range tf.defs {
		if d.obj.ID == "" {
			continue
		}
		o := d.obj
		o.Team, o.Period = team, p
		at := &objectiveAt{obj: &o, f: tf.toml, at: d.at, parent: d.parent, carry: d.carry}
		if prev := lk.objByRef[o.Ref()]; prev != nil {
			tf.toml.Errorf(d.at.Child("id"), "objective id %q is already used in %s at %s; expected ids unique within the period", o.ID, p.ID, prev.where())
			continue
		}
		lk.objByRef[o.Ref()] = at
		mine[o.ID] = &o
		seen := map[string]bool{}
		for _, kd := range d.krs {
			if kd.kr.ID == "" {
				continue
			}
			if seen[kd.kr.ID] {
				tf.toml.Errorf(kd.at.Child("id"), "key result id %q is already used in objective %q; expected ids unique within the objective", kd.kr.ID, o.ID)
				continue
			}
			seen[kd.kr.ID] = true
			if kr := lk.keyResult(tf.toml, &o, kd); kr != nil {
				o.KeyResults = append(o.KeyResults, kr)
				at.krs = append(at.krs, krAt{kr: kr, at: kd.at, carry: kd.carry})
			}
		}
		p.Objectives = append(p.Objectives, &o)
		lk.site.Objectives = append(lk.site.Objectives, &o)
		out = append(out, at)
	}
	for _, nf := range tf.objNotes {
		id, _ := splitExt(path.Base(nf.rel))
		if o := mine[id]; o != nil {
			o.Note = lk.notes[nf]
		} else if tf.toml == nil || !tf.toml.failed {
			nf.ErrorAt(0, 0, "no objective %q in %s's objectives for %s; expected the note to be named after one", id, tf.team, p.ID)
		}
	}
	return out
}

// where returns the file and line an objective is defined at.
func (o *objectiveAt) where() string {
	return fmt.Sprintf("%s:%d", o.f.path, o.f.Position(o.at).Line)
}

// keyResult links one key result: its KPI, its default cadence, and its
// check-ins' dates against the period.
func (lk *linker) keyResult(f *file, o *okrsite.Objective, d krDef) *okrsite.KeyResult {
	kr := d.kr
	kr.Objective = o
	p := o.Period
	if d.kpi != "" {
		k := lk.kpiByID[d.kpi]
		if k == nil && lk.failedKPIs[d.kpi] {
			return nil
		}
		if k == nil {
			f.Errorf(d.at.Child("kpi"), "%s", Unknown("KPI", d.kpi, slices.Sorted(maps.Keys(lk.kpiByID))))
			return nil
		}
		if !lk.liftKPI(f, &kr, &d, k) {
			return nil
		}
	}
	if kr.Cadence == 0 {
		kr.Cadence = lk.site.Settings.Cadence
	}
	kr.HasStart = d.hasStart
	for i, c := range kr.Checkins {
		if d.kpi != "" || p.Contains(c.Date) && c.Date <= lk.asOf {
			continue // most check-ins: no problem, so no path to name one
		}
		at := func() tomlfile.Path { return d.at.Child("checkins").Child(i).Child(0) }
		switch {
		case !p.Contains(c.Date):
			f.Errorf(at(), "check-in of %s is outside %s (%s to %s); expected a date within the period", c.Date, p.ID, p.Start, p.End)
		case c.Date > lk.asOf:
			if lk.late[f] == nil { // the first names the file's later ones: a site may hold thousands
				lk.late[f] = &lateCheckins{at: at(), date: c.Date}
			}
			lk.late[f].n++
		}
	}
	for i, m := range kr.Milestones {
		if m.HasDate && !p.Contains(m.DoneOn) {
			at := d.at.Child("milestones").Child(i).Child(1)
			if d.shorthand {
				at = d.at.Child("done")
			}
			f.Errorf(at, "milestone done on %s is outside %s (%s to %s); expected a date within the period", m.DoneOn, p.ID, p.Start, p.End)
		}
	}
	return &kr
}

// liftKPI makes a key result take its values from a KPI: the KPI's
// measurements within the period are its check-ins, and the last value
// before the period is its start unless the result states one.
func (lk *linker) liftKPI(f *file, kr *okrsite.KeyResult, d *krDef, k *okrsite.KPI) bool {
	p := kr.Objective.Period
	kr.KPI = k
	ms := k.Measurements
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].Date >= p.Start })
	hi := sort.Search(len(ms), func(i int) bool { return ms[i].Date > p.End })
	kr.Checkins = make([]okrsite.Checkin, 0, hi-lo)
	for _, m := range ms[lo:hi] {
		kr.Checkins = append(kr.Checkins, okrsite.Checkin{Date: m.Date, Value: m.Value, Confidence: okrsite.NoConfidence})
	}
	if kr.Unit == "" {
		kr.Unit, kr.UnitOne = k.Unit, k.UnitOne
	}
	if kr.Cadence == 0 {
		kr.Cadence = k.Cadence
	}
	if !d.hasStart {
		if lo == 0 {
			f.Errorf(d.at.Child("kpi"), "KPI %q has no value before %s to start from; expected start", k.ID, p.Start)
			return false
		}
		kr.Start = ms[lo-1].Value
		d.hasStart = true
		if !d.direction && kr.Start == kr.Target {
			f.Errorf(d.at.Child("target"), "target equals the KPI's value at the period's start (%v); expected a different target, or direction \"above\" or \"below\" to hold a value", kr.Target)
			return false
		}
		if !d.direction {
			kr.Direction = impliedDirection(kr.Start, kr.Target)
		}
	}
	return true
}

// parents links each objective to the objective it aligns to: PARENT (in
// the same period) or PERIOD/PARENT (in a period that covers this one).
func (lk *linker) parents(all []*objectiveAt) {
	for _, oa := range all {
		if oa.parent == "" {
			continue
		}
		o := oa.obj
		ref := oa.parent
		if !strings.Contains(ref, "/") {
			ref = o.Period.ID + "/" + ref
		}
		parent := lk.objByRef[ref]
		at := oa.at.Child("parent")
		switch {
		case parent == nil && (lk.teamsFailed || lk.failedPeriods[strings.SplitN(ref, "/", 2)[0]]):
		case parent == nil:
			oa.f.Errorf(at, "%s", Unknown("objective", oa.parent, lk.objectiveIDs(o.Period, oa.parent)))
		case parent.obj == o:
			oa.f.Errorf(at, "objective %q is its own parent; expected another objective", o.ID)
		case parent.obj.Period.Start > o.Period.Start || parent.obj.Period.End < o.Period.End:
			oa.f.Errorf(at, "parent %q is for %s, which does not cover %s; expected an objective of the same or a longer period", ref, parent.obj.Period.ID, o.Period.ID)
		default:
			o.Parent = parent.obj
		}
	}
	for _, oa := range all {
		if loop := objectiveLoop(oa.obj); loop != nil {
			oa.f.Errorf(oa.at.Child("parent"), "objective parents form a loop: %s; expected a tree", strings.Join(loop, " → "))
			oa.obj.Parent = nil
		}
	}
	for _, oa := range all {
		if p := oa.obj.Parent; p != nil {
			p.Children = append(p.Children, oa.obj)
		}
	}
}

// objectiveIDs lists the objectives a parent reference like ref could
// have meant: ids of period p, or PERIOD/ID references when ref has a slash.
func (lk *linker) objectiveIDs(p *okrsite.Period, ref string) []string {
	var ids []string
	for r, oa := range lk.objByRef {
		switch {
		case strings.Contains(ref, "/"):
			ids = append(ids, r)
		case oa.obj.Period == p:
			ids = append(ids, oa.obj.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// objectiveLoop returns the references around a loop of parents that leads
// back to o, or nil.
func objectiveLoop(o *okrsite.Objective) []string {
	refs := []string{o.Ref()}
	for p := o.Parent; p != nil; p = p.Parent {
		refs = append(refs, p.Ref())
		if p == o {
			return refs
		}
		if len(refs) > 1+maxDepth {
			return nil
		}
	}
	return nil
}

// carryOver links objectives and key results to those of earlier periods
// that they continue, and reads their closing notes. An objective
// continues the objective its continues names (PERIOD/OBJECTIVE), or else
// the one with its id in the previous period of its kind; a key result
// continues the one its continues names (PERIOD/OBJECTIVE/KR), or else the
// one with its id in the objective its objective continues.
func (lk *linker) carryOver(all []*objectiveAt) {
	previous := previousOfKind(lk.site.Periods)
	for _, oa := range all {
		o := oa.obj
		o.Retro = oa.retro(oa.at, oa.carry.retro)
		switch ref := oa.carry.continues; {
		case ref != "":
			if from := lk.continued(oa, oa.at, ref, 2); from != nil {
				o.Continues = from.obj
			}
		case previous[o.Period] != nil:
			if from := lk.objByRef[previous[o.Period].ID+"/"+o.ID]; from != nil {
				o.Continues = from.obj
			}
		}
		if o.Continues != nil {
			o.Continues.ContinuedIn = append(o.Continues.ContinuedIn, o)
		}
		for _, ka := range oa.krs {
			kr := ka.kr
			kr.Retro = oa.retro(ka.at, ka.carry.retro)
			switch ref := ka.carry.continues; {
			case ref != "":
				if from := lk.continued(oa, ka.at, ref, 3); from != nil {
					kr.Continues = keyResultByID(from.obj, ref[strings.LastIndex(ref, "/")+1:])
					if kr.Continues == nil {
						oa.f.Errorf(ka.at.Child("continues"), "%s", Unknown("key result", ref, keyResultRefs(from.obj)))
					}
				}
			case o.Continues != nil:
				kr.Continues = keyResultByID(o.Continues, kr.ID)
			}
			if kr.Continues != nil {
				kr.Continues.ContinuedIn = append(kr.Continues.ContinuedIn, kr)
			}
		}
	}
}

// continued finds the objective that a continues reference at table at
// names: PERIOD/OBJECTIVE when parts is 2, PERIOD/OBJECTIVE/KR when 3. It
// reports a reference of the wrong form, to nothing, or to a period that
// does not end before oa's begins, and returns nil then.
func (lk *linker) continued(oa *objectiveAt, at tomlfile.Path, ref string, parts int) *objectiveAt {
	at = at.Child("continues")
	fields := strings.Split(ref, "/")
	if len(fields) != parts {
		example := `"2026-Q3/grow-revenue"`
		if parts == 3 {
			example = `"2026-Q3/grow-revenue/new-customers"`
		}
		oa.f.Errorf(at, "continues %q is not a reference of this form; expected %s", ref, example)
		return nil
	}
	objRef := fields[0] + "/" + fields[1]
	from := lk.objByRef[objRef]
	switch {
	case from == nil && (lk.teamsFailed || lk.failedPeriods[fields[0]]):
		return nil
	case from == nil:
		oa.f.Errorf(at, "%s", Unknown("objective", objRef, lk.objectiveIDs(oa.obj.Period, objRef)))
		return nil
	case from.obj.Period.End >= oa.obj.Period.Start:
		oa.f.Errorf(at, "continues %q of %s, which does not end before %s begins; expected an objective of an earlier period", ref, from.obj.Period.ID, oa.obj.Period.ID)
		return nil
	}
	return from
}

// retro returns the closing note written at table at, or nil.
func (oa *objectiveAt) retro(at tomlfile.Path, markdown string) *okrsite.Note {
	if markdown == "" {
		return nil
	}
	return &okrsite.Note{Markdown: markdown, Path: oa.f.path, Line: oa.f.Position(at.Child("retro")).Line}
}

// keyResultByID returns o's key result with id, or nil.
func keyResultByID(o *okrsite.Objective, id string) *okrsite.KeyResult {
	for _, kr := range o.KeyResults {
		if kr.ID == id {
			return kr
		}
	}
	return nil
}

// keyResultRefs lists the references of o's key results.
func keyResultRefs(o *okrsite.Objective) []string {
	var refs []string
	for _, kr := range o.KeyResults {
		refs = append(refs, kr.Ref())
	}
	return refs
}

// previousOfKind maps each period to the latest period of the same kind
// that ends before it begins, as okrsite.Evaluate finds a period's
// previous one. Periods are sorted by start.
func previousOfKind(periods []*okrsite.Period) map[*okrsite.Period]*okrsite.Period {
	out := map[*okrsite.Period]*okrsite.Period{}
	last := map[okrsite.PeriodKind]*okrsite.Period{}
	for _, p := range periods {
		if prev := last[p.Kind]; prev != nil && prev.End < p.Start {
			out[p] = prev
		}
		last[p.Kind] = p
	}
	return out
}
