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
	obj := jsonObject{b: append(b, '{')}
	obj.member("grid", len(o.Grid) > 0, func(b []byte) ([]byte, error) {
		return appendArray(b, o.Grid, func(g *gridPart, b []byte) ([]byte, error) {
			obj := jsonObject{b: append(b, '{')}
			obj.str("bottom", g.Bottom)
			return obj.end()
		})
	})
	if o.Legend != nil {
		obj.key("legend")
		obj.b = append(obj.b, `{"data":`...)
		obj.b = append(appendStrings(obj.b, o.Legend.Data), '}')
	}
	obj.member("xAxis", len(o.XAxis) > 0, func(b []byte) ([]byte, error) { return appendArray(b, o.XAxis, (*axisPart).appendJSON) })
	obj.member("yAxis", len(o.YAxis) > 0, func(b []byte) ([]byte, error) { return appendArray(b, o.YAxis, (*axisPart).appendJSON) })
	obj.member("series", true, func(b []byte) ([]byte, error) { return appendArray(b, o.Series, (*seriesPart).appendJSON) })
	return obj.end()
}

func (a *axisPart) appendJSON(b []byte) ([]byte, error) {
	obj := jsonObject{b: append(b, '{')}
	obj.str("name", a.Name)
	obj.value("min", a.Min)
	obj.value("max", a.Max)
	if len(a.Data) > 0 {
		obj.key("data")
		obj.b = appendStrings(obj.b, a.Data)
	}
	if a.Show != nil {
		obj.key("show")
		obj.b = strconv.AppendBool(obj.b, *a.Show)
	}
	obj.member("axisLabel", a.AxisLabel != nil, func(b []byte) ([]byte, error) {
		if a.AxisLabel.Show == nil {
			return append(b, "{}"...), nil
		}
		return append(strconv.AppendBool(append(b, `{"show":`...), *a.AxisLabel.Show), '}'), nil
	})
	return obj.end()
}

func (s *seriesPart) appendJSON(b []byte) ([]byte, error) {
	obj := jsonObject{b: append(b, '{')}
	obj.str("name", s.Name)
	obj.str("type", s.Type)
	obj.member("data", true, func(b []byte) ([]byte, error) { return appendValue(b, s.Data) })
	for _, m := range []struct {
		key   string
		marks *marks
	}{{"markLine", s.MarkLine}, {"markArea", s.MarkArea}} {
		obj.member(m.key, m.marks != nil, func(b []byte) ([]byte, error) {
			b, err := appendValue(append(b, `{"data":`...), m.marks.Data)
			return append(b, '}'), err
		})
	}
	return obj.end()
}

// jsonObject writes a JSON object's members one by one, leaving out the
// empty ones as an omitempty tag does. The first error stops it.
type jsonObject struct {
	b   []byte
	n   int // members written
	err error
}

// key writes a member's key.
func (o *jsonObject) key(k string) {
	if o.n > 0 {
		o.b = append(o.b, ',')
	}
	o.n++
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

// str writes a string member, unless it is empty.
func (o *jsonObject) str(k, v string) {
	if v != "" {
		o.key(k)
		o.b = appendJSONString(o.b, v)
	}
}

// field writes a string member, even an empty one.
func (o *jsonObject) field(k, v string) {
	o.key(k)
	o.b = appendJSONString(o.b, v)
}

// float writes a number member.
func (o *jsonObject) float(k string, v float64) {
	o.member(k, true, func(b []byte) ([]byte, error) { return appendJSONFloat(b, v) })
}

// value writes a member of any type, unless it is nil.
func (o *jsonObject) value(k string, v any) {
	o.member(k, v != nil, func(b []byte) ([]byte, error) { return appendValue(b, v) })
}

// member writes a member with write, when present.
func (o *jsonObject) member(k string, present bool, write func([]byte) ([]byte, error)) {
	if !present || o.err != nil {
		return
	}
	o.key(k)
	o.b, o.err = write(o.b)
}

// end closes the object.
func (o *jsonObject) end() ([]byte, error) { return append(o.b, '}'), o.err }

// appendArray appends s as a JSON array, each element written by each; a
// nil slice is null.
func appendArray[E any](b []byte, s []E, each func(*E, []byte) ([]byte, error)) ([]byte, error) {
	if s == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	for i := range s {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = each(&s[i], b); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
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
		return appendArray(b, v, func(x *any, b []byte) ([]byte, error) { return appendValue(b, *x) })
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
	obj := jsonObject{b: append(b, '{')}
	obj.str("name", name)
	obj.value(axis, at)
	obj.str("valueDim", valueDim)
	return obj.end()
}

func appendStrings(b []byte, ss []string) []byte {
	b, _ = appendArray(b, ss, func(s *string, b []byte) ([]byte, error) { return appendJSONString(b, *s), nil })
	return b
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
