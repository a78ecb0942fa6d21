package locale

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/okrsite/okrsite"
)

// format returns the format of a locale or language, failing the test if
// there is none.
func format(t testing.TB, name string) *Format {
	t.Helper()
	f, ok := formats[name]
	if !ok {
		t.Fatalf("no format %q", name)
	}
	return f
}

// Units used in the tests.
var (
	none  = okrsite.Unit{}
	pct   = okrsite.Unit{Other: "%"}
	hours = okrsite.Unit{Other: "h"}
	logos = okrsite.Unit{One: "logo", Other: "logos"}
	usd   = okrsite.Unit{Other: "USD"}
	msek  = okrsite.Unit{Other: "MSEK"}
)

func TestParse(t *testing.T) {
	cases := []struct {
		name, in, want, err string
	}{
		{"a locale as listed is itself", "en-US", "en-US", ""},
		{"a locale in lower case is spelt as listed", "sv-se", "sv-SE", ""},
		{"an underscore reads as a dash", "en_GB", "en-GB", ""},
		{"a language without a country is refused", "sv", "", `locale "sv" names no country, which decides how dates and money are written; expected one of "en-US", "en-GB" or "sv-SE"`},
		{"a locale not supported is refused, naming those that are", "de-DE", "", `locale "de-DE" is not known; expected one of "en-US", "en-GB" or "sv-SE"`},
		{"text that is no locale is refused", "English", "", `locale "English" is not a locale; expected one of "en-US", "en-GB" or "sv-SE"`},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if got != c.want || fmt.Sprint(err) != c.err && (err != nil || c.err != "") {
			t.Errorf("%s: Parse(%q) = %q, %v; want %q, %s", c.name, c.in, got, err, c.want, c.err)
		}
	}
	for _, l := range Locales {
		if lang := Language(l); lang != l[:2] {
			t.Errorf("Language(%q) = %q", l, lang)
		}
		if f, err := For(l, "sv"); err != nil || f.Name() != l || f.Language() != l[:2] {
			t.Errorf("For(%q) = %v, %v", l, f, err)
		}
	}
}

// formatCase is one value written by one format.
type formatCase struct {
	name   string
	locale string
	got    func(f *Format) string
	want   string
}

func runCases(t *testing.T, cases []formatCase) {
	t.Helper()
	for _, c := range cases {
		if got := c.got(format(t, c.locale)); got != c.want {
			t.Errorf("%s (%s): got %q; want %q", c.name, c.locale, got, c.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	num := func(v float64, d int) func(*Format) string {
		return func(f *Format) string { return f.Number(v, d) }
	}
	runCases(t, []formatCase{
		{"thousands are grouped by commas in the US", "en-US", num(1234.5, 1), "1,234.5"},
		{"thousands are grouped by commas in Britain", "en-GB", num(1234567.891, 2), "1,234,567.89"},
		{"thousands are grouped by no-break spaces in Sweden, with a decimal comma", "sv-SE", num(1234.5, 1), "1\u00a0234,5"},
		{"the decimals asked for are all written", "en-US", num(12, 2), "12.00"},
		{"halves round away from zero", "en-US", num(0.125, 2), "0.13"},
		{"negative halves round away from zero", "en-GB", num(-2.5, 0), "-3"},
		{"English negatives take a hyphen-minus, as CLDR has it", "en-US", num(-1234.5, 1), "-1,234.5"},
		{"Swedish negatives take the minus sign U+2212", "sv-SE", num(-1234.5, 1), "−1\u00a0234,5"},
		{"a negative value that rounds to zero has no sign", "sv-SE", num(-0.001, 2), "0,00"},
		{"a value that is not a number is a dash", "en-US", num(math.NaN(), 2), "–"},
		{"a site without a locale writes English numbers as before, with U+2212", "en", num(-1234.5, 1), "−1,234.5"},
		{"a site without a locale writes Swedish numbers as before", "sv", num(1234.5, 1), "1\u00a0234,5"},
	})
}

func TestValuesAndPlurals(t *testing.T) {
	val := func(v float64, d int, u okrsite.Unit) func(*Format) string {
		return func(f *Format) string { return f.Value(v, d, u) }
	}
	runCases(t, []formatCase{
		{"a unit follows a value after a no-break space", "en-US", val(12.5, 1, hours), "12.5\u00a0h"},
		{"one takes the singular in English", "en-US", val(1, 0, logos), "1\u00a0logo"},
		{"other numbers take the plural in English", "en-GB", val(6, 0, logos), "6\u00a0logos"},
		{"one with a decimal shown takes the plural", "en-US", val(1, 1, logos), "1.0\u00a0logos"},
		{"zero takes the plural", "en-US", val(0, 0, logos), "0\u00a0logos"},
		{"minus one takes the singular", "en-US", val(-1, 0, logos), "-1\u00a0logo"},
		{"a value rounding to one takes the singular", "sv-SE", val(1.004, 0, okrsite.Unit{One: "logotyp", Other: "logotyper"}), "1\u00a0logotyp"},
		{"Swedish plurals follow the same rule", "sv-SE", val(2, 0, okrsite.Unit{One: "logotyp", Other: "logotyper"}), "2\u00a0logotyper"},
		{"a site without a locale picks plurals too", "en", val(1, 0, logos), "1\u00a0logo"},
		{"a unit of one form stays as it is", "en-US", val(1, 0, okrsite.Unit{Other: "bikes"}), "1\u00a0bikes"},
		{"a percentage unit is written as the locale writes percents, in English", "en-US", val(62, 0, pct), "62%"},
		{"a percentage unit is written as the locale writes percents, in Swedish", "sv-SE", val(62.5, 1, pct), "62,5\u00a0%"},
		{"a value without a unit is the number", "en-GB", val(3, 0, none), "3"},
	})
}

func TestMoney(t *testing.T) {
	val := func(v float64, d int, unit string) func(*Format) string {
		return func(f *Format) string { return f.Value(v, d, okrsite.Unit{Other: unit}) }
	}
	runCases(t, []formatCase{
		{"dollars come first in the US", "en-US", val(58156051.77, 2, "USD"), "$58,156,051.77"},
		{"a dollar sign comes first in the US", "en-US", val(58156051.77, 2, "$"), "$58,156,051.77"},
		{"negative money puts the minus before the symbol", "en-US", val(-5, 0, "$"), "-$5"},
		{"dollars are US dollars in Britain, as CLDR names them", "en-GB", val(1200, 0, "USD"), "US$1,200"},
		{"pounds come first in Britain", "en-GB", val(1200000, 0, "GBP"), "£1,200,000"},
		{"a code shown as letters is spaced from the number", "en-US", val(12.5, 2, "SEK"), "SEK\u00a012.50"},
		{"kronor come last in Sweden", "sv-SE", val(58156051.77, 2, "SEK"), "58\u00a0156\u00a0051,77\u00a0kr"},
		{"the kr symbol comes last in Sweden", "sv-SE", val(58156051.77, 2, "kr"), "58\u00a0156\u00a0051,77\u00a0kr"},
		{"kr comes first in the US, spaced", "en-US", val(5, 0, "kr"), "kr\u00a05"},
		{"euros come last in Sweden", "sv-SE", val(5, 0, "EUR"), "5\u00a0€"},
		{"the euro sign comes first in Britain", "en-GB", val(5.5, 2, "€"), "€5.50"},
		{"dollars in Sweden are US dollars, last", "sv-SE", val(-5, 0, "USD"), "−5\u00a0US$"},
		{"millions of kronor in English take the short word", "en-GB", val(12.5, 2, "MSEK"), "SEK\u00a012.50M"},
		{"millions of kronor in Swedish take the short word", "sv-SE", val(12.5, 2, "MSEK"), "12,50\u00a0mn\u00a0kr"},
		{"thousands of dollars", "en-US", val(250, 0, "k$"), "$250K"},
		{"a site without a locale writes money like any unit, as before", "en", val(58156051.77, 2, "$"), "58,156,051.77\u00a0$"},
		{"a site without a locale keeps MSEK after the number", "sv", val(12.5, 1, "MSEK"), "12,5\u00a0MSEK"},
		{"capitals that are no currency code are no money", "en-US", val(8, 0, "NPS"), "8\u00a0NPS"},
		{"a code in lower case is no money", "en-US", val(8, 0, "usd"), "8\u00a0usd"},
	})
}

func TestShort(t *testing.T) {
	short := func(v float64, d int, u okrsite.Unit) func(*Format) string {
		return func(f *Format) string { return f.Short(v, d, u) }
	}
	runCases(t, []formatCase{
		{"millions of dollars are written short in the US", "en-US", short(1950000, 2, usd), "$1.95M"},
		{"trailing zeros are dropped", "en-GB", short(1200000, 0, okrsite.Unit{Other: "GBP"}), "£1.2M"},
		{"three significant digits are kept", "en-US", short(58156051.77, 2, usd), "$58.2M"},
		{"Swedish short money has the word before the symbol", "sv-SE", short(1950000, 2, okrsite.Unit{Other: "SEK"}), "1,95\u00a0mn\u00a0kr"},
		{"MSEK counts in millions", "sv-SE", short(1950, 2, msek), "1,95\u00a0md\u00a0kr"},
		{"a small amount of MSEK is written in thousands", "en-US", short(0.5, 2, msek), "SEK\u00a0500K"},
		{"values below a thousand keep their decimals", "en-US", short(999.5, 1, usd), "$999.5"},
		{"values below a thousand drop trailing zeros", "en-US", short(0, 2, usd), "$0"},
		{"a short one takes the singular", "en-GB", short(1, 1, logos), "1\u00a0logo"},
		{"a short value keeps its unit", "sv-SE", short(2.5, 1, hours), "2,5\u00a0h"},
		{"a value rounding up to a thousand thousands is a million", "en-US", short(999999, 0, none), "1M"},
		{"thousands in Swedish are tn", "sv-SE", short(12300, 0, logos), "12,3\u00a0tn\u00a0logos"},
		{"negative values keep their sign", "sv-SE", short(-2500000, 0, none), "−2,5\u00a0mn"},
		{"a percentage is never shortened below a thousand", "en-US", short(62.25, 2, pct), "62.25%"},
		{"English thousands are K", "en", short(12300, 0, hours), "12.3K\u00a0h"},
	})
}

func TestPercentAndSigned(t *testing.T) {
	runCases(t, []formatCase{
		{"a share is a whole percentage", "en-US", func(f *Format) string { return f.Percent(0.62, 0) }, "62%"},
		{"Swedish percentages are spaced", "sv-SE", func(f *Format) string { return f.Percent(0.62, 0) }, "62\u00a0%"},
		{"a share above one is more than 100%", "en-GB", func(f *Format) string { return f.Percent(1.234, 0) }, "123%"},
		{"a percentage may have decimals", "sv-SE", func(f *Format) string { return f.Percent(0.6255, 1) }, "62,6\u00a0%"},
		{"a rise has a plus", "en-US", func(f *Format) string { return f.Signed(1.5, 1, hours) }, "+1.5\u00a0h"},
		{"a fall has the locale's minus", "sv-SE", func(f *Format) string { return f.Signed(-2, 0, none) }, "−2"},
		{"no change is ±0", "en-GB", func(f *Format) string { return f.Signed(0.001, 0, none) }, "±0"},
		{"a rise in money keeps the symbol after the plus", "en-US", func(f *Format) string { return f.Signed(1200, 0, usd) }, "+$1,200"},
	})
}

func TestDates(t *testing.T) {
	day := okrsite.MakeDate(2026, 12, 9)
	sept := okrsite.MakeDate(2026, 9, 1)
	date := func(d okrsite.Date) func(*Format) string { return func(f *Format) string { return f.Date(d) } }
	span := func(a, b okrsite.Date) func(*Format) string {
		return func(f *Format) string { return f.DateRange(a, b) }
	}
	q3 := span(okrsite.MakeDate(2026, 8, 1), okrsite.MakeDate(2026, 10, 31))
	fy := span(okrsite.MakeDate(2026, 2, 1), okrsite.MakeDate(2027, 1, 31))
	runCases(t, []formatCase{
		{"the US writes the month first", "en-US", date(day), "Dec 9, 2026"},
		{"Britain writes the day first", "en-GB", date(day), "9 Dec 2026"},
		{"Sweden writes lower-case months with a point", "sv-SE", date(day), "9 dec. 2026"},
		{"Britain abbreviates September as Sept, as CLDR has it", "en-GB", date(sept), "1 Sept 2026"},
		{"the US abbreviates September as Sep", "en-US", date(sept), "Sep 1, 2026"},
		{"Swedish September is sep.", "sv-SE", date(sept), "1 sep. 2026"},
		{"a site without a locale writes English dates as before", "en", date(sept), "1 Sep 2026"},
		{"a site without a locale writes Swedish dates as ISO dates", "sv", date(day), "2026-12-09"},
		{"a US range within a year shares the year", "en-US", q3, "Aug 1\u2009–\u2009Oct 31, 2026"},
		{"a British range within a year shares the year", "en-GB", q3, "1 Aug\u2009–\u200931 Oct 2026"},
		{"a Swedish range within a year shares the year", "sv-SE", q3, "1 aug.\u2009–\u200931 okt. 2026"},
		{"a range across years writes both years", "en-US", fy, "Feb 1, 2026\u2009–\u2009Jan 31, 2027"},
		{"a range without a locale is written in full, in English", "en", q3, "1 Aug 2026 to 31 Oct 2026"},
		{"a range without a locale is written in full, in Swedish", "sv", q3, "2026-08-01 till 2026-10-31"},
	})
}

// TestNumbersAgreeWithXText checks the formatter against x/text's own
// number formatting, CLDR's reference here, for values that are no
// halfway case (x/text rounds those to even; okrsite rounds them away from
// zero) and do not round to zero (x/text writes -0.00).
func TestNumbersAgreeWithXText(t *testing.T) {
	values := []float64{0, 1, -1, 12.34, 999.99, 1000, -1234.5678, 58156051.77, 1e9 + 0.3, -0.7, 7.126}
	for _, name := range []string{"en-US", "en-GB", "sv-SE"} {
		f := format(t, name)
		p := message.NewPrinter(language.MustParse(name))
		for _, v := range values {
			for d := range 3 {
				want := p.Sprint(number.Decimal(v, number.Scale(d)))
				if got := f.Number(v, d); got != want {
					t.Errorf("%s: Number(%v, %d) = %q; x/text writes %q", name, v, d, got, want)
				}
			}
		}
		if got, want := f.Percent(0.62, 0), p.Sprint(number.Percent(0.62)); got != want {
			t.Errorf("%s: Percent(0.62) = %q; x/text writes %q", name, got, want)
		}
	}
}

// TestNoValue writes a dash for what is not a number, in every form.
func TestNoValue(t *testing.T) {
	f := format(t, "en-US")
	for _, got := range []string{f.Value(math.Inf(1), 2, usd), f.Short(math.NaN(), 0, usd), f.Signed(math.NaN(), 0, none)} {
		if got != NoValue {
			t.Errorf("got %q; want %q", got, NoValue)
		}
	}
	if got := f.Number(1e300, 2); !strings.HasPrefix(got, "1,000,000") {
		t.Errorf("a huge number: %q", got)
	}
}

// BenchmarkValue writes 500,000 values with a unit, as a large site's
// pages do, with this package's formatter.
func BenchmarkValue(b *testing.B) {
	f := format(b, "sv-SE")
	for b.Loop() {
		for i := range 500_000 {
			_ = f.Value(float64(i)*1.37, 2, hours)
		}
	}
}

// BenchmarkXTextDecimal writes the same 500,000 numbers with x/text's
// number formatting, without the unit.
func BenchmarkXTextDecimal(b *testing.B) {
	p := message.NewPrinter(language.MustParse("sv-SE"))
	for b.Loop() {
		for i := range 500_000 {
			_ = p.Sprint(number.Decimal(float64(i)*1.37, number.Scale(2)))
		}
	}
}
