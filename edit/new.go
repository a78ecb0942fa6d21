package edit

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/osfile"
	"github.com/okrsite/okrsite/internal/tomlfile"
	"github.com/okrsite/okrsite/load"
)

// newFiles are the files New* write, as text templates.
//
//go:embed newsite
var newFiles embed.FS

// newTemplates are the templates of newFiles. Their function toml writes a
// string as a TOML string, so that no value can end it early.
var newTemplates = template.Must(template.New("new").Funcs(template.FuncMap{"toml": tomlString}).ParseFS(newFiles, "newsite/*"))

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

// NewSite writes a small working site into the folder dir, which must be
// new or empty: settings, two teams, the current quarter's objectives, a
// KPI and commentary, as of today. The site is written into a folder
// beside dir and renamed into place whole, so an interrupted run leaves no
// part of a site, and the next run clears what it left beside.
func NewSite(dir, title string, today okrsite.Date) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s exists and is not empty; expected a new folder", dir)
	}
	parent, pattern := filepath.Dir(filepath.Clean(dir)), "."+filepath.Base(filepath.Clean(dir))+".new-*"
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return err
	}
	if abandoned, err := filepath.Glob(filepath.Join(parent, pattern)); err == nil {
		for _, a := range abandoned {
			os.RemoveAll(a)
		}
	}
	tmp, err := osfile.MkdirTemp(parent, pattern)
	if err != nil {
		return err
	}
	if err := writeSite(tmp, title, today); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	os.Remove(dir) // an empty folder, which rename would not replace
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// writeSite writes the files of a new site into the empty folder dir.
func writeSite(dir, title string, today okrsite.Date) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
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
		if err := writeNew(root, f.path, f.tmpl, d); err != nil {
			return err
		}
	}
	return nil
}

// Team is a new team.
type Team struct {
	ID, Name, Lead, Parent string // Name defaults to the id, capitalised
}

// NewTeam adds team t at the end of the teams.toml of the site in root,
// and returns that file's path.
func NewTeam(root *os.Root, t Team) (string, error) {
	if err := load.CheckID(t.ID); err != nil {
		return "", err
	}
	unlock, err := lock(root)
	if err != nil {
		return "", err
	}
	defer unlock()
	site, err := loadForEdit(root.FS(), root.Name())
	if err != nil {
		return "", err
	}
	src, err := root.ReadFile("teams.toml") // a regular file: it loaded
	if err != nil {
		return "", err
	}
	teams := filepath.Join(root.Name(), "teams.toml")
	for _, team := range site.Teams {
		if team.ID == t.ID {
			return "", fmt.Errorf("team %q exists in %s; expected a new id", t.ID, teams)
		}
	}
	if t.Name == "" {
		t.Name = strings.ToUpper(t.ID[:1]) + t.ID[1:]
	}
	nl := lineEnd(string(src))
	b := bytes.NewBuffer(bytes.TrimRight(src, "\r\n"))
	b.WriteString(nl + nl + "[[team]]" + nl + "id = " + tomlString(t.ID) + nl + "name = " + tomlString(t.Name) + nl)
	if t.Lead != "" {
		b.WriteString("lead = " + tomlString(t.Lead) + nl)
	}
	if t.Parent != "" {
		b.WriteString("parent = " + tomlString(t.Parent) + nl)
	}
	if err := validateNew(root, "teams.toml", b.Bytes()); err != nil {
		return "", err
	}
	return teams, write(root, "teams.toml", b.Bytes())
}

// NewPeriod writes periods/PERIOD/TEAM.toml, the team's objectives for a
// period, into the site in root, and returns its path.
func NewPeriod(root *os.Root, period, team string, today okrsite.Date) (string, error) {
	if err := load.CheckPeriodID(period); err != nil {
		return "", err
	}
	if err := load.CheckID(team); err != nil {
		return "", err
	}
	unlock, err := lock(root)
	if err != nil {
		return "", err
	}
	defer unlock()
	d := newData{
		Team: team, TeamName: team, Period: period, Objective: freeObjectiveID(root.FS(), period),
		ObjectiveTitle: "Say what you want to achieve this period", Owner: "Name of the owner",
		KeyResult: "first-result", KeyResultTitle: "Say how you will know it happened", Today: today,
	}
	return writeChecked(root, path.Join("periods", period, team+".toml"), "team.toml", d)
}

// freeObjectiveID returns an id for a new objective in period that no
// team's file of the period uses: first-objective, or first-objective-2,
// -3 and so on.
func freeObjectiveID(fsys fs.FS, period string) string {
	used := map[string]bool{}
	files, _ := fs.Glob(fsys, path.Join("periods", period, "*.toml"))
	for _, name := range files {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		if t := (&tomlfile.File{Src: string(src)}).Parse("a team's period"); t != nil {
			for _, o := range t.Tables("objective", "an objective") {
				if id, ok := o.Lookup("id"); ok {
					used[fmt.Sprint(id)] = true
				}
			}
		}
	}
	id := "first-objective"
	for n := 2; used[id]; n++ {
		id = fmt.Sprintf("first-objective-%d", n)
	}
	return id
}

// NewKPI writes kpis/ID.toml into the site in root, and returns its path.
// name defaults to a placeholder; team may be empty.
func NewKPI(root *os.Root, id, name, team string, today okrsite.Date) (string, error) {
	if err := load.CheckID(id); err != nil {
		return "", err
	}
	unlock, err := lock(root)
	if err != nil {
		return "", err
	}
	defer unlock()
	if name == "" {
		name = "Name of the KPI"
	}
	d := newData{KPI: id, KPIName: name, Unit: "%", KPITeam: team, Healthy: 75, Warning: 60, Today: today}
	return writeChecked(root, path.Join("kpis", id+".toml"), "kpi.toml", d)
}

// writeChecked writes a new file at rel in the site in root from a
// template, and takes it back, with the folders it made, if the site does
// not load cleanly with it.
func writeChecked(root *os.Root, rel, tmpl string, d newData) (string, error) {
	var made []string // the folders writing rel makes, innermost first
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if _, err := root.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		made = append(made, dir)
	}
	if err := writeNew(root, rel, tmpl, d); err != nil {
		return "", err
	}
	if err := validateNew(root, rel, nil); err != nil {
		root.Remove(rel)
		for _, dir := range made {
			root.Remove(dir)
		}
		return "", err
	}
	return filepath.Join(root.Name(), filepath.FromSlash(rel)), nil
}

// validateNew loads the site in root, with data in place of the file at rel
// when data is not nil, and returns that file's errors, and those of the
// folders it is in, as a load.ErrorList.
func validateNew(root *os.Root, rel string, data []byte) error {
	fsys := root.FS()
	if data != nil {
		fsys = WithFile(fsys, rel, data)
	}
	_, _, err := load.Load(fsys, root.Name())
	var list load.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	target := path.Join(root.Name(), rel)
	var mine load.ErrorList
	for _, le := range list {
		if le.Path == target || strings.HasPrefix(target, le.Path+"/") {
			mine = append(mine, le)
		}
	}
	if len(mine) > 0 {
		return mine
	}
	return nil
}

// writeNew writes a new file at rel in root from a template; the file
// must not exist yet.
func writeNew(root *os.Root, rel, tmpl string, d newData) error {
	var b bytes.Buffer
	if err := newTemplates.ExecuteTemplate(&b, tmpl, d); err != nil {
		return err
	}
	if err := root.MkdirAll(path.Dir(rel), 0o777); err != nil {
		return err
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists; okr new never overwrites", filepath.Join(root.Name(), filepath.FromSlash(rel)))
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
