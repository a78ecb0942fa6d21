package render

import (
	"errors"
	"html/template"
	"strings"
	"testing"
	"text/template/parse"
	"time"

	"github.com/okrsite/okrsite"
)

// TestFold checks that fold writes every word exactly as html/template
// would, in HTML text and in attributes, and leaves the word where it
// cannot know how html/template would write it (a URL, a script).
func TestFold(t *testing.T) {
	word := "Plus+ \"quoted\" <tag> it's a&b \x00 é"
	r := &renderer{lang: &lang{code: "en", msgs: map[string]string{"w": word}}, words: map[[2]string]string{}}
	src := `<p title="{{t "w"}}" data-x='{{t "w"}}'>{{t "w"}} and {{t "w"}}</p>` +
		`{{if true}}<b>{{t "w"}}</b>{{end}}<a href="/{{t "w"}}">x</a><script>var w = {{t "w"}};</script>`
	parse := func() *template.Template {
		return template.Must(template.New("page").Funcs(r.funcs()).Parse(src))
	}
	var want, got strings.Builder
	if err := parse().Execute(&want, nil); err != nil {
		t.Fatal(err)
	}
	folded := parse()
	if err := r.prepare(folded, "page"); err != nil {
		t.Fatal(err)
	}
	if err := folded.Execute(&got, nil); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("folded, the template writes\n%s\nrather than\n%s", got.String(), want.String())
	}
	if n := words(folded.Tree.Root, 0); n != 2 {
		t.Errorf("folded, the template has %d actions that write a word; want 2 (the URL's and the script's)", n)
	}
}

// TestFoldDefaults checks that fold folds every word that the default
// templates write with a single escaper, so that a change in html/template
// that stops it (the names of its escapers) does not go unnoticed.
func TestFoldDefaults(t *testing.T) {
	r := &renderer{lang: langs["en"], words: map[[2]string]string{}}
	_, _, entries, err := r.parseTemplates(nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range entries {
		for _, tmpl := range e.Templates() {
			if tmpl.Tree != nil && tmpl.Name() != "okr prepare" {
				if n := words(tmpl.Tree.Root, 1); n > 0 {
					t.Errorf("%s: %s has %d words not folded", name, tmpl.Name(), n)
				}
			}
		}
	}
}

// words counts the actions in list, and the lists within it, that write a
// catalogue word, {{t "key"}}: with escapers html/template added, or
// with just that many when escapers is not 0.
func words(list *parse.ListNode, escapers int) int {
	if list == nil {
		return 0
	}
	n := 0
	for _, node := range list.Nodes {
		switch node := node.(type) {
		case *parse.ActionNode:
			cmds := node.Pipe.Cmds
			_, literal := cmds[0].Args[len(cmds[0].Args)-1].(*parse.StringNode)
			if cmds[0].Args[0].String() == "t" && literal && (escapers == 0 || len(cmds) == 1+escapers) {
				n++
			}
		case *parse.IfNode:
			n += words(node.List, escapers) + words(node.ElseList, escapers)
		case *parse.RangeNode:
			n += words(node.List, escapers) + words(node.ElseList, escapers)
		case *parse.WithNode:
			n += words(node.List, escapers) + words(node.ElseList, escapers)
		}
	}
	return n
}

// TestQuickEscape checks that the functions quickEscape puts in the place
// of html/template's escapers write every value as those escapers do.
func TestQuickEscape(t *testing.T) {
	values := []any{"", "plain words 1.5", "Plus+", `"quoted"`, "<tag>", "it's", "a&b", "nul \x00", "é ü 李", "bad \xff utf-8", "\ufdd0",
		template.HTML(`<b title="x">bold</b> &amp; +`), template.HTML("plain"), template.HTMLAttr(`x="y"`), template.URL("/a?b=c&d"),
		42, -7, 0, 1.5, 1e21, true, nil, []string{"a", "<b>"}, new("pointed <at>"),
		"../../periods/2026-Q4/objectives/o-1.html#kr-k_1", "javascript:alert(1)", "https://x.example/a?b=c&d=e", "a b/%41", "mailto:a@b",
		okrsite.Committed, okrsite.AtRisk, errors.New("an <error>"), time.Second}
	for name, e := range wordEscapers {
		for _, v := range values {
			want, ok := e.escape(v)
			if !ok {
				t.Fatalf("%s cannot write %#v", name, v)
			}
			if got := e.fn(v); got != want {
				t.Errorf("%s: %s writes %#v as %q; want %q", name, e.quick, v, got, want)
			}
		}
	}
}
