package render_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/render"
)

// TestLongSeries gives a key result 220 check-ins, one a day, and a KPI
// 1,000 measurements: the objective page shows the latest 200 check-ins in
// its table and links to all of them as CSV, and the KPI's chart draws at
// most 500 points, the peak among them.
func TestLongSeries(t *testing.T) {
	fsys := txtarFS(t, "testdata/site.txtar")
	first := date(t, "2026-01-01")
	var rows []string
	for i := range 220 {
		note := ""
		if i == 0 {
			note = `, "=HYPERLINK(\"http://example.invalid\")"`
		}
		rows = append(rows, fmt.Sprintf("[%s, %d, 0.5%s]", first.AddDays(i), i%7, note))
	}
	fsys["periods/2026/sales.toml"] = &fstest.MapFile{Data: []byte(`[[objective]]
id = "steady"
title = "Sell every day"

  [[objective.kr]]
  id = "daily"
  title = "Deals a day"
  start = 0
  target = 10
  checkins = [` + strings.Join(rows, ",\n") + `]
`)}
	measurements := []string{"Dag;Andel"}
	day := date(t, "2023-11-01")
	for i := range 1000 {
		value := 4.0
		if i == 567 {
			value = 19 // a peak, which the chart must keep
		}
		measurements = append(measurements, fmt.Sprintf("%s;%g", day.AddDays(i), value+float64(i%3)/10))
	}
	fsys["kpis/returns.csv"].Data = []byte(strings.Join(measurements, "\n") + "\n")
	out := build(t, fsys, render.Options{})

	page := out["periods/2026/objectives/steady.html"]
	if n := bytes.Count(page, []byte("<tr><td>")); n != 200 {
		t.Errorf("the check-in table has %d rows; want the latest 200", n)
	}
	for _, want := range []string{"The latest 200 of 220 check-ins.", `<a href="steady/daily.csv" download>`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the objective page lacks %s", want)
		}
	}
	csv := string(out["periods/2026/objectives/steady/daily.csv"])
	if lines := strings.Count(csv, "\n"); lines != 221 {
		t.Errorf("the CSV has %d lines; want a header and 220 check-ins", lines)
	}
	if !strings.Contains(csv, `2026-01-01,0,0.5,"'=HYPERLINK(""http://example.invalid"")"`) {
		t.Errorf("a note that looks like a formula is not kept as text:\n%.200s", csv)
	}
	if other := out["periods/2026-Q3/objectives/grow.html"]; bytes.Contains(other, []byte(".csv")) {
		t.Errorf("an objective with few check-ins links to a CSV file")
	}

	kpi := out["kpis/returns.html"]
	most := 0
	for _, series := range regexp.MustCompile(`"data":\[(\["[-0-9]+",[^\]]*\],?)+\]`).FindAll(kpi, -1) {
		most = max(most, bytes.Count(series, []byte(`["`)))
	}
	if most == 0 || most > 500 {
		t.Errorf("the KPI chart's longest series has %d points; want 1 to 500", most)
	}
	if !bytes.Contains(kpi, []byte(`,19]`)) {
		t.Errorf("the KPI chart lost its peak")
	}
}

// date parses a date the test writes.
func date(t *testing.T, s string) okrsite.Date {
	d, err := okrsite.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
