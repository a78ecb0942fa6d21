package load

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestHostileTOML loads sites whose site.toml is text that took the TOML
// library minutes and gigabytes, or crashed it: each is refused with an
// error at its position, before the library reads it.
func TestHostileTOML(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"10,000 nested inline tables, 40 KB", "x = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n",
			"site/site.toml:1:29: values nest more than 8 deep here; expected at most 8 levels of arrays, inline tables and dotted keys"},
		{"1.2 million nested arrays, 2.4 MB", "x = " + strings.Repeat("[", 1200000) + strings.Repeat("]", 1200000) + "\n",
			"site/site.toml:1:13: values nest more than 8 deep here; expected at most 8 levels of arrays, inline tables and dotted keys"},
		{"a dotted key of 10,000 parts", "title = \"Goals\"\n" + strings.Repeat("a.", 10000) + "a = 1\n",
			"site/site.toml:2:18: values nest more than 8 deep here; expected at most 8 levels of arrays, inline tables and dotted keys"},
		{"2 MB of keys", strings.Repeat("k = 1\n", 2<<20/6),
			"site/site.toml: the file holds 2048 KB of TOML to read; expected at most 1024 KB (check-ins written one a line, as docs/format.md shows them, do not count)"},
	}
	for _, c := range cases {
		fsys := siteFS(t)
		fsys["site.toml"] = &fstest.MapFile{Data: []byte(c.text)}
		_, _, err := Load(fsys, "site")
		if err == nil || strings.Split(err.Error(), "\n")[0] != c.want {
			t.Errorf("%s: got %v\nwant %s first", c.name, err, c.want)
		}
	}
}
