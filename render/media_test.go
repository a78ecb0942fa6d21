package render_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/render"
)

// The start of a PNG file, enough for the loader.
const pngStart = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

// pictureSite is the test site with pictures beside three notes: the
// home page's, a period's and an objective's.
func pictureSite(t *testing.T, periodNote string) fstest.MapFS {
	fsys := txtarFS(t, "testdata/site.txtar")
	add := func(name, data string) { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	add("site.md", "![Our logo](logo.png)\n")
	add("logo.png", pngStart)
	add("periods/2026-Q3.md", periodNote)
	add("periods/funnel.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>`)
	add("periods/2026-Q3/sales/land-norway.md", "Oslo first:\n\n![Map of *Norway*](map%20of%20norway.png)\n")
	add("periods/2026-Q3/sales/map of norway.png", pngStart)
	return fsys
}

// TestPictures checks that each picture is copied under media/ and that a
// note's images and links to pictures reach it from every page that shows
// the note, at every depth and in the print edition, while other addresses
// stay as they were and dangerous ones are dropped.
func TestPictures(t *testing.T) {
	out := build(t, pictureSite(t, `Intro.

![The funnel](funnel.svg "Q3 funnel") and [full size](funnel.svg#top).

![remote](https://example.com/x.png) ![script](javascript:alert(1)) [a page](other.html)
`), render.Options{})
	for name, want := range map[string]string{
		"media/logo.png":                                pngStart,
		"media/periods/funnel.svg":                      "<svg",
		"media/periods/2026-Q3/sales/map of norway.png": pngStart,
	} {
		if !strings.HasPrefix(string(out[name]), want) {
			t.Errorf("%s: %.20q, want the picture", name, out[name])
		}
	}
	for _, tt := range []struct{ page, want string }{
		{"index.html", `<img src="media/logo.png" alt="Our logo">`},
		{"periods/2026-Q3.html", `<img src="../media/periods/funnel.svg" alt="The funnel" title="Q3 funnel">`},
		{"periods/2026-Q3.html", `<a href="../media/periods/funnel.svg#top">full size</a>`},
		{"periods/2026-Q3.html", `<img src="https://example.com/x.png" alt="remote"> <img src="" alt="script"> <a href="other.html">a page</a>`},
		{"periods/2026-Q3/print.html", `<img src="../../media/periods/funnel.svg" alt="The funnel" title="Q3 funnel">`},
		{"periods/2026-Q3/objectives/land-norway.html", `<img src="../../../media/periods/2026-Q3/sales/map%20of%20norway.png" alt="Map of Norway">`},
		{"periods/2026-Q3/print.html", `<img src="../../media/periods/2026-Q3/sales/map%20of%20norway.png" alt="Map of Norway">`},
		{"periods/2026-Q3/print-sales.html", `<img src="../../media/periods/2026-Q3/sales/map%20of%20norway.png" alt="Map of Norway">`},
	} {
		if !strings.Contains(string(out[tt.page]), tt.want) {
			t.Errorf("%s does not hold\n%s", tt.page, tt.want)
		}
	}
	for name, data := range out {
		if bytes.IndexByte(data, 0) >= 0 && !strings.HasPrefix(name, "media/") {
			t.Errorf("%s holds a NUL byte: a picture's address was left unfinished", name)
		}
	}
}

// TestPictureMissing checks that a note's image or link that names no
// picture beside it is an error at its position, for okr check and the
// build alike, naming the pictures that are there.
func TestPictureMissing(t *testing.T) {
	fsys := pictureSite(t, "Intro.\n\n| a | b |\n|---|---|\n| x | ![chart](chart.png) |\n\nSee [the map](../logo.svg) and ![old way](../static/logo.png).\n")
	site, _, err := load.Load(fsys, "site")
	if err != nil {
		t.Fatal(err)
	}
	want := `site/periods/2026-Q3.md:5:16: no picture "chart.png" beside this note; expected one of "funnel.svg"
site/periods/2026-Q3.md:7:15: no picture "../logo.svg" beside this note; expected one of "funnel.svg"
site/periods/2026-Q3.md:7:43: no picture "../static/logo.png" beside this note; expected one of "funnel.svg"`
	if err := render.CheckNotes(t.Context(), site); err == nil || err.Error() != want {
		t.Errorf("CheckNotes gives\n%v\nwant\n%s", err, want)
	}
	err = render.Render(okrsite.Evaluate(site, site.Settings.AsOf), render.Options{}, &files{})
	if err == nil || err.Error() != want {
		t.Errorf("Render gives\n%v\nwant\n%s", err, want)
	}

	delete(fsys, "periods/funnel.svg")
	site, _, _ = load.Load(fsys, "site")
	want = `site/periods/2026-Q3.md:5:16: no picture "chart.png" beside this note; expected a picture file (.png, .jpg, .jpeg, .gif, .webp or .svg) in the note's folder, or an https: address`
	if err := render.CheckNotes(t.Context(), site); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("CheckNotes gives\n%v\nwant\n%s", err, want)
	}
}

// checkPictures checks that the page in tab shows pictures in its
// commentary and that every one of them loads.
func checkPictures(t *testing.T, tab context.Context) {
	t.Helper()
	widths, err := run(tab, chromedp.Evaluate[[]int](`Promise.all([...document.querySelectorAll('.note img')].map(img => img.decode().then(() => img.naturalWidth, () => 0)))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(widths) == 0 {
		t.Fatal("the page shows no picture in its commentary")
	}
	for j, w := range widths {
		if w == 0 {
			t.Errorf("picture %d did not load", j+1)
		}
	}
}
