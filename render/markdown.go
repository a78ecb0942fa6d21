package render

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/okrsite/okrsite"
)

// Limits on a note's Markdown. Goldmark takes time out of proportion to
// the input for some shapes: deeply nested quotes and lists, many open
// brackets, many unmatched emphasis markers, backtick runs of many lengths.
// Within these limits a note renders in time in proportion to its size
// (BenchmarkMarkdownShapes measures each shape at the limits); a note
// beyond them is refused with its position, before goldmark sees it.
const (
	// MaxNoteSize is the most Markdown one note may hold, in bytes.
	MaxNoteSize = 256 << 10
	// MaxNesting is how many columns of indentation, quote markers (>)
	// and list markers may come before a line's text: quotes and lists
	// nest at most this deep, and lists about half as deep.
	MaxNesting = 100
	// MaxBrackets is how many opening brackets ([) a note may have:
	// its links, images, footnotes and reference definitions together.
	MaxBrackets = 500
	// MaxEmphasis is how many runs of *, _ and ~ a note may have.
	MaxEmphasis = 10000
	// MaxBackticks is the longest run of backticks a note may have.
	MaxBackticks = 32
)

// NoteError is a note that a build will not render, at a position in its
// file.
type NoteError struct {
	Path      string
	Line, Col int // 1-based
	Msg       string
}

func (e *NoteError) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg) }

// NoteErrors are every note of a site that a build will not render, in
// the site's order.
type NoteErrors []*NoteError

func (l NoteErrors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// CheckNotes renders every note of the site as a build does, and returns
// the notes a build would refuse as NoteErrors. okr check calls it, so that
// it fails wherever a build would.
func CheckNotes(ctx context.Context, site *okrsite.Site) error {
	r := &renderer{site: site, md: newMarkdown(site.Settings.AllowHTML, langs["en"]), cache: NewCache()}
	return r.renderNotes(ctx)
}

// renderNotes converts every note to HTML once, in parallel. A note beyond
// the limits is not converted; every such note, and every picture a note
// names that is not beside it, comes back in NoteErrors.
func (r *renderer) renderNotes(ctx context.Context) error {
	notes := siteNotes(r.site)
	pictures := make(map[string]*okrsite.Picture, len(r.site.Pictures))
	for _, p := range r.site.Pictures {
		pictures[p.Path] = p
	}
	html := make([]template.HTML, len(notes))
	found := make([]*noteContext, len(notes))
	jobs := make([]job, len(notes))
	for i, n := range notes {
		jobs[i] = job{path: n.Path, render: func(*output) error {
			found[i] = &noteContext{note: n, pictures: pictures}
			if e := checkNote(n); e != nil {
				found[i].errs = []*NoteError{e}
				return nil
			}
			b, err := convertMarkdown(r.md, n.Markdown, fmt.Sprintf("n%d-", i+1), found[i])
			html[i] = template.HTML(b)
			return err
		}}
	}
	if err := run(ctx, jobs, 0, discard{}, r.cache); err != nil {
		return err
	}
	var errs NoteErrors
	for _, nc := range found {
		errs = append(errs, nc.errs...)
		r.pictured = r.pictured || nc.shows
	}
	if len(errs) > 0 {
		return errs
	}
	r.notes = make(map[*okrsite.Note]template.HTML, len(notes))
	for i, n := range notes {
		r.notes[n] = html[i]
	}
	return nil
}

// siteNotes returns every note of the site, in the site's order.
func siteNotes(site *okrsite.Site) []*okrsite.Note {
	var notes []*okrsite.Note
	add := func(n *okrsite.Note) {
		if n != nil {
			notes = append(notes, n)
		}
	}
	add(site.Note)
	for _, p := range site.Periods {
		add(p.Note)
		for _, t := range site.Teams {
			add(p.TeamNotes[t])
		}
	}
	for _, o := range site.Objectives {
		add(o.Note)
		add(o.Retro)
		for _, kr := range o.KeyResults {
			add(kr.Retro)
		}
	}
	for _, k := range site.KPIs {
		add(k.Note)
	}
	return notes
}

// checkNote checks a note against the limits, in one pass over it, and
// returns the first limit it breaks, at the place it breaks it.
func checkNote(n *okrsite.Note) *NoteError {
	src := n.Markdown
	if len(src) > MaxNoteSize {
		return &NoteError{n.Path, n.Line, 1, fmt.Sprintf("the note has %d KB of Markdown; expected at most %d KB", (len(src)+1023)>>10, MaxNoteSize>>10)}
	}
	line, start := 0, 0 // the line being read, from 0, and where it starts
	at := func(i int, format string, args ...any) *NoteError {
		col := utf8.RuneCountInString(src[start:i]) + 1
		return &NoteError{n.Path, n.Line + line, col, fmt.Sprintf(format, args...)}
	}
	brackets, emphasis := 0, 0
	for i := 0; i < len(src); {
		if i == start {
			if end := nestingEnd(src[i:]); end >= 0 {
				return at(i+end, "this line nests more than %d columns deep (indentation, > and list markers); expected at most %d", MaxNesting, MaxNesting)
			}
		}
		c := src[i]
		run := 1
		for i+run < len(src) && src[i+run] == c && (c == '*' || c == '_' || c == '~' || c == '`') {
			run++
		}
		switch c {
		case '\n':
			line, start = line+1, i+1
		case '[':
			if brackets++; brackets > MaxBrackets {
				return at(i, "the note has more than %d [ brackets (links, images, footnotes and reference definitions); expected at most %d", MaxBrackets, MaxBrackets)
			}
		case '*', '_', '~':
			if emphasis++; emphasis > MaxEmphasis {
				return at(i, "the note has more than %d runs of *, _ and ~; expected at most %d", MaxEmphasis, MaxEmphasis)
			}
		case '`':
			if run > MaxBackticks {
				return at(i, "a run of %d backticks; expected at most %d", run, MaxBackticks)
			}
		}
		i += run
	}
	return nil
}

// nestingEnd measures how far the line that begins s nests: the columns
// of its leading spaces, tabs, quote markers (>) and list markers (-, +,
// * or a number with . or ), each followed by a space, and : for
// definition lists), code lines too. It returns the offset in s where that
// passes MaxNesting, or -1 when it stays within it or the line is blank.
func nestingEnd(s string) int {
	col := 0
	for i := 0; i < len(s); {
		n := 1 // the bytes of the marker at i
		switch c := s[i]; {
		case c == ' ' || c == '>':
		case c == '\t':
			n, col = 1, col+3-col%4 // to the next tab stop, with the col++ below
		case c == '-' || c == '+' || c == '*' || c == ':':
		case c >= '0' && c <= '9':
			for i+n < len(s) && n < 10 && s[i+n] >= '0' && s[i+n] <= '9' {
				n++
			}
			if i+n == len(s) || s[i+n] != '.' && s[i+n] != ')' {
				return -1
			}
			n++
		default:
			return -1
		}
		if c := s[i]; c != ' ' && c != '\t' && c != '>' && i+n < len(s) && s[i+n] != ' ' && s[i+n] != '\t' {
			return -1 // a list marker needs a space after it
		}
		if col += n; col > MaxNesting {
			if rest, _, _ := strings.Cut(s[i:], "\n"); strings.TrimSpace(rest) == "" {
				return -1 // a blank line nests nothing
			}
			return i
		}
		i += n
	}
	return -1
}

// newMarkdown returns the converter for commentary: GitHub-flavoured
// Markdown with footnotes, definition lists and typographic quotes. Raw HTML
// is left out and dangerous link schemes dropped unless allowHTML is set.
// Headings move one level down, so a note's "#" sits under the page's own
// headings. Task lists' boxes carry their state in words (taskBoxes), and
// images and links with relative addresses show the pictures beside the
// note (see media.go).
func newMarkdown(allowHTML bool, l *lang) goldmark.Markdown {
	rendererOpts := []gmrenderer.Option{gmrenderer.WithNodeRenderers(
		util.Prioritized(taskBoxes{l.T("note.task.done"), l.T("note.task.open")}, 100),
		util.Prioritized(pictureRenderer{}, 100))}
	if allowHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(demoteHeadings{}, 100), util.Prioritized(pictureLinks{}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// taskBoxes writes the check boxes of task lists (- [x] done) with a label
// that says in words whether the task is done, which GFM's own boxes lack.
// It takes their place by its higher priority.
type taskBoxes struct{ done, open string }

func (b taskBoxes) RegisterFuncs(reg gmrenderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, b.render)
}

func (b taskBoxes) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		checked, label := "", b.open
		if n.(*extast.TaskCheckBox).IsChecked {
			checked, label = ` checked=""`, b.done
		}
		fmt.Fprintf(w, `<input%s disabled="" type="checkbox" aria-label="%s"> `, checked, template.HTMLEscapeString(label))
	}
	return ast.WalkContinue, nil
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
// page never share an id. nc, when not nil, finds the pictures the note
// shows, and gathers the ones it names that are missing.
func convertMarkdown(md goldmark.Markdown, src, prefix string, nc *noteContext) ([]byte, error) {
	var buf bytes.Buffer
	ids := &headingIDs{prefix: prefix, used: map[string]bool{}, next: map[string]int{}}
	pc := parser.NewContext(parser.WithIDs(ids))
	if nc != nil {
		pc.Set(noteKey, nc)
	}
	err := md.Convert([]byte(src), &buf, parser.WithContext(pc))
	return buf.Bytes(), err
}

// headingIDs makes heading ids from heading text: lowercase letters and
// digits of any script, words joined by "-". A repeated id gets the next
// free number ("-1", "-2", ...), which it finds in time in proportion to
// the headings, however many repeat.
type headingIDs struct {
	prefix string
	used   map[string]bool
	next   map[string]int // by id, the last number tried for its repeats
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
	for h.used[unique] {
		h.next[base]++
		unique = base + "-" + strconv.Itoa(h.next[base])
	}
	h.used[unique] = true
	return []byte(unique)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
