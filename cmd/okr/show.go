package main

import (
	"strings"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/edit"
	"github.com/okrsite/okrsite/locale"
)

// showValue writes a value recorded, with all its decimals and its unit,
// as the site's locale writes it, or, for a site without a locale, as the
// content files do (1234.5).
func showValue(s okrsite.Settings, v float64, u okrsite.Unit) string {
	text := edit.FormatNumber(v)
	f, err := locale.For(s.Locale, s.Language)
	if s.Locale == "" || err != nil || strings.ContainsAny(text, "eE") {
		return text
	}
	_, frac, _ := strings.Cut(text, ".")
	return f.Value(v, len(frac), u)
}
