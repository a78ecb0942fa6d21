package render

import (
	"github.com/okrsite/okrsite"
)

// The weekly review's pages: what changed in the review window, for the
// whole site (changes.html) and each team (changes/TEAM.html), with their
// Atom feeds (feed.go) and calendars of check-ins due (ical.go); a page
// for each person the content names (people/SLUG.html) and their index
// (people.html); and the search index (search.go).

// reviewSince returns the day the review window starts after: since when
// it is set, else the site's review_since, else one cadence before asOf.
func reviewSince(since okrsite.Date, s okrsite.Settings, asOf okrsite.Date) okrsite.Date {
	switch {
	case since != 0:
		return since
	case s.HasReviewSince:
		return s.ReviewSince
	}
	return okrsite.DefaultSince(asOf, s.Cadence)
}

// SubjectValue writes a value of a change's KPI, or else its key result,
// with its unit in its precision and plural, as their own pages write it.
func (l *lang) SubjectValue(s okrsite.Subject, v float64) string {
	if s.KPI != nil {
		return l.f.Value(v, s.KPI.Decimals(), s.KPI.Units())
	}
	return l.f.Value(v, s.KeyResult.Decimals(), s.KeyResult.Units())
}

// maxSiteChanges is how many changes of one kind the whole site's page
// lists; each team's page lists all of its own. A large site's week holds
// tens of thousands of check-ins.
const maxSiteChanges = 200

// changesData is a what-changed page: the whole site's, or one team's.
type changesData struct {
	Team         *okrsite.Team // nil on the whole site's page
	First, Until okrsite.Date  // the window's first and last days
	Summary      okrsite.Summary
	Counts       []changeCount // the summary, a line for each kind of change
	Statuses     []okrsite.StatusChange
	Checkins     []okrsite.CheckinChange
	Drops        []okrsite.ConfidenceDrop
	Silent       []okrsite.Silence
	KPIs         []okrsite.HealthChange
	Added        []okrsite.ObjectiveChange
	Finished     []okrsite.ObjectiveChange
	Cut          int           // when lists hold only their first Cut changes
	Teams        []teamChanges // on the whole site's page: each team's summary
	Feed         string        // the page's Atom feed, site-relative
	Calendar     string        // its calendar of check-ins due, site-relative
}

// changeCount is a line of a what-changed page's counts: how many changes
// of a kind its list (of id ID, titled by the message changes.ID) has,
// and a note on them.
type changeCount struct {
	ID   string
	N    int
	Note string
}

// teamChanges is one team's line on the whole site's page.
type teamChanges struct {
	Team    *okrsite.Team
	Summary okrsite.Summary
	URL     string
}

// changesData gathers team t's changes, or with t nil the whole site's.
func (r *renderer) changesData(t *okrsite.Team) any {
	rv := r.review()
	c := &rv.Changes
	if t != nil {
		c = &rv.Team(t).Changes
	}
	d := &changesData{Team: t, First: rv.Since.AddDays(1), Until: rv.Until, Summary: c.Summary,
		Statuses: c.Statuses, Checkins: c.Checkins, Drops: c.ConfidenceDrops, Silent: c.Silent,
		KPIs: c.KPIs, Added: c.Added, Finished: c.Finished,
		Feed: feedPath(t), Calendar: calendarPath(t)}
	l, s := r.lang, c.Summary
	var worse, notes string
	if s.Worse > 0 {
		worse = l.Tf("changes.worse", s.Worse)
	}
	if s.Notes > 0 {
		notes = l.Tf("changes.notes", s.Notes)
	}
	d.Counts = []changeCount{{"statuses", s.Statuses, worse}, {"checkins", s.Checkins, notes}, {"drops", s.ConfidenceDrops, ""},
		{"silent", s.Silent, ""}, {"kpis", s.KPIs, ""}, {"added", s.Added, ""}, {"finished", s.Finished, ""}}
	if d.Until <= rv.Since {
		d.First = d.Until // an empty window: the page says so
	}
	if t != nil {
		return d
	}
	d.Statuses = cut(d.Statuses, &d.Cut)
	d.Checkins = cut(d.Checkins, &d.Cut)
	d.Drops = cut(d.Drops, &d.Cut)
	d.Silent = cut(d.Silent, &d.Cut)
	d.KPIs = cut(d.KPIs, &d.Cut)
	d.Added = cut(d.Added, &d.Cut)
	d.Finished = cut(d.Finished, &d.Cut)
	for _, tc := range rv.Teams {
		d.Teams = append(d.Teams, teamChanges{tc.Team, tc.Summary, changesURL(tc.Team)})
	}
	return d
}

// cut returns the first maxSiteChanges of list, setting *at to
// maxSiteChanges when it leaves some out.
func cut[E any](list []E, at *int) []E {
	if len(list) > maxSiteChanges {
		*at = maxSiteChanges
		return list[:maxSiteChanges]
	}
	return list
}

// addPage adds a page to a build's jobs: what it is about, its
// template, path, title, meta description, navigation section, breadcrumb
// trail and data.
type addPage func(about any, tmpl, path, title, desc, section string, crumbs []crumb, data func(*chartSet) any)

// reviewJobs adds the review's pages through add and returns its other
// files: the feeds, the calendars and the search index. home is the trail
// to the overview. Pages that show a little of the whole site are about
// nothing, so every incremental build renders them again; a team's are
// about the team, and a person's about the person.
func (r *renderer) reviewJobs(add addPage, home []crumb) []job {
	l := r.lang
	r.people = okrsite.People(r.card)
	changes := trail(home, l.T("changes.title"), changesURL(nil))
	add(nil, "changes.html", changesURL(nil), l.T("changes.title"), l.T("changes.lead"), "changes", home, func(*chartSet) any { return r.changesData(nil) })
	files := []job{
		{path: feedPath(nil), render: func(out *output) error { return r.feed(out, r.review(), nil) }},
		{path: calendarPath(nil), render: func(out *output) error { return r.calendar(out, nil) }},
		{path: searchIndexPath, render: func(out *output) error { return r.searchIndex(out) }},
	}
	for _, t := range r.site.Teams {
		add(t, "changes.html", changesURL(t), l.Tf("changes.team", t.Name), t.Name+": "+l.T("changes.lead"), "changes", changes,
			func(*chartSet) any { return r.changesData(t) })
		files = append(files,
			job{path: feedPath(t), about: t, render: func(out *output) error { return r.feed(out, r.review(), t) }},
			job{path: calendarPath(t), about: t, render: func(out *output) error { return r.calendar(out, t) }})
	}
	add(nil, "people.html", "people.html", l.T("people.title"), l.T("people.lead"), "people", home, func(*chartSet) any { return r.people })
	people := trail(home, l.T("people.title"), "people.html")
	for _, p := range r.people {
		add(p, "person.html", personURL(p), p.Name, l.Tf("people.person.lead", p.Name), "people", people, func(*chartSet) any { return p })
	}
	return files
}

// reviewExport is the review as okr.json gives it: the window, the counts
// of the whole site and of each team, and the whole site's changes, each
// naming what it is about by its Subject.Key and page.
type reviewExport struct {
	Since    string         `json:"since"` // the day the last review looked at
	Until    string         `json:"until"`
	Summary  summaryExport  `json:"summary"`
	Teams    []teamSummary  `json:"teams"`
	Statuses []changeExport `json:"statuses"`
	Checkins []changeExport `json:"checkins"`
	Drops    []changeExport `json:"confidenceDrops"`
	Silent   []changeExport `json:"silent"`
	KPIs     []changeExport `json:"kpis"`
	Added    []changeExport `json:"added"`
	Finished []changeExport `json:"finished"`
}

// teamSummary is a team's counts in okr.json.
type teamSummary struct {
	Team    string        `json:"team"`
	Summary summaryExport `json:"summary"`
	URL     string        `json:"url"`
}

// summaryExport is an okrsite.Summary in okr.json.
type summaryExport struct {
	Statuses        int `json:"statuses"`
	Worse           int `json:"worse"`
	Checkins        int `json:"checkins"`
	Notes           int `json:"notes"`
	ConfidenceDrops int `json:"confidenceDrops"`
	Silent          int `json:"silent"`
	KPIs            int `json:"kpis"`
	Added           int `json:"added"`
	Finished        int `json:"finished"`
}

// changeExport is one change in okr.json; fields a kind has no use for
// are left out.
type changeExport struct {
	ID         string   `json:"id"` // okrsite.Change.ID: the same change has it in every build
	Date       string   `json:"date"`
	Subject    string   `json:"subject"`
	Name       string   `json:"name"`
	Owner      string   `json:"owner,omitempty"`
	URL        string   `json:"url"`
	From       string   `json:"from,omitempty"` // a status or health before
	To         string   `json:"to,omitempty"`   // and after
	Value      *float64 `json:"value,omitempty"`
	Confidence *float64 `json:"confidence,omitempty"`
	Previous   *float64 `json:"previousConfidence,omitempty"`
	Note       string   `json:"note,omitempty"`
	LastUpdate string   `json:"lastUpdate,omitempty"`
}

// exportChange starts a change's export with what every change has.
func exportChange(c okrsite.Change) changeExport {
	return changeExport{ID: c.ID(), Date: c.Date.String(), Subject: c.Key(), Name: c.Name(), Owner: c.Owner(), URL: subjectURL(c.Subject)}
}

// exportConfidence returns c for the export, or nil when none was given.
func exportConfidence(c float64) *float64 {
	if c == okrsite.NoConfidence {
		return nil
	}
	return &c
}

// exportReview gives the review for okr.json.
func (r *renderer) exportReview() reviewExport {
	rv := r.review()
	c := &rv.Changes
	out := reviewExport{Since: rv.Since.String(), Until: rv.Until.String(), Summary: summaryExport(c.Summary), Teams: []teamSummary{},
		Statuses: []changeExport{}, Checkins: []changeExport{}, Drops: []changeExport{}, Silent: []changeExport{},
		KPIs: []changeExport{}, Added: []changeExport{}, Finished: []changeExport{}}
	for _, tc := range rv.Teams {
		out.Teams = append(out.Teams, teamSummary{tc.Team.ID, summaryExport(tc.Summary), changesURL(tc.Team)})
	}
	for _, s := range c.Statuses {
		e := exportChange(s.Change)
		e.From, e.To = s.Before.Status.String(), s.After.Status.String()
		out.Statuses = append(out.Statuses, e)
	}
	for _, ci := range c.Checkins {
		e := exportChange(ci.Change)
		v := ci.Checkin.Value
		e.Value, e.Confidence, e.Note = &v, exportConfidence(ci.Checkin.Confidence), ci.Checkin.Note
		out.Checkins = append(out.Checkins, e)
	}
	for _, d := range c.ConfidenceDrops {
		e := exportChange(d.Change)
		e.Previous, e.Confidence, e.Note = exportConfidence(d.From), exportConfidence(d.Checkin.Confidence), d.Checkin.Note
		out.Drops = append(out.Drops, e)
	}
	for _, s := range c.Silent {
		e := exportChange(s.Change)
		if s.HasUpdate {
			e.LastUpdate = s.LastUpdate.String()
		}
		out.Silent = append(out.Silent, e)
	}
	for _, h := range c.KPIs {
		e := exportChange(h.Change)
		v := h.Measurement.Value
		e.From, e.To, e.Value = h.From.String(), h.To.String(), &v
		out.KPIs = append(out.KPIs, e)
	}
	for _, a := range c.Added {
		out.Added = append(out.Added, exportChange(a.Change))
	}
	for _, f := range c.Finished {
		e := exportChange(f.Change)
		e.To = f.Score.Status.String()
		out.Finished = append(out.Finished, e)
	}
	return out
}
