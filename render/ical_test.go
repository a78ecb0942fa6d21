package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/okrsite/okrsite"
)

// icalProp is one content line of a calendar: NAME;PARAMS:VALUE.
type icalProp struct{ name, value string }

// parseCalendar checks a calendar's lines (CRLF ends, at most 75 octets,
// folds not within a character), unfolds them and returns the calendar's
// own properties and each event's.
func parseCalendar(t *testing.T, b []byte) (cal map[string][]string, events []map[string][]string) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Fatal("the calendar does not end in CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 || !utf8.ValidString(line) {
			t.Errorf("line %d is %d octets or cut within a character: %q", i+1, len(line), line)
		}
	}
	unfolded := strings.ReplaceAll(string(b), "\r\n ", "")
	var props []icalProp
	for _, line := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("%q is not NAME:VALUE", line)
		}
		props = append(props, icalProp{name, value})
	}
	if props[0] != (icalProp{"BEGIN", "VCALENDAR"}) || props[len(props)-1] != (icalProp{"END", "VCALENDAR"}) {
		t.Fatalf("not one VCALENDAR: begins %v, ends %v", props[0], props[len(props)-1])
	}
	cal = map[string][]string{}
	var ev map[string][]string
	for _, p := range props[1 : len(props)-1] {
		switch {
		case p == icalProp{"BEGIN", "VEVENT"}:
			if ev != nil {
				t.Fatal("a VEVENT within a VEVENT")
			}
			ev = map[string][]string{}
		case p == icalProp{"END", "VEVENT"}:
			events = append(events, ev)
			ev = nil
		case ev != nil:
			ev[p.name] = append(ev[p.name], p.value)
		default:
			cal[p.name] = append(cal[p.name], p.value)
		}
	}
	return cal, events
}

// unescapeText reads an iCalendar TEXT value, failing on a semicolon or
// comma that is not escaped or an unknown escape.
func unescapeText(v string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == ';' || c == ',':
			return "", fmt.Errorf("unescaped %q at %d in %q", c, i, v)
		case c == '\\' && i+1 < len(v):
			i++
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return "", fmt.Errorf("unknown escape \\%c in %q", v[i], v)
			}
		case c == '\\':
			return "", fmt.Errorf("a lone backslash ends %q", v)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func TestCalendar(t *testing.T) {
	site := reviewSite()
	hostile := strings.Repeat("Å;b,c\\d\r\ne\x01 🎉", 6)
	site.Objectives[0].KeyResults[0].Title = hostile
	asOf, _ := okrsite.ParseDate("2026-08-14")
	card := okrsite.Evaluate(site, asOf)
	write := func(team *okrsite.Team, base string) []byte {
		var b bytes.Buffer
		if err := writeCalendar(&b, langs["en"], site, card.Dues(), team, calendarEvent(langs["en"], site, asOf, base)); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	out := write(nil, "https://goals.example.com/")
	cal, events := parseCalendar(t, out)
	if v := cal["VERSION"]; len(v) != 1 || v[0] != "2.0" {
		t.Errorf("VERSION %q, want 2.0 once", v)
	}
	if v := cal["PRODID"]; len(v) != 1 || v[0] == "" {
		t.Errorf("PRODID %q, want one", v)
	}
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	stamp, date := regexp.MustCompile(`^\d{8}T\d{6}Z$`), regexp.MustCompile(`^\d{8}$`)
	uids := map[string]bool{}
	for i, ev := range events {
		for _, name := range []string{"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"} {
			if len(ev[name]) != 1 {
				t.Errorf("event %d has %d %s, want one", i, len(ev[name]), name)
			}
		}
		if uid := ev["UID"][0]; uids[uid] {
			t.Errorf("event %d repeats UID %s", i, uid)
		} else {
			uids[uid] = true
		}
		if !stamp.MatchString(ev["DTSTAMP"][0]) || ev["DTSTAMP"][0] != "20260814T000000Z" || !date.MatchString(ev["DTSTART;VALUE=DATE"][0]) {
			t.Errorf("event %d: DTSTAMP %q, DTSTART %q", i, ev["DTSTAMP"], ev["DTSTART;VALUE=DATE"])
		}
		for _, name := range []string{"SUMMARY", "DESCRIPTION", "X-WR-CALNAME"} {
			for _, v := range ev[name] {
				if _, err := unescapeText(v); err != nil {
					t.Errorf("event %d %s: %v", i, name, err)
				}
			}
		}
	}
	// By due date: team b's result overdue since 2026-08-10 first, then
	// team a's, due 2026-08-18 with its hostile title.
	if got := events[0]["SUMMARY"][0]; got != "Check-in overdue: Result of p </title><script>x</script>" || events[0]["DTSTART;VALUE=DATE"][0] != "20260810" {
		t.Errorf("first event %q on %q", got, events[0]["DTSTART;VALUE=DATE"])
	}
	summary, err := unescapeText(events[1]["SUMMARY"][0])
	want := "Check-in due: " + strings.Repeat("Å;b,c\\d\ne 🎉", 6)
	if err != nil || summary != want || events[1]["DTSTART;VALUE=DATE"][0] != "20260818" {
		t.Errorf("second event: %q (%v) on %q, want %q", summary, err, events[1]["DTSTART;VALUE=DATE"], want)
	}
	if got := events[1]["URL"]; len(got) != 1 || got[0] != "https://goals.example.com/periods/2026-Q3/objectives/o.html#kr-kr" {
		t.Errorf("URL %q", got)
	}
	desc, _ := unescapeText(events[1]["DESCRIPTION"][0])
	if desc != "Objective o · Team A & Co · Q3 <2026> · Ann <ann@example.com>" {
		t.Errorf("DESCRIPTION %q", desc)
	}

	// A team's calendar has its own results; without an absolute base,
	// no URL; two builds are byte-identical.
	_, teamEvents := parseCalendar(t, write(site.Teams[1], "../"))
	if len(teamEvents) != 1 || teamEvents[0]["URL"] != nil || teamEvents[0]["UID"][0] == events[1]["UID"][0] {
		t.Errorf("team b's calendar: %v", teamEvents)
	}
	if !bytes.Equal(out, write(nil, "https://goals.example.com/")) {
		t.Error("two builds of the calendar differ")
	}
}

func TestCalendarFolding(t *testing.T) {
	for _, s := range []string{"", "a", strings.Repeat("x", 73), strings.Repeat("x", 74), strings.Repeat("é", 100), strings.Repeat("🎉", 40)} {
		var c calendarWriter
		c.line("SUMMARY", s)
		out := c.b.String()
		for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(line) > 75 || !utf8.ValidString(line) {
				t.Errorf("%q folds into %q", s, line)
			}
		}
		if got := strings.ReplaceAll(out, "\r\n ", ""); got != "SUMMARY:"+s+"\r\n" {
			t.Errorf("%q unfolds to %q", s, got)
		}
	}
}
