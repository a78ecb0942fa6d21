package render

import (
	"encoding/json"
	"errors"
	"html/template"

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

// reviewExport is the head of the review as okr.json gives it: the window
// and the counts of the whole site and of each team. The whole site's
// changes follow it, a list of each kind, each change naming what it is
// about by its Subject.Key and page (see exportReview).
type reviewExport struct {
	Since   string        `json:"since"` // the day the last review looked at
	Until   string        `json:"until"`
	Summary summaryExport `json:"summary"`
	Teams   []teamSummary `json:"teams"`
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

// exportReview writes the review for okr.json into w: its head, then the
// whole site's changes, a list of each kind. A large site's week holds
// tens of thousands of changes, and a list holds an objective's changes
// (its own and its key results') one after another (in site order): they
// are kept in the Cache as a piece of the objective, so an incremental
// build writes again only those of the objectives that changed.
func (r *renderer) exportReview(w *output) error {
	rv := r.review()
	c := &rv.Changes
	head := reviewExport{Since: rv.Since.String(), Until: rv.Until.String(), Summary: summaryExport(c.Summary), Teams: []teamSummary{}}
	for _, tc := range rv.Teams {
		head.Teams = append(head.Teams, teamSummary{tc.Team.ID, summaryExport(tc.Summary), changesURL(tc.Team)})
	}
	b, err := json.Marshal(head)
	if err != nil {
		return err
	}
	w.Write(b[:len(b)-1]) // the lists follow, before the closing brace
	// Every list is written even after one fails: only a change that
	// cannot be written as JSON fails, and that fails the whole build.
	err = errors.Join(
		exportChanges(r, w, "statuses", c.Statuses,
			func(s okrsite.StatusChange, e *changeExport) {
				e.From, e.To = s.Before.Status.String(), s.After.Status.String()
			}),
		exportChanges(r, w, "checkins", c.Checkins,
			func(ci okrsite.CheckinChange, e *changeExport) {
				v := ci.Checkin.Value
				e.Value, e.Confidence, e.Note = &v, exportConfidence(ci.Checkin.Confidence), ci.Checkin.Note
			}),
		exportChanges(r, w, "confidenceDrops", c.ConfidenceDrops,
			func(d okrsite.ConfidenceDrop, e *changeExport) {
				e.Previous, e.Confidence, e.Note = exportConfidence(d.From), exportConfidence(d.Checkin.Confidence), d.Checkin.Note
			}),
		exportChanges(r, w, "silent", c.Silent,
			func(s okrsite.Silence, e *changeExport) {
				if s.HasUpdate {
					e.LastUpdate = s.LastUpdate.String()
				}
			}),
		exportChanges(r, w, "kpis", c.KPIs,
			func(h okrsite.HealthChange, e *changeExport) {
				v := h.Measurement.Value
				e.From, e.To, e.Value = h.From.String(), h.To.String(), &v
			}),
		exportChanges(r, w, "added", c.Added, nil),
		exportChanges(r, w, "finished", c.Finished,
			func(f okrsite.ObjectiveChange, e *changeExport) { e.To = f.Score.Status.String() }),
	)
	if err != nil {
		return err
	}
	w.WriteString("}")
	return nil
}

// exportChanges writes the list name of okr.json's review into w: each
// change of list, filled in by fill with what its kind adds; a nil fill
// adds nothing. The changes of an objective, which come one after
// another, are a piece of it in the Cache; the others (a roll-up's, a
// KPI's) are written in every build.
func exportChanges[C interface{ Base() okrsite.Change }](r *renderer, w *output, name string, list []C, fill func(C, *changeExport)) error {
	w.WriteString(`,"` + name + `":[`)
	for i := 0; i < len(list); {
		o := list[i].Base().Objective
		j := i + 1
		for o != nil && j < len(list) && list[j].Base().Objective == o {
			j++
		}
		marshal := func() (template.HTML, error) {
			var b []byte
			for k, c := range list[i:j] {
				if k > 0 {
					b = append(b, ',')
				}
				e := exportChange(c.Base())
				if fill != nil {
					fill(c, &e)
				}
				m, err := json.Marshal(e)
				if err != nil {
					return "", err
				}
				b = append(b, m...)
			}
			return template.HTML(b), nil
		}
		var part template.HTML
		var err error
		if o == nil {
			part, err = marshal()
		} else {
			part, err = r.objectivePiece("review", name, r.card.Objective(o), marshal)
		}
		if err != nil {
			return err
		}
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString(string(part))
		i = j
	}
	w.WriteString("]")
	return nil
}
