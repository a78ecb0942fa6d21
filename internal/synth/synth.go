// Package synth generates synthetic goal sites of any size, deterministic
// from a seed, for benchmarks and load tests.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/okrsite/okrsite"
)

// Size says how big a site to make.
type Size struct {
	Teams        int // in a tree, eight children a team
	Periods      int // consecutive quarters, the last of them running
	Objectives   int // per team and period
	KeyResults   int // per objective
	Checkins     int // per key result, weekly
	KPIs         int
	Measurements int // per KPI, weekly
}

// Standard is the "10k" site: 10,000 objectives, 40,000 key results and
// 520,000 check-ins.
var Standard = Size{Teams: 500, Periods: 4, Objectives: 5, KeyResults: 4, Checkins: 13, KPIs: 100, Measurements: 104}

// Sizes are the named sizes the generator knows.
var Sizes = map[string]Size{
	"small":  {Teams: 12, Periods: 2, Objectives: 3, KeyResults: 3, Checkins: 13, KPIs: 8, Measurements: 52},
	"10k":    Standard,
	"50k":    {Teams: 2500, Periods: 4, Objectives: 5, KeyResults: 4, Checkins: 13, KPIs: 500, Measurements: 104},
	"50team": {Teams: 50, Periods: 2, Objectives: 4, KeyResults: 4, Checkins: 13, KPIs: 20, Measurements: 104},
}

// AsOf is the report date of every generated site: late in its last
// quarter, which is 2026-Q4.
var AsOf = okrsite.MakeDate(2026, 11, 20)

// firstQuarter returns the year and quarter the site's periods start at.
func firstQuarter(periods int) (year, quarter int) {
	n := 2026*4 + 3 - (periods - 1) // 2026-Q4 counted from year 0 Q1
	return n / 4, n%4 + 1
}

var (
	verbs    = []string{"Grow", "Improve", "Cut", "Speed up", "Simplify", "Strengthen", "Win", "Launch", "Modernise", "Delight"}
	subjects = []string{"onboarding", "checkout", "delivery", "support", "the mobile app", "billing", "search", "partner sales", "data quality", "hiring"}
	segments = []string{"in the Nordics", "for small businesses", "for new customers", "across Europe", "for enterprise accounts", "for our own teams"}
	metrics  = []string{"Conversion rate", "Median response time", "Weekly active users", "Net revenue", "Defects escaped", "Lead time", "Customer NPS", "Orders shipped on time", "Cost per order", "Churn"}
	units    = []string{"%", "h", "users", "MSEK", "defects", "days", "NPS", "%", "SEK", "%"}
	people   = []string{"Anna Berg", "Erik Lind", "Maria Sjö", "Johan Ek", "Sara Holm", "Lars Dahl", "Karin Nyström", "Per Åberg", "Elin Strand", "Oskar Björk"}
)

// Files generates a site of the given size from seed, as file paths and
// contents.
func Files(size Size, seed uint64) map[string][]byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	files := map[string][]byte{}
	files["site.toml"] = []byte(fmt.Sprintf("title = \"Synthetic goals\"\norganisation = \"Synthetic AB\"\nlanguage = \"en\"\nas_of = %s\ncadence = \"weekly\"\n", AsOf))

	var b strings.Builder
	for i := range size.Teams {
		fmt.Fprintf(&b, "[[team]]\nid = %q\nname = \"Team %d\"\nlead = %q\n", teamID(i), i, people[i%len(people)])
		if i > 0 {
			fmt.Fprintf(&b, "parent = %q\n", teamID((i-1)/8))
		}
		b.WriteByte('\n')
	}
	files["teams.toml"] = []byte(b.String())

	lastMeasurement := AsOf.AddDays(-3)
	for k := range size.KPIs {
		b.Reset()
		fmt.Fprintf(&b, "name = \"%s %d\"\nunit = %q\nteam = %q\ncadence = \"weekly\"\ndirection = \"higher\"\nhealthy = 60\nwarning = 40\nmeasurements = [\n",
			metrics[k%len(metrics)], k, units[k%len(units)], teamID(k%size.Teams))
		v := 40 + r.Float64()*40
		for m := range size.Measurements {
			d := lastMeasurement.AddDays(-7 * (size.Measurements - 1 - m))
			v += r.NormFloat64() * 2
			fmt.Fprintf(&b, "  [%s, %s],\n", d, num(v))
		}
		b.WriteString("]\n")
		files[fmt.Sprintf("kpis/%s.toml", kpiID(k))] = []byte(b.String())
	}

	year, quarter := firstQuarter(size.Periods)
	for range size.Periods {
		id := fmt.Sprintf("%d-Q%d", year, quarter)
		_, start, end, _ := okrsite.PeriodDates(id)
		for t := range size.Teams {
			b.Reset()
			teamFile(&b, r, size, t, start, end)
			files[fmt.Sprintf("periods/%s/%s.toml", id, teamID(t))] = []byte(b.String())
		}
		if quarter++; quarter > 4 {
			year, quarter = year+1, 1
		}
	}
	return files
}

// teamFile writes one team's objectives for a period.
func teamFile(b *strings.Builder, r *rand.Rand, size Size, t int, start, end okrsite.Date) {
	step := max(1, (start.DaysUntil(end)-3)/max(1, size.Checkins))
	for o := range size.Objectives {
		fmt.Fprintf(b, "[[objective]]\nid = \"%s-o%d\"\ntitle = \"%s %s %s\"\nowner = %q\n",
			teamID(t), o, verbs[r.IntN(len(verbs))], subjects[r.IntN(len(subjects))], segments[r.IntN(len(segments))], people[r.IntN(len(people))])
		if o%3 == 2 {
			b.WriteString("kind = \"aspirational\"\n")
		}
		if t > 0 {
			fmt.Fprintf(b, "parent = \"%s-o%d\"\n", teamID((t-1)/8), o)
		}
		for k := range size.KeyResults {
			m := r.IntN(len(metrics))
			startV := float64(10 + r.IntN(90))
			target := startV * (1.2 + r.Float64())
			fmt.Fprintf(b, "\n  [[objective.kr]]\n  id = \"kr%d\"\n  title = %q\n  unit = %q\n  start = %s\n  target = %s\n",
				k, metrics[m], units[m], num(startV), num(target))
			if size.Checkins > 0 {
				b.WriteString("  checkins = [\n")
				pace := 0.4 + r.Float64()*0.9
				for c := range size.Checkins {
					d := start.AddDays(3 + c*step)
					share := pace * float64(c+1) / float64(size.Checkins)
					v := startV + (target-startV)*share + r.NormFloat64()*(target-startV)*0.03
					fmt.Fprintf(b, "    [%s, %s, %s", d, num(v), num(0.3+r.Float64()*0.7))
					if c%4 == 3 {
						b.WriteString(`, "Weekly review done"`)
					}
					b.WriteString("],\n")
				}
				b.WriteString("  ]\n")
			}
		}
		b.WriteByte('\n')
	}
}

func teamID(i int) string { return "t" + strconv.Itoa(i) }

func kpiID(i int) string { return "k" + strconv.Itoa(i) }

func num(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// FS returns the files as an in-memory file system.
func FS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// Write writes the files under dir, which must not exist yet.
func Write(dir string, files map[string][]byte) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s exists; expected a new folder", dir)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
