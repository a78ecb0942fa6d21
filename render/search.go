package render

import (
	"encoding/json"
	"html/template"
	"io"
	"strconv"
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

// searchIndex is the index as it is written, but for its objectives,
// which follow it (see writeSearchIndex).
type searchIndex struct {
	V       int               `json:"v"`
	Labels  map[string]string `json:"labels"`
	Periods [][2]string       `json:"periods"`
	Teams   [][3]string       `json:"teams"`
	People  [][3]string       `json:"people"`
	KPIs    [][4]any          `json:"kpis"`
}

// searchEntry returns an objective's entry in the index, with the numbers
// of its period and team, as it stands in the script: JSON, escaped as
// within a JSON string.
type searchEntry func(os *okrsite.ObjectiveScore, period, team int) (string, error)

// searchIndex writes the search index of the site as of the scorecard's
// date. Each objective's entry is kept in the Cache, so that an
// incremental build writes again only those of the objectives that
// changed; the entry names its period and team by number, which are part
// of its key.
func (r *renderer) searchIndex(w io.Writer) error {
	return writeSearchIndex(w, r.lang, r.card, r.people, func(os *okrsite.ObjectiveScore, period, team int) (string, error) {
		which := strconv.Itoa(period) + " " + strconv.Itoa(team)
		entry, err := r.objectivePiece("search", which, os, func() (template.HTML, error) {
			entry, err := searchObjective(os, period, team)
			return template.HTML(entry), err
		})
		return string(entry), err
	})
}

// writeSearchIndex writes the search index of card's site, with people,
// labelled in language l, and each objective's entry from entry. The
// script holds the index as a JSON string, and escaping a string for JSON
// escapes each character by itself, so the index is written in pieces,
// each escaped on its own: what stands before the objectives, their
// entries, and the end.
func writeSearchIndex(w io.Writer, l *lang, card *okrsite.Scorecard, people []*okrsite.Person, entry searchEntry) error {
	site := card.Site
	ix := searchIndex{
		V:       1,
		Labels:  map[string]string{},
		Periods: [][2]string{}, Teams: [][3]string{}, People: [][3]string{}, KPIs: [][4]any{},
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
	head, err := json.Marshal(ix)
	if err != nil {
		return err
	}
	// The objectives come last: the head's closing brace gives way to them.
	head = append(head[:len(head)-1], `,"objectives":[`...)
	if _, err := io.WriteString(w, "okrSearch.load(JSON.parse(\""+escapeInString(head)); err != nil {
		return err
	}
	sep := ""
	for _, ps := range card.Periods {
		for _, os := range ps.Objectives {
			e, err := entry(os, periods[os.Objective.Period], teams[os.Objective.Team])
			if err != nil {
				return err
			}
			if _, err := io.WriteString(w, sep+e); err != nil {
				return err
			}
			sep = ","
		}
	}
	_, err = io.WriteString(w, "]}\"));\n")
	return err
}

// searchObjective returns an objective's entry in the index, numbering its
// period and team as given: JSON, escaped as within a JSON string.
func searchObjective(os *okrsite.ObjectiveScore, period, team int) (string, error) {
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
	b, err := json.Marshal([6]any{period, team, url(o), o.Title, searchWords(o.Title, o.Description, o.Owner), krs})
	if err != nil {
		return "", err
	}
	return escapeInString(b), nil
}

// escapeInString returns the JSON b escaped as the inside of a JSON
// string. encoding/json escapes <, >, &, U+2028 and U+2029 both in b and
// here, so the script is safe whatever the content holds.
func escapeInString(b []byte) string {
	q, _ := json.Marshal(string(b)) // a string always marshals
	return string(q[1 : len(q)-1])
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
