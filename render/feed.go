package render

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"encoding/xml"
	"io"
	"slices"
	"strings"

	"github.com/okrsite/okrsite"
)

// A review's changes go out as Atom feeds (RFC 4287): one for the whole
// site at feedPath(nil) and one for each team, each entry one change
// linking to the page of what changed. Entry ids are name-based UUIDs of
// the site and the change's okrsite.Change.ID, so the same change keeps
// its id from build to build, and readers show it once.

// feedPath returns where the feed of team t's changes is written, or with
// t nil the whole site's: feed.xml, changes/TEAM.xml.
func feedPath(t *okrsite.Team) string {
	if t == nil {
		return "feed.xml"
	}
	return "changes/" + t.ID + ".xml"
}

// changesURL returns the page that lists team t's changes, or with t nil
// the whole site's: changes.html, changes/TEAM.html. A folder of its own
// keeps a team's page apart from its period pages, whose ids are free.
func changesURL(t *okrsite.Team) string {
	if t == nil {
		return "changes.html"
	}
	return "changes/" + t.ID + ".html"
}

// maxFeedEntries is how many changes a feed carries, the newest first: a
// large site's week can hold thousands of check-ins, and its page lists
// them all.
const maxFeedEntries = 200

// subjectURL returns the site-relative path of the page that shows what a
// change is about.
func subjectURL(s okrsite.Subject) string {
	switch s.Level() {
	case okrsite.KPILevel:
		return url(s.KPI)
	case okrsite.KeyResultLevel:
		return url(s.KeyResult)
	case okrsite.ObjectiveLevel:
		return url(s.Objective)
	case okrsite.TeamPeriodLevel:
		return teamPeriodURL(s.Team, s.Period)
	}
	return url(s.Period)
}

// siteKey names the site in ids: its absolute base URL, or else its title
// and organisation.
func siteKey(site *okrsite.Site, base string) string {
	if isAbsolute(base) {
		return base
	}
	return site.Settings.Title + "\x00" + site.Settings.Organisation
}

// nameUUID returns the name-based (version 5, SHA-1) UUID of name in the
// URL namespace, as a urn:uuid: URI (RFC 4122, section 4.3).
func nameUUID(name string) string {
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	x := hex.EncodeToString(u)
	return "urn:uuid:" + x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
}

// atomTime writes a day as an Atom date: its midnight, UTC.
func atomTime(d okrsite.Date) string { return d.String() + "T00:00:00Z" }

// The Atom elements a feed uses.
type (
	atomFeed struct {
		XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		Lang      string      `xml:"xml:lang,attr"`
		ID        string      `xml:"id"`
		Title     string      `xml:"title"`
		Subtitle  string      `xml:"subtitle,omitempty"`
		Updated   string      `xml:"updated"`
		Author    atomPerson  `xml:"author"`
		Links     []atomLink  `xml:"link"`
		Generator string      `xml:"generator"`
		Entries   []atomEntry `xml:"entry"`
	}
	atomPerson struct {
		Name string `xml:"name"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	atomCategory struct {
		Term string `xml:"term,attr"`
	}
	atomText struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	}
	atomEntry struct {
		ID       string       `xml:"id"`
		Title    string       `xml:"title"`
		Updated  string       `xml:"updated"`
		Author   *atomPerson  `xml:"author"`
		Link     atomLink     `xml:"link"`
		Category atomCategory `xml:"category"`
		Content  atomText     `xml:"content"`
	}
)

// feed writes the Atom feed of team t's changes in rv, or with t nil the
// whole site's, for the file at feedPath(t).
func (r *renderer) feed(w io.Writer, rv *okrsite.Review, t *okrsite.Team) error {
	base := r.baseURL
	if !isAbsolute(base) {
		base = rootOf(feedPath(t))
	}
	return writeFeed(w, r.lang, r.site, rv, t, base)
}

// writeFeed writes the Atom feed of team t's changes in rv (t nil: the
// whole site's). Links start with base: the site's absolute URL, or the
// relative path from the feed to the site's root. Text goes out as text,
// escaped by encoding/xml (which writes characters XML cannot hold as
// U+FFFD).
func writeFeed(w io.Writer, l *lang, site *okrsite.Site, rv *okrsite.Review, t *okrsite.Team, base string) error {
	changes, title, team := &rv.Changes, site.Settings.Title, ""
	if t != nil {
		changes, title, team = &rv.Team(t).Changes, t.Name, t.ID
	}
	key := siteKey(site, base)
	f := atomFeed{
		Lang:      l.code,
		ID:        nameUUID(key + "\x00feed\x00" + team),
		Title:     l.Tf("feed.title", title),
		Subtitle:  l.Tf("feed.window", l.Date(rv.Since.AddDays(1)), l.Date(rv.Until)),
		Updated:   atomTime(rv.Until),
		Author:    atomPerson{cmp.Or(site.Settings.Organisation, site.Settings.Title, "okr")},
		Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: base + changesURL(t)}},
		Generator: "okr",
	}
	if isAbsolute(base) {
		f.Links = append(f.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: base + feedPath(t)})
	}
	for _, it := range feedItems(l, changes, maxFeedEntries) {
		e := atomEntry{
			ID:       nameUUID(key + "\x00" + it.change.ID()),
			Title:    it.title,
			Updated:  atomTime(it.change.Date),
			Link:     atomLink{Rel: "alternate", Type: "text/html", Href: base + subjectURL(it.change.Subject)},
			Category: atomCategory{it.change.Kind.String()},
			Content:  atomText{"text", strings.Join(it.text, "\n")},
		}
		if owner := it.change.Owner(); strings.TrimSpace(owner) != "" {
			e.Author = &atomPerson{owner}
		}
		f.Entries = append(f.Entries, e)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// feedItem is one change as a feed says it: a title and lines of text.
type feedItem struct {
	change okrsite.Change
	title  string
	text   []string
}

// feedItems says the newest limit changes in c in words, the newest
// first; changes of one day stay in the order c lists them. It says only
// the changes it keeps: a large site's week holds tens of thousands.
func feedItems(l *lang, c *okrsite.Changes, limit int) []feedItem {
	var all []changeAt
	all = placed(all, c.Statuses)
	all = placed(all, c.Checkins)
	all = placed(all, c.ConfidenceDrops)
	all = placed(all, c.Silent)
	all = placed(all, c.KPIs)
	all = placed(all, c.Added)
	all = placed(all, c.Finished)
	slices.SortStableFunc(all, func(a, b changeAt) int { return cmp.Compare(b.change.Date, a.change.Date) })
	items := make([]feedItem, min(limit, len(all)))
	for n := range items {
		items[n] = sayChange(l, c, all[n].change.Kind, all[n].i)
	}
	return items
}

// changeAt is a change and its place in the list of its kind.
type changeAt struct {
	change okrsite.Change
	i      int
}

// placed appends to all each change in list with its place there.
func placed[E interface{ Base() okrsite.Change }](all []changeAt, list []E) []changeAt {
	for i, e := range list {
		all = append(all, changeAt{e.Base(), i})
	}
	return all
}

// sayChange says in words the i-th change of kind in c.
func sayChange(l *lang, c *okrsite.Changes, kind okrsite.ChangeKind, i int) feedItem {
	item := func(ch okrsite.Change, title string, text ...string) feedItem {
		text = slices.DeleteFunc(append([]string{subjectContext(ch.Subject)}, text...), func(s string) bool { return s == "" })
		return feedItem{ch, title, text}
	}
	status := func(s okrsite.Status) string { return l.T("status." + s.String()) }
	switch kind {
	case okrsite.StatusChanged:
		s := c.Statuses[i]
		return item(s.Change, l.Tf("feed.status", s.Name(), status(s.Before.Status), status(s.After.Status)),
			l.Tf("feed.progress", l.Pct(s.After.Progress), l.Pct(s.After.Expected)))
	case okrsite.NewCheckin:
		ci := c.Checkins[i]
		text := []string{ci.Checkin.Note}
		if ci.Checkin.Confidence != okrsite.NoConfidence {
			text = append(text, l.Tf("feed.confidence.value", l.Pct(ci.Checkin.Confidence)))
		}
		return item(ci.Change, l.Tf("feed.checkin", ci.Name(), l.SubjectValue(ci.Subject, ci.Checkin.Value)), text...)
	case okrsite.ConfidenceDropped:
		d := c.ConfidenceDrops[i]
		return item(d.Change, l.Tf("feed.confidence", d.Name(), l.Pct(d.From), l.Pct(d.Checkin.Confidence)), d.Checkin.Note)
	case okrsite.WentSilent:
		s := c.Silent[i]
		last := l.T("feed.never")
		if s.HasUpdate {
			last = l.Tf("feed.last", l.Date(s.LastUpdate))
		}
		return item(s.Change, l.Tf("feed.silent", s.Name(), l.Date(s.Date)), last)
	case okrsite.HealthChanged:
		h := c.KPIs[i]
		health := func(h okrsite.Health) string { return l.T("health." + h.String()) }
		return item(h.Change, l.Tf("feed.kpi", h.Name(), health(h.From), health(h.To)),
			l.Tf("feed.measured", l.SubjectValue(h.Subject, h.Measurement.Value), l.Date(h.Measurement.Date)))
	case okrsite.ObjectiveAdded:
		a := c.Added[i]
		return item(a.Change, l.Tf("feed.added", a.Name()), a.Objective.Description)
	}
	f := c.Finished[i]
	text := status(f.Score.Status)
	if f.Score.Final {
		text = l.Tf("feed.grade", l.Grade(f.Score.Grade))
	}
	return item(f.Change, l.Tf("feed.finished", f.Name()), text)
}

// subjectContext says where a change's subject sits: "objective · team · period"
// for a key result, "team · period" for an objective, the period for a
// team's period, the team for a KPI.
func subjectContext(s okrsite.Subject) string {
	var parts []string
	switch s.Level() {
	case okrsite.KeyResultLevel:
		parts = append(parts, s.Objective.Title, s.Team.Name, s.Period.Name)
	case okrsite.ObjectiveLevel:
		parts = append(parts, s.Team.Name, s.Period.Name)
	case okrsite.TeamPeriodLevel:
		parts = append(parts, s.Period.Name)
	case okrsite.KPILevel:
		if s.Team != nil {
			parts = append(parts, s.Team.Name)
		}
	}
	return strings.Join(parts, " · ")
}
