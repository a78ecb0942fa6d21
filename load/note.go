package load

import (
	"strings"

	"github.com/okrsite/okrsite"
)

// fence opens and closes a note's TOML front matter.
const fence = "+++"

func isFence(line string) bool { return strings.TrimRight(line, " \t\r") == fence }

// splitFrontMatter splits a note into its TOML front matter and its
// Markdown body. A note has front matter when its first line is +++; the
// next +++ line closes it. bodyLine is the 1-based line the body starts on.
// ok is false when the front matter is never closed.
func splitFrontMatter(src string) (front, body string, bodyLine int, ok bool) {
	first, _, found := strings.Cut(src, "\n")
	if !isFence(first) {
		return "", src, 1, true
	}
	if !found {
		return "", "", 0, false
	}
	start := len(first) + 1
	for off, line := start, 2; off < len(src); line++ {
		text, _, more := strings.Cut(src[off:], "\n")
		if isFence(text) {
			return src[start:off], src[min(off+len(text)+1, len(src)):], line + 1, true
		}
		if !more {
			break
		}
		off += len(text) + 1
	}
	return "", "", 0, false
}

// decodeNote reads a Markdown note with optional front matter (author and
// date).
func decodeNote(f *file) *okrsite.Note {
	front, body, bodyLine, ok := splitFrontMatter(f.Src)
	if !ok {
		f.ErrorAt(1, 1, "front matter opened with +++ is never closed; expected a line of +++ after it")
		return nil
	}
	n := &okrsite.Note{Markdown: body, Path: f.path, Line: bodyLine, File: f.rel}
	if front == "" {
		return n
	}
	// From here on the file's errors are in the front matter, one line
	// below the opening fence.
	f.Src, f.LineBase = front, 1
	if t := f.parse("front matter"); t != nil {
		n.Author = t.Str("author")
		n.Date, n.HasDate = t.Date("date")
		t.Done()
	}
	return n
}
