package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestHelpWidth checks that every command's help, flags included, fits in
// an 80-column terminal, with a tab as 8 columns, and that no line ends in
// a space.
func TestHelpWidth(t *testing.T) {
	var out bytes.Buffer
	printOverview(&out)
	for _, c := range commands {
		c.usage(&out)
	}
	for i, line := range strings.Split(out.String(), "\n") {
		wide := expandTabs(line)
		if len(wide) > helpWidth {
			t.Errorf("help line %d is %d columns wide, over %d: %q", i+1, len(wide), helpWidth, line)
		}
		if strings.TrimRight(line, " ") != line {
			t.Errorf("help line %d ends in a space: %q", i+1, line)
		}
	}
}

// expandTabs replaces each tab in line by the spaces up to the next
// multiple of 8 columns, as a terminal shows it.
func expandTabs(line string) string {
	var b strings.Builder
	for _, r := range line {
		if r != '\t' {
			b.WriteRune(r)
			continue
		}
		b.WriteByte(' ')
		for b.Len()%8 != 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// TestWrap checks that wrap breaks between words and keeps a word longer
// than the width whole.
func TestWrap(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"", 10, []string{""}},
		{"one two three", 20, []string{"one two three"}},
		{"one two three", 7, []string{"one two", "three"}},
		{"one  two\nthree", 3, []string{"one", "two", "three"}},
		{"a $OKR_CHROMIUM b", 5, []string{"a", "$OKR_CHROMIUM", "b"}},
	}
	for _, tt := range tests {
		got := wrap(tt.text, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}
