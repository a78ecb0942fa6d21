package edit

import (
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
)

// addCSVRow puts a measurement into the CSV file at rel, whose date and
// value columns are named by columns (or empty names), and whose rows have
// the given dates.
func addCSVRow(fsys fs.FS, rel string, columns [2]string, dates []okrsite.Date, m okrsite.Measurement) (Change, error) {
	src, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return Change{}, err
	}
	text, replaced, err := insertCSVRow(string(src), columns, dates, m)
	if err != nil {
		return Change{}, fmt.Errorf("%s: %v", rel, err)
	}
	return Change{Path: rel, Data: []byte(text), Replaced: replaced}, nil
}

// insertCSVRow puts a measurement into CSV text in the way decodeCSV reads
// it: in place of a row of the same date, or in date order, in the file's
// own separator, decimal mark and date form.
func insertCSVRow(src string, columns [2]string, dates []okrsite.Date, m okrsite.Measurement) (string, bool, error) {
	format, err := load.ReadCSVFormat(src, columns)
	if err != nil {
		return "", false, err
	}
	r := csv.NewReader(strings.NewReader(src))
	r.Comma = format.Comma
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
	dateCol, valueCol := format.DateCol, format.ValueCol
	width := len(rows[0])
	day := m.Date.String()
	if len(rows) > 1 && len(strings.TrimSpace(rows[len(rows)-1][dateCol])) == len("2026-07") {
		if m.Date.AddDays(1).String()[8:] != "01" {
			return "", false, fmt.Errorf("the file gives a value a month; expected the last day of a month, not %s", m.Date)
		}
		day = day[:7]
	}
	value := FormatNumber(m.Value)
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
