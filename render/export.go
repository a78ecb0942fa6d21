package render

import (
	"encoding/json"
	"encoding/xml"
	"html/template"
	"io/fs"
	"strings"

	"github.com/okrsite/okrsite"
)

// The JSON export is the computed model, so other tools can reuse the
// numbers without reading the content or the pages: okr.json sums up the
// site (every period's and team's score, every KPI) and names, for each
// period, a file periods/PERIOD.json with its objectives and key results.

// score is a score as the export writes it.
type score struct {
	Progress, Expected float64
	Status             string
	Why                string                // why it has its status, in the site's language
	Forecast, Grade    *float64              // when known
	Distribution       *okrsite.Distribution // a roll-up's key results by status; nil for a key result
}

// appendJSON appends s as JSON: progress, expected, status and why,
// forecast and grade when known, and a roll-up's distribution: the count
// of each status by its name, in okrsite.Statuses' order.
func (s score) appendJSON(b []byte) ([]byte, error) {
	obj := jsonObject{b: append(b, '{')}
	obj.float("progress", s.Progress)
	obj.float("expected", s.Expected)
	obj.field("status", s.Status)
	obj.field("why", s.Why)
	if s.Forecast != nil {
		obj.float("forecast", *s.Forecast)
	}
	if s.Grade != nil {
		obj.float("grade", *s.Grade)
	}
	if d := s.Distribution; d != nil {
		obj.member("distribution", true, func(b []byte) ([]byte, error) {
			counts := jsonObject{b: append(b, '{')}
			for _, st := range okrsite.Statuses {
				counts.float(st.String(), float64(d.Count(st)))
			}
			return counts.end()
		})
	}
	return obj.end()
}

// MarshalJSON writes s for okr.json as appendJSON does for a period's
// export.
func (s score) MarshalJSON() ([]byte, error) { return s.appendJSON(nil) }

// exportScore is s as the export writes it, with d the distribution of a
// roll-up, or nil for a key result.
func (r *renderer) exportScore(s okrsite.Score, d *okrsite.Distribution) score {
	out := score{Progress: round(s.Progress), Expected: round(s.Expected), Status: s.Status.String(), Why: r.why(&s), Distribution: d}
	if s.HasProjection {
		f := round(s.Projected)
		out.Forecast = &f
	}
	if s.Final {
		g := s.Grade
		out.Grade = &g
	}
	return out
}

// periodJSON is where a period's objectives are exported.
func periodJSON(p *okrsite.Period) string { return "periods/" + p.ID + ".json" }

// export writes okr.json.
func (r *renderer) export(buf *output) error {
	c := r.card
	type team struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Score score  `json:"score"`
	}
	type period struct {
		ID         string `json:"id"`
		Name       string `json:"name"`
		Start      string `json:"start"`
		End        string `json:"end"`
		Score      score  `json:"score"`
		Teams      []team `json:"teams"`
		URL        string `json:"url"`
		Objectives string `json:"objectives"`
	}
	type kpi struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Unit    string   `json:"unit,omitempty"`
		Team    string   `json:"team,omitempty"`
		Latest  *float64 `json:"latest,omitempty"`
		Date    string   `json:"date,omitempty"`
		Health  string   `json:"health"`
		Stale   bool     `json:"stale"`
		Trend   string   `json:"trend"`
		InFocus bool     `json:"inFocus"`
		URL     string   `json:"url"`
	}
	out := struct {
		Title        string   `json:"title"`
		Organisation string   `json:"organisation,omitempty"`
		AsOf         string   `json:"asOf"`
		Current      string   `json:"currentPeriod,omitempty"`
		Periods      []period `json:"periods"`
		KPIs         []kpi    `json:"kpis"`
		Unattended   []string `json:"unattendedKPIs"`
	}{Title: r.site.Settings.Title, Organisation: r.site.Settings.Organisation, AsOf: c.AsOf.String(), Periods: []period{}, KPIs: []kpi{}, Unattended: []string{}}
	if c.Current != nil {
		out.Current = c.Current.Period.ID
	}
	for _, ps := range c.Periods {
		p := period{ID: ps.Period.ID, Name: ps.Period.Name, Start: ps.Period.Start.String(), End: ps.Period.End.String(),
			Score: r.exportScore(ps.Score, &ps.Distribution), Teams: []team{}, URL: url(ps), Objectives: periodJSON(ps.Period)}
		for _, tp := range ps.Teams {
			p.Teams = append(p.Teams, team{ID: tp.Team.ID, Name: tp.Team.Name, Score: r.exportScore(tp.Score, &tp.Distribution)})
		}
		out.Periods = append(out.Periods, p)
	}
	for _, ks := range c.KPIs {
		k := kpi{ID: ks.KPI.ID, Name: ks.KPI.Name, Unit: ks.KPI.Unit, Health: ks.Health.String(), Stale: ks.Stale,
			Trend: ks.Trend.String(), InFocus: ks.InFocus(), URL: url(ks)}
		if ks.KPI.Team != nil {
			k.Team = ks.KPI.Team.ID
		}
		if len(ks.Measurements) > 0 {
			v := ks.Latest.Value
			k.Latest, k.Date = &v, ks.Latest.Date.String()
		}
		if ks.Unattended {
			out.Unattended = append(out.Unattended, ks.KPI.ID)
		}
		out.KPIs = append(out.KPIs, k)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	// The review comes last, and runs to megabytes: it is written after
	// the rest, in pieces (see exportReview).
	buf.Write(b[:len(b)-1])
	buf.WriteString(`,"review":`)
	if err := r.exportReview(buf); err != nil {
		return err
	}
	buf.WriteString("}\n")
	return nil
}

// exportPeriod writes periods/PERIOD.json: the period's objectives with
// their scores, and each key result's latest value and score. A period of a
// large site has thousands of objectives, so it is written directly, one
// objective at a time, in the bytes json.Marshal would write for it; each
// objective's part is kept in the Cache, as a piece of the objective, so
// that an incremental build writes again only those that changed.
func (r *renderer) exportPeriod(buf *output, ps *okrsite.PeriodScore) error {
	buf.Write(appendJSONString([]byte(`{"period":`), ps.Period.ID))
	buf.WriteString(`,"objectives":[`)
	for i, os := range ps.Objectives {
		if i > 0 {
			buf.WriteString(",")
		}
		part, err := r.objectivePiece("export", "", os, func() (template.HTML, error) {
			b, err := r.appendObjectiveExport(nil, os)
			return template.HTML(b), err
		})
		if err != nil {
			return err
		}
		buf.WriteString(string(part))
	}
	buf.WriteString("]}\n")
	return nil
}

// appendObjectiveExport appends an objective of a period's export.
func (r *renderer) appendObjectiveExport(b []byte, os *okrsite.ObjectiveScore) ([]byte, error) {
	o := os.Objective
	obj := jsonObject{b: append(b, '{')}
	obj.field("id", o.ID)
	obj.field("title", o.Title)
	obj.field("team", o.Team.ID)
	obj.field("kind", o.Commitment.String())
	obj.str("owner", o.Owner)
	if o.Parent != nil {
		obj.str("parent", o.Parent.Ref())
	}
	obj.member("score", true, r.exportScore(os.Score, &os.Distribution).appendJSON)
	obj.member("keyResults", true, func(b []byte) ([]byte, error) {
		return appendArray(b, os.KeyResults, func(krs **okrsite.KeyResultScore, b []byte) ([]byte, error) {
			return r.appendKeyResultExport(b, *krs)
		})
	})
	obj.field("url", url(o))
	return obj.end()
}

// appendKeyResultExport appends a key result of a period's export.
func (r *renderer) appendKeyResultExport(b []byte, krs *okrsite.KeyResultScore) ([]byte, error) {
	kr := krs.KeyResult
	obj := jsonObject{b: append(b, '{')}
	obj.field("id", kr.ID)
	obj.field("title", kr.Title)
	obj.str("owner", kr.Owner)
	obj.str("unit", kr.Unit)
	obj.float("start", kr.Start)
	obj.float("target", kr.Target)
	obj.float("current", krs.Current)
	if kr.KPI != nil {
		obj.str("kpi", kr.KPI.ID)
	}
	obj.member("score", true, r.exportScore(krs.Score, nil).appendJSON)
	if krs.HasUpdate {
		obj.field("lastCheckin", krs.LastUpdate.String())
	}
	obj.field("url", url(kr))
	return obj.end()
}

// isAbsolute reports whether a base URL is absolute, as canonical links and
// the sitemap need.
func isAbsolute(base string) bool {
	return strings.HasPrefix(base, "https://") || strings.HasPrefix(base, "http://")
}

// isPage reports whether a built file is an HTML page for the sitemap.
func isPage(p string) bool { return strings.HasSuffix(p, ".html") && p != "404.html" }

// sitemap writes sitemap.xml listing every page under the base URL.
func (r *renderer) sitemap(buf *output, paths []string) error {
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range paths {
		buf.WriteString("<url><loc>")
		if err := xml.EscapeText(buf, []byte(r.baseURL+p)); err != nil {
			return err
		}
		buf.WriteString("</loc><lastmod>" + r.card.AsOf.String() + "</lastmod></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return nil
}

// assetJobs copies the static files, the site's overrides winning.
func (r *renderer) assetJobs() []job {
	files, err := r.assets.staticFiles()
	if err != nil {
		return []job{{path: "static", render: func(*output) error { return err }}}
	}
	jobs := make([]job, len(files))
	for i, name := range files {
		jobs[i] = job{path: name, about: static, render: func(buf *output) error {
			b, err := fs.ReadFile(r.assets, name)
			buf.Write(b)
			return err
		}}
	}
	return jobs
}
