package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/templates"
)

// TestCatalogues checks that English and Swedish have the same messages,
// that every message the templates and code ask for exists, and that the
// format verbs agree, that every message is asked for, and that Swedish
// says "nyckelresultat" throughout.
func TestCatalogues(t *testing.T) {
	for key, en := range english {
		sv, ok := swedish[key]
		if !ok {
			t.Errorf("Swedish lacks %q", key)
			continue
		}
		if verbs(en) != verbs(sv) {
			t.Errorf("%q: English has verbs %q, Swedish %q", key, verbs(en), verbs(sv))
		}
		if strings.Contains(strings.ToLower(sv), "key result") {
			t.Errorf("%q: Swedish says %q; expected \"nyckelresultat\"", key, sv)
		}
	}
	for key := range swedish {
		if _, ok := english[key]; !ok {
			t.Errorf("English lacks %q", key)
		}
	}
	used := map[string]bool{}
	tmplKeys := regexp.MustCompile(`\{\{-?\s*(?:t|tf) "([^"]+)"`)
	fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if strings.HasSuffix(p, ".html") {
			b, _ := fs.ReadFile(templates.FS, p)
			for _, m := range tmplKeys.FindAllStringSubmatch(string(b), -1) {
				used[m[1]] = true
			}
		}
		return nil
	})
	codeKeys := regexp.MustCompile(`\.Tf?\("([a-z]+\.[a-z.-]+)"`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, m := range codeKeys.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	for _, s := range okrsite.Statuses {
		used["status."+s.String()] = true
	}
	for _, h := range []okrsite.Health{okrsite.NoData, okrsite.Healthy, okrsite.Warning, okrsite.Critical} {
		used["health."+h.String()] = true
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in use; the scan is broken", len(used))
	}
	for key := range used {
		if _, ok := english[key]; !ok {
			t.Errorf("%q is used but not in the catalogues", key)
		}
	}
	// And every message is asked for: its key is written somewhere, or the
	// part of it before its last dot, which code completes ("status." +
	// s.String(), printf "dir.%s").
	var source strings.Builder
	fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".js") {
			b, _ := fs.ReadFile(templates.FS, p)
			source.Write(b)
		}
		return nil
	})
	for _, f := range files {
		if f != "i18n.go" && !strings.HasSuffix(f, "_test.go") {
			b, _ := os.ReadFile(f)
			source.Write(b)
		}
	}
	for key, en := range english {
		if plural, ok := strings.CutSuffix(key, ".one"); ok {
			// A singular form is asked for with its plural (lang.Tf).
			if verbs(english[plural]) != verbs(en) {
				t.Errorf("%q: the singular has verbs %q, the plural %q", key, verbs(en), verbs(english[plural]))
			}
			key = plural
		}
		prefix := key[:strings.LastIndex(key, ".")+1]
		asked := strings.Contains(source.String(), `"`+key+`"`) ||
			prefix != "" && (strings.Contains(source.String(), `"`+prefix+`"`) || strings.Contains(source.String(), `"`+prefix+`%s"`))
		if !asked {
			t.Errorf("%q is in the catalogues but nothing asks for it", key)
		}
	}
}

// verbs lists a message's format verbs in order.
func verbs(msg string) string {
	return strings.Join(regexp.MustCompile(`%[a-z]`).FindAllString(msg, -1), "")
}

func TestNumberFormats(t *testing.T) {
	en, sv := langs["en"], langs["sv"]
	tests := []struct {
		got, want string
	}{
		{en.Num(1234.5), "1,234.5"},
		{sv.Num(1234.5), "1\u00a0234,5"},
		{en.Num(-1234567.891), "−1,234,567.89"},
		{sv.Num(0.5), "0,5"},
		{en.Num(3), "3"},
		{en.Pct(0.624), "62%"},
		{sv.Pct(0.624), "62\u00a0%"},
		{sv.Grade(0.7), "0,7"},
		{en.Value(12.5, "MSEK"), "12.5\u00a0MSEK"},
		{sv.Value(4.2, "%"), "4,2\u00a0%"},
		{en.Signed(1.5), "+1.5"},
		{en.Signed(-2), "−2"},
		{en.Date(okrsite.MakeDate(2026, 7, 3)), "3 Jul 2026"},
		{sv.Date(okrsite.MakeDate(2026, 7, 3)), "2026-07-03"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestSingular(t *testing.T) {
	en, sv := langs["en"], langs["sv"]
	tests := []struct {
		got, want string
	}{
		{en.Tf("jump.attention", 1), "1 needs attention"},
		{en.Tf("jump.attention", 2), "2 need attention"},
		{en.Tf("jump.attention", 0), "0 need attention"},
		{en.Tf("why.pace.behind", "40%", "41%", 1), "40% done, 41% expected by now: 1 point behind"},
		{en.Tf("why.pace.behind", "40%", "50%", 10), "40% done, 50% expected by now: 10 points behind"},
		{sv.Tf("why.final.short", "99 %", 1, "100 %"), "99 % klart vid periodens slut: 1 procentenhet från 100 %"},
		{en.Tf("short.retro", 1), "1 key result was graded below what its objective expects (committed 1.0, aspirational 0.7)."},
		{sv.Tf("short.retro", 18), "18 nyckelresultat fick lägre betyg än deras mål väntar sig (åtagande 1,0, ambition 0,7)."},
		{sv.Tf("period.objectives", 1), "1 mål"},
		{en.Tf("why.held", 1, 3), "Held 1 of 3 check-ins"}, // no singular form: the plural
		{en.Tf("short.retro.link", 1), "The retrospective lists it with its closing note."},
		{sv.Tf("short.retro.link", 2), "Återblicken listar dem med ägarnas slutkommentarer."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestCounts(t *testing.T) {
	en, sv := langs["en"], langs["sv"]
	args := []any{"40%", "41%", 12400}
	tests := []struct {
		got, want string
	}{
		{en.Count(1234567), "1,234,567"},
		{sv.Count(1234567), "1\u00a0234\u00a0567"},
		{en.Tf("jump.attention", 12400), "12,400 need attention"},
		{sv.Tf("print.headline.finished", "0,7", 1200, 16000), "Betyg 0,7: 1\u00a0200 av 16\u00a0000 mål nådde det som utlovades."},
		{en.Tf("why.pace.behind", args...), "40% done, 41% expected by now: 12,400 points behind"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if args[2] != 12400 {
		t.Errorf("Tf changed its caller's arguments: %v", args)
	}
}
