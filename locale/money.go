package locale

import (
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/message"

	"github.com/okrsite/okrsite"
)

// Money units. A unit is money when it is
//
//   - an ISO 4217 currency code that x/text knows, in capitals: USD, SEK,
//     EUR, GBP, NOK, ...; shown as the locale's symbol for it (CLDR's: USD
//     is $ in en-US and US$ in en-GB and sv-SE, SEK is kr in sv-SE and SEK
//     elsewhere);
//   - one of the symbols in Symbols, shown as written;
//   - either of them after k or K (thousands) or M (millions): kSEK, MSEK,
//     M$, Mkr. The multiple is written as the locale writes large numbers
//     short: 12.5 MSEK is "SEK 12.50M" in English, "12,50 mn kr" in
//     Swedish.
//
// The locale places the symbol: before the number in English ("$5",
// "SEK 5", a no-break space after a symbol that ends in a letter, as CLDR
// spaces currencies), after it in Swedish ("5 kr", "5 US$"). A site
// without a locale writes money units like any other, after the number.

// Symbols are the currency symbols a unit may be written with.
var Symbols = []string{"$", "€", "£", "¥", "kr"}

// affix is what a unit puts around a number in one locale.
type affix struct {
	prefix     string
	one, other string // after the number, for one and for other numbers
	power      int    // the unit counts thousands to this power: 2 for MSEK
}

// affix returns how u is written around a number, working it out once per
// unit. The units worked out are a map that is never changed once
// published, so that reading it takes no lock: a site has few units, each
// written by the hundred thousand.
func (f *Format) affix(u okrsite.Unit) *affix {
	if units := f.units.Load(); units != nil {
		if a, ok := (*units)[u]; ok {
			return a
		}
	}
	f.unitsMu.Lock()
	defer f.unitsMu.Unlock()
	old := f.units.Load()
	if old != nil {
		if a, ok := (*old)[u]; ok {
			return a
		}
	}
	units := make(map[okrsite.Unit]*affix, 1)
	if old != nil {
		maps.Copy(units, *old)
	}
	a := f.newAffix(u)
	units[u] = a
	f.units.Store(&units)
	return a
}

func (f *Format) newAffix(u okrsite.Unit) *affix {
	switch {
	case u.Other == "":
		return &affix{}
	case u.Other == "%" && u.One == "":
		return &affix{one: f.percent, other: f.percent}
	}
	if f.money && u.One == "" {
		if symbol, power, ok := f.currency(u.Other); ok {
			if f.symbolFirst {
				if r, _ := utf8.DecodeLastRuneInString(symbol); !unicode.IsSymbol(r) {
					symbol += "\u00a0"
				}
				return &affix{prefix: symbol, power: power}
			}
			return &affix{one: "\u00a0" + symbol, other: "\u00a0" + symbol, power: power}
		}
	}
	one := u.Other
	if u.One != "" {
		one = u.One
	}
	return &affix{one: "\u00a0" + one, other: "\u00a0" + u.Other}
}

// currency reads a money unit: the symbol to show and the power of a
// thousand it counts in.
func (f *Format) currency(unit string) (symbol string, power int, ok bool) {
	if s, ok := f.symbol(unit); ok {
		return s, 0, true
	}
	for prefix, power := range map[string]int{"k": 1, "K": 1, "M": 2} {
		if rest, found := strings.CutPrefix(unit, prefix); found {
			if s, ok := f.symbol(rest); ok {
				return s, power, true
			}
		}
	}
	return "", 0, false
}

// symbol returns the symbol of a currency code or symbol in the locale.
func (f *Format) symbol(unit string) (string, bool) {
	for _, s := range Symbols {
		if unit == s {
			return s, true
		}
	}
	if len(unit) != 3 || strings.ToUpper(unit) != unit {
		return "", false
	}
	c, err := currency.ParseISO(unit)
	if err != nil {
		return "", false
	}
	return message.NewPrinter(f.tag).Sprint(currency.Symbol(c)), true
}
