package render

import (
	"html/template"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/okrsite/okrsite"
)

// A team's calendar (RFC 5545) holds one all-day event for each of its key
// results' next check-in (okrsite.NextDue), so a calendar that subscribes
// to it reminds the owners. An event's UID is a name-based UUID of the site
// and the key result, so a calendar moves the reminder when the due date
// moves rather than adding another. DTSTAMP is the report date's midnight,
// so two builds give the same bytes.

// calendarPath returns where team t's calendar is written, teams/TEAM.ics,
// or with t nil the whole site's, checkins.ics.
func calendarPath(t *okrsite.Team) string {
	if t == nil {
		return "checkins.ics"
	}
	return "teams/" + t.ID + ".ics"
}

// calendar writes team t's calendar of check-ins due (t nil: every team's)
// as of the scorecard's date. Each key result's event is kept in the
// Cache, as a piece of its objective, so that an incremental build writes
// again only the events of the objectives that changed.
func (r *renderer) calendar(w io.Writer, t *okrsite.Team) error {
	event := calendarEvent(r.lang, r.site, r.card.AsOf, r.baseURL)
	return writeCalendar(w, r.lang, r.site, r.dues()[t], t, func(d okrsite.Due) string {
		os := r.card.Objective(d.KeyResult.KeyResult.Objective)
		ev, _ := r.objectivePiece("ical", d.KeyResult.KeyResult.ID, os, func() (template.HTML, error) {
			return template.HTML(event(d)), nil // an event cannot fail
		})
		return string(ev)
	})
}

// duesByTeam returns dues under nil, and each team's under it.
func duesByTeam(dues []okrsite.Due) map[*okrsite.Team][]okrsite.Due {
	out := map[*okrsite.Team][]okrsite.Due{nil: dues}
	for _, d := range dues {
		t := d.KeyResult.KeyResult.Objective.Team
		out[t] = append(out[t], d)
	}
	return out
}

// writeCalendar writes the calendar of the dues of team t's key results
// (t nil: all of them), each due's event written by event.
func writeCalendar(w io.Writer, l *lang, site *okrsite.Site, dues []okrsite.Due, t *okrsite.Team, event func(okrsite.Due) string) error {
	name := site.Settings.Title
	if t != nil {
		name = t.Name
	}
	var c calendarWriter
	c.line("BEGIN", "VCALENDAR")
	c.line("VERSION", "2.0")
	c.line("PRODID", "-//okrsite//okr//"+strings.ToUpper(l.code))
	c.line("CALSCALE", "GREGORIAN")
	c.line("METHOD", "PUBLISH")
	c.line("NAME", icalText(l.Tf("ical.name", name)))
	c.line("X-WR-CALNAME", icalText(l.Tf("ical.name", name)))
	// A large site's calendar runs to megabytes: the events go to w as
	// they come.
	if _, err := io.WriteString(w, c.b.String()); err != nil {
		return err
	}
	for _, d := range dues {
		if t != nil && d.KeyResult.KeyResult.Objective.Team != t {
			continue
		}
		if _, err := io.WriteString(w, event(d)); err != nil {
			return err
		}
	}
	c.b.Reset()
	c.line("END", "VCALENDAR")
	_, err := io.WriteString(w, c.b.String())
	return err
}

// calendarEvent returns what writes a due's event, as of asOf. Events
// link to their key result's page only when base is an absolute URL: a
// calendar has no page to resolve a relative one against.
func calendarEvent(l *lang, site *okrsite.Site, asOf okrsite.Date, base string) func(okrsite.Due) string {
	stamp := strings.ReplaceAll(asOf.String(), "-", "") + "T000000Z"
	return func(d okrsite.Due) string {
		kr := d.KeyResult.KeyResult
		s := okrsite.Subject{Period: kr.Objective.Period, Team: kr.Objective.Team, Objective: kr.Objective, KeyResult: kr}
		summary := "ical.due"
		if d.Overdue() {
			summary = "ical.overdue"
		}
		about := subjectContext(s)
		if owner := s.Owner(); strings.TrimSpace(owner) != "" {
			about += " · " + owner
		}
		var c calendarWriter
		c.line("BEGIN", "VEVENT")
		c.line("UID", strings.TrimPrefix(nameUUID(siteKey(site, base)+"\x00due\x00"+s.Key()), "urn:uuid:"))
		c.line("DTSTAMP", stamp)
		c.line("DTSTART;VALUE=DATE", strings.ReplaceAll(d.Date.String(), "-", ""))
		c.line("DTEND;VALUE=DATE", strings.ReplaceAll(d.Date.AddDays(1).String(), "-", ""))
		c.line("SUMMARY", icalText(l.Tf(summary, kr.Title)))
		c.line("DESCRIPTION", icalText(about))
		if isAbsolute(base) {
			c.line("URL", base+subjectURL(s)) // a URI, not TEXT: no escapes
		}
		c.line("TRANSP", "TRANSPARENT")
		c.line("END", "VEVENT")
		return c.b.String()
	}
}

// calendarWriter writes content lines: ended by CRLF, folded so that no
// line is longer than 75 octets, never within a UTF-8 sequence.
type calendarWriter struct{ b strings.Builder }

// line writes the content line NAME:VALUE, the value already escaped.
func (c *calendarWriter) line(name, value string) {
	s := name + ":" + value
	limit := 75
	for len(s) > limit {
		cut := limit
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
		c.b.WriteString(s[:cut])
		c.b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the space that starts a folded line counts
	}
	c.b.WriteString(s)
	c.b.WriteString("\r\n")
}

// icalText escapes s as an iCalendar TEXT value: backslash, semicolon and
// comma behind a backslash, a line break as \n; other control characters
// and invalid UTF-8, which TEXT cannot hold, are dropped.
func icalText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "") {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 && r != '\t' || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
