package load

import (
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/okrsite/okrsite/internal/synth"
)

// TestLoaderRemembers loads a site three times: the second load decodes
// nothing, the third only the file that changed, and errors come back the
// same whether a file was decoded or remembered.
func TestLoaderRemembers(t *testing.T) {
	fsys := siteFS(t)
	stamp := time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)
	for _, f := range fsys {
		f.ModTime = stamp
	}
	ld := NewLoader()
	first, _, err := ld.LoadWith(fsys, "site", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(ld.Changed()); got != len(fsys) {
		t.Errorf("the first load decoded %d files, want all %d", got, len(fsys))
	}
	second, warned, err := ld.LoadWith(fsys, "site", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ld.Changed(); len(got) != 0 {
		t.Errorf("an unchanged site decoded %v again", got)
	}
	if _, fresh, _ := Load(fsys, "site"); warned.Error() != fresh.Error() {
		t.Errorf("warnings of remembered files differ from a fresh load's:\n%v\n---\n%v", warned, fresh)
	}
	if len(second.Objectives) != len(first.Objectives) || second.Objectives[0].Title != first.Objectives[0].Title {
		t.Errorf("the remembered site differs from the first")
	}

	sales := "periods/2026-Q3/sales.toml"
	fsys[sales] = &fstest.MapFile{Data: []byte("[[objective]]\nid = \"x\"\ntaget = 1\n"), ModTime: stamp.Add(time.Second)}
	_, _, err1 := ld.LoadWith(fsys, "site", Options{})
	if got := ld.Changed(); !slices.Equal(got, []string{sales}) {
		t.Errorf("after one edit the load decoded %v, want just %s", got, sales)
	}
	_, _, err2 := ld.LoadWith(fsys, "site", Options{})
	if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
		t.Errorf("errors differ between a decoded and a remembered file:\n%v\n---\n%v", err1, err2)
	}
	if _, _, fresh := Load(fsys, "site"); fresh == nil || fresh.Error() != err1.Error() {
		t.Errorf("errors differ from a fresh load:\n%v\n---\n%v", err1, fresh)
	}
}

// TestLoaderRemembersWarnings checks that a warning about a remembered file
// (the synthetic site's check-ins after the report date, found when the
// site is linked on every load) is positioned as in a fresh load.
func TestLoaderRemembersWarnings(t *testing.T) {
	fsys := synth.FS(synth.Files(synth.Sizes["small"], 1))
	ld := NewLoader()
	for range 2 {
		_, warned, err := ld.LoadWith(fsys, "site", Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, fresh, _ := Load(fsys, "site")
		if len(fresh) == 0 || warned.Error() != fresh.Error() {
			t.Errorf("warnings differ from a fresh load's:\n%v\n---\n%v", warned, fresh)
		}
	}
}

// BenchmarkReload10k loads the synthetic 10k site again after one team's
// file changed, as a preview does.
func BenchmarkReload10k(b *testing.B) {
	fsys := synth.FS(synth.Files(synth.Standard, 1))
	stamp := time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)
	for _, f := range fsys {
		f.ModTime = stamp
	}
	ld := NewLoader()
	if _, _, err := ld.LoadWith(fsys, "site", Options{}); err != nil {
		b.Fatal(err)
	}
	team := fsys["periods/2026-Q4/t42.toml"]
	for i := 0; b.Loop(); i++ {
		team.ModTime = stamp.Add(time.Duration(i+1) * time.Second)
		if _, _, err := ld.LoadWith(fsys, "site", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
