package render

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
)

// TestSparklineExtremes draws sparklines of values at the ends of float64
// and of equal values: every coordinate must be a number inside the
// drawing.
func TestSparklineExtremes(t *testing.T) {
	cases := [][]float64{
		{math.MaxFloat64, -math.MaxFloat64},
		{-1.7e308, 1.7e308, 0},
		{1.7e308, 1.7e308},
		{-1.7e308, -1.7e308, -1.7e308},
		{math.SmallestNonzeroFloat64, 0, -math.SmallestNonzeroFloat64},
		{3, 3},
	}
	for _, values := range cases {
		ks := &okrsite.KPIScore{}
		for i, v := range values {
			ks.Measurements = append(ks.Measurements, okrsite.Measurement{Date: okrsite.Date(i), Value: v})
		}
		svg := string(sparkline(ks))
		coordinates := regexp.MustCompile(`(?:points|cx|cy)="([^"]*)"`).FindAllStringSubmatch(svg, -1)
		if len(coordinates) != 3 {
			t.Fatalf("%v: no coordinates in %s", values, svg)
		}
		for _, m := range coordinates {
			for _, n := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ' ' || r == ',' }) {
				if f, err := strconv.ParseFloat(n, 64); err != nil || !(f >= 0 && f <= sparkWidth) {
					t.Errorf("%v: coordinate %q in %s", values, n, svg)
				}
			}
		}
	}
}
