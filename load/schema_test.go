package load

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/okrsite/okrsite"
)

// A schemaTable is one kind of table of the format, written with every key
// it may hold together: the lines of its keys, one a line, between the
// text before and after it in the file.
type schemaTable struct {
	kind   string // the kind, as the FuzzUnknownKey corpus names it
	file   string // the file within the site
	what   string // what messages call the table
	before string // the file's text before the table's keys
	keys   []string
	after  string
	extra  map[string]string // other files the table needs
}

// salesBefore and salesAfter put key-result lines into the sales team's
// objective of the base site, beside a second key result.
const (
	salesBefore = "[[objective]]\nid = \"land-norway\"\ntitle = \"Land our first customers in Norway\"\nparent = \"grow\"\n\n[[objective.kr]]\n"
	salesAfter  = "\n[[objective.kr]]\nid = \"office\"\ntitle = \"Open the Oslo office\"\ndone = false\n"
)

// earlierPeriod is a period before the base site's, for continues.
var earlierPeriod = map[string]string{"periods/2026-Q2/company.toml": "[[objective]]\nid = \"grow\"\ntitle = \"Grow\"\n\n[[objective.kr]]\nid = \"revenue\"\ntitle = \"Revenue\"\nstart = 8\ntarget = 10\n"}

// schemaTables are every kind of table in the format, and for a kind whose
// keys exclude each other (a key result's value, KPI or milestones), each
// way of writing it.
var schemaTables = []schemaTable{
	{kind: "site", file: "site.toml", what: "site settings", keys: []string{
		`title = "Goals"`, `organisation = "Testbolaget AB"`, `language = "en"`, `locale = "en-GB"`, `base_url = "/goals/"`,
		`as_of = 2026-08-14`, `cadence = "weekly"`, `allow_html = false`}},
	{kind: "teams", file: "teams.toml", what: "the teams file",
		keys: []string{`team = [{id = "company", name = "Testbolaget"}, {id = "sales", name = "Sales", parent = "company"}]`}},
	{kind: "team", file: "teams.toml", what: "a team", before: "[[team]]\nid = \"company\"\nname = \"Testbolaget\"\n\n[[team]]\n", keys: []string{
		`id = "sales"`, `name = "Sales"`, `lead = "Eva Ek"`, `parent = "company"`}},
	{kind: "period", file: "periods/autumn.toml", what: "a period", keys: []string{
		`name = "Autumn push"`, `start = 2026-09-01`, `end = 2027-02-28`}},
	{kind: "team period", file: "periods/2026-Q3/sales.toml", what: "a team's period", keys: []string{
		`objective = [{id = "land-norway", title = "Land", parent = "grow", kr = [{id = "deals", title = "Deals", start = 0, target = 5}, {id = "office", title = "Office", done = false}]}]`}},
	{kind: "objective", file: "periods/2026-Q3/sales.toml", what: "an objective", before: "[[objective]]\n", after: "\n[[objective.kr]]\nid = \"deals\"\ntitle = \"Deals signed\"\nstart = 0\ntarget = 5\n" + salesAfter, keys: []string{
		`id = "land-norway"`, `title = "Land our first customers in Norway"`, `description = "Norway first."`,
		`owner = "Eva Ek"`, `kind = "aspirational"`, `weight = 2`, `parent = "grow"`,
		`continues = "2026-Q2/grow"`, `retro = "Norway took longer."`}, extra: earlierPeriod},
	{kind: "key result", file: "periods/2026-Q3/sales.toml", what: "a key result", before: salesBefore, after: salesAfter, keys: []string{
		`id = "deals"`, `title = "Deals signed"`, `owner = "Eva Ek"`, `unit = ["deal", "deals"]`, `start = 0`, `target = 5`,
		`direction = "increase"`, `weight = 2`, `cadence = "biweekly"`, `checkins = [[2026-08-07, 1, 0.5, "Oslo"]]`,
		`continues = "2026-Q2/grow/revenue"`, `retro = "Two deals slipped into the next quarter."`}, extra: earlierPeriod},
	{kind: "key result", file: "periods/2026-Q3/sales.toml", what: "a key result", before: salesBefore, after: salesAfter, keys: []string{
		`id = "engaged"`, `title = "Engaged sellers"`, `owner = "Eva Ek"`, `unit = "index"`, `kpi = "engagement"`,
		`start = 70`, `target = 80`, `direction = "increase"`, `weight = 2`, `cadence = "monthly"`}},
	{kind: "key result", file: "periods/2026-Q3/sales.toml", what: "a key result", before: salesBefore, after: salesAfter, keys: []string{
		`id = "steps"`, `title = "Steps taken"`, `owner = "Eva Ek"`, `unit = "steps"`, `weight = 2`, `cadence = "monthly"`,
		`milestones = [["Lease signed", 2026-07-20], ["Office opened"]]`}},
	{kind: "key result", file: "periods/2026-Q3/sales.toml", what: "a key result", before: salesBefore, after: salesAfter, keys: []string{
		`id = "lease"`, `title = "Lease signed"`, `owner = "Eva Ek"`, `unit = "lease"`, `weight = 2`, `cadence = "monthly"`,
		`done = 2026-07-20`}},
	{kind: "kpi", file: "kpis/engagement.toml", what: "a KPI", keys: []string{
		`name = "Employee engagement"`, `unit = "index"`, `team = "company"`, `description = "Pulse survey."`,
		`direction = "higher"`, `cadence = "monthly"`, `healthy = 75`, `warning = 65`,
		`measurements = [[2026-05-31, 72], [2026-06-30, 70], [2026-07-31, 71]]`}},
	{kind: "kpi", file: "kpis/engagement.toml", what: "a KPI", keys: []string{
		`name = "Employee engagement"`, `unit = "index"`, `team = "company"`, `description = "Pulse survey."`,
		`direction = "band"`, `cadence = "monthly"`, `healthy = [70, 80]`, `warning = [60, 90]`,
		`csv = "engagement.csv"`, `csv_columns = ["Month", "Index"]`},
		extra: map[string]string{"kpis/engagement.csv": "Month,Index\n2026-05,72\n2026-06,70\n2026-07,71\n"}},
	{kind: "front matter", file: "periods/2026-Q3.md", what: "front matter", before: "+++\n", after: "+++\nThe quarter.\n", keys: []string{
		`author = "Eva Ek"`, `date = 2026-08-14`}},
}

// documentedKeys returns the keys of each kind of table.
func documentedKeys() map[string][]string {
	keys := map[string][]string{}
	for _, st := range schemaTables {
		for _, line := range st.keys {
			k, _, _ := strings.Cut(line, " =")
			if !slices.Contains(keys[st.kind], k) {
				keys[st.kind] = append(keys[st.kind], k)
			}
		}
	}
	return keys
}

// text returns the table's file with extra lines after the key line at
// index i (-1 for none).
func (st schemaTable) text(i int, extra string) string {
	var b strings.Builder
	b.WriteString(st.before)
	for j, line := range st.keys {
		b.WriteString(line + "\n")
		if j == i {
			b.WriteString(extra)
		}
	}
	b.WriteString(st.after)
	return b.String()
}

// site returns the base site with the table's file holding text.
func (st schemaTable) site(t testing.TB, text string) fstest.MapFS {
	fsys := siteFS(t)
	fsys[st.file] = &fstest.MapFile{Data: []byte(text)}
	for name, data := range st.extra {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// TestSchemaTablesLoad checks that each table, written with all its keys,
// loads cleanly, so the errors the other tests find are their own.
func TestSchemaTablesLoad(t *testing.T) {
	for _, st := range schemaTables {
		if _, _, err := Load(st.site(t, st.text(-1, "")), "site"); err != nil {
			t.Errorf("%s with all its keys:\n%s\ndoes not load: %v", st.what, st.text(-1, ""), err)
		}
	}
}

// TestMisspeltKeyBesideEveryKey puts a misspelling of each key of each
// table next to it, with every other key of the table present: the error
// names the misspelt key, its line and column, and the key meant.
func TestMisspeltKeyBesideEveryKey(t *testing.T) {
	for _, st := range schemaTables {
		for i, line := range st.keys {
			key, value, _ := strings.Cut(line, " =")
			typo := key + key[len(key)-1:] // the last letter twice: title -> titlee
			text := st.text(i, typo+" ="+value+"\n")
			_, _, err := Load(st.site(t, text), "site")
			row := strings.Count(st.before, "\n") + i + 2
			want := fmt.Sprintf("site/%s:%d:1: unknown key %q in %s; did you mean %q?", st.file, row, typo, st.what, key)
			if err == nil || !slices.Contains(strings.Split(err.Error(), "\n"), want) {
				t.Errorf("%s beside %s in %s:\ngot  %v\nwant %s", typo, key, st.what, err, want)
			}
		}
	}
}

// TestFormatDocumentsEveryKey checks that docs/format.md mentions every key
// the tests above know, so the sets FuzzUnknownKey holds to are the
// documented ones.
func TestFormatDocumentsEveryKey(t *testing.T) {
	doc, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	for kind, keys := range documentedKeys() {
		for _, k := range keys {
			if !strings.Contains(string(doc), k+" =") && !strings.Contains(string(doc), "`"+k+"`") && !strings.Contains(string(doc), "[["+k+"]]") {
				t.Errorf("docs/format.md does not mention the %s key %q", kind, k)
			}
		}
	}
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// FuzzUnknownKey adds a key to a table of each kind: any key that is not
// one of the table's documented keys is an error that names it.
func FuzzUnknownKey(f *testing.F) {
	for i, st := range schemaTables {
		for _, line := range st.keys {
			k, _, _ := strings.Cut(line, " =")
			f.Add(uint8(i), k)
			f.Add(uint8(i), k+"s")
		}
	}
	f.Add(uint8(0), "organization")
	f.Add(uint8(0), "allow_htm")
	documented := documentedKeys()
	f.Fuzz(func(t *testing.T, which uint8, key string) {
		st := schemaTables[int(which)%len(schemaTables)]
		if !bareKey.MatchString(key) || slices.Contains(documented[st.kind], key) {
			t.Skip()
		}
		_, _, err := Load(st.site(t, st.text(0, key+" = 1\n")), "site")
		want := fmt.Sprintf("unknown key %q in %s", key, st.what)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("%s = 1 in %s: got %v; want an error with %s", key, st.what, err, want)
		}
	})
}

// TestLocaleAndLanguage checks how the language follows from the locale:
// it derives from the locale when absent and stays as given otherwise.
func TestLocaleAndLanguage(t *testing.T) {
	cases := []struct {
		name, lines, locale, language string
	}{
		{"a site with neither is English without a locale", ``, "", "en"},
		{"a language alone leaves the locale empty", `language = "sv"`, "", "sv"},
		{"a Swedish locale makes the site Swedish", `locale = "sv-SE"`, "sv-SE", "sv"},
		{"an American locale makes the site English", `locale = "en-US"`, "en-US", "en"},
		{"a language given stays as given", "locale = \"sv-SE\"\nlanguage = \"en\"", "sv-SE", "en"},
		{"a locale in any spelling reads as listed", `locale = "en_gb"`, "en-GB", "en"},
	}
	for _, c := range cases {
		fsys := siteFS(t)
		fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"Goals\"\nas_of = 2026-08-14\n" + c.lines + "\n")}
		site, _, err := Load(fsys, "site")
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if s := site.Settings; s.Locale != c.locale || s.Language != c.language {
			t.Errorf("%s: locale %q, language %q; want %q, %q", c.name, s.Locale, s.Language, c.locale, c.language)
		}
	}
}

// TestUnitForms reads a unit's singular and plural, for key results, KPIs
// and the key results that lift a KPI.
func TestUnitForms(t *testing.T) {
	fsys := siteFS(t)
	fsys["kpis/engagement.toml"].Data = []byte(strings.Replace(string(fsys["kpis/engagement.toml"].Data), `unit = "index"`, `unit = ["point", "points"]`, 1))
	site, _, err := Load(fsys, "site")
	if err != nil {
		t.Fatal(err)
	}
	want := okrsite.Unit{One: "point", Other: "points"}
	if got := site.KPIs[0].Units(); got != want {
		t.Errorf("the KPI's unit is %+v; want %+v", got, want)
	}
	if got := site.Objectives[0].KeyResults[1].Units(); got != want {
		t.Errorf("the key result lifting it has unit %+v; want %+v", got, want)
	}
	if got := site.Objectives[0].KeyResults[0].Units(); got.One != "" {
		t.Errorf("a unit of one form has a singular: %+v", got)
	}
}
