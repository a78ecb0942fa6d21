package render

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown returns the converter for commentary: GitHub-flavoured
// Markdown with footnotes, definition lists and typographic quotes. Raw HTML
// is left out and dangerous link schemes dropped unless allowHTML is set.
// Headings move one level down, so a note's "#" sits under the page's own
// headings.
func newMarkdown(allowHTML bool) goldmark.Markdown {
	var rendererOpts []gmrenderer.Option
	if allowHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(demoteHeadings{}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// demoteHeadings moves every heading one level down, to at most h6.
type demoteHeadings struct{}

func (demoteHeadings) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+1, 6)
		}
		return ast.WalkContinue, nil
	})
}

// convertMarkdown renders Markdown to HTML. Heading ids keep letters of any
// script (å, ä and ö stay) and carry prefix, so that several notes on one
// page never share an id.
func convertMarkdown(md goldmark.Markdown, src, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{prefix: prefix, used: map[string]bool{}}))
	err := md.Convert([]byte(src), &buf, parser.WithContext(ctx))
	return buf.Bytes(), err
}

// headingIDs makes heading ids from heading text: lowercase letters and
// digits of any script, words joined by "-".
type headingIDs struct {
	prefix string
	used   map[string]bool
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	id := []byte(h.prefix)
	dash := false
	for len(value) > 0 {
		r, size := utf8.DecodeRune(value)
		value = value[size:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && len(id) > len(h.prefix) {
				id = append(id, '-')
			}
			id = utf8.AppendRune(id, unicode.ToLower(r))
			dash = false
		default:
			dash = true
		}
	}
	if len(id) == len(h.prefix) {
		id = append(id, "section"...)
	}
	base := string(id)
	unique := base
	for n := 1; h.used[unique]; n++ {
		unique = base + "-" + strconv.Itoa(n)
	}
	h.used[unique] = true
	return []byte(unique)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
