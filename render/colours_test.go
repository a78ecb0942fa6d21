package render

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/okrsite/okrsite/templates"
)

// TestChartColoursInCSS checks that every colour charts are drawn in names
// a custom property that okr.css sets, in its light block and so in every
// scheme: okr.js leaves out a colour the style sheet does not set, and the
// chart falls back to ECharts' own.
func TestChartColoursInCSS(t *testing.T) {
	data, err := fs.ReadFile(templates.FS, "static/okr.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(data)
	light := css[strings.Index(css, ":root {"):]
	light = light[:strings.Index(light, "}")]

	colours := []string{actualColour, idealColour, confidenceColour, targetColour, asOfColour}
	for _, c := range statusColours {
		colours = append(colours, c)
	}
	for _, c := range gradeColours {
		colours = append(colours, c)
	}
	for _, c := range healthColours {
		colours = append(colours, c)
	}
	name := regexp.MustCompile(`^var\((--[a-z0-9-]+)\)$`)
	for _, c := range colours {
		m := name.FindStringSubmatch(c)
		if m == nil {
			t.Errorf("chart colour %q is not var(--name), so okr.js cannot give it the page's colours", c)
			continue
		}
		if !strings.Contains(light, "\t"+m[1]+":") {
			t.Errorf("chart colour %s: okr.css's :root sets no %s", c, m[1])
		}
	}
}
