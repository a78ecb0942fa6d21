package render

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// A large site encodes tens of thousands of charts' own options, and
// encoding/json spends most of that time finding its way through the types
// by reflection. appendJSON writes the types charts use most directly and
// hands anything else to json.Marshal; either way the bytes are exactly
// what json.Marshal writes for the whole option, which TestChartJSON and
// FuzzChartJSON check. Like json.Marshal, it escapes <, > and & in
// strings, so the result can sit in a script element.

// errNotFinite is the error for a number JSON cannot hold, as json.Marshal
// refuses NaN and the infinities.
var errNotFinite = errors.New("render: chart value is not a finite number")

// appendJSON appends o encoded as JSON to b.
func (o *option) appendJSON(b []byte) ([]byte, error) {
	var err error
	b = append(b, '{')
	first := true
	if o.Legend != nil {
		b = appendKey(b, &first, "legend")
		b = append(b, `{"data":`...)
		b = appendStrings(b, o.Legend.Data)
		b = append(b, '}')
	}
	for _, axes := range []struct {
		key   string
		parts []axisPart
	}{{"xAxis", o.XAxis}, {"yAxis", o.YAxis}} {
		if len(axes.parts) == 0 {
			continue
		}
		b = appendKey(b, &first, axes.key)
		b = append(b, '[')
		for i := range axes.parts {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = axes.parts[i].appendJSON(b); err != nil {
				return b, err
			}
		}
		b = append(b, ']')
	}
	b = appendKey(b, &first, "series")
	if o.Series == nil {
		return append(b, "null}"...), nil
	}
	b = append(b, '[')
	for i := range o.Series {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = o.Series[i].appendJSON(b); err != nil {
			return b, err
		}
	}
	return append(b, "]}"...), nil
}

func (a *axisPart) appendJSON(b []byte) ([]byte, error) {
	var err error
	b = append(b, '{')
	first := true
	if a.Name != "" {
		b = appendKey(b, &first, "name")
		b = appendJSONString(b, a.Name)
	}
	if a.Min != nil {
		b = appendKey(b, &first, "min")
		if b, err = appendValue(b, a.Min); err != nil {
			return b, err
		}
	}
	if a.Max != nil {
		b = appendKey(b, &first, "max")
		if b, err = appendValue(b, a.Max); err != nil {
			return b, err
		}
	}
	if len(a.Data) > 0 {
		b = appendKey(b, &first, "data")
		b = appendStrings(b, a.Data)
	}
	if a.Show != nil {
		b = appendKey(b, &first, "show")
		b = strconv.AppendBool(b, *a.Show)
	}
	return append(b, '}'), nil
}

func (s *seriesPart) appendJSON(b []byte) ([]byte, error) {
	var err error
	b = append(b, '{')
	first := true
	if s.Name != "" {
		b = appendKey(b, &first, "name")
		b = appendJSONString(b, s.Name)
	}
	if s.Type != "" {
		b = appendKey(b, &first, "type")
		b = appendJSONString(b, s.Type)
	}
	b = appendKey(b, &first, "data")
	if b, err = appendValue(b, s.Data); err != nil {
		return b, err
	}
	for _, m := range []struct {
		key   string
		marks *marks
	}{{"markLine", s.MarkLine}, {"markArea", s.MarkArea}} {
		if m.marks == nil {
			continue
		}
		b = appendKey(b, &first, m.key)
		b = append(b, `{"data":`...)
		if b, err = appendValue(b, m.marks.Data); err != nil {
			return b, err
		}
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// appendValue appends one value of a chart's options: the common types
// directly, the others through json.Marshal.
func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, v), nil
	case float64:
		return appendJSONFloat(b, v)
	case points:
		return v.appendJSON(b), nil
	case []string:
		return appendStrings(b, v), nil
	case []any:
		if v == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendValue(b, x); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case opts.MarkLineNameXAxisItem:
		return appendMarkLine(b, v.Name, "xAxis", v.XAxis, v.ValueDim)
	case opts.MarkLineNameYAxisItem:
		return appendMarkLine(b, v.Name, "yAxis", v.YAxis, v.ValueDim)
	}
	enc, err := json.Marshal(v)
	return append(b, enc...), err
}

// appendMarkLine appends a go-echarts mark line item, named and placed on
// one axis, as its struct tags (all omitempty) encode it.
func appendMarkLine(b []byte, name, axis string, at any, valueDim string) ([]byte, error) {
	var err error
	b = append(b, '{')
	first := true
	if name != "" {
		b = appendKey(b, &first, "name")
		b = appendJSONString(b, name)
	}
	if at != nil {
		b = appendKey(b, &first, axis)
		if b, err = appendValue(b, at); err != nil {
			return b, err
		}
	}
	if valueDim != "" {
		b = appendKey(b, &first, "valueDim")
		b = appendJSONString(b, valueDim)
	}
	return append(b, '}'), nil
}

// appendKey appends an object member's key, after a comma unless it is the
// first.
func appendKey(b []byte, first *bool, key string) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONFloat appends f as json.Marshal writes a float64: plainly, or
// with an exponent below 1e-6 and from 1e21 up, without a leading zero in
// the exponent.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, errNotFinite
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// 1e-07 is written 1e-7.
		if n := len(b); n-start >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// appendJSONString appends s as a JSON string that is safe inside HTML:
// quotes, backslashes and control characters escaped, and also <, > and &
// (so the string cannot close a script element), the line and paragraph
// separators U+2028 and U+2029, and invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	done := 0 // s[:done] is written
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[done:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			done = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[done:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[done:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		done = i
	}
	b = append(b, s[done:]...)
	return append(b, '"')
}
