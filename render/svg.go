package render

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/okrsite/okrsite"
)

// Sparkline size, in SVG user units.
const (
	sparkWidth  = 120
	sparkHeight = 32
	sparkPoints = 24 // the most recent values drawn
)

// sparkline draws a KPI's recent values as a small inline SVG line, drawn
// on the server so the KPI board needs no script. It holds only numbers.
// Values as far apart as the largest float64s still give finite
// coordinates: the scale works with halves, whose difference cannot
// overflow.
func sparkline(ks *okrsite.KPIScore) template.HTML {
	ms := ks.Measurements
	if len(ms) < 2 {
		return ""
	}
	ms = ms[max(0, len(ms)-sparkPoints):]
	lo, hi := ms[0].Value, ms[0].Value
	for _, m := range ms {
		lo, hi = min(lo, m.Value), max(hi, m.Value)
	}
	span := hi/2 - lo/2
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="spark" viewBox="0 0 %d %d" preserveAspectRatio="none" aria-hidden="true" focusable="false"><polyline vector-effect="non-scaling-stroke" points="`, sparkWidth, sparkHeight)
	var x, y float64
	for i, m := range ms {
		x = float64(i) * sparkWidth / float64(len(ms)-1)
		y = sparkHeight / 2 // a flat line through the middle
		if span > 0 {
			y = 2 + (hi/2-m.Value/2)/span*(sparkHeight-4)
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f,%.1f", x, y)
	}
	fmt.Fprintf(&b, `"/><circle cx="%.1f" cy="%.1f" r="2.5"/></svg>`, x, y)
	return template.HTML(b.String())
}
