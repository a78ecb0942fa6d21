package okrsite

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// A person is a name the content gives as an objective's or key result's
// owner or as a team's lead. Names are matched exactly as written, byte
// for byte: "Anna Berg", "anna berg" and "Anna  Berg" are three people.
// A name of only spaces names nobody.
//
// A person owns the objectives that name them as owner, the key results
// that name them (and those that name nobody, of objectives they own),
// and, as the KPIs have no owner of their own, the KPIs of the teams they
// lead.

// Person is everyone's view of one owner: what they own, with its scores,
// and the check-ins they owe.
type Person struct {
	Name string
	// Slug names the person's page: lowercase letters a-z, digits and
	// single dashes, unique among the site's people; see People.
	Slug    string
	Teams   []*Team         // the teams they lead, in site order
	Periods []*PersonPeriod // the periods in which they own objectives or key results, newest first
	KPIs    []*KPIScore     // of the teams they lead, in site order
	Due     []Due           // their key results' check-ins overdue or due within DueSoon days, by date
}

// PersonPeriod is what a person owns in one period.
type PersonPeriod struct {
	Period     *Period
	Objectives []*ObjectiveScore // in site order
	KeyResults []*KeyResultScore // in site order, including those of their own objectives
}

// Overdue returns how many of the person's check-ins are overdue.
func (p *Person) Overdue() int {
	n := 0
	for _, d := range p.Due {
		if d.Overdue() {
			n++
		}
	}
	return n
}

// People returns everyone the site names as an owner or lead, by name:
// in byte order of the names in lower case (strings.ToLower), names equal
// so in byte order. This is no language's alphabetical order, but it is
// the same on every machine.
func People(c *Scorecard) []*Person {
	byName := map[string]*Person{}
	person := func(name string) *Person {
		if strings.TrimSpace(name) == "" {
			return nil
		}
		p := byName[name]
		if p == nil {
			p = &Person{Name: name}
			byName[name] = p
		}
		return p
	}
	for _, t := range c.Site.Teams {
		if p := person(t.Lead); p != nil {
			p.Teams = append(p.Teams, t)
		}
	}
	for i := len(c.Periods) - 1; i >= 0; i-- {
		ps := c.Periods[i]
		for _, os := range ps.Objectives {
			if p := person(os.Objective.Owner); p != nil {
				pp := p.inPeriod(ps.Period)
				pp.Objectives = append(pp.Objectives, os)
			}
			for _, krs := range os.KeyResults {
				if p := person(cmp.Or(krs.KeyResult.Owner, os.Objective.Owner)); p != nil {
					pp := p.inPeriod(ps.Period)
					pp.KeyResults = append(pp.KeyResults, krs)
					if d, ok := NextDue(krs, c.AsOf); ok && d.Soon() {
						p.Due = append(p.Due, d)
					}
				}
			}
		}
	}
	people := make([]*Person, 0, len(byName))
	for _, p := range byName {
		for _, t := range p.Teams {
			for _, ks := range c.KPIs {
				if ks.KPI.Team == t {
					p.KPIs = append(p.KPIs, ks)
				}
			}
		}
		slices.SortStableFunc(p.Due, func(a, b Due) int { return cmp.Compare(a.Date, b.Date) })
		people = append(people, p)
	}
	slices.SortFunc(people, func(a, b *Person) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Name, b.Name))
	})
	assignSlugs(people)
	return people
}

// inPeriod returns what p owns in period, adding it after the periods
// seen so far.
func (p *Person) inPeriod(period *Period) *PersonPeriod {
	if n := len(p.Periods); n > 0 && p.Periods[n-1].Period == period {
		return p.Periods[n-1]
	}
	pp := &PersonPeriod{Period: period}
	p.Periods = append(p.Periods, pp)
	return pp
}

// maxSlug is the longest a slug is before a suffix that tells two apart.
const maxSlug = 48

// assignSlugs gives each person a slug that is safe as a file name and
// unique: the name in lower case, with å, ä, é, ø, ß and other Latin
// letters written as the ASCII letters they are based on, and every run
// of anything else (spaces, punctuation, dots, slashes, other scripts) as
// one dash, trimmed, at most maxSlug long. A slug that two names share,
// or that is empty, gets a dash and the first 8 hex digits of the
// SHA-256 of the name; should that still clash, more digits. So a
// person's slug depends only on their name and on the names that share
// its plain slug, and never leaves the folder it is put in.
func assignSlugs(people []*Person) {
	base := make([]string, len(people))
	shared := map[string]int{}
	for i, p := range people {
		base[i] = slugify(p.Name)
		shared[base[i]]++
	}
	taken := map[string]bool{}
	for i, p := range people {
		if shared[base[i]] == 1 && base[i] != "" {
			p.Slug = base[i]
			taken[p.Slug] = true
		}
	}
	for i, p := range people {
		if p.Slug != "" {
			continue
		}
		sum := sha256.Sum256([]byte(p.Name))
		digits := hex.EncodeToString(sum[:])
		for n := 8; ; n += 8 {
			p.Slug = strings.TrimPrefix(base[i]+"-"+digits[:min(n, len(digits))], "-")
			if !taken[p.Slug] || n >= len(digits) {
				break
			}
		}
		taken[p.Slug] = true
	}
}

// slugify writes name as lowercase ASCII letters and digits with single
// dashes between words.
func slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		s := foldLatin(r)
		if s == "" {
			dash = b.Len() > 0
			continue
		}
		if b.Len()+len(s)+1 > maxSlug {
			break
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(s)
	}
	return b.String()
}

// foldLatin returns r, a lower-case letter or digit, as ASCII: itself when
// it is a-z or 0-9, the letters it is based on for the Latin letters of
// European names, and "" for anything else.
func foldLatin(r rune) string {
	switch {
	case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		return string(r)
	case r < 0xdf || r > 0x17f:
		return ""
	}
	for _, f := range latinFolds {
		if strings.ContainsRune(f.from, r) {
			return f.to
		}
	}
	return ""
}

// latinFolds are the lower-case letters of Latin-1 and Latin Extended-A
// and the ASCII they are written as in a slug.
var latinFolds = []struct{ from, to string }{
	{"àáâãäåāăą", "a"}, {"æ", "ae"}, {"çćĉċč", "c"}, {"ďđð", "d"},
	{"èéêëēĕėęě", "e"}, {"ĝğġģ", "g"}, {"ĥħ", "h"}, {"ìíîïĩīĭįı", "i"},
	{"ĳ", "ij"}, {"ĵ", "j"}, {"ķĸ", "k"}, {"ĺļľŀł", "l"}, {"ñńņňŉŋ", "n"},
	{"òóôõöøōŏő", "o"}, {"œ", "oe"}, {"ŕŗř", "r"}, {"ß", "ss"}, {"śŝşšſ", "s"},
	{"ţťŧ", "t"}, {"þ", "th"}, {"ùúûüũūŭůűų", "u"}, {"ŵ", "w"}, {"ýÿŷ", "y"},
	{"źżž", "z"},
}
