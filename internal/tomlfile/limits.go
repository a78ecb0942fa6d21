package tomlfile

import (
	"strings"
	"unicode/utf8"
)

// The TOML library takes time and memory in the square of how deep values
// nest (10,000 nested inline tables, 40 KB: over 90 seconds and 15 GB; a
// dotted key of 10,000 parts: 20 seconds and 3.8 GB), overflows its stack
// on a million nested arrays, and needs up to 500 times a text's size in
// memory for some shapes of it. Content needs little of either, so text is
// measured before the library sees it, and refused past these limits.
const (
	// MaxNesting is how deep values may nest: arrays, inline tables, and
	// the parts of dotted keys and table headers, counted together. A
	// team's file written all in inline tables nests 6 deep.
	MaxNesting = 8

	// MaxTOML is the most TOML text, in bytes, the library reads from one
	// file: 200 times the largest file of the example site. Check-ins
	// written one a line are read by the scanner (see checkins.go) and do
	// not count.
	MaxTOML = 1 << 20
)

// checkLimits records an error and reports false when TOML text, read in
// place of Src, is beyond MaxTOML or nests deeper than MaxNesting.
func (f *File) checkLimits(text string) bool {
	if at := tooDeep(text); at >= 0 {
		line := 1 + strings.Count(text[:at], "\n")
		col := 1 + utf8.RuneCountInString(text[strings.LastIndexByte(text[:at], '\n')+1:at])
		f.ErrorAt(line, col, "values nest more than %d deep here; expected at most %d levels of arrays, inline tables and dotted keys", MaxNesting, MaxNesting)
		return false
	}
	if len(text) > MaxTOML {
		f.ErrorAt(0, 0, "the file holds %d KB of TOML to read; expected at most %d KB (check-ins written one a line, as docs/format.md shows them, do not count)", (len(text)+1023)>>10, MaxTOML>>10)
		return false
	}
	return true
}

// tooDeep returns the offset in TOML text where values nest deeper than
// MaxNesting, or -1. It reads only brackets, braces, dots and line ends
// outside strings and comments, and text that is not TOML passes through
// it in one pass, for the library to report.
func tooDeep(src string) int {
	var (
		level     int   // the nesting of the value being read
		open      []int // the level outside each array or inline table open
		dots      int   // the dots of the key or value being read
		header    bool  // reading a table header
		lineStart = true
	)
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case c == '\n':
			dots, lineStart = 0, true
			continue
		case c == '#':
			if end := strings.IndexByte(src[i:], '\n'); end >= 0 {
				i += end - 1
			} else {
				i = len(src)
			}
			continue
		case c == '"' || c == '\'':
			i = stringEnd(src, i) - 1
		case c == '.':
			dots++
		case c == '[' && lineStart && len(open) == 0:
			header, level, dots = true, 0, 0
			if i+1 < len(src) && src[i+1] == '[' {
				i++
			}
		case c == ']' && header:
			header, level, dots = false, dots+1, 0
		case c == '[' || c == '{':
			open = append(open, level)
			level += 1 + dots
			dots = 0
		case c == ']' || c == '}':
			if n := len(open); n > 0 {
				level, open = open[n-1], open[:n-1]
			}
			dots = 0
		case c == ',':
			dots = 0
		}
		lineStart = false
		if level+dots > MaxNesting {
			return i
		}
	}
	return -1
}

// stringEnd returns the offset after the TOML string that starts at
// offset i, of any of the four kinds; a single-line string that does not
// end ends at its line's end, for the library to report.
func stringEnd(src string, i int) int {
	q := src[i]
	if tripleQuote(src, i) {
		for j := i + 3; j < len(src); j++ {
			switch {
			case q == '"' && src[j] == '\\':
				j++
			case strings.HasPrefix(src[j:], `"""`) && q == '"', strings.HasPrefix(src[j:], `'''`) && q == '\'':
				for k := 0; k < 2 && j+3 < len(src) && src[j+3] == q; k++ {
					j++ // a string may end in up to two quotes of its own
				}
				return j + 3
			}
		}
		return len(src)
	}
	for j := i + 1; j < len(src); j++ {
		switch {
		case q == '"' && src[j] == '\\':
			j++
		case src[j] == q:
			return j + 1
		case src[j] == '\n':
			return j
		}
	}
	return len(src)
}

// tripleQuote reports whether the quote at offset i of src opens a
// multi-line string: three of it in a row.
func tripleQuote(src string, i int) bool {
	return i+2 < len(src) && src[i+1] == src[i] && src[i+2] == src[i]
}
