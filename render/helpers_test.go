package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
)

// BenchmarkHelpers measures each helper written in Go against the same
// markup from an html/template, the reason they are written in Go. Each
// pair first checks that both write the same bytes.
func BenchmarkHelpers(b *testing.B) {
	r := &renderer{lang: langs["en"]}
	score := okrsite.Score{Progress: 0.42, Expected: 0.55, Status: okrsite.AtRisk, Projected: 0.63, ProjectedGrade: 0.6, HasProjection: true}
	kr := &okrsite.KeyResult{Title: "Deals", Unit: "h"}
	krs := &okrsite.KeyResultScore{KeyResult: kr}
	for i := range 13 {
		krs.Checkins = append(krs.Checkins, okrsite.Checkin{Date: okrsite.Date(20600 + 7*i), Value: 70 - 2.5*float64(i), Confidence: 0.7, Note: "Cache & queue in place"})
	}
	krs.Checkins[3].Confidence = okrsite.NoConfidence
	for _, c := range []struct {
		name, tmpl string
		data       any
		helper     func() template.HTML
	}{
		{"badge", `<span class="status s-{{.}}">{{status .}}</span>`, score.Status, func() template.HTML { return r.badge(score.Status) }},
		{"verdict", `{{if .Final}}<span class="verdict">{{t "score.grade"}} {{gradeBadge .Grade}}</span>{{else}}{{badge .Status}}{{if .HasProjection}} <span class="forecast">{{t "score.forecast"}} {{grade .ProjectedGrade}}</span>{{end}}{{end}}`,
			score, func() template.HTML { return r.verdict(score) }},
		{"bar", `<div class="bar {{if .Final}}g-{{gradeColour .Grade}}{{else}}s-{{.Status}}{{end}}" role="img" aria-label="{{tf "score.bar" (pct .Progress) (pct .Expected)}}"><span class="fill" style="width:{{cssPercent .Progress}}"></span>{{if not .Final}}<span class="pace" style="left:{{cssPercent .Expected}}" title="{{t "score.expected"}} {{pct .Expected}}"></span>{{end}}</div>`,
			score, func() template.HTML { return r.bar(score) }},
		{"checkinRows", `{{range .Checkins}}<tr><td>{{date .Date}}</td><td>{{value .Value $.KeyResult.Unit}}</td><td>{{confidence .Confidence}}</td><td>{{.Note}}</td></tr>` + "\n{{end}}",
			krs, func() template.HTML { return r.checkinRows(krs) }},
	} {
		t := template.Must(template.New(c.name).Funcs(r.funcs()).Funcs(template.FuncMap{"cssPercent": cssPercent}).Parse(c.tmpl))
		var sb strings.Builder
		if err := t.Execute(&sb, c.data); err != nil {
			b.Fatal(err)
		}
		if got, want := string(c.helper()), sb.String(); got != want {
			b.Fatalf("%s writes\n%s\nthe template\n%s", c.name, got, want)
		}
		b.Run(c.name+"/go", func(b *testing.B) {
			for b.Loop() {
				c.helper()
			}
		})
		b.Run(c.name+"/template", func(b *testing.B) {
			for b.Loop() {
				sb.Reset()
				t.Execute(&sb, c.data)
			}
		})
	}
}
