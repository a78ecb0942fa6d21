package locale

import (
	"encoding/json"

	"github.com/okrsite/okrsite"
)

// script is what okr.js needs to write numbers and dates as a Format does.
type script struct {
	Locale     string    `json:"locale"` // for the plural rule, which the browser knows from CLDR
	Decimal    string    `json:"decimal"`
	Group      string    `json:"group"`
	Minus      string    `json:"minus"`
	Short      [4]string `json:"short"`
	ShortSep   string    `json:"shortSep"`
	Months     []string  `json:"months,omitempty"` // none for ISO dates
	MonthFirst bool      `json:"monthFirst"`
}

// Script returns, as JSON, what the chart script okr.js needs to write
// numbers and dates as f does: a page's root element carries it as its
// data-locale attribute.
func (f *Format) Script() string {
	s := script{Locale: f.tag.String(), Decimal: f.decimal, Group: f.group, Minus: f.minus,
		Short: f.short, ShortSep: f.shortSep, MonthFirst: f.monthFirst}
	if f.months[0] != "" {
		s.Months = f.months[:]
	}
	return marshal(s)
}

// Axis is how okr.js writes the values of one value axis of a chart: short
// on the axis, as Short does, and exact in tooltips, as Value does.
type Axis struct {
	Decimals int     `json:"decimals"`
	Scale    float64 `json:"scale,omitempty"`  // values are multiplied by it first
	Prefix   string  `json:"prefix,omitempty"` // before the number
	One      string  `json:"one,omitempty"`    // after a value of one, when it differs from Other
	Other    string  `json:"other,omitempty"`  // after any other value
	Power    int     `json:"power,omitempty"`  // the unit counts thousands to this power (MSEK: 2)
}

// Axis returns how a chart writes values of unit u with the given
// decimals: a key result's or KPI's precision.
func (f *Format) Axis(decimals int, u okrsite.Unit) Axis {
	a := f.affix(u)
	ax := Axis{Decimals: decimals, Prefix: a.prefix, Other: a.other, Power: a.power}
	if a.one != a.other {
		ax.One = a.one
	}
	return ax
}

// ShareAxis returns how a chart writes shares from 0 to 1, such as
// confidence, as whole percentages, as Percent(share, 0) does.
func (f *Format) ShareAxis() Axis {
	return Axis{Scale: 100, Other: f.percent}
}

// Axes returns, as JSON, how each value axis of a chart writes its values,
// the first axis first: a chart's element carries it as its data-axes
// attribute.
func Axes(axes ...Axis) string { return marshal(axes) }

// marshal returns v, which holds only strings and finite numbers, as
// JSON, which it always is.
func marshal(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
