// Package edit changes a site's content files as a careful person would:
// it adds a check-in or a measurement in date order, leaving every other
// byte of the file as it was, and it writes new files that teach the format
// by example. Every change is checked by loading the whole site with it
// before anything is written, and a changed file is replaced in one step.
package edit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/osfile"
	"github.com/okrsite/okrsite/internal/tomlfile"
	"github.com/okrsite/okrsite/load"
)

// Change is a new content for one content file, ready to be written.
type Change struct {
	Path     string // the file within the site
	Data     []byte // its new content
	Replaced bool   // an entry of the same date was replaced, not added
	// Settings and Unit are the site's settings and the unit of the value
	// recorded, for a message that shows the value as the site does.
	Settings okrsite.Settings
	Unit     okrsite.Unit
}

// Record adds c to the site in root: as a check-in of the key result ref
// (PERIOD/OBJECTIVE/KR or OBJECTIVE/KR), or, when ref has no slash, as a
// measurement of the KPI with that id (c's confidence and note unused). It
// reads the site and writes the changed file under a lock on the content
// folder, so that check-ins recorded at once all land, and returns the
// change.
func Record(root *os.Root, ref string, c okrsite.Checkin) (Change, error) {
	unlock, err := lock(root)
	if err != nil {
		return Change{}, err
	}
	defer unlock()
	var ch Change
	if strings.Contains(ref, "/") {
		ch, err = AddCheckin(root.FS(), root.Name(), ref, c)
	} else {
		ch, err = AddMeasurement(root.FS(), root.Name(), ref, okrsite.Measurement{Date: c.Date, Value: c.Value})
	}
	if err != nil {
		return Change{}, err
	}
	return ch, write(root, ch.Path, ch.Data)
}

// write replaces the file at rel in the site in root with data in one
// step. A file that is a symbolic link stays one: its target is replaced,
// if it is inside the content folder.
func write(root *os.Root, rel string, data []byte) error {
	dir, err := filepath.EvalSymlinks(root.Name())
	if err != nil {
		return err
	}
	target, err := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	if inside, err := filepath.Rel(dir, target); err != nil || !filepath.IsLocal(inside) {
		return fmt.Errorf("%s links to %s, outside the content folder; expected a file inside it", rel, target)
	}
	return osfile.Replace(target, data, true)
}

// AddCheckin adds check-in c to the key result ref and returns the edited
// team file. ref is PERIOD/OBJECTIVE/KR, or OBJECTIVE/KR for the objective
// whose period contains the check-in's date. A check-in of the same date
// is replaced, so running the same command twice changes nothing the second
// time. Only the new entry's text changes: comments, order and formatting
// stay as they were. The whole site in fsys (called name in messages) is
// loaded with the change before it is returned; a change that would break
// it comes back as an error wrapping a load.ErrorList.
func AddCheckin(fsys fs.FS, name, ref string, c okrsite.Checkin) (Change, error) {
	site, err := loadForEdit(fsys, name)
	if err != nil {
		return Change{}, err
	}
	kr, err := findKeyResult(site, ref, c.Date)
	if err != nil {
		return Change{}, err
	}
	if kr.KPI != nil {
		return Change{}, fmt.Errorf("key result %s takes its values from KPI %s; add a measurement to the KPI instead: okr checkin %s VALUE", kr.Ref(), kr.KPI.ID, kr.KPI.ID)
	}
	if kr.IsMilestone() {
		return Change{}, fmt.Errorf("key result %s is measured by milestones; mark them done in its file", kr.Ref())
	}
	if !utf8.ValidString(c.Note) {
		return Change{}, errors.New("the note is not UTF-8 text; expected text")
	}
	p := kr.Objective.Period
	if !p.Contains(c.Date) {
		return Change{}, fmt.Errorf("%s is outside %s (%s to %s); expected a date within the key result's period", c.Date, p.ID, p.Start, p.End)
	}
	rel := path.Join("periods", p.ID, kr.Objective.Team.ID+".toml")
	src, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return Change{}, err
	}
	at, err := keyResultPath(string(src), rel, kr)
	if err != nil {
		return Change{}, err
	}
	dates := make([]okrsite.Date, len(kr.Checkins))
	for i, ci := range kr.Checkins {
		dates[i] = ci.Date
	}
	data, replaced := insertEntry(string(src), at, "checkins", dates, c.Date, checkinText(c))
	return validated(fsys, name, Change{Path: rel, Data: []byte(data), Replaced: replaced, Settings: site.Settings, Unit: kr.Units()})
}

// AddMeasurement adds measurement m to the KPI id, inline or in its CSV
// file, replacing one of the same date, in the same way as AddCheckin.
func AddMeasurement(fsys fs.FS, name, id string, m okrsite.Measurement) (Change, error) {
	site, err := loadForEdit(fsys, name)
	if err != nil {
		return Change{}, err
	}
	i := slices.IndexFunc(site.KPIs, func(k *okrsite.KPI) bool { return k.ID == id })
	if i < 0 {
		ids := make([]string, len(site.KPIs))
		for i, k := range site.KPIs {
			ids[i] = k.ID
		}
		return Change{}, errors.New(load.Unknown("KPI", id, ids))
	}
	k := site.KPIs[i]
	rel := path.Join("kpis", id+".toml")
	src, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return Change{}, err
	}
	dates := make([]okrsite.Date, len(k.Measurements))
	for i, m := range k.Measurements {
		dates[i] = m.Date
	}
	t := (&tomlfile.File{Src: string(src)}).Parse("a KPI")
	if t == nil {
		return Change{}, fmt.Errorf("%s does not parse", rel)
	}
	csvName, _ := t.Lookup("csv")
	if csvName, ok := csvName.(string); ok {
		ch, err := addCSVRow(fsys, path.Join("kpis", csvName), csvColumns(t), dates, m)
		if err != nil {
			return Change{}, err
		}
		ch.Settings, ch.Unit = site.Settings, k.Units()
		return validated(fsys, name, ch)
	}
	text, replaced := insertEntry(string(src), nil, "measurements", dates, m.Date, "["+m.Date.String()+", "+FormatNumber(m.Value)+"]")
	return validated(fsys, name, Change{Path: rel, Data: []byte(text), Replaced: replaced, Settings: site.Settings, Unit: k.Units()})
}

// csvColumns returns the column names a KPI's csv_columns gives, or empty
// names.
func csvColumns(t *tomlfile.Table) [2]string {
	var columns [2]string
	v, _ := t.Lookup("csv_columns")
	if cols, ok := v.([]any); ok && len(cols) == 2 {
		columns[0], _ = cols[0].(string)
		columns[1], _ = cols[1].(string)
	}
	return columns
}

// loadForEdit loads the site, which must be free of errors before an edit.
func loadForEdit(fsys fs.FS, name string) (*okrsite.Site, error) {
	site, _, err := load.Load(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("the site has errors; fix them first:\n%w", err)
	}
	return site, nil
}

// findKeyResult resolves a key-result reference.
func findKeyResult(site *okrsite.Site, ref string, date okrsite.Date) (*okrsite.KeyResult, error) {
	parts := strings.Split(ref, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return nil, fmt.Errorf("%q is not a key result; expected PERIOD/OBJECTIVE/KR or OBJECTIVE/KR, such as 2026-Q3/grow/revenue", ref)
	}
	var found []*okrsite.KeyResult
	for _, o := range site.Objectives {
		if o.ID != parts[len(parts)-2] || len(parts) == 3 && o.Period.ID != parts[0] || len(parts) == 2 && !o.Period.Contains(date) {
			continue
		}
		for _, kr := range o.KeyResults {
			if kr.ID == parts[len(parts)-1] {
				found = append(found, kr)
			}
		}
	}
	switch len(found) {
	case 0:
		if len(parts) == 2 {
			return nil, fmt.Errorf("no key result %s in a period that contains %s; expected PERIOD/OBJECTIVE/KR", ref, date)
		}
		return nil, fmt.Errorf("no key result %s; expected PERIOD/OBJECTIVE/KR of an existing key result", ref)
	case 1:
		return found[0], nil
	}
	refs := make([]string, len(found))
	for i, kr := range found {
		refs[i] = kr.Ref()
	}
	return nil, fmt.Errorf("%s is in several periods that contain %s: %s; expected PERIOD/OBJECTIVE/KR", ref, date, strings.Join(refs, ", "))
}

// keyResultPath finds where a key result is written in its team file.
func keyResultPath(src, rel string, kr *okrsite.KeyResult) (tomlfile.Path, error) {
	t := (&tomlfile.File{Src: src}).Parse("a team's period")
	if t == nil {
		return nil, fmt.Errorf("%s does not parse", rel)
	}
	for _, o := range t.Tables("objective", "an objective") {
		if id, _ := o.Lookup("id"); id != kr.Objective.ID {
			continue
		}
		for _, k := range o.Tables("kr", "a key result") {
			if id, _ := k.Lookup("id"); id == kr.ID {
				return k.Path, nil
			}
		}
	}
	return nil, fmt.Errorf("key result %s is not in %s", kr.Ref(), rel)
}

// validated loads the site with the change in place and returns it only
// when the site still loads without errors.
func validated(fsys fs.FS, name string, ch Change) (Change, error) {
	if _, _, err := load.Load(WithFile(fsys, ch.Path, ch.Data), name); err != nil {
		return Change{}, fmt.Errorf("the change would break the site, so nothing was written:\n%w", err)
	}
	return ch, nil
}
