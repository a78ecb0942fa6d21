package load

import (
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
