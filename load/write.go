package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"
	"unicode/utf8"

	"github.com/okrsite/okrsite"
)

// Edit is a change to one content file, ready to be written.
type Edit struct {
	Path     string // the file within the site
	Data     []byte // its new content
	Replaced bool   // an entry of the same date was replaced, not added
}

// AddCheckin adds check-in c to the key result ref and returns the edited
// team file. ref is PERIOD/OBJECTIVE/KR, or OBJECTIVE/KR for the objective
// whose period contains the check-in's date. A check-in of the same date
// is replaced, so running the same command twice changes nothing the second
// time. Only the new entry's text changes: comments, order and formatting
// stay as they were. The whole site is loaded with the edit before it is
// returned; an edit that would break it comes back as an ErrorList.
func AddCheckin(fsys fs.FS, name, ref string, c okrsite.Checkin) (Edit, error) {
	site, err := loadForEdit(fsys, name)
	if err != nil {
		return Edit{}, err
	}
	kr, err := findKeyResult(site, ref, c.Date)
	if err != nil {
		return Edit{}, err
	}
	if kr.KPI != nil {
		return Edit{}, fmt.Errorf("key result %s takes its values from KPI %s; add a measurement to the KPI instead: okr checkin %s VALUE", kr.Ref(), kr.KPI.ID, kr.KPI.ID)
	}
	if kr.IsMilestone() {
		return Edit{}, fmt.Errorf("key result %s is measured by milestones; mark them done in its file", kr.Ref())
	}
	if !utf8.ValidString(c.Note) {
		return Edit{}, errors.New("the note is not UTF-8 text; expected text")
	}
	p := kr.Objective.Period
	if !p.Contains(c.Date) {
		return Edit{}, fmt.Errorf("%s is outside %s (%s to %s); expected a date within the key result's period", c.Date, p.ID, p.Start, p.End)
	}
	rel := path.Join("periods", p.ID, kr.Objective.Team.ID+".toml")
	src, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return Edit{}, err
	}
	at, err := keyResultPath(string(src), rel, kr)
	if err != nil {
		return Edit{}, err
	}
	dates := make([]okrsite.Date, len(kr.Checkins))
	for i, ci := range kr.Checkins {
		dates[i] = ci.Date
	}
	data, replaced := insertEntry(string(src), at, "checkins", dates, c.Date, checkinText(c))
	return validated(fsys, name, Edit{Path: rel, Data: []byte(data), Replaced: replaced})
}

// AddMeasurement adds measurement m to the KPI id, inline or in its CSV
// file, replacing one of the same date, in the same way as AddCheckin.
func AddMeasurement(fsys fs.FS, name, id string, m okrsite.Measurement) (Edit, error) {
	site, err := loadForEdit(fsys, name)
	if err != nil {
		return Edit{}, err
	}
	i := slices.IndexFunc(site.KPIs, func(k *okrsite.KPI) bool { return k.ID == id })
	if i < 0 {
		ids := make([]string, len(site.KPIs))
		for i, k := range site.KPIs {
			ids[i] = k.ID
		}
		return Edit{}, errors.New(unknown("KPI", id, ids))
	}
	k := site.KPIs[i]
	rel := path.Join("kpis", id+".toml")
	src, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return Edit{}, err
	}
	dates := make([]okrsite.Date, len(k.Measurements))
	for i, m := range k.Measurements {
		dates[i] = m.Date
	}
	f := &file{path: rel, src: string(src)}
	t := f.parse("a KPI")
	if t == nil {
		return Edit{}, fmt.Errorf("%s does not parse", rel)
	}
	var e Edit
	if csvName, ok := t.m["csv"].(string); ok {
		e.Path = path.Join("kpis", csvName)
		csvSrc, err := fs.ReadFile(fsys, e.Path)
		if err != nil {
			return Edit{}, err
		}
		var columns [2]string
		if cols, ok := t.m["csv_columns"].([]any); ok && len(cols) == 2 {
			columns[0], _ = cols[0].(string)
			columns[1], _ = cols[1].(string)
		}
		text, replaced, err := insertCSVRow(string(csvSrc), columns, dates, m)
		if err != nil {
			return Edit{}, fmt.Errorf("%s: %v", e.Path, err)
		}
		e.Data, e.Replaced = []byte(text), replaced
	} else {
		text, replaced := insertEntry(string(src), nil, "measurements", dates, m.Date, "["+m.Date.String()+", "+formatNumber(m.Value)+"]")
		e = Edit{Path: rel, Data: []byte(text), Replaced: replaced}
	}
	return validated(fsys, name, e)
}

// loadForEdit loads the site, which must be free of errors before an edit.
func loadForEdit(fsys fs.FS, name string) (*okrsite.Site, error) {
	site, _, err := Load(fsys, name)
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
func keyResultPath(src, rel string, kr *okrsite.KeyResult) (keyPath, error) {
	f := &file{path: rel, src: src}
	t := f.parse(teamPeriod)
	if t == nil {
		return nil, fmt.Errorf("%s does not parse", rel)
	}
	for _, o := range decodeTeamPeriod(t) {
		if o.obj.ID != kr.Objective.ID {
			continue
		}
		for _, d := range o.krs {
			if d.kr.ID == kr.ID {
				return d.at, nil
			}
		}
	}
	return nil, fmt.Errorf("key result %s is not in %s", kr.Ref(), rel)
}

// insertEntry puts entry (a short array for the date) into the array at
// key of the table at table, whose entries have the given dates in order:
// in place of an entry of the same date, or in date order. It keeps the
// array's layout: one entry a line, or all on one line. When the array is
// missing, it is added at the end of the table.
func insertEntry(src string, table keyPath, key string, dates []okrsite.Date, date okrsite.Date, entry string) (string, bool) {
	x := newTOMLIndex(src)
	arr := table.child(key)
	value, ok := x.values[arr.key()]
	if !ok {
		end := x.tableEnds[table.key()]
		indent := lineIndent(src, x.starts[table.key()])
		return src[:end] + "\n" + indent + key + " = [\n" + indent + "  " + entry + ",\n" + indent + "]" + src[end:], false
	}
	element := func(i int) span { return x.values[arr.child(i).key()] }
	if i := slices.Index(dates, date); i >= 0 {
		e := element(i)
		return src[:e.start] + entry + src[e.end:], true
	}
	multiline := strings.Contains(src[value.start:value.end], "\n")
	if len(dates) == 0 {
		open := value.start + 1 // after "["
		if multiline {
			indent := lineIndent(src, value.start) + "  "
			return src[:open] + "\n" + indent + entry + "," + src[open:], false
		}
		return src[:open] + entry + src[open:], false
	}
	if j, _ := slices.BinarySearch(dates, date); j < len(dates) {
		e := element(j)
		sep := ", "
		if multiline {
			sep = ",\n" + lineIndent(src, e.start)
		}
		return src[:e.start] + entry + sep + src[e.start:], false
	}
	last := element(len(dates) - 1)
	after := last.end
	rest := strings.TrimLeft(src[after:], " \t")
	comma := strings.HasPrefix(rest, ",")
	if comma {
		after = len(src) - len(rest) + 1
	}
	if !multiline {
		if comma {
			return src[:after] + " " + entry + "," + src[after:], false
		}
		return src[:after] + ", " + entry + src[after:], false
	}
	// One entry a line: the new line goes after the last entry's line,
	// comment and all, with a trailing comma if the others have one.
	eol := after + strings.IndexByte(src[after:], '\n')
	if eol < after || strings.TrimSpace(strings.SplitN(src[after:eol], "#", 2)[0]) != "" {
		eol = after
	}
	indent := lineIndent(src, last.start)
	if comma {
		return src[:eol] + "\n" + indent + entry + "," + src[eol:], false
	}
	return src[:after] + "," + src[after:eol] + "\n" + indent + entry + src[eol:], false
}

// lineIndent returns the spaces and tabs that begin the line holding offset
// off.
func lineIndent(src string, off int) string {
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return src[start:end]
}

// checkinText writes a check-in as a short array.
func checkinText(c okrsite.Checkin) string {
	parts := []string{c.Date.String(), formatNumber(c.Value)}
	if c.Confidence != okrsite.NoConfidence {
		parts = append(parts, formatNumber(c.Confidence))
	}
	if c.Note != "" {
		parts = append(parts, tomlString(c.Note))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// formatNumber writes a number as TOML reads it back: as short as it can
// be without losing anything.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// insertCSVRow puts a measurement into CSV text in the way decodeCSV reads
// it: in place of a row of the same date, or in date order, in the file's
// own separator, decimal mark and date form.
func insertCSVRow(src string, columns [2]string, dates []okrsite.Date, m okrsite.Measurement) (string, bool, error) {
	r := newCSVReader(src)
	r.FieldsPerRecord = -1
	var rows [][]string
	var rowLines []int // the 1-based line of each row
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", false, fmt.Errorf("cannot read the CSV file: %v", err)
		}
		line, _ := r.FieldPos(0)
		rows, rowLines = append(rows, row), append(rowLines, line)
	}
	if len(rows) == 0 {
		return "", false, errors.New("the CSV file is empty")
	}
	f := &file{src: src}
	dateCol, valueCol := pickColumns(f, rows[0], columns)
	if dateCol < 0 || valueCol < 0 {
		return "", false, errors.New("cannot find its date and value columns")
	}
	width := len(rows[0])
	day := m.Date.String()
	if len(rows) > 1 && len(strings.TrimSpace(rows[len(rows)-1][dateCol])) == len("2026-07") {
		if m.Date.AddDays(1).String()[8:] != "01" {
			return "", false, fmt.Errorf("the file gives a value a month; expected the last day of a month, not %s", m.Date)
		}
		day = day[:7]
	}
	value := formatNumber(m.Value)
	if r.Comma == ';' {
		value = strings.Replace(value, ".", ",", 1)
	}
	row := make([]string, width)
	row[dateCol], row[valueCol] = day, value
	line := strings.Join(row, string(r.Comma))

	lines := strings.SplitAfter(src, "\n")
	if !strings.HasSuffix(src, "\n") {
		lines[len(lines)-1] += "\n"
	}
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	// Row i+1 holds dates[i]: a spreadsheet export of dates and numbers
	// has no quoted newlines, so a row is a line.
	if i := slices.Index(dates, m.Date); i >= 0 {
		lines[rowLines[i+1]-1] = line + "\n"
		return strings.Join(lines, ""), true, nil
	}
	j, _ := slices.BinarySearch(dates, m.Date)
	at := len(lines)
	if j+1 < len(rowLines) {
		at = rowLines[j+1] - 1
	}
	lines = slices.Insert(lines, at, line+"\n")
	return strings.Join(lines, ""), false, nil
}

// validated loads the site with the edit in place and returns it only when
// the site still loads without errors.
func validated(fsys fs.FS, name string, e Edit) (Edit, error) {
	if _, _, err := Load(WithFile(fsys, e.Path, e.Data), name); err != nil {
		return Edit{}, fmt.Errorf("the change would break the site, so nothing was written:\n%w", err)
	}
	return e, nil
}

// WithFile returns fsys with the content of its existing file name
// replaced by data, to check a change before it is written.
func WithFile(fsys fs.FS, name string, data []byte) fs.FS {
	return replaced{fsys, name, data}
}

type replaced struct {
	fs.FS
	name string
	data []byte
}

func (r replaced) Open(name string) (fs.File, error) {
	if name == r.name {
		return fstest.MapFS{name: {Data: r.data}}.Open(name)
	}
	return r.FS.Open(name)
}
