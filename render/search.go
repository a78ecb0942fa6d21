package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/okrsite/okrsite"
)

// The search index lets every page find teams, objectives, key results,
// KPIs and people by the words of their titles, descriptions, owners and
// check-in notes, offline and from disk. It is built here, once a build,
// into searchIndexPath, a script that hands the index to
// templates/static/search.js (window.okrSearch.load): a script rather than
// JSON, because browsers do not fetch files from a file:// page, but do
// run scripts. search.js loads it on first use and searches it.
//
// The index is compact: each thing is its URL, title and the words it can
// be found by (its title's, then " | ", then the others': description,
// owners, notes), lower-cased, each once; periods and teams are named once
// and referred to by number. search.js folds accents away when it loads
// the index and when it reads a query, so the index keeps the words as
// written. It is JSON:
//
//	{"v": 1,
//	 "labels": {"team": "Team", ...},                         the kinds' names and "none", in the site's language
//	 "periods": [["2026-Q3", "Q3 2026"], ...],                  id, name
//	 "teams": [["teams/a.html", "Team A", "team a | ann"], ...], URL, name, words
//	 "people": [["people/ann.html", "Ann", "ann"], ...],       URL, name, words
//	 "kpis": [["kpis/nps.html", "NPS", 1, "nps | ..."], ...],  URL, name, team (-1: none), words
//	 "objectives": [[0, 1, "periods/2026-Q3/objectives/o.html", "Title", "words",
//	                 [["#kr-k", "Title", "words"], ...]], ...]}
//	                period, team, URL, title, words, key results (URL after the objective's)
//
// URLs are relative to the site's root. The script passes the JSON to
// JSON.parse as a string, which browsers read several times faster than
// the same data as a script's literal.

// searchIndexPath is where the search index is written.
const searchIndexPath = "search-index.js"

// personURL returns the site-relative path of a person's page.
func personURL(p *okrsite.Person) string { return "people/" + p.Slug + ".html" }

// searchIndex is the index as it is written.
type searchIndex struct {
	V          int               `json:"v"`
	Labels     map[string]string `json:"labels"`
	Periods    [][2]string       `json:"periods"`
	Teams      [][3]string       `json:"teams"`
	People     [][3]string       `json:"people"`
	KPIs       [][4]any          `json:"kpis"`
	Objectives [][6]any          `json:"objectives"`
}

// searchIndex writes the search index of the site as of the scorecard's
// date.
func (r *renderer) searchIndex(w io.Writer) error {
	return writeSearchIndex(w, r.lang, r.card, r.people)
}

// writeSearchIndex writes the search index of card's site, with people,
// labelled in language l.
func writeSearchIndex(w io.Writer, l *lang, card *okrsite.Scorecard, people []*okrsite.Person) error {
	site := card.Site
	ix := searchIndex{
		V:       1,
		Labels:  map[string]string{},
		Periods: [][2]string{}, Teams: [][3]string{}, People: [][3]string{}, KPIs: [][4]any{}, Objectives: [][6]any{},
	}
	for _, k := range []string{"team", "objective", "keyresult", "kpi", "person", "none"} {
		ix.Labels[k] = l.T("search." + k)
	}
	periods := map[*okrsite.Period]int{}
	for i, p := range site.Periods {
		periods[p] = i
		ix.Periods = append(ix.Periods, [2]string{p.ID, p.Name})
	}
	teams := map[*okrsite.Team]int{}
	for i, t := range site.Teams {
		teams[t] = i
		ix.Teams = append(ix.Teams, [3]string{url(t), t.Name, searchWords(t.Name, t.Lead)})
	}
	for _, p := range people {
		ix.People = append(ix.People, [3]string{personURL(p), p.Name, searchWords(p.Name)})
	}
	for _, k := range site.KPIs {
		team := -1
		if k.Team != nil {
			team = teams[k.Team]
		}
		ix.KPIs = append(ix.KPIs, [4]any{url(k), k.Name, team, searchWords(k.Name, k.Description)})
	}
	for _, ps := range card.Periods {
		for _, os := range ps.Objectives {
			o := os.Objective
			krs := make([][3]string, len(os.KeyResults))
			for i, ks := range os.KeyResults {
				kr := ks.KeyResult
				text := []string{kr.Owner}
				for _, c := range ks.Checkins {
					text = append(text, c.Note)
				}
				krs[i] = [3]string{strings.TrimPrefix(url(kr), url(o)), kr.Title, searchWords(kr.Title, text...)}
			}
			ix.Objectives = append(ix.Objectives, [6]any{periods[o.Period], teams[o.Team], url(o), o.Title, searchWords(o.Title, o.Description, o.Owner), krs})
		}
	}
	b, err := json.Marshal(ix)
	if err == nil {
		// As a string, the JSON is quoted once more; encoding/json escapes
		// <, >, &, U+2028 and U+2029 both times, so the script is safe
		// whatever the content holds.
		b, err = json.Marshal(string(b))
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "okrSearch.load(JSON.parse(%s));\n", b)
	return err
}

// searchWords returns the words a thing is found by: those of its title,
// " | ", and those of texts that its title lacks, each once, in the order
// they first come, lower-cased and joined by spaces. A word is a run of
// letters, digits and the marks that go with letters.
func searchWords(title string, texts ...string) string {
	seen := map[string]bool{}
	var head, rest []string
	for _, w := range splitWords(title) {
		if !seen[w] {
			seen[w] = true
			head = append(head, w)
		}
	}
	for _, t := range texts {
		for _, w := range splitWords(t) {
			if !seen[w] {
				seen[w] = true
				rest = append(rest, w)
			}
		}
	}
	return strings.Join(head, " ") + " | " + strings.Join(rest, " ")
}

// splitWords returns the lower-cased words of s.
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}
