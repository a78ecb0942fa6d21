package load

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding/charmap"

	"github.com/okrsite/okrsite"
)

// windows1252 encodes text as Windows-1252, as Excel's "CSV" export does
// in Western Europe.
func windows1252(t *testing.T, text string) string {
	b, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCSVExports loads a KPI from CSV files as spreadsheets export them:
// each gives the same measurements, and only a file that is not UTF-8 is
// worth a warning, which names its encoding.
func TestCSVExports(t *testing.T) {
	swedish := "Månad;Andel (%)\r\n2026-05;4,8\r\n2026-06;5,4\r\n"
	cases := []struct {
		name, csv, warning string
	}{
		{"UTF-8", swedish, ""},
		{`Excel's "CSV UTF-8", with a byte order mark`, "\ufeff" + swedish, ""},
		{`Excel's "CSV", in Windows-1252`, windows1252(t, swedish), `site/kpis/churn.csv: the file is not UTF-8, so it was read as Windows-1252, as Excel's "CSV" export writes it`},
		{"LF line ends", strings.ReplaceAll(swedish, "\r\n", "\n"), ""},
	}
	want := []okrsite.Measurement{{Date: okrsite.MakeDate(2026, 5, 31), Value: 4.8}, {Date: okrsite.MakeDate(2026, 6, 30), Value: 5.4}}
	for _, c := range cases {
		fsys := siteFS(t)
		fsys["kpis/churn.toml"] = &fstest.MapFile{Data: []byte("name = \"Churn\"\ndirection = \"lower\"\nhealthy = 2\nwarning = 3\ncsv = \"churn.csv\"\ncsv_columns = [\"Månad\", \"Andel (%)\"]\n")}
		fsys["kpis/churn.csv"] = &fstest.MapFile{Data: []byte(c.csv)}
		site, warnings, err := Load(fsys, "site")
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := site.KPIs[0].Measurements; !slices.Equal(got, want) {
			t.Errorf("%s: measurements %v; want %v", c.name, got, want)
		}
		if got := warnings.Error(); !strings.HasPrefix(got, c.warning) || c.warning == "" && got != "" {
			t.Errorf("%s: warnings %q; want %q", c.name, got, c.warning)
		}
	}
}

// TestCSVInUTF16 refuses a UTF-16 file, saying what it is.
func TestCSVInUTF16(t *testing.T) {
	fsys := siteFS(t)
	fsys["kpis/churn.toml"] = &fstest.MapFile{Data: []byte("name = \"Churn\"\nhealthy = 2\nwarning = 3\ndirection = \"lower\"\ncsv = \"churn.csv\"\n")}
	fsys["kpis/churn.csv"] = &fstest.MapFile{Data: []byte("\xff\xfed\x00a\x00t\x00e\x00")}
	_, _, err := Load(fsys, "site")
	if err == nil || !strings.Contains(err.Error(), "site/kpis/churn.csv: the file is UTF-16 text; expected a CSV export in UTF-8") {
		t.Errorf("got %v", err)
	}
}

// TestCSVNumberFiles loads the CSV case files in testdata/csv as a KPI's
// measurements, in sites of several locales: a US export with quoted
// thousands, Swedish exports separated by semicolons and by commas, a file
// whose commas nothing settles, and one that mixes decimal marks.
func TestCSVNumberFiles(t *testing.T) {
	cases := []struct {
		name, file, columns, locale string
		values                      []float64
		err                         string
	}{
		{"a US export quotes numbers with commas between thousands", "us-export.csv", `["Date", "ARR"]`, "en-US",
			[]float64{33874248.61, 34102500, 1234, 987.5}, ""},
		{"a US export reads the same in a Swedish site, its points settling the commas", "us-export.csv", `["Date", "ARR"]`, "sv-SE",
			[]float64{33874248.61, 34102500, 1234, 987.5}, ""},
		{"a Swedish export separated by semicolons has decimal commas, spaces and a minus sign", "swedish-export.csv", `["Månad", "Intäkter (MSEK)"]`, "sv-SE",
			[]float64{1234.5, 1301.25, -12.5, 987}, ""},
		{"a Swedish export separated by commas quotes its decimal commas", "swedish-comma-export.csv", "", "sv-SE",
			[]float64{4.8, 1234.5, 1.234}, ""},
		{"commas nothing settles are thousands in a US site", "ambiguous.csv", "", "en-US",
			[]float64{1234, 2500, 12750}, ""},
		{"commas nothing settles are thousands in an English site without a locale", "ambiguous.csv", "", "",
			[]float64{1234, 2500, 12750}, ""},
		{"commas nothing settles are refused in a Swedish site, naming the line and column", "ambiguous.csv", "", "sv-SE", nil,
			`site/kpis/arr.csv:2:12: "1,234" may be 1234 or 1.234, and no other number in the file says which; expected no comma between thousands (1234 or 1 234), or a decimal point (1.234)`},
		{"a file with a decimal point and a decimal comma is refused", "mixed.csv", "", "en-GB", nil,
			`site/kpis/arr.csv:3:12: "4,8" has a decimal comma, but "1,234.5" on line 2 has a decimal point; expected one decimal mark in the file`},
	}
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join("testdata/csv", c.file))
		if err != nil {
			t.Fatal(err)
		}
		fsys := siteFS(t)
		if c.locale != "" {
			fsys["site.toml"].Data = []byte("title = \"Goals\"\nas_of = 2026-08-14\nlocale = \"" + c.locale + "\"\n")
		}
		kpi := "name = \"ARR\"\nhealthy = 2\nwarning = 1\ncsv = \"arr.csv\"\n"
		if c.columns != "" {
			kpi += "csv_columns = " + c.columns + "\n"
		}
		fsys["kpis/arr.toml"] = &fstest.MapFile{Data: []byte(kpi)}
		fsys["kpis/arr.csv"] = &fstest.MapFile{Data: data}
		site, _, err := Load(fsys, "site")
		if c.err != "" {
			if err == nil || !slices.Contains(strings.Split(err.Error(), "\n"), c.err) {
				t.Errorf("%s:\ngot  %v\nwant %s", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var got []float64
		for _, m := range site.KPIs[0].Measurements {
			got = append(got, m.Value)
		}
		if !slices.Equal(got, c.values) {
			t.Errorf("%s: values %v; want %v", c.name, got, c.values)
		}
	}
}

// TestCSVNumbers reads single numbers as a file of them would, given the
// decimal mark the file settles (0 for none) and its separator.
func TestCSVNumbers(t *testing.T) {
	cases := []struct {
		name      string
		text      string
		file      mark
		semicolon bool
		want      float64
		ambiguous bool
		err       bool
	}{
		{"a plain number is itself", "1234.5", 0, false, 1234.5, false, false},
		{"commas between thousands with a decimal point", "33,874,248.61", 0, false, 33874248.61, false, false},
		{"points between thousands with a decimal comma", "1.234,5", 0, true, 1234.5, false, false},
		{"spaces between thousands with a decimal comma", "1 234,5", 0, true, 1234.5, false, false},
		{"no-break spaces between thousands with a decimal point", "1\u00a0234.5", 0, false, 1234.5, false, false},
		{"a minus sign U+2212", "\u22121,5", 0, true, -1.5, false, false},
		{"a comma before three digits is a thousand in a comma file nothing settles", "1,234", 0, false, 1234, true, false},
		{"a comma before three digits is decimal in a semicolon file nothing settles", "1,234", 0, true, 1.234, false, false},
		{"a comma before three digits is decimal in a file of decimal commas", "1,234", ',', false, 1.234, false, false},
		{"a point before three digits is decimal in a file nothing settles", "1.234", 0, true, 1.234, false, false},
		{"a point before three digits is a thousand in a file of decimal commas", "1.234", ',', true, 1234, false, false},
		{"a comma after a lone zero is decimal", "0,125", 0, false, 0.125, false, false},
		{"thousands in groups of other than three are no number", "1,23,456", '.', false, 0, false, true},
		{"a decimal comma in a file of decimal points is no number", "1,5", '.', false, 0, false, true},
		{"words are no number", "n/a", 0, false, 0, false, true},
		{"an infinity is no number", "Inf", 0, false, 0, false, true},
	}
	for _, c := range cases {
		n, err := parseCSVNumber(c.text)
		var v float64
		var unsure bool
		if err == nil {
			var decimal mark
			decimal, unsure = n.decimal(c.file, c.semicolon)
			v, err = n.value(decimal)
		}
		if (err != nil) != c.err || err == nil && (v != c.want || unsure != c.ambiguous) {
			t.Errorf("%s: %q reads as %v (ambiguous %v, error %v); want %v (ambiguous %v, error %v)", c.name, c.text, v, unsure, err, c.want, c.ambiguous, c.err)
		}
	}
}
