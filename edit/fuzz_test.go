package edit

import (
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
)

// siteFS returns the load package's small valid test site as a file
// system.
func siteFS(t testing.TB) fstest.MapFS {
	t.Helper()
	base, err := txtar.ParseFile("../load/testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range base.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// FuzzCheckin writes a fuzzed check-in with AddCheckin. Either the edit is
// refused, or the edited site loads and holds exactly that check-in, with
// the rest of the file unchanged around it.
func FuzzCheckin(f *testing.F) {
	f.Add(int8(3), 2.5, 0.5, "A note")
	f.Add(int8(40), -1e300, -1.0, "\"quoted\" \\ back\nslash\t\x00\u2028")
	f.Add(int8(0), 0.0, 1.0, "")
	f.Fuzz(func(t *testing.T, day int8, value, confidence float64, note string) {
		fsys := siteFS(t)
		date := okrsite.MakeDate(2026, 7, 1).AddDays(int(day))
		if confidence < 0 {
			confidence = okrsite.NoConfidence
		}
		c := okrsite.Checkin{Date: date, Value: value, Confidence: confidence, Note: note}
		edit, err := AddCheckin(fsys, "site", "2026-Q3/land-norway/deals", c)
		if err != nil {
			return
		}
		fsys[edit.Path] = &fstest.MapFile{Data: edit.Data}
		site, _, err := load.Load(fsys, "site")
		if err != nil {
			t.Fatalf("an accepted edit does not load: %v\n%s", err, edit.Data)
		}
		for _, o := range site.Objectives {
			for _, kr := range o.KeyResults {
				if kr.Ref() != "2026-Q3/land-norway/deals" {
					continue
				}
				for _, got := range kr.Checkins {
					if got.Date == date {
						if got != c {
							t.Fatalf("wrote %+v, read back %+v", c, got)
						}
						return
					}
				}
			}
		}
		t.Fatalf("the check-in of %s is not in the edited file", date)
	})
}
