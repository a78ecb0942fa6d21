package render

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// files is a Writer that keeps what it is given, telling whole files from
// streamed ones; as a streamer it takes files in pieces.
type files struct {
	whole, streamed map[string][]byte
	pieces          int // writes to streamed files
}

func (f *files) WriteFile(name string, data []byte) error {
	f.whole[name] = bytes.Clone(data)
	return nil
}

type streamer struct{ *files }

func (s streamer) Create(name string) (io.WriteCloser, error) {
	return &piece{s.files, name}, nil
}

type piece struct {
	f    *files
	name string
}

func (p *piece) Write(b []byte) (int, error) {
	p.f.streamed[p.name] = append(p.f.streamed[p.name], b...)
	p.f.pieces++
	return len(b), nil
}

func (p *piece) Close() error { return nil }

// TestOutputSpills checks that a file larger than spillAt goes to a
// Streamer in pieces, byte for byte, while a small file, or any file for
// a Writer that takes files whole, is handed over whole.
func TestOutputSpills(t *testing.T) {
	small := "<p>small</p>"
	big := strings.Repeat("<p>a line of a large page</p>\n", 3*spillAt/30)
	render := func(w Writer, name, content string) {
		t.Helper()
		var buf bytes.Buffer
		out := &output{buf: &buf, w: w, path: name}
		for rest := content; rest != ""; {
			n := min(len(rest), 4096)
			out.WriteString(rest[:n])
			rest = rest[n:]
		}
		if err := out.finish(); err != nil {
			t.Fatal(err)
		}
		if buf.Cap() > 2*spillAt {
			t.Errorf("%s: the job's buffer grew to %d bytes", name, buf.Cap())
		}
	}

	f := &files{whole: map[string][]byte{}, streamed: map[string][]byte{}}
	render(streamer{f}, "small.html", small)
	render(streamer{f}, "big.html", big)
	if string(f.whole["small.html"]) != small {
		t.Errorf("the small file was not handed over whole")
	}
	if got := string(f.streamed["big.html"]); got != big {
		t.Errorf("the big file streamed as %d bytes, want %d", len(got), len(big))
	}
	if f.pieces < 3 || f.whole["big.html"] != nil {
		t.Errorf("the big file went over in %d pieces (whole: %v), want it streamed", f.pieces, f.whole["big.html"] != nil)
	}

	plain := &files{whole: map[string][]byte{}, streamed: map[string][]byte{}}
	render(plain, "big.html", big)
	if string(plain.whole["big.html"]) != big {
		t.Errorf("a Writer without Create did not get the big file whole")
	}
}
