package render

import (
	"bytes"
	"fmt"
	"html"
	"io"
	neturl "net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gmrenderer "github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/okrsite/okrsite"
)

// Pictures sit beside the notes that show them, and are copied into the
// site under media/, at their path in the content folder. A note refers
// to a picture by its path from the note's folder, "chart.svg"; the note
// is converted to HTML once, and shown on pages at several depths (an
// objective's page and the print edition), so the picture's address in
// the HTML starts with rootMarker, which each page replaces with its own
// way to the site's root as it is written (see rootWriter). Every
// address stays relative, for a site under a sub-path or opened from
// disk. SVG pictures are shown with <img>, never inlined: in an <img> a
// browser runs none of their scripts.

// mediaDir is the folder of the built site that holds the pictures.
const mediaDir = "media/"

// mediaJobs copies each picture into the site.
func (r *renderer) mediaJobs() []job {
	jobs := make([]job, len(r.site.Pictures))
	for i, p := range r.site.Pictures {
		jobs[i] = job{path: mediaDir + p.Path, about: p, render: func(out *output) error {
			_, err := out.WriteString(p.Data)
			return err
		}}
	}
	return jobs
}

// rootMarker stands in a note's HTML for the way from the page that shows
// it to the site's root. Markdown cannot write it: goldmark writes a NUL
// of the content as U+FFFD.
const rootMarker = "\x00"

// rootWriter writes a page, replacing rootMarker with the page's root.
type rootWriter struct {
	w    io.Writer
	root string // escaped for an attribute's value
}

// withRoot returns the writer for a page at root: w itself when no note
// shows a picture, so that such sites spend nothing on it.
func (r *renderer) withRoot(w io.Writer, root string) io.Writer {
	if !r.pictured {
		return w
	}
	return rootWriter{w, html.EscapeString(root)}
}

func (rw rootWriter) Write(p []byte) (int, error) {
	for rest := p; ; {
		i := bytes.IndexByte(rest, rootMarker[0])
		if i < 0 {
			_, err := rw.w.Write(rest)
			return len(p), err
		}
		if _, err := rw.w.Write(rest[:i]); err != nil {
			return 0, err
		}
		if _, err := io.WriteString(rw.w, rw.root); err != nil {
			return 0, err
		}
		rest = rest[i+1:]
	}
}

// noteKey holds, in goldmark's parser context, the noteContext of the note
// being converted.
var noteKey = parser.NewContextKey()

// noteContext is what converting one note needs to find its pictures,
// and what it found.
type noteContext struct {
	note     *okrsite.Note
	pictures map[string]*okrsite.Picture // by path
	errs     []*NoteError
	shows    bool // the note shows or links to a picture
}

// pictureLinks turns the images of a note, and its links to pictures,
// whose addresses are relative paths into pictureNodes, and reports the
// ones that name no picture. Other links and absolute addresses (https:)
// stay as they are, for goldmark to write or drop as dangerous.
type pictureLinks struct{}

func (pictureLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	nc, _ := pc.Get(noteKey).(*noteContext)
	if nc == nil {
		return
	}
	var found []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindImage || n.Kind() == ast.KindLink) {
			found = append(found, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range found {
		image := n.Kind() == ast.KindImage
		dest, title := destination(n)
		u, err := neturl.Parse(string(dest))
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
			continue // not a relative path
		}
		if !image && okrsite.PictureFormat(u.Path) == "" {
			continue // a link to something else
		}
		p := nc.pictures[path.Join(path.Dir(nc.note.File), u.Path)]
		if p == nil {
			line, col := position(reader.Source(), n, dest)
			nc.errs = append(nc.errs, &NoteError{nc.note.Path, nc.note.Line + line, col, nc.missing(u.Path)})
			continue
		}
		src := (&neturl.URL{Path: mediaDir + p.Path, Fragment: u.Fragment}).String()
		pn := &pictureNode{src: src, title: title, image: image}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			pn.AppendChild(pn, c)
			c = next
		}
		n.Parent().ReplaceChild(n.Parent(), n, pn)
		nc.shows = true
	}
}

// destination returns the address and title of an image or a link.
func destination(n ast.Node) (dest, title []byte) {
	if img, ok := n.(*ast.Image); ok {
		return img.Destination, img.Title
	}
	l := n.(*ast.Link)
	return l.Destination, l.Title
}

// missing says that a note names a picture that is not beside it, and
// which ones are.
func (nc *noteContext) missing(name string) string {
	dir := path.Dir(nc.note.File)
	var beside []string
	for p := range nc.pictures {
		if path.Dir(p) == dir {
			beside = append(beside, fmt.Sprintf("%q", path.Base(p)))
		}
	}
	slices.Sort(beside)
	if len(beside) == 0 {
		return fmt.Sprintf("no picture %q beside this note; expected a picture file (%s) in the note's folder, or an https: address", name, okrsite.PictureFormats)
	}
	return fmt.Sprintf("no picture %q beside this note; expected one of %s", name, strings.Join(beside, ", "))
}

// position finds where a note's source writes dest, in the block that
// holds node or after it, as a line from 0 and a column from 1; or the
// block's start when it is not written there as it is.
func position(src []byte, node ast.Node, dest []byte) (line, col int) {
	at := 0
	for b := node.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			at = b.Lines().At(0).Start
			break
		}
	}
	if i := bytes.Index(src[at:], dest); i >= 0 && len(dest) > 0 {
		at += i
	}
	start := bytes.LastIndexByte(src[:at], '\n') + 1
	return bytes.Count(src[:at], []byte("\n")), utf8.RuneCount(src[start:at]) + 1
}

// pictureNode is an image or link that shows a picture of the site.
type pictureNode struct {
	ast.BaseInline
	src   string // the picture's site-relative address, escaped as a URL
	title []byte
	image bool // an image; otherwise a link
}

var kindPicture = ast.NewNodeKind("Picture")

func (n *pictureNode) Kind() ast.NodeKind { return kindPicture }

func (n *pictureNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"src": n.src}, nil)
}

// pictureRenderer writes pictureNodes: an <img> for an image, whose
// children are its alternative text, or an <a> around a link's children.
type pictureRenderer struct{}

func (pictureRenderer) RegisterFuncs(reg gmrenderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPicture, renderPicture)
}

func renderPicture(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*pictureNode)
	if !entering {
		if !n.image {
			_, _ = w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	}
	attr := `<a href="`
	if n.image {
		attr = `<img src="`
	}
	_, _ = w.WriteString(attr + rootMarker + html.EscapeString(n.src) + `"`)
	if n.image {
		_, _ = w.WriteString(` alt="`)
		altText(w, source, n)
		_ = w.WriteByte('"')
	}
	if n.title != nil {
		_, _ = w.WriteString(` title="`)
		gmhtml.DefaultWriter.Write(w, n.title)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	if n.image {
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// altText writes the text of an image's description, without its markup,
// as goldmark writes an image's alt attribute.
func altText(w util.BufWriter, source []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.String:
			switch {
			case c.IsCode():
				_, _ = w.Write(c.Value)
			case c.IsRaw():
				gmhtml.DefaultWriter.RawWrite(w, c.Value)
			default:
				gmhtml.DefaultWriter.Write(w, c.Value)
			}
		case *ast.Text:
			if c.IsRaw() {
				gmhtml.DefaultWriter.RawWrite(w, c.Segment.Value(source))
			} else {
				gmhtml.DefaultWriter.Write(w, c.Segment.Value(source))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				_ = w.WriteByte(' ')
			}
		default:
			altText(w, source, c)
		}
	}
}
