package render

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/okrsite/okrsite"
)

// reviewSite is a site with a week of changes: team a's key result loses
// pace and confidence with a hostile note, team b's goes silent, a KPI of
// team b turns critical.
func reviewSite() *okrsite.Site {
	day := func(s string) okrsite.Date {
		d, err := okrsite.ParseDate(s)
		if err != nil {
			panic(err)
		}
		return d
	}
	_, start, end, _ := okrsite.PeriodDates("2026-Q3")
	p := &okrsite.Period{ID: "2026-Q3", Name: "Q3 <2026>", Start: start, End: end}
	a := &okrsite.Team{ID: "a", Name: "Team A & Co", Lead: "Ann"}
	b := &okrsite.Team{ID: "b", Name: "Team B", Lead: "Bo"}
	site := &okrsite.Site{
		Settings: okrsite.Settings{Title: "Goals", Organisation: "Org; Inc, \"Ltd\"", Cadence: okrsite.Weekly, RollUp: okrsite.DefaultRollUp, Language: "en"},
		Teams:    []*okrsite.Team{a, b},
		Periods:  []*okrsite.Period{p},
	}
	add := func(t *okrsite.Team, id, owner string, checkins ...okrsite.Checkin) {
		o := &okrsite.Objective{ID: id, Title: "Objective " + id, Owner: owner, Team: t, Period: p, Weight: 1}
		kr := &okrsite.KeyResult{ID: "kr", Title: "Result of " + id + " </title><script>x</script>", Unit: "h", Objective: o,
			HasStart: true, Target: 100, Weight: 1, Cadence: okrsite.Weekly, Checkins: checkins}
		o.KeyResults = []*okrsite.KeyResult{kr}
		p.Objectives = append(p.Objectives, o)
		site.Objectives = append(site.Objectives, o)
	}
	add(a, "o", "Ann <ann@example.com>",
		okrsite.Checkin{Date: day("2026-08-07"), Value: 41, Confidence: 0.8},
		okrsite.Checkin{Date: day("2026-08-11"), Value: 35, Confidence: 0.4, Note: "Vendor ]]> late & <b>bold</b>\x01 \"quoted\"\nsecond line"})
	add(b, "p", "", okrsite.Checkin{Date: day("2026-08-03"), Value: 40, Confidence: 0.8})
	site.KPIs = []*okrsite.KPI{{ID: "nps", Name: "NPS", Team: b, Cadence: okrsite.Monthly,
		Thresholds:   okrsite.Thresholds{Healthy: okrsite.Band{Low: 50}, Warning: okrsite.Band{Low: 30}},
		Measurements: []okrsite.Measurement{{Date: day("2026-07-31"), Value: 55}, {Date: day("2026-08-12"), Value: 20}}}}
	return site
}

// reviewOf reviews the week from 2026-08-08 to until.
func reviewOf(site *okrsite.Site, since, until string) *okrsite.Review {
	s, _ := okrsite.ParseDate(since)
	u, _ := okrsite.ParseDate(until)
	return okrsite.ReviewOf(okrsite.Evaluate(site, u), s)
}

// strictFeed is the part of Atom (RFC 4287) a feed must have: the feed's
// id, title, updated and author (or every entry's), and each entry's id,
// title, updated and link.
type strictFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      []string `xml:"id"`
	Title   []string `xml:"title"`
	Updated []string `xml:"updated"`
	Author  []struct {
		Name []string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      []string `xml:"id"`
		Title   []string `xml:"title"`
		Updated []string `xml:"updated"`
		Author  []struct {
			Name []string `xml:"name"`
		} `xml:"author"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content []struct {
			Type string `xml:"type,attr"`
			Text string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

// parseFeed parses an Atom feed and checks what RFC 4287 requires: one id
// (an absolute IRI), title and updated (an RFC 3339 date-time) for the
// feed and each entry, an author, a link for each entry, unique entry ids.
func parseFeed(t *testing.T, b []byte) *strictFeed {
	t.Helper()
	var f strictFeed
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, b)
	}
	one := func(what string, vs []string) {
		if len(vs) != 1 || strings.TrimSpace(vs[0]) == "" {
			t.Errorf("%s: %d values %q, want exactly one", what, len(vs), vs)
		}
	}
	iri := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	date := func(what, v string) {
		if _, err := time.Parse(time.RFC3339, v); err != nil {
			t.Errorf("%s %q is not an RFC 3339 date-time", what, v)
		}
	}
	one("feed id", f.ID)
	one("feed title", f.Title)
	one("feed updated", f.Updated)
	if len(f.ID) == 1 && !iri.MatchString(f.ID[0]) {
		t.Errorf("feed id %q is not a urn:uuid of version 5", f.ID[0])
	}
	if len(f.Updated) == 1 {
		date("feed updated", f.Updated[0])
	}
	if len(f.Author) != 1 || len(f.Author[0].Name) != 1 {
		t.Errorf("the feed has %d authors, want one with a name", len(f.Author))
	}
	seen := map[string]bool{}
	for i, e := range f.Entries {
		one("entry id", e.ID)
		one("entry title", e.Title)
		one("entry updated", e.Updated)
		if len(e.ID) == 1 {
			if !iri.MatchString(e.ID[0]) || seen[e.ID[0]] {
				t.Errorf("entry %d: id %q is not a new urn:uuid", i, e.ID[0])
			}
			seen[e.ID[0]] = true
		}
		if len(e.Updated) == 1 {
			date("entry updated", e.Updated[0])
		}
		if len(e.Links) != 1 || e.Links[0].Rel != "alternate" || e.Links[0].Href == "" {
			t.Errorf("entry %d: links %+v, want one alternate", i, e.Links)
		}
		if len(e.Content) != 1 || e.Content[0].Type != "text" {
			t.Errorf("entry %d: content %+v, want one of type text", i, e.Content)
		}
	}
	return &f
}

func TestFeed(t *testing.T) {
	site := reviewSite()
	write := func(rv *okrsite.Review, team *okrsite.Team, base string) []byte {
		var b bytes.Buffer
		if err := writeFeed(&b, langs["en"], site, rv, team, base); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	rv := reviewOf(site, "2026-08-07", "2026-08-14")
	out := write(rv, nil, "https://goals.example.com/")
	f := parseFeed(t, out)
	if f.Lang != "en" || f.Updated[0] != "2026-08-14T00:00:00Z" || f.Author[0].Name[0] != `Org; Inc, "Ltd"` {
		t.Errorf("lang %q, updated %q, author %q", f.Lang, f.Updated, f.Author[0].Name)
	}
	if len(f.Links) != 2 || f.Links[0].Href != "https://goals.example.com/changes.html" || f.Links[1].Rel != "self" || f.Links[1].Href != "https://goals.example.com/feed.xml" {
		t.Errorf("feed links %+v", f.Links)
	}
	// Status changes of the period, both teams, both objectives and key
	// results; a check-in; a confidence drop; a silence; a KPI.
	if got, want := len(f.Entries), rv.Summary.Total(); got != want || want != 11 {
		t.Fatalf("%d entries, want %d (of 11 changes)", got, want)
	}
	if e := f.Entries[0]; e.Title[0] != "NPS: Healthy → Critical" || e.Updated[0] != "2026-08-12T00:00:00Z" || e.Links[0].Href != "https://goals.example.com/kpis/nps.html" {
		t.Errorf("the newest entry is %q of %q at %q, want the KPI of 2026-08-12", e.Title, e.Updated, e.Links[0].Href)
	}
	var checkin *struct{ title, text, author, href string }
	for _, e := range f.Entries {
		if strings.HasPrefix(e.Title[0], "Result of o") && strings.HasSuffix(e.Title[0], ": 35\u00a0h") {
			author := ""
			if len(e.Author) == 1 {
				author = e.Author[0].Name[0]
			}
			checkin = &struct{ title, text, author, href string }{e.Title[0], e.Content[0].Text, author, e.Links[0].Href}
		}
	}
	if checkin == nil {
		t.Fatal("no entry for the check-in of 2026-08-11")
	}
	wantText := "Objective o · Team A & Co · Q3 <2026>\nVendor ]]> late & <b>bold</b>\uFFFD \"quoted\"\nsecond line\nConfidence 40%"
	if checkin.text != wantText || checkin.author != "Ann <ann@example.com>" || checkin.href != "https://goals.example.com/periods/2026-Q3/objectives/o.html#kr-kr" {
		t.Errorf("the check-in's entry: %+v; want text %q", *checkin, wantText)
	}
	if bytes.Contains(out, []byte("<script>")) || bytes.Contains(out, []byte("<b>")) {
		t.Errorf("markup from the content reached the feed unescaped:\n%s", out)
	}

	// Two builds give the same bytes; a review a day later, whose window
	// still holds every change, gives the same entry ids.
	if again := write(reviewOf(site, "2026-08-07", "2026-08-14"), nil, "https://goals.example.com/"); !bytes.Equal(out, again) {
		t.Error("two builds of the feed differ")
	}
	later := parseFeed(t, write(reviewOf(site, "2026-08-08", "2026-08-15"), nil, "https://goals.example.com/"))
	ids := map[string]bool{}
	for _, e := range later.Entries {
		ids[e.ID[0]] = true
	}
	for _, e := range f.Entries {
		if !ids[e.ID[0]] {
			t.Errorf("entry %q has a new id a day later", e.Title[0])
		}
	}

	// A team's feed, from its folder, with relative links.
	tf := parseFeed(t, write(rv, site.Teams[1], "../"))
	if len(tf.Entries) != 5 || tf.Links[0].Href != "../changes/b.html" || tf.ID[0] == f.ID[0] {
		t.Errorf("team b's feed: %d entries (want 5), links %+v, id %q", len(tf.Entries), tf.Links, tf.ID)
	}
	for _, e := range tf.Entries {
		if !strings.HasPrefix(e.Links[0].Href, "../") || strings.Contains(e.Title[0], "Result of o") {
			t.Errorf("team b's feed has %q linking %q", e.Title[0], e.Links[0].Href)
		}
	}
}

func TestNameUUID(t *testing.T) {
	// The RFC 4122 example: "www.example.com" in the DNS namespace is
	// 2ed6657d-e927-568b-95e1-2665a8aea6a2; ours uses the URL namespace,
	// 6ba7b811-..., whose version 5 UUID of "http://www.ietf.org/rfc/rfc4122.txt"
	// is as below (also what Python's uuid.uuid5 gives).
	if got, want := nameUUID("http://www.ietf.org/rfc/rfc4122.txt"), "urn:uuid:d0690b3c-b29d-52e7-81b0-d573b503f2d4"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
