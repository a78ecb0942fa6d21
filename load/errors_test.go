package load

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestErrorsQuoteEscapes loads a site with a file whose name holds a
// terminal's escape sequence, and a title that holds one: the error
// shows the name quoted and the sequence escaped, never raw.
func TestErrorsQuoteEscapes(t *testing.T) {
	fsys := siteFS(t)
	fsys["periods/\x1b[2J\x1b]0;pwned\x07.txt"] = &fstest.MapFile{Data: []byte("x")}
	fsys["kpis/engagement.toml"] = &fstest.MapFile{Data: []byte("name = \"E\"\nhealthy = 2\nwarning = 3\ndirection = \"lower\"\ncsv = \"\\u001b[31mred.csv\"\n")}
	_, _, err := Load(fsys, "site")
	if err == nil {
		t.Fatal("loaded")
	}
	got := err.Error()
	if strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("raw escapes in %q", got)
	}
	for _, want := range []string{`"site/periods/\x1b[2J\x1b]0;pwned\a.txt": unexpected file`, `site/kpis/engagement.toml:5:1: no file kpis/\x1b[31mred.csv;`} {
		if !strings.Contains(got, want) {
			t.Errorf("got\n%s\nwant a line with %s", got, want)
		}
	}
}
