// Package locale writes numbers, money, percentages and dates as a site's
// locale does: en-US, en-GB or sv-SE, or, for a site that names no locale,
// as its interface language did before locales (en or sv). Every formatter
// takes the number of decimals from the caller, a key result's or KPI's
// precision (okrsite's Decimals), so that pages, charts, print and PDF
// round alike: halves away from zero, as okrsite.Round does.
//
// The locale data is CLDR's, through golang.org/x/text where it publishes
// it: the decimal and group separators, the minus and percent signs (read
// once from x/text's number formatting), currency symbols
// (x/text/currency) and the plural rule (x/text/feature/plural). x/text
// publishes no month names, date patterns, currency placement or short
// forms, so those few are written here as CLDR has them.
package locale

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/okrsite/okrsite"
)

// Locales lists the locales a site can choose.
var Locales = []string{"en-US", "en-GB", "sv-SE"}

// Languages lists the interface languages, whose formats a site without a
// locale gets.
var Languages = []string{"en", "sv"}

// Parse returns the name of the locale s as Locales spells it, reading any
// spelling BCP 47 allows ("en-us", "sv_SE"), or an error that names the
// locales there are.
func Parse(s string) (string, error) {
	expected := "expected one of " + quoteList(Locales)
	tag, err := language.Parse(s)
	if err != nil {
		return "", fmt.Errorf("locale %q is not a locale; %s", s, expected)
	}
	if name := tag.String(); slices.Contains(Locales, name) {
		return name, nil
	}
	if _, conf := tag.Region(); conf != language.Exact {
		return "", fmt.Errorf("locale %q names no country, which decides how dates and money are written; %s", s, expected)
	}
	return "", fmt.Errorf("locale %q is not known; %s", s, expected)
}

// Language returns the interface language of a locale that Parse accepts:
// "en" or "sv".
func Language(locale string) string {
	base, _ := language.MustParse(locale).Base()
	return base.String()
}

// quoteList writes names as "a", "b" or "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// For returns the format of locale, or, when locale is "", the format of
// the interface language alone.
func For(locale, lang string) (*Format, error) {
	if locale != "" {
		if f, ok := formats[locale]; ok {
			return f, nil
		}
		return nil, fmt.Errorf("locale %q is not known; expected one of %s", locale, quoteList(Locales))
	}
	if f, ok := formats[lang]; ok {
		return f, nil
	}
	return nil, fmt.Errorf("language %q is not known; expected %s", lang, strings.Join(Languages, " or "))
}

// Format writes numbers, money, percentages and dates as one locale does.
// A Format is safe for concurrent use.
type Format struct {
	name        string       // the locale, or the language for a language's format
	tag         language.Tag // for the plural rule and currency symbols
	decimal     string       // between the whole number and its decimals
	group       string       // between groups of three digits
	minus       string       // before a negative number
	percent     string       // after a number of percents: "%" or " %"
	money       bool         // whether currencies in units are written as money
	symbolFirst bool         // money: the symbol before the number ($5) or after it (5 kr)
	months      [12]string   // abbreviated month names; none for ISO dates
	monthFirst  bool         // Dec 9, 2026 rather than 9 Dec 2026
	to          string       // between the dates of a range, each in full; "" to share the year
	short       [4]string    // words for thousands, millions, billions and trillions
	shortSep    string       // between a number and its short word

	percents [101]string                             // 0% to 100%, which pages show by the hundred thousand
	dates    sync.Map                                // okrsite.Date -> string: a site repeats few dates
	units    atomic.Pointer[map[okrsite.Unit]*affix] // see affix
	unitsMu  sync.Mutex                              // held to add to units
}

// Name returns the locale the format writes as, or the language for a
// site without a locale.
func (f *Format) Name() string { return f.name }

// Decimal returns the mark between a number's whole part and its decimals:
// "." or ",".
func (f *Format) Decimal() string { return f.decimal }

// Language returns the format's interface language, "en" or "sv".
func (f *Format) Language() string {
	base, _ := f.tag.Base()
	return base.String()
}

// CLDR's abbreviated month names, as dates write them.
var (
	monthsEN   = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	monthsENGB = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"}
	monthsSV   = [12]string{"jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec."}
)

// CLDR's short forms of large numbers (1.2K, 1,2 tn).
var (
	shortEN = [4]string{"K", "M", "B", "T"}
	shortSV = [4]string{"tn", "mn", "md", "bn"}
)

// formats holds every Format, by locale and, for sites without one, by
// language.
var formats = map[string]*Format{
	"en-US": {name: "en-US", money: true, symbolFirst: true, months: monthsEN, monthFirst: true, short: shortEN},
	"en-GB": {name: "en-GB", money: true, symbolFirst: true, months: monthsENGB, short: shortEN},
	"sv-SE": {name: "sv-SE", money: true, months: monthsSV, short: shortSV, shortSep: "\u00a0"},
	// The formats of a site without a locale are those its language had
	// before locales came, so that its pages stay as they were.
	"en": {name: "en", decimal: ".", group: ",", minus: "−", percent: "%",
		months: monthsEN, to: " to ", short: shortEN},
	"sv": {name: "sv", decimal: ",", group: "\u00a0", minus: "−", percent: "\u00a0%",
		to: " till ", short: shortSV, shortSep: "\u00a0"},
}

func init() {
	for name, f := range formats {
		f.tag = language.MustParse(name)
		if f.decimal == "" {
			f.decimal, f.group, f.minus, f.percent = cldrSymbols(f.tag)
		}
		for i := range f.percents {
			f.percents[i] = f.Number(float64(i), 0) + f.percent
		}
	}
}

// cldrSymbols reads a locale's decimal and group separators, minus sign
// and percent suffix from x/text's formatting of two numbers:
// -1234567.5 and 50%.
func cldrSymbols(tag language.Tag) (decimal, group, minus, percent string) {
	p := message.NewPrinter(tag)
	s := p.Sprint(number.Decimal(-1234567.5, number.Scale(1)))
	minus, rest, _ := strings.Cut(s, "1")
	group, rest, _ = strings.Cut(rest, "234")
	_, decimal, _ = strings.Cut(rest, "567")
	decimal = strings.TrimSuffix(decimal, "5")
	percent = strings.TrimPrefix(p.Sprint(number.Percent(0.5)), "50")
	return decimal, group, minus, percent
}

// MessageDate writes a day of the content in okr's own messages, such as
// okr check's warnings: as the site's locale writes it, or, for a site
// without a locale, as the content files do (2026-08-14), so that its
// messages stay as they were.
func MessageDate(s okrsite.Settings, d okrsite.Date) string {
	if f, ok := formats[s.Locale]; ok && s.Locale != "" {
		return f.Date(d)
	}
	return d.String()
}
