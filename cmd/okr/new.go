package main

import (
	"bytes"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/internal/osfile"
	"github.com/okrsite/okrsite/load"
)

// newFiles are the files "okr new" writes, as text templates.
//
//go:embed newsite
var newFiles embed.FS

var newTemplates = template.Must(template.New("new").ParseFS(newFiles, "newsite/*"))

// newFlags are the flags of "okr new".
type newFlags struct {
	dir, name, lead, parent, team, title string
}

func init() {
	var nf newFlags
	commands = append(commands, &command{
		name:    "new",
		args:    "site DIR | team ID | period PERIOD TEAM | kpi ID",
		summary: "start a site, or add a team, a team's period or a KPI",
		help: `
New writes files that teach the content format by example, with comments.

	okr new site DIR            a small working site: settings, two teams,
	                            the current quarter's objectives, a KPI and
	                            commentary; it builds and checks clean
	okr new team ID             a team in teams.toml (-name, -lead, -parent)
	okr new period PERIOD TEAM  periods/PERIOD/TEAM.toml: the team's
	                            objectives for a period, such as 2026-Q4
	okr new kpi ID              kpis/ID.toml (-name, -team)

The files check clean as written; replace the placeholder names and numbers
with your own. New never overwrites: it refuses a file or team that exists.`,
		flags: func(fs *flag.FlagSet) func() error {
			fs.StringVar(&nf.dir, "dir", "content", "the content `folder` (not for new site)")
			fs.StringVar(&nf.name, "name", "", "the new team's or KPI's `name`")
			fs.StringVar(&nf.lead, "lead", "", "the new team's `lead`")
			fs.StringVar(&nf.parent, "parent", "", "the new team's parent `team`")
			fs.StringVar(&nf.team, "team", "", "the new KPI's owning `team`")
			fs.StringVar(&nf.title, "title", "Our goals", "the new site's `title`")
			return nil
		},
		run: func(e *env, args []string) error { return e.newFiles(args, nf) },
	})
}

func (e *env) newFiles(args []string, nf newFlags) error {
	if len(args) == 0 {
		return usagef("expected what to make: site, team, period or kpi")
	}
	kind, rest := args[0], args[1:]
	want := map[string]int{"site": 1, "team": 1, "period": 2, "kpi": 1}
	n, ok := want[kind]
	if !ok {
		return usagef("cannot make %q; expected site, team, period or kpi", kind)
	}
	if len(rest) != n {
		return usagef("okr new %s takes %d argument(s); got %d", kind, n, len(rest))
	}
	today := okrsite.DateOf(e.now())
	switch kind {
	case "site":
		return e.newSite(rest[0], nf.title, today)
	case "team":
		return e.newTeam(nf, rest[0])
	case "period":
		return e.newPeriod(nf.dir, rest[0], rest[1], today)
	}
	return e.newKPI(nf, rest[0], today)
}

// newData is what the templates of new files are given.
type newData struct {
	Title, Organisation, Company, Team, TeamName, Period string
	Objective, ObjectiveTitle, KeyResult, KeyResultTitle string
	Owner, Parent                                        string
	KPI, KPIName, Unit, KPITeam                          string
	Healthy, Warning                                     int
	Started                                              bool // the period has begun: add a first check-in
	Measurement                                          []string
	Today                                                okrsite.Date
}

// quarter returns the id of the quarter that contains d.
func quarter(d okrsite.Date) string {
	y, m, _ := d.Civil()
	return fmt.Sprintf("%d-Q%d", y, (int(m)+2)/3)
}

// monthEnds returns the last days of the n months before d's month.
func monthEnds(d okrsite.Date, n int) []okrsite.Date {
	y, m, _ := d.Civil()
	first := okrsite.MakeDate(y, m, 1)
	var out []okrsite.Date
	for i := n; i >= 1; i-- {
		fy, fm, _ := first.Civil()
		out = append(out, okrsite.MakeDate(fy, fm-time.Month(i)+1, 1)-1)
	}
	return out
}

func (e *env) newSite(dir, title string, today okrsite.Date) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s exists and is not empty; expected a new folder", dir)
	}
	q := quarter(today)
	d := newData{
		Title: title, Organisation: "Example AB", Company: "company", Team: "product", TeamName: "Product", Period: q,
		Objective: "adoption", ObjectiveTitle: "Make the new app the way customers work", Owner: "Name of the team lead",
		KeyResult: "weekly-active", KeyResultTitle: "Share of customers active in the app each week", Parent: "grow", Started: true,
		KPI: "nps", KPIName: "Net Promoter Score", Unit: "NPS", KPITeam: "company", Healthy: 40, Warning: 20, Today: today,
	}
	for i, m := range monthEnds(today, 3) {
		d.Measurement = append(d.Measurement, fmt.Sprintf("%s, %d", m, 34+3*i))
	}
	files := []struct{ tmpl, path string }{
		{"site.toml", "site.toml"},
		{"teams.toml", "teams.toml"},
		{"company.toml", path.Join("periods", q, "company.toml")},
		{"team.toml", path.Join("periods", q, "product.toml")},
		{"period.md", path.Join("periods", q+".md")},
		{"kpi.toml", "kpis/nps.toml"},
	}
	for _, f := range files {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(f.path)), f.tmpl, d); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "made a site in %s; check it with: okr check %s; build it with: okr build %s\n", dir, dir, dir)
	return nil
}

func (e *env) newTeam(nf newFlags, id string) error {
	teams := filepath.Join(nf.dir, "teams.toml")
	src, err := os.ReadFile(teams)
	if err != nil {
		return err
	}
	site, err := e.loadSite(nf.dir)
	if err != nil {
		return err
	}
	for _, t := range site.Teams {
		if t.ID == id {
			return fmt.Errorf("team %q exists in %s; expected a new id", id, teams)
		}
	}
	name := nf.name
	if name == "" {
		name = strings.ToUpper(id[:1]) + id[1:]
	}
	var b bytes.Buffer
	b.Write(bytes.TrimRight(src, "\n"))
	fmt.Fprintf(&b, "\n\n[[team]]\nid = %q\nname = %q\n", id, name)
	if nf.lead != "" {
		fmt.Fprintf(&b, "lead = %q\n", nf.lead)
	}
	if nf.parent != "" {
		fmt.Fprintf(&b, "parent = %q\n", nf.parent)
	}
	if err := e.validateNew(nf.dir, "teams.toml", b.Bytes()); err != nil {
		return err
	}
	if err := osfile.Replace(teams, b.Bytes(), true); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added team %s to %s\n", id, teams)
	return nil
}

func (e *env) newPeriod(dir, period, team string, today okrsite.Date) error {
	rel := path.Join("periods", period, team+".toml")
	d := newData{
		Team: team, TeamName: team, Period: period, Objective: "first-objective",
		ObjectiveTitle: "Say what you want to achieve this period", Owner: "Name of the owner",
		KeyResult: "first-result", KeyResultTitle: "Say how you will know it happened", Today: today,
	}
	return e.writeChecked(dir, rel, "team.toml", d)
}

func (e *env) newKPI(nf newFlags, id string, today okrsite.Date) error {
	name := nf.name
	if name == "" {
		name = "Name of the KPI"
	}
	d := newData{KPI: id, KPIName: name, Unit: "%", KPITeam: nf.team, Healthy: 75, Warning: 60, Today: today}
	return e.writeChecked(nf.dir, path.Join("kpis", id+".toml"), "kpi.toml", d)
}

// writeChecked writes a new file at rel in the site dir from a template,
// and takes it back if the site does not load cleanly with it.
func (e *env) writeChecked(dir, rel, tmpl string, d newData) error {
	target := filepath.Join(dir, filepath.FromSlash(rel))
	made, err := missingDirs(filepath.Dir(target))
	if err != nil {
		return err
	}
	if err := writeNew(target, tmpl, d); err != nil {
		return err
	}
	if err := e.validateNew(dir, rel, nil); err != nil {
		os.Remove(target)
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i])
		}
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", target)
	return nil
}

// missingDirs lists the folders that writing into dir would create, outermost
// first.
func missingDirs(dir string) ([]string, error) {
	var made []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		made = append([]string{d}, made...)
		if d == filepath.Dir(d) {
			break
		}
	}
	return made, nil
}

// validateNew loads the site in dir, with data in place of the file at rel
// when data is not nil, and reports that file's errors, if any.
func (e *env) validateNew(dir, rel string, data []byte) error {
	root, err := build.OpenDir(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	var fsys fs.FS = root.FS()
	if data != nil {
		fsys = load.WithFile(fsys, rel, data)
	}
	_, _, err = load.Load(fsys, dir)
	var list load.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	// The new file's own errors, and those of the folders it is in.
	target := path.Join(dir, rel)
	var mine load.ErrorList
	for _, le := range list {
		if le.Path == target || strings.HasPrefix(target, le.Path+"/") {
			mine = append(mine, le)
		}
	}
	if len(mine) > 0 {
		fmt.Fprintln(e.stderr, mine.Error())
		return errContent
	}
	return nil
}

// writeNew writes a new file from a template.
func writeNew(target, tmpl string, d newData) error {
	var b bytes.Buffer
	if err := newTemplates.ExecuteTemplate(&b, tmpl, d); err != nil {
		return err
	}
	return writeNewFile(target, b.Bytes())
}

// writeNewFile writes data to a file that must not exist yet.
func writeNewFile(target string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists; okr new never overwrites", target)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
