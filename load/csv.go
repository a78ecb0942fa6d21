package load

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/tomlfile"
)

// utf8BOM is the byte order mark some programs put before UTF-8 text.
var utf8BOM = []byte("\ufeff")

// CSVText returns the text of a spreadsheet export without its byte order
// mark, decoded from Windows-1252 when it is not UTF-8 (Excel's "CSV"
// export in Western Europe, and most exports from Windows programs), and
// the name of that encoding; encoding is "" for UTF-8. UTF-16 is refused:
// its export is a text file, not a CSV file.
func CSVText(b []byte) (text, encoding string, err error) {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return "", "", errors.New("the file is UTF-16 text; expected a CSV export in UTF-8 (\"CSV UTF-8\" in Excel)")
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	if utf8.Valid(b) {
		return string(b), "", nil
	}
	d, err := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(d), "Windows-1252", err
}

// newCSVReader reads CSV text with the separator its header row uses: ';'
// when it has more of them than of ','.
func newCSVReader(src string) *csv.Reader {
	header, _, _ := strings.Cut(src, "\n")
	r := csv.NewReader(strings.NewReader(src))
	if strings.Count(header, ";") > strings.Count(header, ",") {
		r.Comma = ';'
	}
	return r
}

// CSVFormat is how a KPI's CSV file is written, as the loader reads it.
type CSVFormat struct {
	Comma             rune // the separator: ',' or ';'
	DateCol, ValueCol int  // the date and value columns, counted from 0
	DecimalComma      bool // the file's numbers have a decimal comma
}

// ReadCSVFormat reads CSV text as the loader does, finding the columns
// named by a KPI's csv_columns (or by the defaults, when the names are
// empty) and the decimal mark its numbers settle.
func ReadCSVFormat(src string, columns [2]string) (CSVFormat, error) {
	r := newCSVReader(src)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err == io.EOF {
		return CSVFormat{}, errors.New("the CSV file is empty")
	}
	if err != nil {
		return CSVFormat{}, fmt.Errorf("cannot read the CSV file: %v", err)
	}
	dateCol, valueCol := pickColumns(&file{}, head, columns)
	if dateCol < 0 || valueCol < 0 {
		return CSVFormat{}, errors.New("cannot find its date and value columns")
	}
	var marks settled
	for {
		row, err := r.Read()
		if err != nil {
			break
		}
		if valueCol < len(row) {
			if n, err := parseCSVNumber(row[valueCol]); err == nil {
				marks.settle(&n, 0)
			}
		}
	}
	decimalComma := marks.mark == ',' || marks.mark == 0 && r.Comma == ';'
	return CSVFormat{Comma: r.Comma, DateCol: dateCol, ValueCol: valueCol, DecimalComma: decimalComma}, nil
}

// csvField is where a value stands in a CSV file.
type csvField struct {
	line, col int
	text      string
}

// csvRow is a row of a CSV file once its date is read.
type csvRow struct {
	date  okrsite.Date
	value csvNumber
	at    csvField
}

// decodeCSV reads a KPI's measurements from a spreadsheet export: a header
// row, then one row per measurement. columns names the date and value
// columns; by default they are "date" and "value", or else the first two.
// A date may be a day (2026-07-31) or a month (2026-07, read as the
// month's last day). Numbers are read as csvnumber.go describes; it also
// returns the numbers whose comma may be a decimal comma or a thousands
// separator, which it read as the latter, for the site's locale to judge.
func decodeCSV(f *file, columns [2]string) (ms []okrsite.Measurement, ambiguous []csvField) {
	r := newCSVReader(f.Src)
	r.FieldsPerRecord = 0
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		if err == io.EOF {
			f.ErrorAt(1, 1, "the file is empty; expected a header row and then date and value rows")
		} else {
			csvError(f, err)
		}
		return nil, nil
	}
	dateCol, valueCol := pickColumns(f, head, columns)
	if dateCol < 0 || valueCol < 0 {
		return nil, nil
	}
	var (
		rows  []csvRow
		marks settled
	)
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			csvError(f, err)
			if errors.Is(err, csv.ErrFieldCount) {
				continue
			}
			break
		}
		d, ok := csvDate(f, r, row, dateCol)
		line, col := r.FieldPos(valueCol)
		at := csvField{line: line, col: col, text: strings.Clone(row[valueCol])}
		n, err := parseCSVNumber(at.text)
		if err == nil {
			err = marks.settle(&n, line)
		}
		if err != nil {
			csvNumberError(f, at, err)
			continue
		}
		if ok {
			rows = append(rows, csvRow{date: d, value: n, at: at})
		}
	}
	for _, row := range rows {
		decimal, unsure := row.value.decimal(marks.mark, r.Comma == ';')
		v, err := row.value.value(decimal)
		if err != nil {
			csvNumberError(f, row.at, err)
			continue
		}
		if unsure {
			ambiguous = append(ambiguous, row.at)
		}
		if n := len(ms); n > 0 && ms[n-1].Date >= row.date {
			f.ErrorAt(row.at.line, 1, "row of %s follows one of %s; expected rows in date order, one a day", row.date, ms[n-1].Date)
			continue
		}
		ms = append(ms, okrsite.Measurement{Date: row.date, Value: v})
	}
	return ms, ambiguous
}

// csvNumberError reports a value that is not a number, or whose decimal
// mark is not the file's.
func csvNumberError(f *file, at csvField, err error) {
	if err == errNotNumber {
		f.ErrorAt(at.line, at.col, "%q is not a number; expected a value such as 1234.5, 1,234.5 or 1 234,5", at.text)
		return
	}
	f.ErrorAt(at.line, at.col, "%v", err)
}

// ambiguousCSVNumber is the error for a number whose comma may be a decimal
// comma, in a site whose locale writes one.
func ambiguousCSVNumber(f *file, at csvField) {
	f.ErrorAt(at.line, at.col, "%q may be %s or %s, and no other number in the file says which; expected no comma between thousands (%s or %s), or a decimal point (%s)",
		at.text, strings.ReplaceAll(at.text, ",", ""), strings.Replace(at.text, ",", ".", 1),
		strings.ReplaceAll(at.text, ",", ""), strings.ReplaceAll(at.text, ",", " "), strings.Replace(at.text, ",", ".", 1))
}

func csvError(f *file, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "row has a different number of fields from the header; expected every row to have the header's columns"
		}
		f.ErrorAt(pe.Line, pe.Column, "%s", msg)
		return
	}
	f.ErrorAt(1, 1, "%v", err)
}

// pickColumns finds the date and value columns in the header row.
func pickColumns(f *file, head []string, want [2]string) (dateCol, valueCol int) {
	find := func(name string) int {
		for i, h := range head {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
		return -1
	}
	if want[0] == "" {
		dateCol, valueCol = find("date"), find("value")
		if dateCol < 0 || valueCol < 0 {
			dateCol, valueCol = 0, 1
		}
		if len(head) < 2 {
			f.ErrorAt(1, 1, "the header has %d column; expected at least a date and a value column", len(head))
			return -1, -1
		}
		return dateCol, valueCol
	}
	dateCol, valueCol = find(want[0]), find(want[1])
	for i, c := range [2]int{dateCol, valueCol} {
		if c < 0 {
			f.ErrorAt(1, 1, "the header has no column %q; expected one of %s", want[i], tomlfile.QuoteList(head))
		}
	}
	return dateCol, valueCol
}

func csvDate(f *file, r *csv.Reader, row []string, col int) (okrsite.Date, bool) {
	s := strings.TrimSpace(row[col])
	if d, err := okrsite.ParseDate(s); err == nil {
		return d, true
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return okrsite.DateOf(t.AddDate(0, 1, -1)), true
	}
	line, c := r.FieldPos(col)
	f.ErrorAt(line, c, "%q is not a date; expected YYYY-MM-DD or YYYY-MM", s)
	return 0, false
}
