package preview

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/internal/synth"
)

// benchmarkReload measures the time from saving a content file to the
// reload event that open pages receive: the watcher's pause, the
// incremental rebuild and the event.
func benchmarkReload(b *testing.B, dir, file, old, new string) {
	s := New(build.Options{Dir: dir})
	if err := s.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx, watcher(b, dir))
	ev := listen(b, ctx, srv.URL)
	path := filepath.Join(dir, file)
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	texts := []string{string(src), strings.Replace(string(src), old, new, 1)}
	if texts[0] == texts[1] {
		b.Fatalf("%s has no %q", file, old)
	}
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(path, []byte(texts[(i+1)%2]), 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case e := <-ev.ch:
			if e[0] != "reload" {
				b.Fatalf("got %s: %s", e[0], e[1])
			}
		case <-time.After(wait):
			b.Fatal("no reload event")
		}
	}
}

// BenchmarkReloadExample edits a team's file of the example site.
func BenchmarkReloadExample(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../content")); err != nil {
		b.Fatal(err)
	}
	benchmarkReload(b, dir, "periods/2026-Q4/operations.toml", "[2026-10-30, 352,", "[2026-10-30, 340,")
}

// BenchmarkReload10k edits one team's file of the synthetic 10k site.
func BenchmarkReload10k(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "content")
	if err := synth.Write(dir, synth.Files(synth.Standard, 1)); err != nil {
		b.Fatal(err)
	}
	benchmarkReload(b, dir, "periods/2026-Q4/t42.toml", "Weekly review done", "Weekly review done!")
}
