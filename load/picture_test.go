package load

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// Bytes that begin pictures of each format, enough for the loader.
const (
	pngBytes  = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	jpegBytes = "\xff\xd8\xff\xe0\x00\x10JFIF"
	gifBytes  = "GIF89a\x01\x00\x01\x00"
	webpBytes = "RIFF\x24\x00\x00\x00WEBPVP8 "
	svgBytes  = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`
)

// withFiles returns the base site with files added, by path.
func withFiles(t *testing.T, files map[string]string) fstest.MapFS {
	fsys := siteFS(t)
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// TestPicturesAccepted loads a picture of each format in each folder a
// note may sit in, and finds them on the site by path.
func TestPicturesAccepted(t *testing.T) {
	fsys := withFiles(t, map[string]string{
		"logo.PNG":                           pngBytes,
		"periods/map.svg":                    "\ufeff<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n" + svgBytes,
		"periods/2026-Q3/team.jpeg":          jpegBytes,
		"periods/2026-Q3/company/grow.jpg":   jpegBytes,
		"periods/2026-Q3/company/funnel.gif": gifBytes,
		"kpis/trend.webp":                    webpBytes,
		// An editor's metadata, links within the picture and an animation
		// of a drawing attribute are all a picture may hold.
		"kpis/drawn.svg": `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape">
<inkscape:page/><defs><circle id="c" r="2"/></defs><use xlink:href="#c"/>
<image href="data:image/png;base64,iVBORw0KGgo="/>
<rect width="1" height="1"><animate attributeName="width" from="1" to="5" dur="1s"/></rect></svg>`,
	})
	site, _, err := Load(fsys, "site")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range site.Pictures {
		got = append(got, p.Path)
		if want := string(fsys[p.Path].Data); p.Data != want {
			t.Errorf("%s: data %q, want %q", p.Path, p.Data, want)
		}
	}
	want := []string{"kpis/drawn.svg", "kpis/trend.webp", "logo.PNG", "periods/2026-Q3/company/funnel.gif",
		"periods/2026-Q3/company/grow.jpg", "periods/2026-Q3/team.jpeg", "periods/map.svg"}
	if !slices.Equal(got, want) {
		t.Errorf("pictures\n%q\nwant\n%q", got, want)
	}
}

// TestPicturesRefused checks each way a picture is refused, each with its
// file and, in an SVG picture, its position.
func TestPicturesRefused(t *testing.T) {
	svg := func(body string) string {
		return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">` + "\n" + body + "</svg>"
	}
	tests := []struct {
		name, file, data, want string
	}{
		{"web page named .png", "periods/evil.png", "<html><script>alert(1)</script>", "site/periods/evil.png: the file is not a PNG picture; expected the picture format its name ends in"},
		{"JPEG named .png", "kpis/photo.png", jpegBytes, "site/kpis/photo.png: the file holds a JPEG picture; expected a PNG picture, as its name says"},
		{"empty .gif", "logo.gif", "", "site/logo.gif: the file is not a GIF picture"},
		{"too big", "periods/big.png", pngBytes + strings.Repeat("x", MaxPictureSize), "site/periods/big.png: the picture is 5.1 MB; expected at most 5 MB"},
		{"web page named .svg", "periods/page.svg", "<html><body><script>alert(1)</script></body></html>", "site/periods/page.svg:1:1: the file begins with <html>; expected an SVG picture"},
		{"svg without namespace", "periods/a.svg", "<svg><rect/></svg>", "site/periods/a.svg:1:1: the file begins with <svg>; expected an SVG picture, which begins with <svg xmlns="},
		{"script", "periods/a.svg", svg(`<rect/><script>alert(1)</script>`), "site/periods/a.svg:2:8: an element <script>; expected only drawing elements"},
		{"event handler", "periods/2026-Q3/a.svg", svg(`<rect onclick="alert(1)"/>`), "site/periods/2026-Q3/a.svg:2:1: an event handler onclick=; expected none"},
		{"upper-case handler", "periods/a.svg", svg(`<rect ONLOAD="alert(1)"/>`), "an event handler ONLOAD="},
		{"foreignObject", "periods/a.svg", svg(`<foreignObject><p>x</p></foreignObject>`), "an element <foreignObject>"},
		{"HTML inside", "periods/a.svg", svg(`<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>`), "an HTML or MathML element <script>"},
		{"javascript link", "periods/a.svg", svg(`<a xlink:href="javascript:alert(1)"><rect/></a>`), `a link out of the picture, href="javascript:alert(1)"`},
		{"link to a page", "periods/a.svg", svg(`<a href="https://example.com/"><rect/></a>`), "a link out of the picture"},
		{"animated link", "periods/a.svg", svg(`<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>`), "an animation of href"},
		{"entity", "periods/a.svg", `<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]>` + svg("&x;"), "site/periods/a.svg:1:1: a declaration <!...> other than a plain <!DOCTYPE>"},
		{"style sheet", "periods/a.svg", `<?xml-stylesheet href="x.xsl" type="text/xsl"?>` + svg(""), "a processing instruction <?xml-stylesheet?>"},
		{"unknown entity", "periods/a.svg", svg("&x;"), "site/periods/a.svg:2:4: the file is not well-formed XML (invalid character entity &x;)"},
		{"not XML", "periods/a.svg", "<svg", "the file is not well-formed XML"},
		{"no element", "periods/a.svg", "<!-- nothing -->", "the file has no <svg> element"},
		{"other file", "periods/2026-Q3/company/data.txt", "x", "site/periods/2026-Q3/company/data.txt: unexpected file; expected OBJECTIVE.md notes on the team's objectives, or a picture (.png, .jpg, .jpeg, .gif, .webp or .svg)"},
		{"picture folder", "kpis/chart.png/x", "x", "site/kpis/chart.png: unexpected folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Load(withFiles(t, map[string]string{tt.file: tt.data}), "site")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestPicturesTotal checks that the picture that takes the site past
// MaxPicturesSize is refused, and the ones after it.
func TestPicturesTotal(t *testing.T) {
	files := map[string]string{}
	big := pngBytes + strings.Repeat("x", MaxPictureSize-len(pngBytes))
	for i := range MaxPicturesSize/MaxPictureSize + 1 {
		files[fmt.Sprintf("periods/p%02d.png", i)] = big
	}
	_, _, err := Load(withFiles(t, files), "site")
	want := fmt.Sprintf("site/periods/p%02d.png: the pictures come to 55 MB with this one; expected at most 50 MB in all", MaxPicturesSize/MaxPictureSize)
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestPicturesCached checks that a Loader keeps an unchanged picture as
// the very same value, which an incremental build compares, and reads a
// changed one again.
func TestPicturesCached(t *testing.T) {
	fsys := withFiles(t, map[string]string{"periods/a.png": pngBytes, "periods/b.png": pngBytes})
	for _, f := range fsys {
		f.ModTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	ld := NewLoader()
	first, _, err := ld.LoadWith(fsys, "site", Options{})
	if err != nil {
		t.Fatal(err)
	}
	fsys["periods/b.png"] = &fstest.MapFile{Data: []byte(pngBytes + "more"), ModTime: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	second, _, err := ld.LoadWith(fsys, "site", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if first.Pictures[0] != second.Pictures[0] {
		t.Error("the unchanged picture was read again")
	}
	if first.Pictures[1] == second.Pictures[1] || second.Pictures[1].Data != pngBytes+"more" {
		t.Error("the changed picture was not read again")
	}
	if got := ld.Changed(); !slices.Equal(got, []string{"periods/b.png"}) {
		t.Errorf("changed %q, want the changed picture", got)
	}
}

// FuzzCheckSVG checks fuzzed SVG: never a panic, and a picture it accepts
// begins with <svg> in the SVG namespace and has no element or attribute
// that could run script.
func FuzzCheckSVG(f *testing.F) {
	f.Add(svgBytes)
	f.Add(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><a href="javascript:x"/></svg>`)
	f.Add(`<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;<![CDATA[<script>]]></svg>`)
	f.Add(`<?xml-stylesheet href="a"?><s:svg xmlns:s="http://www.w3.org/2000/svg" ONload="x"><h:p xmlns:h="http://www.w3.org/1999/xhtml"/></s:svg>`)
	f.Fuzz(func(t *testing.T, src string) {
		pic := &file{path: "a.svg", rel: "a.svg"}
		pic.Src = src
		if !checkSVG(pic) {
			if len(pic.Problems) != 1 {
				t.Fatalf("refused with %d problems", len(pic.Problems))
			}
			return
		}
		d := xml.NewDecoder(strings.NewReader(strings.TrimPrefix(src, "\ufeff")))
		root := true
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			e, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			if root && (e.Name.Space != svgNS || e.Name.Local != "svg") {
				t.Fatalf("accepted a picture that begins with %v", e.Name)
			}
			root = false
			if name := strings.ToLower(e.Name.Local); name == "script" || name == "foreignobject" || e.Name.Space == xhtmlNS {
				t.Fatalf("accepted %v", e.Name)
			}
			for _, a := range e.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Fatalf("accepted the attribute %v", a.Name)
				}
			}
		}
	})
}

// TestUnshownPictures checks which pictures get the warning that no note
// shows them: those whose name no note holds, as written or escaped.
func TestUnshownPictures(t *testing.T) {
	fsys := withFiles(t, map[string]string{
		"periods/2026-Q3.md":           "![Plan](plan%20v2.svg) and [the map](2026-Q3/Map.SVG#north \"Map\").",
		"periods/plan v2.svg":          svgBytes,
		"periods/2026-Q3/Map.SVG":      svgBytes,
		"periods/2026-Q3/old.svg":      svgBytes,
		"kpis/engagement-history.webp": webpBytes,
	})
	_, warnings, err := Load(fsys, "site")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"site/kpis/engagement-history.webp: no note shows this picture, yet it is copied into the site; expected ![text](engagement-history.webp) in a note, or the file removed",
		"site/periods/2026-Q3/old.svg: no note shows this picture, yet it is copied into the site; expected ![text](old.svg) in a note, or the file removed",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings\n%q\nwant\n%q", got, want)
	}
}
