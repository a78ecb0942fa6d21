package render

import (
	"io/fs"
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/templates"
)

// referenceTypes are the types docs/templates.md documents under "## Data",
// by the names it gives them. Values are the kinds of value that write as
// a name.
var referenceTypes = map[string][]any{
	"Page": {page{}}, "Crumb": {crumb{}}, "CheckinCut": {checkinCut{}}, "InPage": {inPage{}}, "Home": {homeData{}}, "Attention": {attention{}},
	"Tally": {tally{}}, "TallyRow": {tallyRow{}}, "GradeBand": {gradeBand{}}, "GradeRange": {gradeRange{}},
	"PeriodReport": {periodData{}}, "TeamRow": {teamRow{}}, "AlignNode": {alignNode{}}, "JumpNav": {jumpNav{}}, "JumpEntry": {jumpEntry{}},
	"ObjectivePage": {objectiveData{}}, "KeyResultView": {krView{}}, "TeamPage": {teamData{}},
	"TeamPeriodPage": {teamPeriodView{}}, "TeamNode": {teamNode{}}, "KPIPage": {kpiData{}},
	"Lift": {lift{}}, "PrintEdition": {printData{}}, "PastScore": {pastScore{}},
	"PrintSection": {printSection{}}, "ContentsEntry": {tocEntry{}}, "Chart": {chart{}},
	"ChangesPage": {changesData{}}, "ChangeCount": {changeCount{}}, "TeamChanges": {teamChanges{}},

	"Summary": {okrsite.Summary{}}, "Change": {okrsite.Change{}}, "Subject": {okrsite.Subject{}},
	"StatusChange": {okrsite.StatusChange{}}, "CheckinChange": {okrsite.CheckinChange{}},
	"ConfidenceDrop": {okrsite.ConfidenceDrop{}}, "Silence": {okrsite.Silence{}}, "HealthChange": {okrsite.HealthChange{}},
	"ObjectiveChange": {okrsite.ObjectiveChange{}}, "Person": {okrsite.Person{}}, "PersonPeriod": {okrsite.PersonPeriod{}},
	"Due": {okrsite.Due{}}, "Distribution": {okrsite.Distribution{}},
	"Footer": {footer{}}, "ExecutiveSummary": {summary{}},
	"PeriodReview": {periodReview{}}, "KPIHealth": {kpiHealth{}}, "KPIView": {okrsite.KPIView{}},
	"Retro": {retro{}}, "RetroBand": {retroBand{}}, "LiftedKPI": {liftedKPI{}},

	"Site": {okrsite.Site{}}, "Settings": {okrsite.Settings{}}, "Team": {okrsite.Team{}},
	"Period": {okrsite.Period{}}, "Objective": {okrsite.Objective{}}, "KeyResult": {okrsite.KeyResult{}},
	"Checkin": {okrsite.Checkin{}}, "Milestone": {okrsite.Milestone{}}, "KPI": {okrsite.KPI{}},
	"Thresholds": {okrsite.Thresholds{}}, "Band": {okrsite.Band{}}, "Measurement": {okrsite.Measurement{}},
	"Note": {okrsite.Note{}}, "Score": {okrsite.Score{}}, "ObjectiveScore": {okrsite.ObjectiveScore{}},
	"KeyResultScore": {okrsite.KeyResultScore{}}, "TeamPeriodScore": {okrsite.TeamPeriodScore{}},
	"PeriodScore": {okrsite.PeriodScore{}}, "KPIScore": {okrsite.KPIScore{}},
	"Values": {okrsite.Status(0), okrsite.Health(0), okrsite.Trend(0), okrsite.Commitment(0), okrsite.Direction(0), okrsite.KPIDirection(0)},
}

// builtins are text/template's own functions.
var builtins = []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"}

// reference is what docs/templates.md lists.
type reference struct {
	templates map[string]bool            // file names under Pages and Partials
	fields    map[string]map[string]bool // type name to field names, from the Data tables
	funcs     map[string]bool            // the functions of the Functions table
	goFuncs   map[string]bool            // Go's own functions it names
}

var (
	headingRe = regexp.MustCompile("^(##+) (.*)$")
	fieldRe   = regexp.MustCompile("^\\| `\\.([A-Za-z][A-Za-z0-9]*)` \\|")
	funcRe    = regexp.MustCompile("^\\| `([A-Za-z]+)[ `]")
	quotedRe  = regexp.MustCompile("`([a-z]+)`")
)

// readReference reads docs/templates.md.
func readReference(t *testing.T) reference {
	t.Helper()
	src, err := os.ReadFile("../docs/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	ref := reference{templates: map[string]bool{}, fields: map[string]map[string]bool{}, funcs: map[string]bool{}, goFuncs: map[string]bool{}}
	var section, heading string
	for line := range strings.SplitSeq(string(src), "\n") {
		if m := headingRe.FindStringSubmatch(line); m != nil {
			if m[1] == "##" {
				section = m[2]
			}
			heading = m[2]
			if m[1] == "###" && (section == "Pages" || section == "Partials") {
				ref.templates[heading] = true
			}
			continue
		}
		switch section {
		case "Data":
			if m := fieldRe.FindStringSubmatch(line); m != nil {
				if ref.fields[heading] == nil {
					ref.fields[heading] = map[string]bool{}
				}
				ref.fields[heading][m[1]] = true
			}
		case "Functions":
			if m := funcRe.FindStringSubmatch(line); m != nil {
				ref.funcs[m[1]] = true
			} else if strings.HasPrefix(line, "Go's own") || strings.HasPrefix(line, "`") {
				for _, m := range quotedRe.FindAllStringSubmatch(line, -1) {
					ref.goFuncs[m[1]] = true
				}
			}
		}
	}
	return ref
}

// usage is what templates use: fields by name, and functions.
type usage struct {
	fields map[string][]string // field name to the templates that use it
	funcs  map[string][]string
}

// parseDefaults parses every default template, leaving functions unchecked,
// and returns their trees by file name.
func parseDefaults(t *testing.T) map[string]map[string]*parse.Tree {
	t.Helper()
	out := map[string]map[string]*parse.Tree{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(p, "static/") {
			return err
		}
		src, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		tree := parse.New(p)
		tree.Mode = parse.SkipFuncCheck
		set := map[string]*parse.Tree{}
		if _, err := tree.Parse(string(src), "", "", set); err != nil {
			return err
		}
		out[p] = set
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// use collects the fields and functions that node and those below it use.
func (u usage) use(file string, node parse.Node) {
	add := func(m map[string][]string, names ...string) {
		for _, n := range names {
			if !slices.Contains(m[n], file) {
				m[n] = append(m[n], file)
			}
		}
	}
	switch n := node.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				u.use(file, c)
			}
		}
	case *parse.ActionNode:
		u.use(file, n.Pipe)
	case *parse.IfNode:
		u.branch(file, &n.BranchNode)
	case *parse.RangeNode:
		u.branch(file, &n.BranchNode)
	case *parse.WithNode:
		u.branch(file, &n.BranchNode)
	case *parse.TemplateNode:
		u.use(file, n.Pipe)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				u.use(file, c)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			u.use(file, a)
		}
	case *parse.ChainNode:
		u.use(file, n.Node)
		add(u.fields, n.Field...)
	case *parse.FieldNode:
		add(u.fields, n.Ident...)
	case *parse.VariableNode:
		add(u.fields, n.Ident[1:]...)
	case *parse.IdentifierNode:
		add(u.funcs, n.Ident)
	}
}

func (u usage) branch(file string, b *parse.BranchNode) {
	u.use(file, b.Pipe)
	u.use(file, b.List)
	u.use(file, b.ElseList)
}

// TestTemplateReference checks docs/templates.md against the default
// templates and the code: every template is documented, and every field and
// function a default template uses is listed; every function templates can
// call is listed, and nothing that is not one; every field listed exists;
// and render's own types have each of their fields listed.
func TestTemplateReference(t *testing.T) {
	ref := readReference(t)
	trees := parseDefaults(t)

	// Every default template has a section, and every section a template.
	for _, f := range missing(trees, ref.templates) {
		t.Errorf("docs/templates.md has no section on the template %s", f)
	}
	for _, f := range missing(ref.templates, trees) {
		t.Errorf("docs/templates.md documents %s, which is not a default template", f)
	}

	// Every field and function used is listed.
	u := usage{fields: map[string][]string{}, funcs: map[string][]string{}}
	for file, set := range trees {
		for _, tree := range set {
			u.use(file, tree.Root)
		}
	}
	listed := map[string]bool{}
	for _, fields := range ref.fields {
		maps.Copy(listed, fields)
	}
	for _, f := range slices.Sorted(maps.Keys(u.fields)) {
		if !listed[f] {
			t.Errorf("%s use the field .%s, which docs/templates.md does not list under Data", strings.Join(u.fields[f], ", "), f)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(u.funcs)) {
		if !ref.funcs[f] && !ref.goFuncs[f] {
			t.Errorf("%s call %s, which docs/templates.md does not list under Functions", strings.Join(u.funcs[f], ", "), f)
		}
	}

	// The Functions table lists exactly okr's functions, and the rest are Go's.
	funcs := (&renderer{lang: langs["en"]}).funcs()
	for _, f := range missing(funcs, ref.funcs) {
		t.Errorf("docs/templates.md does not list the function %s", f)
	}
	for _, f := range missing(ref.funcs, funcs) {
		t.Errorf("docs/templates.md lists the function %s, which templates cannot call", f)
	}
	for f := range ref.goFuncs {
		if !slices.Contains(builtins, f) {
			t.Errorf("docs/templates.md names %s as one of Go's own functions; it is not", f)
		}
	}

	// Every type listed is known, its fields exist, and render's own types
	// have every field listed.
	for name, fields := range ref.fields {
		values, ok := referenceTypes[name]
		if !ok {
			t.Errorf("docs/templates.md lists fields of %s, which is not a known type", name)
			continue
		}
		for _, v := range values {
			typ := reflect.TypeOf(v)
			for f := range fields {
				if !hasField(typ, f) && !hasMethod(typ, f) {
					t.Errorf("docs/templates.md lists .%s of %s, but %v has no such field or method", f, name, typ)
				}
			}
			if typ.PkgPath() != reflect.TypeOf(page{}).PkgPath() {
				continue
			}
			for i := range typ.NumField() {
				if f := typ.Field(i); f.IsExported() && !fields[f.Name] {
					t.Errorf("docs/templates.md does not list .%s of %s", f.Name, name)
				}
			}
		}
	}
	for name := range referenceTypes {
		if ref.fields[name] == nil {
			t.Errorf("docs/templates.md lists no fields of %s", name)
		}
	}
}

// missing returns the keys of a that b lacks, sorted.
func missing[A, B any](a map[string]A, b map[string]B) []string {
	var out []string
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// hasField reports whether typ is a struct with the field name, its own or
// one of an embedded struct's.
func hasField(typ reflect.Type, name string) bool {
	if typ.Kind() != reflect.Struct {
		return false
	}
	_, ok := typ.FieldByName(name)
	return ok
}

// hasMethod reports whether a T or a *T has the method name.
func hasMethod(typ reflect.Type, name string) bool {
	_, ok := reflect.PointerTo(typ).MethodByName(name)
	return ok
}
