package render

import (
	"github.com/okrsite/okrsite"
)

// The weekly review's pages: what changed in the review window, for the
// whole site (changes.html) and each team (changes/TEAM.html), with their
// Atom feeds (feed.go) and calendars of check-ins due (ical.go); a page
// for each person the content names (people/SLUG.html) and their index
// (people.html); and the search index (search.go).

// PersonKey names a person's page, by the name exactly as the content
// writes it.
func PersonKey(name string) string { return "person " + name }

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

// addPage adds a page to a build's jobs: what it shows (its key), its
// template, path, title, navigation section, breadcrumb trail and data.
type addPage func(key, tmpl, path, title, section string, crumbs []crumb, data func(*chartSet) any)

// reviewJobs adds the review's pages through add and returns its other
// files: the feeds, the calendars and the search index. home is the trail
// to the overview. Pages that show a little of the whole site have no
// key, so every incremental build renders them again; a team's have its
// TeamKey, and a person's their PersonKey.
func (r *renderer) reviewJobs(add addPage, home []crumb) []job {
	l := r.lang
	r.people = okrsite.People(r.card)
	changes := trail(home, l.T("changes.title"), changesURL(nil))
	add("", "changes.html", changesURL(nil), l.T("changes.title"), "changes", home, func(*chartSet) any { return r.changesData(nil) })
	files := []job{
		{path: feedPath(nil), render: func(out *output) error { return r.feed(out, r.review(), nil) }},
		{path: calendarPath(nil), render: func(out *output) error { return r.calendar(out, nil) }},
		{path: searchIndexPath, render: func(out *output) error { return r.searchIndex(out) }},
	}
	for _, t := range r.site.Teams {
		add(TeamKey(t.ID), "changes.html", changesURL(t), l.Tf("changes.team", t.Name), "changes", changes,
			func(*chartSet) any { return r.changesData(t) })
		files = append(files,
			job{path: feedPath(t), key: TeamKey(t.ID), render: func(out *output) error { return r.feed(out, r.review(), t) }},
			job{path: calendarPath(t), key: TeamKey(t.ID), render: func(out *output) error { return r.calendar(out, t) }})
	}
	add("", "people.html", "people.html", l.T("people.title"), "people", home, func(*chartSet) any { return r.people })
	people := trail(home, l.T("people.title"), "people.html")
	for _, p := range r.people {
		add(PersonKey(p.Name), "person.html", personURL(p), p.Name, "people", people, func(*chartSet) any { return p })
	}
	return files
}
