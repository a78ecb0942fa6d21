package build

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/publish"
)

// hostileBase is a small valid site the hostile cases change.
var hostileBase = map[string]string{
	"site.toml":  "title = \"Goals\"\nas_of = 2026-08-14\n",
	"teams.toml": "[[team]]\nid = \"sales\"\nname = \"Sales\"\n",
	"periods/2026-Q3/sales.toml": `[[objective]]
id = "land"
title = "Land our first customers"

  [[objective.kr]]
  id = "deals"
  title = "Deals signed"
  start = 0
  target = 5
  checkins = [[2026-07-10, 1, 0.8, "First one"]]
`,
	"kpis/nps.toml": "name = \"NPS\"\nhealthy = 40\nwarning = 20\nmeasurements = [[2026-06-30, 35]]\n",
}

// objective returns a team file with one objective whose key result has
// the given TOML lines.
func objective(id, title, kr string) string {
	return "[[objective]]\nid = " + id + "\ntitle = " + title + "\n\n  [[objective.kr]]\n  id = \"k\"\n  title = \"K\"\n" + kr + "\n"
}

// nested returns TOML for an array nested depth deep.
func nested(depth int) string {
	return "checkins = " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n"
}

// TestHostileContent builds sites with hostile ids, file names, links,
// numbers and sizes. Every case must end in a clear positioned error or a
// site written wholly inside its folder, and none may panic or hang.
func TestHostileContent(t *testing.T) {
	junk := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range junk {
		junk[i] = byte(r.IntN(256))
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.toml"), []byte("title = \"SECRET\"\n"), 0o644)
	os.MkdirAll(filepath.Join(outside, "kpis"), 0o755)
	os.WriteFile(filepath.Join(outside, "kpis", "stolen.toml"), []byte("name = \"SECRET\"\nhealthy = 1\nwarning = 0\n"), 0o644)

	tests := []struct {
		name  string
		files map[string]string
		links map[string]string // symbolic links: name to target
		want  string            // a part of the error; "" for a site that builds
	}{
		{name: "id that climbs out", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"../../escape"`, `"T"`, "start = 0\ntarget = 1")}, want: `sales.toml:2:1: id "../../escape" is not usable`},
		{name: "absolute id", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"/etc/passwd"`, `"T"`, "start = 0\ntarget = 1")}, want: `id "/etc/passwd" is not usable`},
		{name: "backslash id", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`'..\..\x'`, `"T"`, "start = 0\ntarget = 1")}, want: `is not usable`},
		{name: "NUL in an id", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"a\u0000b"`, `"T"`, "start = 0\ntarget = 1")}, want: `is not usable`},
		{name: "reserved name", files: map[string]string{"teams.toml": "[[team]]\nid = \"con\"\nname = \"Con\"\n"}, want: `reserved file name on Windows`},
		{name: "very long id", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"`+strings.Repeat("a", 300)+`"`, `"T"`, "start = 0\ntarget = 1")}, want: `expected 1 to 64`},
		{name: "Unicode id", files: map[string]string{"teams.toml": "[[team]]\nid = \"försäljning\"\nname = \"Försäljning\"\n"}, want: `id "försäljning" is not usable`},
		{name: "file name with a backslash", files: map[string]string{`periods/2026-Q3/a\..\sales.toml`: hostileBase["periods/2026-Q3/sales.toml"]}, want: `teams.toml has no team "a\\..\\sales"`},
		{name: "periods that differ only in case", files: map[string]string{"periods/2026-q3/sales.toml": hostileBase["periods/2026-Q3/sales.toml"]}, want: `differs from "2026-Q3" only in case`},
		{name: "teams that differ only in case", files: map[string]string{"teams.toml": "[[team]]\nid = \"sales\"\nname = \"S\"\n\n[[team]]\nid = \"Sales\"\nname = \"S\"\n"}, want: `id "Sales" is not usable`},
		{name: "symbolic link to a file outside", links: map[string]string{"periods/2026-Q3/evil.toml": filepath.Join(outside, "secret.toml")}, want: "evil.toml: cannot read the file"},
		{name: "symbolic link to a folder outside", links: map[string]string{"kpis": filepath.Join(outside, "kpis")}, files: map[string]string{"kpis/nps.toml": "(deleted)"}, want: "kpis: cannot follow this link"},
		{name: "unusual Unicode in text", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"land"`, "\"\u202egnol\u202c \u200d\U0001F680 ﷽ e\u0301\"", "start = 0\ntarget = 1")}},
		{name: "enormous numbers", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"land"`, `"T"`, "start = 1e308\ntarget = -1e308\ncheckins = [[2026-07-10, 9223372036854775807]]")}},
		{name: "negative zero and tiny numbers", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"land"`, `"T"`, "start = -0.0\ntarget = 5e-324\nweight = -0.0\ncheckins = [[2026-07-10, -0.0, -0.0]]")}},
		{name: "NaN", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"land"`, `"T"`, "start = 0\ntarget = 1\ncheckins = [[2026-07-10, nan]]")}, want: "check-in value is NaN"},
		{name: "infinity", files: map[string]string{"kpis/nps.toml": "name = \"NPS\"\nhealthy = inf\nwarning = 20\n"}, want: "healthy is +Inf"},
		{name: "empty settings", files: map[string]string{"site.toml": ""}, want: "site.toml:1:1: site settings is missing title"},
		{name: "empty team file", files: map[string]string{"periods/2026-Q3/sales.toml": ""}, want: "no objectives"},
		{name: "empty note", files: map[string]string{"periods/2026-Q3.md": ""}},
		{name: "binary junk", files: map[string]string{"periods/2026-Q3/sales.toml": string(junk)}, want: "sales.toml"},
		{name: "binary junk in a note", files: map[string]string{"periods/2026-Q3.md": string(junk)}, want: "not UTF-8"},
		{name: "a 900 KB string", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"land"`, `"`+strings.Repeat("x", 900<<10)+`"`, "start = 0\ntarget = 1")}, want: "title is 921600 characters; expected at most"},
		{name: "deeply nested arrays", files: map[string]string{"periods/2026-Q3/sales.toml": objective(`"land"`, `"T"`, "start = 0\ntarget = 1\n"+nested(100000))}, want: "sales.toml"},
		{name: "ragged CSV", files: map[string]string{"kpis/nps.toml": "name = \"NPS\"\nhealthy = 40\nwarning = 20\ncsv = \"nps.csv\"\n", "kpis/nps.csv": "date,value\n2026-05-31,30,extra\n2026-06-30\n\"unclosed,1\n"}, want: "nps.csv:2:"},
		{name: "Markdown with raw HTML", files: map[string]string{"periods/2026-Q3.md": "<script>alert(1)</script>\n<iframe src=x></iframe>\n\n[x](javascript:alert(1))\n"}},
		{name: "a large Markdown table", files: map[string]string{"periods/2026-Q3.md": "|" + strings.Repeat(" a |", 50) + "\n|" + strings.Repeat("---|", 50) + "\n" + strings.Repeat("|"+strings.Repeat(" 1 |", 50)+"\n", 1000)}},
		{name: "a huge Markdown table", files: map[string]string{"periods/2026-Q3.md": "|" + strings.Repeat(" a |", 50) + "\n|" + strings.Repeat("---|", 50) + "\n" + strings.Repeat("|"+strings.Repeat(" 1 |", 50)+"\n", 5000)}, want: "2026-Q3.md:1:1: the note has 987 KB of Markdown; expected at most 256 KB"},
		{name: "pathological Markdown nesting", files: map[string]string{"periods/2026-Q3.md": strings.Repeat(">", 10000) + " deep\n\n" + strings.Repeat("[", 10000) + strings.Repeat("*", 10000) + "x" + strings.Repeat("*", 10000) + "\n\n" + strings.Repeat("- ", 5000) + "list\n"}, want: "2026-Q3.md:1:101: this line nests more than 100 columns deep"},
		{name: "repeated Markdown headings", files: map[string]string{"periods/2026-Q3.md": strings.Repeat("# h\n", 20000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			content, dest := filepath.Join(dir, "content"), filepath.Join(dir, "public")
			files := map[string]string{}
			for k, v := range hostileBase {
				files[k] = v
			}
			for k, v := range tt.files {
				files[k] = v
			}
			for name, data := range files {
				if data == "(deleted)" {
					continue
				}
				p := filepath.Join(content, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for name, target := range tt.links {
				p := filepath.Join(content, filepath.FromSlash(name))
				os.RemoveAll(p)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.Symlink(target, p); err != nil {
					t.Fatal(err)
				}
			}
			done := make(chan error, 1)
			go func() {
				out, err := publish.Open(dest, content)
				if err != nil {
					done <- err
					return
				}
				if _, err := Run(Options{Dir: content}, out); err != nil {
					out.Abort()
					done <- err
					return
				}
				done <- out.Commit()
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(2 * time.Minute):
				t.Fatal("the build hangs")
			}
			if tt.want != "" {
				var list load.ErrorList
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("got %v; want an error with %q", err, tt.want)
				}
				if !errors.As(err, &list) {
					t.Errorf("not a content error with positions: %v", err)
				}
				if strings.Contains(err.Error(), "SECRET") {
					t.Errorf("the error shows a file from outside the content: %v", err)
				}
				if _, statErr := os.Stat(dest); statErr == nil {
					t.Errorf("a failed build wrote %s", dest)
				}
				return
			}
			if err != nil {
				t.Fatalf("the site does not build: %v", err)
			}
			// Everything written is inside the destination.
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != "content" && e.Name() != "public" {
					t.Errorf("the build left %s beside the site", e.Name())
				}
			}
			filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
					b, _ := os.ReadFile(p)
					if bytes.Contains(b, []byte("<script>alert")) || bytes.Contains(b, []byte("javascript:alert")) || bytes.Contains(b, []byte("<iframe")) {
						t.Errorf("%s carries raw markup from the content", p)
					}
				}
				return nil
			})
		})
	}
}
