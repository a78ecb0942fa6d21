package render

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/okrsite/okrsite"
)

// sameAsMarshal checks that appendJSON writes o exactly as json.Marshal
// does, failing alike when json.Marshal fails.
func sameAsMarshal(t *testing.T, o option) {
	t.Helper()
	want, wantErr := json.Marshal(o)
	got, err := o.appendJSON(nil)
	switch {
	case (err != nil) != (wantErr != nil):
		t.Fatalf("appendJSON error %v; json.Marshal error %v", err, wantErr)
	case err == nil && !bytes.Equal(got, want):
		t.Fatalf("appendJSON wrote\n%s\njson.Marshal writes\n%s", got, want)
	}
}

// TestChartJSON compares appendJSON with json.Marshal on options of every
// shape the charts make, and on the edges of strings and numbers.
func TestChartJSON(t *testing.T) {
	d := okrsite.Date(20000)
	yes := true
	tests := map[string]option{
		"empty":        {},
		"no series":    {Series: []seriesPart{}},
		"nil data":     {Series: []seriesPart{{}}},
		"key result":   {Legend: &legendPart{Data: []string{"Actual", "Ideal"}}, XAxis: periodAxis(&okrsite.Period{Start: d, End: d + 90}), YAxis: []axisPart{{Name: "%"}, {Show: &yes}}, Series: []seriesPart{{Data: points{{d, 1.5}, {d + 3, 1e-7}, {d + 4, 2.5e21}}, MarkLine: &marks{[]any{opts.MarkLineNameYAxisItem{Name: "Target", YAxis: 22.32}, opts.MarkLineNameXAxisItem{Name: "As of", XAxis: "2026-11-20"}}}}, {Data: points{}}, {Data: points(nil)}}},
		"empty legend": {Legend: &legendPart{}, Series: []seriesPart{{Name: "n", Type: "line", Data: []string(nil)}}},
		"mark edges":   {Series: []seriesPart{{Data: []any(nil), MarkLine: &marks{[]any{opts.MarkLineNameYAxisItem{}, opts.MarkLineNameXAxisItem{ValueDim: "x", XAxis: 0.0}}}, MarkArea: &marks{nil}}}},
		"bars":         {YAxis: []axisPart{{Data: []string{"Team <1>"}}}, Series: []seriesPart{{Data: []opts.BarData{{Value: 50.0, ItemStyle: &opts.ItemStyle{Color: "var(--green)", Opacity: opts.Float(0.6)}, Label: &opts.Label{Formatter: "50 %"}}, {Value: "-"}}}}},
		"areas":        {Series: []seriesPart{{Data: points{{d, 3}}, MarkArea: &marks{[]any{area("2026-01-01", 1, "2026-02-01", 2, "Q1 & Q2", "#fff", 0.1)}}}}},
		"axis values":  {XAxis: []axisPart{{Min: 1e-9, Max: -0.0}, {Min: 123456789.0, Max: "</script>"}}, Series: []seriesPart{}},
		"strings":      {Legend: &legendPart{Data: []string{"\"\\\b\f\n\r\t\x00\x1f\x7f", "<>&", "\u2028\u2029", "\xff\xfe", "å ä ö €", "a\xc3"}}, Series: []seriesPart{}},
		"not finite":   {Series: []seriesPart{{Data: []any{math.NaN()}}}},
		"infinite":     {Series: []seriesPart{{MarkLine: &marks{[]any{opts.MarkLineNameYAxisItem{YAxis: math.Inf(1)}}}}}},
	}
	for name, o := range tests {
		t.Run(name, func(t *testing.T) { sameAsMarshal(t, o) })
	}
}

// FuzzChartJSON compares appendJSON with json.Marshal on fuzzed strings and
// numbers in every place a chart puts them.
func FuzzChartJSON(f *testing.F) {
	f.Add("Churn <b>", "%", 22.32, 1e-7)
	f.Add("\u2028\xff\"\\", "", math.Inf(-1), 5e21)
	f.Fuzz(func(t *testing.T, s, unit string, x, y float64) {
		d := okrsite.Date(20000)
		sameAsMarshal(t, option{
			Legend: &legendPart{Data: []string{s, unit}},
			XAxis:  []axisPart{{Name: s, Min: s, Max: x, Data: []string{unit}}},
			YAxis:  []axisPart{{Name: unit}},
			Series: []seriesPart{
				{Name: s, Type: unit, Data: points{{d, x}, {d + 1, y}}, MarkLine: &marks{[]any{opts.MarkLineNameYAxisItem{Name: s, YAxis: x}, opts.MarkLineNameXAxisItem{Name: unit, XAxis: y}}}},
				{Data: []any{s, y, nil, []string{unit}}},
			},
		})
	})
}
