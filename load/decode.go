package load

import (
	"fmt"
	"io/fs"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/tomlfile"
)

// file is one content file being read: where it is, and its text and the
// problems found in it so far.
type file struct {
	tomlfile.File
	path string      // as shown in errors
	rel  string      // within the site's file system
	stat fs.FileInfo // as found before reading the text, for the Loader's cache
	// failed is set when the file could not be read or parsed, so that
	// what it would have held is unknown.
	failed bool
	// known keeps where its problems are written, by path, from load to
	// load while the file stays as it is; nil outside a Loader.
	known *positions
}

// where returns the position of problem p in the whole file.
func (f *file) where(p tomlfile.Problem) tomlfile.Position {
	if f.known == nil || p.At == nil {
		return f.Where(p)
	}
	k := p.At.Key()
	f.known.mu.Lock()
	defer f.known.mu.Unlock()
	pos, ok := f.known.at[k]
	if !ok {
		pos = f.Where(p)
		f.known.at[k] = pos
	}
	return pos
}

// errors resolves the file's problems to positions.
func (f *file) errors() (errs, warnings []*Error) {
	for _, p := range f.Problems {
		pos := f.where(p)
		e := &Error{Path: f.path, Line: pos.Line, Col: pos.Col, Msg: p.Msg}
		if p.Warn {
			warnings = append(warnings, e)
		} else {
			errs = append(errs, e)
		}
	}
	return errs, warnings
}

// teamPeriod is what messages call a team's period file, the only file
// with check-ins.
const teamPeriod = "a team's period"

// parse decodes the TOML text of f into its root table, reading the
// check-in arrays of a team's period file with the package tomlfile's
// scanner. A syntax error is recorded, and parse returns nil.
func (f *file) parse(what string) *tomlfile.Table {
	if what == teamPeriod {
		return f.ParseCheckins(what)
	}
	return f.Parse(what)
}

// weight returns the non-negative number at key, or 1 when it is absent.
func weight(t *tomlfile.Table, key string) float64 {
	w, ok := t.Number(key)
	if !ok {
		return 1
	}
	if w < 0 {
		t.Errorf(key, "%s is %v; expected a weight of 0 or more", key, w)
		return 0
	}
	return w
}

// cadence returns the cadence at key, or def when it is absent.
func cadence(t *tomlfile.Table, key string, def okrsite.Cadence) okrsite.Cadence {
	s := t.Str(key)
	if s == "" {
		return def
	}
	c, err := parseCadence(s)
	if err != nil {
		t.Errorf(key, "%v", err)
		return def
	}
	return c
}

var cadenceNames = map[string]okrsite.Cadence{
	"weekly":    okrsite.Weekly,
	"biweekly":  okrsite.Biweekly,
	"monthly":   okrsite.Monthly,
	"quarterly": okrsite.Quarterly,
}

// parseCadence reads a cadence: a name such as "weekly", or a number of
// days such as "10d".
func parseCadence(s string) (okrsite.Cadence, error) {
	if c, ok := cadenceNames[s]; ok {
		return c, nil
	}
	var days int
	if n, err := fmt.Sscanf(s, "%dd", &days); err == nil && n == 1 && fmt.Sprintf("%dd", days) == s && days > 0 && days <= 3660 {
		return okrsite.Cadence(days), nil
	}
	return 0, fmt.Errorf("cadence %q is not known; expected weekly, biweekly, monthly, quarterly or a number of days such as \"10d\"", s)
}
