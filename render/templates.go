package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/templates"
)

// The templates are html/template files, the defaults embedded from the
// repository's templates folder with the site's own laid over them:
//
//	layout.html         the shell of every page; defines "layout"
//	PAGE.html           one per kind of page (pageTemplates); each defines
//	                    "content", which layout shows, except print.html,
//	                    a whole document of its own
//	partials/NAME.html  defines the partial NAME, which pages and other
//	                    partials show with {{template "NAME" DATA}}
//
// A site's file replaces the default of the same name, and a site may add
// partials of its own. docs/templates.md documents each template's data
// and every function.

// pageTemplates are the page templates a build uses. Each is parsed with
// layout.html and every partial.
var pageTemplates = []string{
	"home.html", "periods.html", "period.html", "alignment.html", "print.html",
	"objective.html", "teams.html", "team.html", "teamperiod.html",
	"kpis.html", "kpi.html", "notfound.html",
	"changes.html", "people.html", "person.html",
}

// overlay is a file system whose top layer hides files of the same name in
// the bottom one.
type overlay struct{ top, bottom fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if o.top != nil {
		f, err := o.top.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.bottom.Open(name)
}

// staticFiles lists the files of static/ and its folders in either layer,
// but hidden files, sorted.
func (o overlay) staticFiles() ([]string, error) {
	return o.union(func(layer fs.FS, add func(string)) error {
		return fs.WalkDir(layer, "static", func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == "static" {
				return fs.SkipDir
			}
			if err == nil && !d.IsDir() {
				add(p)
			}
			return err
		})
	})
}

// glob lists the files of either layer that match pattern, but hidden
// files, sorted.
func (o overlay) glob(pattern string) ([]string, error) {
	return o.union(func(layer fs.FS, add func(string)) error {
		names, err := fs.Glob(layer, pattern)
		for _, n := range names {
			add(n)
		}
		return err
	})
}

// union lists, sorted, the files that list finds in either layer, leaving
// out hidden files (an editor's backups and locks).
func (o overlay) union(list func(layer fs.FS, add func(name string)) error) ([]string, error) {
	seen := map[string]bool{}
	add := func(name string) {
		if !strings.HasPrefix(path.Base(name), ".") {
			seen[name] = true
		}
	}
	for _, layer := range []fs.FS{o.bottom, o.top} {
		if layer != nil {
			if err := list(layer, add); err != nil {
				return nil, err
			}
		}
	}
	return slices.Sorted(maps.Keys(seen)), nil
}

// parseTemplates parses every template once, with the site's overrides
// laid over the defaults. It returns the files it read them from, the
// layout and partials alone (for the pieces rendered through cached), and
// the templates a build runs by themselves: each page template, and the
// partials of pieceTemplates, each with its own copy of the layout and
// partials. Those are escaped and their words folded (see
// fold) before the build runs any of them.
func (r *renderer) parseTemplates(site fs.FS) (files overlay, base *template.Template, entries map[string]*template.Template, err error) {
	files = overlay{top: site, bottom: templates.FS}
	parse := func(t *template.Template, name string) error {
		src, err := fs.ReadFile(files, name)
		if err != nil {
			return fmt.Errorf("template %s: %w", name, err)
		}
		_, err = t.New(name).Parse(string(src))
		return err
	}
	partials, err := files.glob("partials/*.html")
	if err != nil {
		return files, nil, nil, err
	}
	funcs := r.funcs()
	r.htmlFuncs = map[string]bool{}
	for name, fn := range funcs {
		if t := reflect.TypeOf(fn); t.NumOut() > 0 && t.Out(0) == reflect.TypeFor[template.HTML]() {
			r.htmlFuncs[name] = true
		}
	}
	base = template.New("okr").Funcs(funcs)
	for _, name := range append([]string{"layout.html"}, partials...) {
		if err := parse(base, name); err != nil {
			return files, nil, nil, err
		}
	}
	for _, name := range partials {
		if want := strings.TrimSuffix(path.Base(name), ".html"); base.Lookup(want) == nil {
			return files, nil, nil, fmt.Errorf("template %s: defines no template %q; expected {{define %q}} ... {{end}}", name, want, want)
		}
	}
	entries = map[string]*template.Template{}
	for _, name := range append(pageTemplates, pieceTemplates...) {
		t, err := base.Clone()
		if err == nil && strings.HasSuffix(name, ".html") {
			err = parse(t, name)
		}
		if err == nil {
			err = r.prepare(t, name)
		}
		if err != nil {
			return files, nil, nil, err
		}
		entries[name] = t
	}
	return files, base, entries, nil
}

// pieceTemplates are the partials that pages show as pieces rendered once
// (objectiveCard, periodRow, alignNode, printObjective), which a large
// site renders by the ten thousand.
var pieceTemplates = []string{"objectivecard", "periodrow", "alignnode", "printobjective"}

// prepare readies the template name of t, the only one of t that a build
// runs: it has html/template escape it now, as its first run would, and
// then folds its words and quickens its escapers (quickEscape).
//
// html/template escapes a template, and every template it calls, the
// first time it runs: it works out where each action writes (HTML text,
// an attribute, a URL, a script) and puts the right escaper at the end of
// the action's pipeline. prepare has it do so by running a template that
// calls name only in a branch never taken, which escapes just the same
// and writes nothing.
func (r *renderer) prepare(t *template.Template, name string) error {
	run, err := t.New("okr prepare").Parse("{{if false}}{{template " + strconv.Quote(name) + " .}}{{end}}")
	if err == nil {
		err = run.Execute(io.Discard, nil)
	}
	if err != nil {
		return err
	}
	t.Funcs(quickEscapers)
	r.fold(t)
	return nil
}

// fold replaces each action of the escaped templates of t that writes a
// catalogue word, {{t "key"}}, as HTML text or in a quoted attribute, with
// the word itself, escaped just as the action would escape it, and joins
// the text around it. An objective's page writes some sixty words, each an
// action with two reflective calls (the function, then the escaper);
// folded, they cost nothing. An action that writes a word anywhere else (a
// URL, a script) is left as it is.
func (r *renderer) fold(t *template.Template) {
	for _, t := range t.Templates() {
		if t.Tree != nil {
			r.foldList(t.Tree.Root)
		}
	}
}

// foldList folds the words of list and of the lists within it.
func (r *renderer) foldList(list *parse.ListNode) {
	if list == nil {
		return
	}
	nodes := list.Nodes[:0]
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.IfNode:
			r.foldList(n.List)
			r.foldList(n.ElseList)
		case *parse.RangeNode:
			r.foldList(n.List)
			r.foldList(n.ElseList)
		case *parse.WithNode:
			r.foldList(n.List)
			r.foldList(n.ElseList)
		case *parse.ActionNode:
			if text, ok := r.word(n.Pipe); ok {
				n := &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
				nodes = appendText(nodes, n)
				continue
			}
			quickEscape(n.Pipe, r.htmlFuncs)
		case *parse.TextNode:
			nodes = appendText(nodes, n)
			continue
		}
		nodes = append(nodes, n)
	}
	clear(list.Nodes[len(nodes):])
	list.Nodes = nodes
}

// appendText appends the text node n to nodes, joined to the text node
// that ends nodes if there is one.
func appendText(nodes []parse.Node, n *parse.TextNode) []parse.Node {
	if len(nodes) > 0 {
		if last, ok := nodes[len(nodes)-1].(*parse.TextNode); ok {
			last.Text = append(slices.Clip(last.Text), n.Text...)
			return nodes
		}
	}
	return append(nodes, n)
}

// word returns what the pipeline of an escaped action writes, when it
// writes a catalogue word as HTML text or in a quoted attribute:
// {{t "key" | _html_template_htmlescaper}}, or _html_template_attrescaper.
func (r *renderer) word(p *parse.PipeNode) (string, bool) {
	start, e := escaperOf(p)
	if len(p.Decl) > 0 || e == nil || e.url || start != 1 || len(p.Cmds[0].Args) != 2 {
		return "", false
	}
	fn, isIdent := p.Cmds[0].Args[0].(*parse.IdentifierNode)
	key, isString := p.Cmds[0].Args[1].(*parse.StringNode)
	if !isIdent || fn.Ident != "t" || !isString {
		return "", false
	}
	k := [2]string{e.quick, key.Text}
	if text, ok := r.words[k]; ok {
		return text, true
	}
	text, ok := e.escape(r.lang.T(key.Text))
	if ok {
		r.words[k] = text
	}
	return text, ok
}

// wordEscaper has html/template write a value as one of its escapers, or
// a chain of them, does: the value between before and after.
type wordEscaper struct {
	before, after string
	t             *template.Template
	// quick is the name of the function that quickEscape puts in the
	// escapers' place, and fn that function.
	quick string
	fn    func(any) string
	// url is set for the escapers of a URL in an attribute.
	url bool
}

func newWordEscaper(before, after, quick string, html, url bool) *wordEscaper {
	e := &wordEscaper{before: before, after: after, quick: quick, url: url,
		t: template.Must(template.New("").Parse(before + "{{.}}" + after))}
	e.fn = func(v any) string {
		if s, ok := v.(fmt.Stringer); ok && !url && reflect.TypeOf(v).Kind() != reflect.Pointer {
			_, isError := v.(error)
			if _, isFormatter := v.(fmt.Formatter); !isError && !isFormatter {
				v = s.String() // a word such as a status, as fmt writes it
			}
		}
		switch s := v.(type) {
		case string:
			switch {
			case url && plainURL(s):
				return s
			case !url:
				return escaper.Replace(s)
			}
		case template.HTML:
			if html {
				return string(s)
			}
		case int: // a count: digits and a sign, as fmt writes it
			if !url {
				return strconv.Itoa(s)
			}
		}
		s, _ := e.escape(v) // as html/template's escapers, which fail on nothing
		return s
	}
	return e
}

// escaper replaces the bytes that html/template's escapers for HTML text
// and quoted attributes replace in a string, as they do: every other byte,
// even of a string that is not UTF-8, they write as it is.
var escaper = strings.NewReplacer("\x00", "\ufffd", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// plainURL reports whether s is a relative URL that html/template's
// escapers of a URL in an attribute write as it is: letters, digits and
// "-._~/#", and so no scheme.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/#", c) >= 0) {
			return false
		}
	}
	return true
}

// escape returns v as the escaper writes it.
func (e *wordEscaper) escape(v any) (string, bool) {
	var b strings.Builder
	if err := e.t.Execute(&b, v); err != nil {
		return "", false
	}
	s, ok := strings.CutPrefix(b.String(), e.before)
	if ok {
		s, ok = strings.CutSuffix(s, e.after)
	}
	return s, ok
}

// wordEscapers are the escapers of html/template, and chains of them,
// whose work fold and quickEscape do, by the names they have in escaped
// pipelines: the one for HTML text, the one for an attribute's quoted
// value, and the three for a URL in a quoted attribute.
var wordEscapers = map[string]*wordEscaper{
	"_html_template_htmlescaper": newWordEscaper("", "", "_okr_htmlescaper", true, false),
	"_html_template_attrescaper": newWordEscaper(`<p title="`, `">`, "_okr_attrescaper", false, false),
	"_html_template_urlfilter | _html_template_urlnormalizer | _html_template_attrescaper": newWordEscaper(`<a href="`, `">`, "_okr_urlescaper", false, true),
}

// escaperOf returns the escapers that end the escaped pipeline p, when
// they are one of wordEscapers, and the index of their first command.
func escaperOf(p *parse.PipeNode) (int, *wordEscaper) {
	for n := min(3, len(p.Cmds)-1); n > 0; n-- {
		start := len(p.Cmds) - n
		var names []string
		for _, c := range p.Cmds[start:] {
			if id, ok := c.Args[0].(*parse.IdentifierNode); ok && len(c.Args) == 1 {
				names = append(names, id.Ident)
			}
		}
		if e := wordEscapers[strings.Join(names, " | ")]; len(names) == n && e != nil {
			return start, e
		}
	}
	return 0, nil
}

// quickEscapers are the functions quickEscape puts in the place of
// html/template's escapers, by name.
var quickEscapers = func() template.FuncMap {
	m := template.FuncMap{}
	for _, e := range wordEscapers {
		m[e.quick] = e.fn
	}
	return m
}()

// quickEscape replaces the escapers that end the escaped pipeline p, when
// they are one of wordEscapers, with a function of one value that writes
// the same: a string with its few special bytes replaced (a relative URL
// of plain bytes as it is), a word such as a status by its String, HTML in
// text as it is, an int in digits, and anything else through
// html/template's own escapers. Every action of a page ends in escapers, and html/template's
// take any number of values, which a template calls at the cost of a list
// made for each call; a string that needs no escaping is most of what a
// page writes. An action that writes HTML text from one of the functions
// that return HTML (htmlFuncs) keeps no escaper at all: the escaper would
// write that HTML as it is.
func quickEscape(p *parse.PipeNode, htmlFuncs map[string]bool) {
	start, e := escaperOf(p)
	if e == nil {
		return
	}
	if e.quick == "_okr_htmlescaper" && start > 0 {
		if fn, ok := p.Cmds[start-1].Args[0].(*parse.IdentifierNode); ok && htmlFuncs[fn.Ident] {
			p.Cmds = p.Cmds[:start]
			return
		}
	}
	last := p.Cmds[start]
	last.Args[0].(*parse.IdentifierNode).Ident = e.quick
	p.Cmds = p.Cmds[:start+1]
}

// funcs are the functions templates call, each documented in
// docs/templates.md.
func (r *renderer) funcs() template.FuncMap {
	l := r.lang
	return template.FuncMap{
		// Words, numbers and dates in the site's language.
		"t":                l.T,
		"tf":               l.Tf,
		"num":              l.Num,
		"count":            asHTML(l.Count),
		"pct":              asHTML(l.Pct),
		"progress":         asHTML(r.progress),
		"grade":            asHTML(l.Grade),
		"value":            l.Value,
		"signed":           l.Signed,
		"date":             asHTML(l.Date),
		"dateRange":        l.DateRange,
		"krValue":          r.krValue,
		"kpiValue":         r.kpiValue,
		"kpiChange":        r.kpiChange,
		"subjectValue":     l.SubjectValue,
		"krTarget":         r.krTarget,
		"why":              r.why,
		"projection":       r.projection,
		"rollUpProjection": r.rollUpProjection,
		"disagreement":     r.disagreement,
		"confidence":       r.confidence,
		"status":           func(s okrsite.Status) string { return l.T("status." + s.String()) },
		"health":           func(h okrsite.Health) string { return l.T("health." + h.String()) },
		"trend":            func(t okrsite.Trend) string { return l.T("trend." + t.String()) },
		"kind":             func(c okrsite.Commitment) string { return l.T("kind." + c.String()) },
		"thresholds":       r.thresholds,
		"cadence":          r.cadence,
		// Questions templates ask of the content.
		"stays": stays,
		// Small pieces of markup that pages show by the hundred thousand.
		"badge":       r.badge,
		"gradeBadge":  r.gradeBadge,
		"bandRange":   r.bandRange,
		"bar":         r.bar,
		"verdict":     r.verdict,
		"sparkline":   sparkline,
		"checkinRows": r.checkinRows,
		"checkinsCut": r.checkinsCut,
		"dist":        r.dist,
		"distTitle":   r.distTitle,
		"krFigure":    r.krFigure,
		// Pieces rendered once and shown on many pages.
		"cached":         r.cached,
		"crumbTrail":     r.crumbTrail,
		"objectiveCard":  r.objectivePart("objectivecard"),
		"periodRow":      r.objectivePart("periodrow"),
		"alignNode":      r.objectivePart("alignnode"),
		"printObjective": r.printObjective,
		"noteHTML":       r.noteHTML,
		// Links, charts and partials' data.
		"href":          href,
		"where":         subjectContext,
		"progressChart": r.objectiveProgress,
		"at":            func(root string, v any) inPage { return inPage{root, v} },
	}
}

// asHTML turns a function that writes a number or a date in the site's
// locale into one that returns it as HTML, escaped as html/template escapes
// text (which changes nothing in the digits, separators, signs and month
// names the locale package writes). Pages write such values by the hundred
// thousand, and an action that writes HTML as text needs no escaper after
// it (see quickEscape): a reflective call fewer each.
func asHTML[T any](format func(T) string) func(T) template.HTML {
	return func(v T) template.HTML { return template.HTML(escaper.Replace(format(v))) }
}

// inPage carries a value into a partial template with the root of the
// page it appears on, so the partial can make links.
type inPage struct {
	Root string
	V    any
}

// href returns the address, from a page at root, of the page that shows x,
// or of x itself when it is a site-relative path.
func href(root string, x any) (string, error) {
	if p, ok := x.(string); ok {
		return root + p, nil
	}
	if u := url(x); u != "" {
		return root + u, nil
	}
	return "", fmt.Errorf("no page shows a %T; expected a period, objective, key result, team or KPI, a score of one, or a site-relative path", x)
}

// url returns the site-relative path of the page that shows x, or "" when
// no page shows it.
func url(x any) string {
	switch x := x.(type) {
	case *okrsite.Period:
		return "periods/" + x.ID + ".html"
	case *okrsite.Objective:
		return "periods/" + x.Period.ID + "/objectives/" + x.ID + ".html"
	case *okrsite.KeyResult:
		return url(x.Objective) + "#kr-" + x.ID
	case *okrsite.Team:
		return "teams/" + x.ID + ".html"
	case *okrsite.KPI:
		return "kpis/" + x.ID + ".html"
	case *okrsite.PeriodScore:
		return url(x.Period)
	case *okrsite.ObjectiveScore:
		return url(x.Objective)
	case *okrsite.KeyResultScore:
		return url(x.KeyResult)
	case *okrsite.KPIScore:
		return url(x.KPI)
	case *okrsite.TeamPeriodScore:
		return teamPeriodURL(x.Team, x.Period)
	case *okrsite.Person:
		return personURL(x)
	case okrsite.Subject:
		return subjectURL(x)
	}
	return ""
}

func teamPeriodURL(t *okrsite.Team, p *okrsite.Period) string {
	return "teams/" + t.ID + "/" + p.ID + ".html"
}

func alignmentURL(p *okrsite.Period) string { return "periods/" + p.ID + "/alignment.html" }

// rootOf returns the relative path from the page at p to the site's root:
// "" for index.html, "../../" for periods/2026-Q3/alignment.html.
func rootOf(p string) string {
	return strings.Repeat("../", strings.Count(path.Clean(p), "/"))
}

// thresholds describes a KPI's thresholds in a sentence, its values in
// the KPI's precision and plural unit.
func (r *renderer) thresholds(k *okrsite.KPI) string {
	l := r.lang
	h, w := k.Thresholds.Healthy, k.Thresholds.Warning
	d, u := k.Decimals(), k.Units()
	v := func(x float64) string { return l.f.Value(x, d, u) }
	switch k.Direction {
	case okrsite.HigherIsBetter:
		return l.Tf("kpi.healthy.higher", v(h.Low), v(w.Low))
	case okrsite.LowerIsBetter:
		return l.Tf("kpi.healthy.lower", v(h.High), v(w.High))
	}
	return l.Tf("kpi.healthy.band", v(h.Low), v(h.High), v(w.Low), v(w.High))
}

// confidence formats a confidence as a percentage, or as "" when none was
// given.
func (r *renderer) confidence(c float64) string {
	if c == okrsite.NoConfidence {
		return ""
	}
	return r.lang.Pct(c)
}

// stays reports whether a key result is to stay at or above (or below) its
// target rather than move from its start to it.
func stays(kr *okrsite.KeyResult) bool {
	return kr.Direction == okrsite.StayAbove || kr.Direction == okrsite.StayBelow
}

// cadence says how often a value is due: "Updated monthly", or every so
// many days.
func (r *renderer) cadence(c okrsite.Cadence) string {
	switch c {
	case okrsite.Weekly:
		return r.lang.T("kpi.cadence.weekly")
	case okrsite.Biweekly:
		return r.lang.T("kpi.cadence.biweekly")
	case okrsite.Monthly:
		return r.lang.T("kpi.cadence.monthly")
	case okrsite.Quarterly:
		return r.lang.T("kpi.cadence.quarterly")
	}
	return r.lang.Tf("kpi.cadence", int(c))
}

// cached renders the partial name for page p once per section and folder
// depth, and reuses it for every page alike.
func (r *renderer) cached(name string, p *page) (template.HTML, error) {
	return r.once(name+"\x00"+p.Root+"\x00"+p.Section, name, p)
}

// crumbTrail renders the partial crumbs for page p once per trail and
// folder depth, and reuses it for every page alike: the objectives of a
// team's period share their trail.
func (r *renderer) crumbTrail(p *page) (template.HTML, error) {
	key := "trail\x00" + p.Root
	for _, c := range p.Crumbs {
		key += "\x00" + c.URL // a page's URL decides its title
	}
	return r.once(key, "crumbs", p)
}

// once renders the partial name for page p the first time it is asked for
// key, and returns the same HTML for key from then on.
func (r *renderer) once(key, name string, p *page) (template.HTML, error) {
	if html, ok := r.parts.Load(key); ok {
		return html.(template.HTML), nil
	}
	html, err := r.execute(r.base, name, p)
	if err != nil {
		return "", err
	}
	stored, _ := r.parts.LoadOrStore(key, html)
	return stored.(template.HTML), nil
}

// objectivePart returns the function that renders the partial name, one
// of pieceTemplates given (at ROOT ObjectiveScore), for an objective on a
// page at root, once per folder depth: an objective's card, the same for
// the period report, the team's period and the team's page; its row in a
// period report; its node in the alignment tree. An incremental build
// renders it again only when the objective changed, however large the
// page that shows it.
func (r *renderer) objectivePart(name string) func(root string, os *okrsite.ObjectiveScore) (template.HTML, error) {
	return func(root string, os *okrsite.ObjectiveScore) (template.HTML, error) {
		return r.objectivePiece(name, root, os, func() (template.HTML, error) {
			return r.execute(r.tmpl[name], name, inPage{root, os})
		})
	}
}

// printObjective renders the partial printobjective for an objective once,
// for the period's print edition and its team's.
func (r *renderer) printObjective(os *okrsite.ObjectiveScore) (template.HTML, error) {
	return r.objectivePiece("print", "", os, func() (template.HTML, error) {
		return r.execute(r.tmpl["printobjective"], "printobjective", os)
	})
}

// noteHTML returns a note's commentary as HTML, converted once per build.
func (r *renderer) noteHTML(n *okrsite.Note) template.HTML { return r.notes[n] }

// buffers are buffers to execute partials into: a large site renders
// tens of thousands of pieces, and a buffer that has grown once need not
// grow again.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// execute renders the partial name of t with data into HTML of its own.
func (r *renderer) execute(t *template.Template, name string, data any) (template.HTML, error) {
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	if err := t.ExecuteTemplate(b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}
