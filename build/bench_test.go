package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/publish"
	"github.com/okrsite/okrsite/render"
)

// memory holds a rendered site, by file name.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	m.files[name] = bytes.Clone(data) // data is the renderer's buffer
	m.mu.Unlock()
	return nil
}

// BenchmarkWrite10k writes the rendered synthetic 10k site (about 14,600
// files, 330 MB) into a new folder and commits it: the write stage of a
// cold build alone, one file after another, after loading and rendering.
func BenchmarkWrite10k(b *testing.B) {
	site, _, err := load.Load(synth.FS(synth.Files(synth.Standard, 1)), "site")
	if err != nil {
		b.Fatal(err)
	}
	rendered := &memory{files: map[string][]byte{}}
	if err := render.Render(okrsite.Evaluate(site, synth.AsOf), render.Options{}, rendered); err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, data := range rendered.files {
		size += int64(len(data))
	}
	b.SetBytes(size)
	dir := b.TempDir()
	for i := 0; b.Loop(); i++ {
		// A new folder each time: over a previous build, unchanged
		// files would be linked rather than written.
		dest := filepath.Join(dir, strconv.Itoa(i))
		out, err := publish.Open(dest, filepath.Join(dir, "content"))
		if err != nil {
			b.Fatal(err)
		}
		for name, data := range rendered.files {
			if err := out.WriteFile(name, data); err != nil {
				b.Fatal(err)
			}
		}
		if err := out.Commit(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(dest) // 330 MB a time
		b.StartTimer()
	}
}

// BenchmarkBuild10k builds the synthetic 10k site from disk into a new
// folder: every stage of a cold "okr build" in one process.
func BenchmarkBuild10k(b *testing.B) {
	dir := b.TempDir()
	content := filepath.Join(dir, "content")
	if err := synth.Write(content, synth.Files(synth.Standard, 1)); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		out, err := publish.Open(filepath.Join(dir, strconv.Itoa(i)), content)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Once(Options{Dir: content}).Build(out); err != nil {
			b.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
