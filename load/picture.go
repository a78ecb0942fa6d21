package load

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/okrsite/okrsite"
)

// Limits on the pictures commentary shows.
const (
	// MaxPictureSize is the largest picture the loader reads.
	MaxPictureSize = 5 << 20
	// MaxPicturesSize is the most all of a site's pictures may hold.
	MaxPicturesSize = 50 << 20
)

// isPicture reports whether a file's name says it is a picture.
func isPicture(name string) bool { return okrsite.PictureFormat(name) != "" }

// sniff names the raster format that data begins like, or returns "".
func sniff(data string) string {
	switch {
	case strings.HasPrefix(data, "\x89PNG\r\n\x1a\n"):
		return "PNG"
	case strings.HasPrefix(data, "\xff\xd8\xff"):
		return "JPEG"
	case strings.HasPrefix(data, "GIF87a"), strings.HasPrefix(data, "GIF89a"):
		return "GIF"
	case len(data) >= 12 && data[:4] == "RIFF" && data[8:12] == "WEBP":
		return "WebP"
	}
	return ""
}

// readPicture reads the picture f and checks that its bytes are of the
// format its name says, so that no other kind of file (a web page renamed
// .png) is served as a picture. It returns nil when they are not.
func (j *job) readPicture(f *file) *okrsite.Picture {
	j.read = append(j.read, f)
	b, info, ok := j.l.readBytes(f, MaxPictureSize, "the picture")
	if !ok {
		return nil
	}
	f.Src, f.stat = string(b), info
	want := okrsite.PictureFormat(f.rel)
	if want == "SVG" {
		if !checkSVG(f) {
			return nil
		}
	} else if got := sniff(f.Src); got != want {
		if got != "" {
			f.ErrorAt(0, 0, "the file holds a %s picture; expected a %s picture, as its name says (rename it to the right extension)", got, want)
		} else {
			f.ErrorAt(0, 0, "the file is not a %s picture; expected the picture format its name ends in", want)
		}
		return nil
	}
	return &okrsite.Picture{Path: f.rel, Data: f.Src}
}

// Namespaces an SVG picture's elements may be in, or not.
const (
	svgNS    = "http://www.w3.org/2000/svg"
	xhtmlNS  = "http://www.w3.org/1999/xhtml"
	mathMLNS = "http://www.w3.org/1998/Math/MathML"
)

// svgElements are the SVG elements a picture may hold: shapes, text,
// paint, filters and animation. Left out are script, foreignObject (which
// holds HTML) and the rest that can run code or load documents.
var svgElements = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`svg g defs desc title metadata symbol use switch view a
		path rect circle ellipse line polyline polygon text tspan textPath image marker pattern
		linearGradient radialGradient stop clipPath mask style filter
		feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
		feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
		feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight
		feSpecularLighting feSpotLight feTile feTurbulence
		animate animateMotion animateTransform set mpath`) {
		svgElements[name] = true
	}
}

// checkSVG checks that f is an SVG picture that does nothing but draw,
// even when a reader opens the file by itself, where a browser would run
// its scripts: well-formed XML with <svg> at its root, and no scripts,
// event handlers, HTML, style sheet instructions, entity declarations or
// links out of the picture.
func checkSVG(f *file) bool {
	d := xml.NewDecoder(strings.NewReader(strings.TrimPrefix(f.Src, string(utf8BOM))))
	root := true
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root {
				f.ErrorAt(line, col, "the file has no <svg> element; expected an SVG picture")
			}
			return !root
		}
		if err != nil {
			var syntax *xml.SyntaxError
			if errors.As(err, &syntax) {
				err = errors.New(syntax.Msg) // its line is in the position
			}
			line, col = d.InputPos()
			f.ErrorAt(line, col, "the file is not well-formed XML (%v); expected an SVG picture", err)
			return false
		}
		if msg := svgProblem(tok, root); msg != "" {
			f.ErrorAt(line, col, "%s", msg)
			return false
		}
		if _, ok := tok.(xml.StartElement); ok {
			root = false
		}
	}
}

// svgProblem says what is wrong with one token of an SVG picture, or
// returns "". root is set until the first element.
func svgProblem(tok xml.Token, root bool) string {
	const why = " (the browser would run it when the file is opened by itself)"
	switch t := tok.(type) {
	case xml.ProcInst:
		if t.Target != "xml" {
			return "a processing instruction <?" + t.Target + "?>; expected none in a picture" + why
		}
	case xml.Directive:
		if !bytes.HasPrefix(t, []byte("DOCTYPE")) || bytes.ContainsRune(t, '[') {
			return "a declaration <!...> other than a plain <!DOCTYPE>; expected no declarations in a picture (they may define entities)"
		}
	case xml.StartElement:
		switch {
		case root && (t.Name.Space != svgNS || t.Name.Local != "svg"):
			return "the file begins with <" + t.Name.Local + ">; expected an SVG picture, which begins with <svg xmlns=\"" + svgNS + "\">"
		case t.Name.Space == svgNS && !svgElements[t.Name.Local]:
			return "an element <" + t.Name.Local + ">; expected only drawing elements in a picture" + why
		case t.Name.Space == xhtmlNS || t.Name.Space == mathMLNS:
			return "an HTML or MathML element <" + t.Name.Local + ">; expected only drawing elements in a picture" + why
		}
		for _, a := range t.Attr {
			name := strings.ToLower(a.Name.Local)
			value := strings.ToLower(strings.TrimSpace(a.Value))
			switch {
			case strings.HasPrefix(name, "on"):
				return "an event handler " + a.Name.Local + "=; expected none in a picture" + why
			case name == "href" && !strings.HasPrefix(value, "#") &&
				!(strings.HasPrefix(value, "data:image/") && (t.Name.Local == "image" || t.Name.Local == "feImage")):
				return "a link out of the picture, href=\"" + a.Value + "\"; expected only links within it (#id), or data:image/ in <image>"
			case name == "attributename" && (strings.HasSuffix(value, "href") || strings.HasPrefix(value, "on")):
				return "an animation of " + a.Value + "; expected animations of drawing attributes only" + why
			}
		}
	}
	return ""
}
