package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/render"
)

// section returns the <section> of page whose heading has the id, or "".
func section(page []byte, id string) string {
	s := string(page)
	i := strings.Index(s, `<section aria-labelledby="`+id+`">`)
	if i < 0 {
		return ""
	}
	end := strings.Index(s[i:], "</section>")
	return s[i : i+end]
}

// TestReviewPages builds testdata/review.txtar, which has one change of
// each kind in its review window, and checks what the what-changed pages
// list: counts first, then each kind's list, the site's and each team's.
func TestReviewPages(t *testing.T) {
	out := build(t, txtarFS(t, "testdata/review.txtar"), render.Options{})
	page := out["changes.html"]
	counts := bytes.Index(page, []byte(`id="counts"`))
	if counts < 0 || counts > bytes.Index(page, []byte(`id="statuses"`)) {
		t.Errorf("changes.html does not give the counts before the lists")
	}
	if !bytes.Contains(page, []byte("From 8 Aug 2026 to 14 Aug 2026")) {
		t.Errorf("changes.html does not name the window from review_since's next day")
	}
	tests := []struct {
		id         string
		has, lacks []string
	}{
		{"statuses", []string{"Dealers signed", "Qualified leads", "Grow in Norway", "Launch the spring range", "Team A", "s-at-risk", "s-no-update"}, nil},
		{"checkins", []string{"Dealers signed", "zebrafish", "Confidence 40%"}, []string{"walrus", "Stores stocked"}},
		{"drops", []string{"Dealers signed", "Confidence down from 80% to 40%"}, []string{"Qualified leads"}},
		{"silent", []string{"Qualified leads", "Check-in due 10 Aug 2026", "Last check-in 3 Aug 2026", "../../etc/passwd"}, []string{"Dealers signed"}},
		{"kpis", []string{"NPS", "h-healthy", "h-critical", "20 on 12 Aug 2026"}, nil},
		{"added", []string{"Ship the sprint goal", "李小龍"}, []string{"Grow in Norway"}},
		{"finished", []string{"Launch the spring range"}, []string{"Grow in Norway"}},
	}
	for _, tt := range tests {
		s := section(page, tt.id)
		if s == "" {
			t.Errorf("changes.html has no list %q", tt.id)
			continue
		}
		for _, want := range tt.has {
			if !strings.Contains(s, want) {
				t.Errorf("changes.html's %s do not show %q", tt.id, want)
			}
		}
		for _, not := range tt.lacks {
			if strings.Contains(s, not) {
				t.Errorf("changes.html's %s show %q", tt.id, not)
			}
		}
	}
	// Each team's page lists its own changes only.
	a, b := string(out["changes/a.html"]), string(out["changes/b.html"])
	for _, want := range []string{"zebrafish", "Launch the spring range"} {
		if !strings.Contains(a, want) || strings.Contains(b, want) {
			t.Errorf("%q is not on team a's page alone", want)
		}
	}
	for _, want := range []string{"NPS", "Ship the sprint goal", "Team &lt;B&gt;: what changed"} {
		if !strings.Contains(b, want) || strings.Contains(a, want) {
			t.Errorf("%q is not on team b's page alone", want)
		}
	}
	if !bytes.Contains(out["index.html"], []byte(`href="changes.html"`)) {
		t.Errorf("the overview does not link to changes.html")
	}

	var export struct {
		Review struct {
			Since, Until string
			Summary      map[string]int
			Checkins     []struct{ ID, Note string }
		}
	}
	if err := json.Unmarshal(out["okr.json"], &export); err != nil {
		t.Fatal(err)
	}
	rv := export.Review
	wantCounts := map[string]int{"statuses": 9, "worse": 5, "checkins": 1, "notes": 1, "confidenceDrops": 1, "silent": 1, "kpis": 1, "added": 1, "finished": 1}
	if rv.Since != "2026-08-07" || rv.Until != "2026-08-14" || !maps.Equal(rv.Summary, wantCounts) {
		t.Errorf("okr.json's review: %s to %s, %v; want 2026-08-07 to 2026-08-14, %v", rv.Since, rv.Until, rv.Summary, wantCounts)
	}
	if len(rv.Checkins) != 1 || rv.Checkins[0].ID != "checkin key-result 2026-Q3/grow/dealers 2026-08-12" || rv.Checkins[0].Note != "Vendor late: zebrafish" {
		t.Errorf("okr.json's review check-ins: %+v", rv.Checkins)
	}
}

// TestReviewValues checks that the what-changed page, the feed and
// people's pages write a check-in's value and a KPI's measurement as the
// key result's and KPI's own pages do, and the KPI's page its thresholds:
// in their precision, with the unit's plural, in the locale.
func TestReviewValues(t *testing.T) {
	tests := []struct {
		locale                            string
		checkin, measured, target, latest string
		thresholds                        string
	}{
		{"en-US", "52.0 dealers", "20.0 on Aug 12, 2026", "100.0 dealers", "20.0", "Healthy at 50.5 or more; critical below 30.0"},
		{"sv-SE", "52,0 dealers", "20,0 den 12 aug. 2026", "100,0 dealers", "20,0", "Friskt vid 50,5 eller mer; kritiskt under 30,0"},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			fsys := txtarFS(t, "testdata/review.txtar")
			edit := func(name, old, new string) {
				data := string(fsys[name].Data)
				if !strings.Contains(data, old) {
					t.Fatalf("%s has no %q", name, old)
				}
				fsys[name].Data = []byte(strings.Replace(data, old, new, 1))
			}
			edit("site.toml", `language = "en"`, "locale = "+strconv.Quote(tt.locale))
			// A start with a decimal gives the key result one decimal,
			// and a threshold with one gives the KPI one.
			edit("periods/2026-Q3/a.toml", "title = \"Dealers signed\"\n  start = 0", "title = \"Dealers signed\"\n  unit = [\"dealer\", \"dealers\"]\n  start = 0.5")
			edit("kpis/nps.toml", "healthy = 50", "healthy = 50.5")
			out := build(t, fsys, render.Options{})
			page := strings.ReplaceAll(string(out["changes.html"]), "\u00a0", " ")
			if s := section([]byte(page), "checkins"); !strings.Contains(s, "<strong>"+tt.checkin+"</strong>") {
				t.Errorf("changes.html's check-ins do not show %q:\n%s", tt.checkin, s)
			}
			if s := section([]byte(page), "kpis"); !strings.Contains(s, tt.measured) {
				t.Errorf("changes.html's KPIs do not show %q:\n%s", tt.measured, s)
			}
			feed := strings.ReplaceAll(string(out["feed.xml"]), "\u00a0", " ")
			for _, want := range []string{"Dealers signed: " + tt.checkin, tt.measured} {
				if !strings.Contains(feed, want) {
					t.Errorf("feed.xml does not show %q", want)
				}
			}
			// So do people's pages, and the KPI's thresholds on its page.
			var people string
			for name, b := range out {
				if strings.HasPrefix(name, "people/") {
					people += strings.ReplaceAll(string(b), "\u00a0", " ")
				}
			}
			for _, want := range []string{tt.checkin, tt.target, tt.latest} {
				if !strings.Contains(people, want) {
					t.Errorf("no person's page shows %q", want)
				}
			}
			if kpi := strings.ReplaceAll(string(out["kpis/nps.html"]), "\u00a0", " "); !strings.Contains(kpi, tt.thresholds) {
				t.Errorf("kpis/nps.html does not say %q", tt.thresholds)
			}
		})
	}
}

// atom is what the tests read of an Atom feed, strictly: every element
// RFC 4287 requires, as lists so that a missing or doubled one shows.
type atom struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	ID      []string   `xml:"id"`
	Title   []string   `xml:"title"`
	Updated []string   `xml:"updated"`
	Author  []struct{} `xml:"author"`
	Entries []atomItem `xml:"entry"`
}

// atomItem is an entry of a feed.
type atomItem struct {
	ID      []string `xml:"id"`
	Title   []string `xml:"title"`
	Updated []string `xml:"updated"`
	Link    []struct {
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Content string `xml:"content"`
}

// parseAtom parses a feed with encoding/xml, strictly, and checks the
// elements RFC 4287 requires: one id (a URI), title and updated (RFC 3339)
// for the feed and each entry, a link for each entry, unique entry ids.
func parseAtom(t *testing.T, name string, b []byte) atom {
	t.Helper()
	var f atom
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	if err := d.Decode(&f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	one := func(what string, v []string, date bool) {
		if len(v) != 1 || v[0] == "" {
			t.Errorf("%s: %s %q; want exactly one", name, what, v)
		} else if _, err := time.Parse(time.RFC3339, v[0]); date && err != nil {
			t.Errorf("%s: %s %q is no RFC 3339 date: %v", name, what, v[0], err)
		}
	}
	one("feed id", f.ID, false)
	one("feed title", f.Title, false)
	one("feed updated", f.Updated, true)
	if len(f.Author) != 1 {
		t.Errorf("%s: %d authors; want one", name, len(f.Author))
	}
	seen := map[string]bool{}
	for _, e := range f.Entries {
		one("entry id", e.ID, false)
		one("entry title", e.Title, false)
		one("entry updated", e.Updated, true)
		if len(e.Link) != 1 || !strings.HasPrefix(e.Link[0].Href, "https://goals.example.com/okr/") {
			t.Errorf("%s: entry %q links to %+v; want one link within the site", name, e.Title, e.Link)
		}
		if len(e.ID) == 1 {
			if seen[e.ID[0]] || !strings.HasPrefix(e.ID[0], "urn:uuid:") {
				t.Errorf("%s: entry id %q is doubled or no urn:uuid", name, e.ID[0])
			}
			seen[e.ID[0]] = true
		}
	}
	return f
}

// entryIDs returns the feed's entry ids by title.
func entryIDs(f atom) map[string]string {
	ids := map[string]string{}
	for _, e := range f.Entries {
		ids[e.Title[0]] = e.ID[0]
	}
	return ids
}

// TestReviewFeeds parses the site's and the teams' feeds as Atom, and
// builds again with a window that overlaps the first: changes both
// windows hold keep their entry ids, so readers show them once.
func TestReviewFeeds(t *testing.T) {
	fsys := txtarFS(t, "testdata/review.txtar")
	out := build(t, fsys, render.Options{})
	site := parseAtom(t, "feed.xml", out["feed.xml"])
	if len(site.Entries) != 15 {
		t.Errorf("feed.xml has %d entries; want 15, one a change", len(site.Entries))
	}
	a, b := parseAtom(t, "changes/a.xml", out["changes/a.xml"]), parseAtom(t, "changes/b.xml", out["changes/b.xml"])
	if len(a.Entries)+len(b.Entries) != 15-2 { // the periods' roll-ups are the site's alone
		t.Errorf("the teams' feeds have %d and %d entries; want 13 in all", len(a.Entries), len(b.Entries))
	}
	if !slices.ContainsFunc(a.Entries, func(e atomItem) bool { return strings.Contains(e.Content, "Vendor late: zebrafish") }) {
		t.Errorf("team a's feed does not carry the check-in's note")
	}

	again := build(t, fsys, render.Options{})
	if !bytes.Equal(again["feed.xml"], out["feed.xml"]) {
		t.Errorf("two builds of the same content give different feeds")
	}
	since, _ := okrsite.ParseDate("2026-08-10") // the spring period's end and the sprint's start fall out
	later := parseAtom(t, "feed.xml", build(t, fsys, render.Options{Since: since})["feed.xml"])
	first, second := entryIDs(site), entryIDs(later)
	for _, title := range []string{"Dealers signed: 52", "NPS: Healthy → Critical", "Dealers signed: confidence down from 80% to 40%"} {
		if first[title] == "" || first[title] != second[title] {
			t.Errorf("entry %q has id %q in one window and %q in an overlapping one", title, first[title], second[title])
		}
	}
	if len(later.Entries) != 15-6 {
		t.Errorf("the shorter window has %d entries; want 9", len(later.Entries))
	}
}

// TestReviewCalendars reads the teams' calendars line by line: CRLF line
// ends, lines of at most 75 octets folded with a leading space, TEXT
// escaped, one event for each check-in due.
func TestReviewCalendars(t *testing.T) {
	fsys := txtarFS(t, "testdata/review.txtar")
	fsys["periods/sprint/b.toml"].Data = bytes.Replace(fsys["periods/sprint/b.toml"].Data,
		[]byte(`title = "Tickets closed"`), []byte(`title = "Tickets closed, reviewed; shipped \\ and then some more words to fold the line, åäö åäö åäö"`), 1)
	out := build(t, fsys, render.Options{})
	for _, name := range []string{"teams/a.ics", "teams/b.ics", "checkins.ics"} {
		b := out[name]
		if !bytes.HasSuffix(b, []byte("\r\n")) || bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
			t.Errorf("%s: not every line ends in CRLF", name)
		}
		var unfolded []string
		for i, line := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
			if len(line) > 75 {
				t.Errorf("%s:%d: %d octets; want at most 75", name, i+1, len(line))
			}
			if strings.HasPrefix(line, " ") {
				if len(unfolded) == 0 {
					t.Fatalf("%s:%d: a folded line first", name, i+1)
				}
				unfolded[len(unfolded)-1] += line[1:]
				continue
			}
			unfolded = append(unfolded, line)
		}
		if unfolded[0] != "BEGIN:VCALENDAR" || unfolded[len(unfolded)-1] != "END:VCALENDAR" {
			t.Errorf("%s: not one VCALENDAR", name)
		}
		for _, line := range unfolded {
			if !regexp.MustCompile(`^[A-Z-]+(;[A-Z-]+=[A-Z]+)*:`).MatchString(line) {
				t.Errorf("%s: %q is no content line", name, line)
			}
		}
		want := map[string][]string{
			"teams/a.ics": {"SUMMARY:Check-in overdue: Qualified leads", "DTSTART;VALUE=DATE:20260810", "SUMMARY:Check-in due: Dealers signed", "DTSTART;VALUE=DATE:20260819"},
			"teams/b.ics": {`SUMMARY:Check-in due: Tickets closed\, reviewed\; shipped \\ and then some more words to fold the line\, åäö åäö åäö`,
				"DTSTART;VALUE=DATE:20260817", `DESCRIPTION:Ship the sprint goal · Team <B> · Autumn sprint · 李小龍`},
		}[name]
		for _, w := range want {
			if !slices.Contains(unfolded, w) {
				t.Errorf("%s has no line %q", name, w)
			}
		}
		events := strings.Count(string(b), "BEGIN:VEVENT\r\n")
		if n := map[string]int{"teams/a.ics": 2, "teams/b.ics": 1, "checkins.ics": 3}[name]; events != n {
			t.Errorf("%s has %d events; want %d", name, events, n)
		}
	}
}

// TestPeoplePages builds a page for each owner and lead, however odd the
// name: each named safely inside people/, listing what they own.
func TestPeoplePages(t *testing.T) {
	out := build(t, txtarFS(t, "testdata/review.txtar"), render.Options{})
	safe := regexp.MustCompile(`^people/[a-z0-9]+(-[a-z0-9]+)*\.html$`)
	var pages []string
	for name := range out {
		if strings.HasPrefix(name, "people/") {
			pages = append(pages, name)
			if !safe.MatchString(name) {
				t.Errorf("%s is not a safe page name", name)
			}
		}
		if strings.Contains(name, "..") || strings.Contains(name, "passwd") && !strings.HasPrefix(name, "people/") {
			t.Errorf("a file named %s", name)
		}
	}
	if len(pages) != 4 {
		t.Errorf("%d people's pages %v; want 4: Ann Åberg, ann aberg, ../../etc/passwd and 李小龍", len(pages), pages)
	}
	index := string(out["people.html"])
	for _, name := range []string{"Ann Åberg", "ann aberg", "../../etc/passwd", "李小龍"} {
		if !strings.Contains(index, ">"+name+"</a>") {
			t.Errorf("people.html does not list %q", name)
		}
	}
	page := func(name string) string {
		i := strings.Index(index, ">"+name+"</a>")
		if i < 0 {
			return ""
		}
		href := index[strings.LastIndex(index[:i], `href="`)+len(`href="`) : i-1]
		return string(out[href])
	}
	tests := []struct {
		name       string
		has, lacks []string
	}{
		{"Ann Åberg", []string{"<h1 class=\"page-title\">Ann Åberg</h1>", "Grow in Norway", "Dealers signed", "Launch the spring range", "Due 19 Aug 2026", "Team A"}, []string{"Qualified leads", "NPS"}},
		{"ann aberg", []string{"NPS", "Team &lt;B&gt;"}, []string{"Grow in Norway"}},
		{"../../etc/passwd", []string{"Qualified leads", "Overdue since 10 Aug 2026"}, []string{"Dealers signed"}},
		{"李小龍", []string{"Ship the sprint goal", "Tickets closed", "Due 17 Aug 2026"}, nil},
	}
	for _, tt := range tests {
		p := page(tt.name)
		for _, want := range tt.has {
			if !strings.Contains(p, want) {
				t.Errorf("%s's page does not show %q", tt.name, want)
			}
		}
		for _, not := range tt.lacks {
			if strings.Contains(p, not) {
				t.Errorf("%s's page shows %q", tt.name, not)
			}
		}
	}
	if !bytes.Contains(out["search-index.js"], []byte("zebrafish")) {
		t.Errorf("the search index lacks a word of a check-in's note")
	}
}
