package render

import "testing"

// TestCSSString checks that content written into print.html's style
// element cannot end the string, the rule or the element.
func TestCSSString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Velora Cykel AB · 2026-Q4", `"Velora Cykel AB · 2026-Q4"`},
		{"Åsa & Co", `"Åsa \26  Co"`}, // the escape, its end, then the space
		{`a"; } </style>`, `"a\22 \3b  \7d  \3c \2f style\3e "`},
		{"back\\slash\nnew", `"back\5c slash\a new"`},
	} {
		if got := cssString(c.in); got != c.want {
			t.Errorf("cssString(%q) = %s; want %s", c.in, got, c.want)
		}
	}
}
