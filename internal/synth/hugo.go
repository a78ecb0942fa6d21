package synth

import (
	"fmt"
	"strings"

	"github.com/okrsite/okrsite"
)

// HugoFiles writes site as an equivalent Hugo site, for comparing build
// times: one page per objective, whose front matter carries its key results
// and their check-ins, rendered as a table and one JSON chart payload per
// key result.
func HugoFiles(site *okrsite.Site) map[string][]byte {
	files := map[string][]byte{
		"hugo.toml": []byte("baseURL = \"https://example.com/\"\ntitle = \"Synthetic goals\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n"),
		"layouts/_default/single.html": []byte(`<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<p>{{ .Params.team }} · {{ .Params.period }}</p>
{{ range $i, $kr := .Params.keyresults }}
<section>
<h2>{{ $kr.title }}</h2>
<table>
<tr><th>Date</th><th>Value</th><th>Confidence</th><th>Note</th></tr>
{{ range $kr.checkins }}<tr><td>{{ index . 0 }}</td><td>{{ index . 1 }}</td><td>{{ index . 2 }}</td><td>{{ if gt (len .) 3 }}{{ index . 3 }}{{ end }}</td></tr>
{{ end }}</table>
<script type="application/json" id="chart-{{ $i }}">{{ dict "start" $kr.start "target" $kr.target "unit" $kr.unit "data" $kr.checkins | jsonify }}</script>
</section>
{{ end }}
</body></html>
`),
		"layouts/_default/list.html": []byte("<!DOCTYPE html><html><body><h1>{{ .Title }}</h1></body></html>\n"),
		"layouts/index.html":         []byte("<!DOCTYPE html><html><body><h1>{{ .Site.Title }}</h1></body></html>\n"),
	}
	var b strings.Builder
	for _, o := range site.Objectives {
		b.Reset()
		fmt.Fprintf(&b, "+++\ntitle = %q\nteam = %q\nperiod = %q\n", o.Title, o.Team.ID, o.Period.ID)
		for _, kr := range o.KeyResults {
			fmt.Fprintf(&b, "\n[[keyresults]]\ntitle = %q\nunit = %q\nstart = %s\ntarget = %s\ncheckins = [\n", kr.Title, kr.Unit, num(kr.Start), num(kr.Target))
			for _, c := range kr.Checkins {
				fmt.Fprintf(&b, "  [%q, %s, %s", c.Date.String(), num(c.Value), num(c.Confidence))
				if c.Note != "" {
					fmt.Fprintf(&b, ", %q", c.Note)
				}
				b.WriteString("],\n")
			}
			b.WriteString("]\n")
		}
		b.WriteString("+++\n")
		files[fmt.Sprintf("content/objectives/%s-%s.md", o.Period.ID, o.ID)] = []byte(b.String())
	}
	return files
}
