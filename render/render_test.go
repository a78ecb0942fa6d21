package render_test

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/golden"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/render"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// files collects a build's output in memory.
type files struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (f *files) WriteFile(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[string][]byte{}
	}
	if _, dup := f.m[name]; dup {
		panic("written twice: " + name)
	}
	f.m[name] = bytes.Clone(data)
	return nil
}

// txtarFS reads a txtar archive into a file system.
func txtarFS(t testing.TB, path string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// build loads, scores and renders a site.
func build(t testing.TB, fsys fs.FS, opts render.Options) map[string][]byte {
	t.Helper()
	site, _, err := load.Load(fsys, "site")
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var out files
	if err := render.Render(okrsite.Evaluate(site, site.Settings.AsOf), opts, &out); err != nil {
		t.Fatalf("render: %v", err)
	}
	return out.m
}

// TestGolden compares the main pages of the test site with golden files.
// Run go test -update to accept changes.
func TestGolden(t *testing.T) {
	out := build(t, txtarFS(t, "testdata/site.txtar"), render.Options{})
	checkGolden(t, out, "testdata/golden", []string{
		"index.html",
		"periods/2026-Q3.html",
		"periods/2026-Q2.html",
		"periods/2026-Q3/objectives/land-norway.html",
		"periods/2026-Q3/alignment.html",
		"periods/2026-Q2/print.html",
		"teams/sales.html",
		"kpis/engagement.html",
		"sitemap.xml",
		"okr.json",
		"periods/2026-Q3.json",
	})
}

// TestLocaleGolden builds the test site in each locale and compares a
// report page, an objective page with its chart's options (money in
// MSEK) and a print edition with golden files: dates, numbers and money
// as each locale writes them.
func TestLocaleGolden(t *testing.T) {
	for _, loc := range []string{"en-US", "en-GB", "sv-SE"} {
		t.Run(loc, func(t *testing.T) {
			fsys := txtarFS(t, "testdata/site.txtar")
			settings := strings.Replace(string(fsys["site.toml"].Data), `language = "en"`, fmt.Sprintf("locale = %q", loc), 1)
			fsys["site.toml"].Data = []byte(settings)
			out := build(t, fsys, render.Options{})
			checkGolden(t, out, filepath.Join("testdata", "golden", loc), []string{
				"periods/2026-Q3.html",
				"periods/2026-Q3/objectives/grow.html",
				"periods/2026-Q3/print.html",
			})
		})
	}
}

// checkGolden compares the pages of out with the golden files in dir, or
// with -update writes them.
func checkGolden(t *testing.T, out map[string][]byte, dir string, pages []string) {
	t.Helper()
	for _, page := range pages {
		got, ok := out[page]
		if !ok {
			t.Errorf("%s was not built", page)
			continue
		}
		golden.Check(t, filepath.Join(dir, strings.ReplaceAll(page, "/", "_")), got, *update)
	}
}

// TestDeterministic builds the example site twice, once on one goroutine
// and once on many, and expects the same bytes.
func TestDeterministic(t *testing.T) {
	fsys := os.DirFS("../content")
	one := build(t, fsys, render.Options{Workers: 1})
	many := build(t, fsys, render.Options{Workers: 8})
	if !slices.Equal(slices.Sorted(maps.Keys(one)), slices.Sorted(maps.Keys(many))) {
		t.Fatalf("the two builds wrote different files")
	}
	for name, b := range one {
		if !bytes.Equal(b, many[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
	if len(one) < 90 {
		t.Errorf("the example built only %d files", len(one))
	}
	for name, b := range one {
		if i := bytes.Index(b, []byte("%!")); i >= 0 {
			t.Errorf("%s has a formatting error: %s", name, b[max(0, i-60):min(len(b), i+20)])
		}
	}
}

// TestSwedish builds the test site in Swedish: the interface, the number
// and date formats, and heading ids that keep å, ä and ö.
func TestSwedish(t *testing.T) {
	out := build(t, txtarFS(t, "testdata/site.txtar"), render.Options{Lang: "sv"})
	page := string(out["periods/2026-Q3.html"])
	for _, want := range []string{
		`<html lang="sv" data-locale=`,
		"Framsteg",                     // progress
		"2026-07-01 till 2026-09-30",   // dates
		"Förväntat hittills 49\u00a0%", // a percentage
		`id="n1-mitt-i-kvartalet"`,     // a heading id
		"I fas",                        // on track
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Swedish period page lacks %q", want)
		}
	}
	obj := string(out["periods/2026-Q3/objectives/grow.html"])
	if !strings.Contains(obj, "11,5\u00a0MSEK") {
		t.Errorf("the Swedish objective page does not write 11,5 MSEK")
	}
	if !strings.Contains(obj, ` ../../../static/echarts/langSV.js"`) {
		t.Errorf("the Swedish objective page does not load the charts' Swedish labels")
	}
}

// TestOverride replaces a page template and a static file from the site's
// own templates folder.
func TestOverride(t *testing.T) {
	site := fstest.MapFS{
		"notfound.html":   {Data: []byte(`{{template "layout" .}}{{define "content"}}<p>Vilse!</p>{{end}}`)},
		"static/okr.css":  {Data: []byte("body { color: rebeccapurple }")},
		"static/logo.svg": {Data: []byte("<svg/>")},
	}
	out := build(t, txtarFS(t, "testdata/site.txtar"), render.Options{Templates: site})
	if !strings.Contains(string(out["404.html"]), "<p>Vilse!</p>") {
		t.Errorf("404.html does not come from the site's notfound.html")
	}
	if string(out["static/okr.css"]) != "body { color: rebeccapurple }" {
		t.Errorf("static/okr.css is not the site's")
	}
	if string(out["static/logo.svg"]) != "<svg/>" {
		t.Errorf("the site's own static file was not copied")
	}
	if len(out["static/okr.js"]) == 0 {
		t.Errorf("a default static file that was not overridden is missing")
	}
	bad := fstest.MapFS{"layout.html": {Data: []byte(`{{define "layout"}}{{.Nope}`)}}
	site2, _, err := load.Load(txtarFS(t, "testdata/site.txtar"), "site")
	if err != nil {
		t.Fatal(err)
	}
	var sink files
	err = render.Render(okrsite.Evaluate(site2, site2.Settings.AsOf), render.Options{Templates: bad}, &sink)
	if err == nil || !strings.Contains(err.Error(), "layout.html") {
		t.Errorf("a broken override gives %v; want an error naming layout.html", err)
	}
}

// TestOverrideEveryPage overrides, for each kind of page, its page template
// and then a partial it shows, from the site's own templates folder, and
// expects each override on the built page. The partials include pieces
// rendered once and reused (objectivecard, printobjective, footer).
func TestOverrideEveryPage(t *testing.T) {
	for _, c := range []struct {
		page, built, partial string
	}{
		{"home.html", "index.html", "kpitile"},
		{"periods.html", "periods.html", "periodlist"},
		{"period.html", "periods/2026-Q3.html", "periodnav"},
		{"alignment.html", "periods/2026-Q3/alignment.html", "aligntree"},
		{"objective.html", "periods/2026-Q3/objectives/land-norway.html", "keyresult"},
		{"print.html", "periods/2026-Q2/print.html", "printobjective"},
		{"teams.html", "teams.html", "teamnode"},
		{"team.html", "teams/sales.html", "chart"},
		{"teamperiod.html", "teams/sales/2026-Q3.html", "objectivecard"},
		{"kpis.html", "kpis.html", "kpitile"},
		{"kpi.html", "kpis/engagement.html", "chart"},
		{"notfound.html", "404.html", "footer"},
	} {
		t.Run(c.page, func(t *testing.T) {
			page := `{{template "layout" .}}{{define "content"}}<p>the site's ` + c.page + `</p>{{end}}`
			if c.page == "print.html" {
				page = `<p>the site's ` + c.page + `</p>`
			}
			partial := `{{define "` + c.partial + `"}}<p>the site's ` + c.partial + `</p>{{end}}`
			for _, o := range []struct{ file, src, want string }{
				{c.page, page, "<p>the site's " + c.page + "</p>"},
				{"partials/" + c.partial + ".html", partial, "<p>the site's " + c.partial + "</p>"},
			} {
				site := fstest.MapFS{o.file: {Data: []byte(o.src)}}
				out := build(t, txtarFS(t, "testdata/site.txtar"), render.Options{Templates: site})
				if got := string(out[c.built]); !strings.Contains(got, o.want) {
					t.Errorf("with the site's %s, %s lacks %q", o.file, c.built, o.want)
				}
			}
		})
	}
}

// TestOwnPartial adds a partial of the site's own, shown by an overridden
// page, and checks that a partial file must define the template of its
// name.
func TestOwnPartial(t *testing.T) {
	site := fstest.MapFS{
		"partials/banner.html": {Data: []byte(`{{define "banner"}}<p class="banner">{{.Site.Settings.Title}}</p>{{end}}`)},
		"home.html":            {Data: []byte(`{{template "layout" .}}{{define "content"}}{{template "banner" .}}{{end}}`)},
	}
	out := build(t, txtarFS(t, "testdata/site.txtar"), render.Options{Templates: site})
	if got := string(out["index.html"]); !strings.Contains(got, `<p class="banner">`) {
		t.Errorf("index.html does not show the site's own partial banner")
	}

	loaded, _, err := load.Load(txtarFS(t, "testdata/site.txtar"), "site")
	if err != nil {
		t.Fatal(err)
	}
	wrong := fstest.MapFS{"partials/banner.html": {Data: []byte(`{{define "bannner"}}x{{end}}`)}}
	err = render.Render(okrsite.Evaluate(loaded, loaded.Settings.AsOf), render.Options{Templates: wrong}, &files{})
	if want := `template partials/banner.html: defines no template "banner"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a partial file that defines another name gives %v; want an error with %q", err, want)
	}
}

// fullDisk is a Writer whose every file fails, as on a full disk, with an
// error that names the file.
type fullDisk struct{}

func (fullDisk) WriteFile(name string, data []byte) error {
	return fmt.Errorf("cannot write %s: no space left on device", name)
}

// fullStream takes small files and fails every file it is to take in
// pieces.
type fullStream struct{ files }

func (*fullStream) Create(name string) (io.WriteCloser, error) {
	return nil, fmt.Errorf("cannot write %s: no space left on device", name)
}

// TestWriteErrorNamesTheFileOnce checks that a Writer's error reaches the
// caller as the Writer put it, naming the file once: for a file handed over
// whole, and for one that fails while it renders (the 2 MB page below goes
// to the Writer in pieces before it ends).
func TestWriteErrorNamesTheFileOnce(t *testing.T) {
	site, _, err := load.Load(txtarFS(t, "testdata/site.txtar"), "site")
	if err != nil {
		t.Fatal(err)
	}
	card := okrsite.Evaluate(site, site.Settings.AsOf)
	big := fstest.MapFS{"notfound.html": {Data: []byte(`{{template "layout" .}}{{define "content"}}` + strings.Repeat("x", 2<<20) + `{{end}}`)}}
	for _, c := range []struct {
		w    render.Writer
		opts render.Options
	}{
		{fullDisk{}, render.Options{}},
		{&fullStream{}, render.Options{Templates: big}},
	} {
		err := render.Render(card, c.opts, c.w)
		if err == nil {
			t.Fatalf("%T gave no error", c.w)
		}
		msg := err.Error()
		name, ok := strings.CutPrefix(msg, "cannot write ")
		name, _, _ = strings.Cut(name, ":")
		if !ok || strings.Count(msg, name) != 1 {
			t.Errorf("%T: the error is %q; want the Writer's own, naming the file once", c.w, msg)
		}
	}
}
