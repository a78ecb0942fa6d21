package edit

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding/charmap"

	"github.com/okrsite/okrsite"
)

// TestEditsKeepTheFile adds check-ins and measurements to files written
// as other programs write them: with Windows line ends, a byte order mark,
// in Windows-1252. The new entry follows the file's ways, and every other
// byte stays as it was.
func TestEditsKeepTheFile(t *testing.T) {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	sales := "[[objective]]\nid = \"land-norway\"\ntitle = \"Land our first customers in Norway\"\nparent = \"grow\"\n\n" +
		"  [[objective.kr]]\n  id = \"deals\"\n  title = \"Deals signed\"\n  start = 0\n  target = 5\n%s\n" +
		"  [[objective.kr]]\n  id = \"office\"\n  title = \"Open the Oslo office\"\n  done = false\n"
	withCheckins := func(rows string) string { return strings.Replace(sales, "%s\n", rows, 1) }
	cp1252, err := charmap.Windows1252.NewEncoder().String("Månad;Andel (%)\r\n2026-05;4,8\r\n2026-07;5,4\r\n")
	if err != nil {
		t.Fatal(err)
	}
	ref, day := "2026-Q3/land-norway/deals", okrsite.MakeDate(2026, 8, 14)
	cases := []struct {
		name, file, before, after string
	}{
		{"a team file with Windows line ends", "periods/2026-Q3/sales.toml",
			crlf(withCheckins("  checkins = [\n    [2026-08-07, 1],  # Oslo\n  ]\n")),
			crlf(withCheckins("  checkins = [\n    [2026-08-07, 1],  # Oslo\n    [2026-08-14, 2],\n  ]\n"))},
		{"a check-in array added with Windows line ends", "periods/2026-Q3/sales.toml",
			crlf(withCheckins("")),
			crlf(withCheckins("  checkins = [\n    [2026-08-14, 2],\n  ]\n"))},
		{"a team file with a byte order mark", "periods/2026-Q3/sales.toml",
			"\ufeff" + withCheckins("  checkins = [[2026-08-07, 1]]\n"),
			"\ufeff" + withCheckins("  checkins = [[2026-08-07, 1], [2026-08-14, 2]]\n")},
		{"a CSV file with a byte order mark", "kpis/churn.csv",
			"\ufeffdate,value\r\n2026-05-31,2.1\r\n2026-07-31,2.4",
			"\ufeffdate,value\r\n2026-05-31,2.1\r\n2026-07-31,2.4\r\n2026-08-14,2.5\r\n"},
		{"a CSV file in Windows-1252", "kpis/churn.csv",
			cp1252, strings.Replace(cp1252, "2026-07;", "2026-06;2,5\r\n2026-07;", 1)},
		{"a comma-separated file with quoted decimal commas gets one", "kpis/churn.csv",
			"date,value\n2026-05-31,\"2,1\"\n", "date,value\n2026-05-31,\"2,1\"\n2026-08-14,\"2,5\"\n"},
		{"a US export with quoted thousands gets a decimal point", "kpis/churn.csv",
			"date,value\n2026-05-31,\"1,234.5\"\n", "date,value\n2026-05-31,\"1,234.5\"\n2026-08-14,2.5\n"},
		{"a semicolon-separated file of whole numbers gets a decimal comma", "kpis/churn.csv",
			"date;value\n2026-05-31;2\n", "date;value\n2026-05-31;2\n2026-08-14;2,5\n"},
	}
	for _, c := range cases {
		fsys := siteFS(t)
		fsys["kpis/churn.toml"] = &fstest.MapFile{Data: []byte("name = \"Churn\"\ndirection = \"lower\"\nhealthy = 2\nwarning = 3\ncsv = \"churn.csv\"\n")}
		fsys["kpis/churn.csv"] = &fstest.MapFile{Data: []byte("date,value\n2026-05-31,2.1\n")}
		fsys[c.file] = &fstest.MapFile{Data: []byte(c.before)}
		var ch Change
		var err error
		if strings.HasSuffix(c.file, ".csv") {
			date := day
			if strings.Contains(c.before, "2026-05;") {
				date = okrsite.MakeDate(2026, 6, 30)
			}
			ch, err = AddMeasurement(fsys, "site", "churn", okrsite.Measurement{Date: date, Value: 2.5})
		} else {
			ch, err = AddCheckin(fsys, "site", ref, okrsite.Checkin{Date: day, Value: 2, Confidence: okrsite.NoConfidence})
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(ch.Data) != c.after {
			t.Errorf("%s: wrote\n%q\nwant\n%q", c.name, ch.Data, c.after)
		}
	}
}
