package templates

import (
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestColourContrast checks the colours of okr.css against WCAG 2.1 AA, in
// the light scheme and the dark: every colour used for text reads at 4.5:1
// or more on the page's background and on a card's, and every colour a
// chart draws with at 3:1 or more on a card, where charts sit.
func TestColourContrast(t *testing.T) {
	data, err := fs.ReadFile(FS, "static/okr.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(data)
	light := properties(t, css, ":root {")
	dark := properties(t, css, ":root:not([data-print]) {")
	for name, value := range light {
		if _, ok := dark[name]; !ok {
			dark[name] = value // a property the dark scheme keeps
		}
	}
	text := []string{"ink", "muted", "accent", "green", "amber", "red", "grey"}
	marks := []string{"accent", "green", "amber", "red", "grey", "muted", "violet"}
	for _, scheme := range []struct {
		name  string
		props map[string]string
	}{{"light", light}, {"dark", dark}} {
		colour := func(name string) string {
			v, ok := scheme.props[name]
			if !ok {
				t.Fatalf("%s: okr.css sets no --%s", scheme.name, name)
			}
			return v
		}
		for _, bg := range []string{"surface", "bg"} {
			for _, fg := range text {
				if r := contrast(t, colour(fg), colour(bg)); r < 4.5 {
					t.Errorf("%s: text in --%s (%s) on --%s (%s) reads at %.2f:1; want 4.5:1", scheme.name, fg, colour(fg), bg, colour(bg), r)
				}
			}
		}
		palette := strings.Split(colour("chart-colours"), ",")
		for _, fg := range append(marks, palette...) {
			fg = strings.TrimSpace(fg)
			value := fg
			if !strings.HasPrefix(fg, "#") {
				value = colour(fg)
			}
			if r := contrast(t, value, colour("surface")); r < 3 {
				t.Errorf("%s: chart marks in %s (%s) on --surface reach %.2f:1; want 3:1", scheme.name, fg, value, r)
			}
		}
	}
}

var property = regexp.MustCompile(`--([a-z0-9-]+):\s*([^;]+);`)

// properties returns the custom properties set in the block of css that
// opens with head.
func properties(t *testing.T, css, head string) map[string]string {
	t.Helper()
	start := strings.Index(css, head)
	if start < 0 {
		t.Fatalf("okr.css has no block %q", head)
	}
	block := css[start:]
	block = block[:strings.Index(block, "}")]
	props := map[string]string{}
	for _, m := range property.FindAllStringSubmatch(block, -1) {
		props[m[1]] = strings.TrimSpace(m[2])
	}
	return props
}

// contrast is the WCAG contrast ratio of two colours written #rrggbb.
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is the WCAG relative luminance of a colour written #rrggbb.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var channels [3]float64
	for i := range channels {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(fmt.Errorf("colour %q: %w", hex, err))
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			channels[i] = c / 12.92
		} else {
			channels[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*channels[0] + 0.7152*channels[1] + 0.0722*channels[2]
}
