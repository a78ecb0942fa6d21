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
	raw, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return Change{}, err
	}
	data, replaced, err := insertCSVRow(raw, columns, dates, m)
	if err != nil {
		return Change{}, fmt.Errorf("%s: %v", rel, err)
	}
	return Change{Path: rel, Data: data, Replaced: replaced}, nil
}

// insertCSVRow puts a measurement into the bytes of a CSV file in the way
// decodeCSV reads it: in place of a row of the same date, or in date order,
// in the file's own separator, decimal mark, date form and line ends. Only
// that line changes: a byte order mark and an encoding other than UTF-8
// stay as they were, and the new row is ASCII, the same in every encoding
// CSVText reads.
func insertCSVRow(raw []byte, columns [2]string, dates []okrsite.Date, m okrsite.Measurement) ([]byte, bool, error) {
	text, _, err := load.CSVText(raw)
	if err != nil {
		return nil, false, err
	}
	rows, rowLines, format, err := csvRows(text, columns)
	if err != nil {
		return nil, false, err
	}
	row, err := csvRow(rows, format, m)
	if err != nil {
		return nil, false, err
	}
	src := string(raw)
	nl := lineEnd(src)
	lines := strings.SplitAfter(src, "\n")
	if last := len(lines) - 1; lines[last] == "" {
		lines = lines[:last]
	} else {
		lines[last] += nl
	}
	// Row i+1 holds dates[i].
	if i := slices.Index(dates, m.Date); i >= 0 {
		lines[rowLines[i+1]-1] = row + nl
		return []byte(strings.Join(lines, "")), true, nil
	}
	j, _ := slices.BinarySearch(dates, m.Date)
	at := len(lines)
	if j+1 < len(rowLines) {
		at = rowLines[j+1] - 1
	}
	lines = slices.Insert(lines, at, row+nl)
	return []byte(strings.Join(lines, "")), false, nil
}

// csvRows reads CSV text as decodeCSV does: its format, its rows, the
// header first, and the 1-based line each row starts on.
func csvRows(text string, columns [2]string) (rows [][]string, lines []int, format load.CSVFormat, err error) {
	format, err = load.ReadCSVFormat(text, columns)
	if err != nil {
		return nil, nil, format, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = format.Comma
	r.FieldsPerRecord = -1
	for {
		row, err := r.Read()
		if err == io.EOF {
			return rows, lines, format, nil
		}
		if err != nil {
			return nil, nil, format, fmt.Errorf("cannot read the CSV file: %v", err)
		}
		line, _ := r.FieldPos(0)
		rows, lines = append(rows, row), append(lines, line)
	}
}

// csvRow writes measurement m as a row of a file of the given rows and
// format: a month's value as 2026-07 when the file's last row gives one so,
// and its number with the file's decimal mark.
func csvRow(rows [][]string, format load.CSVFormat, m okrsite.Measurement) (string, error) {
	day := m.Date.String()
	if last := rows[len(rows)-1]; len(rows) > 1 && len(strings.TrimSpace(last[format.DateCol])) == len("2026-07") {
		if m.Date.AddDays(1).String()[8:] != "01" {
			return "", fmt.Errorf("the file gives a value a month; expected the last day of a month, not %s", m.Date)
		}
		day = day[:7]
	}
	value := FormatNumber(m.Value)
	if format.DecimalComma && strings.Contains(value, ".") {
		value = strings.Replace(value, ".", ",", 1)
		if format.Comma == ',' {
			value = `"` + value + `"`
		}
	}
	row := make([]string, len(rows[0]))
	row[format.DateCol], row[format.ValueCol] = day, value
	return strings.Join(row, string(format.Comma)), nil
}
