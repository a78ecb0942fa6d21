package render_test

import (
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/render"
)

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// benchmarkRender renders a synthetic site of the given size into memory:
// every page, chart and static file, but no disk.
func benchmarkRender(b *testing.B, size synth.Size) {
	site, _, err := load.Load(synth.FS(synth.Files(size, 1)), "site")
	if err != nil {
		b.Fatal(err)
	}
	card := okrsite.Evaluate(site, synth.AsOf)
	b.ResetTimer()
	for b.Loop() {
		if err := render.Render(card, render.Options{}, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSmall renders a site about the size of the example.
func BenchmarkRenderSmall(b *testing.B) { benchmarkRender(b, synth.Sizes["small"]) }

// BenchmarkRender10k renders the synthetic 10k site: about 12,600 pages.
func BenchmarkRender10k(b *testing.B) { benchmarkRender(b, synth.Standard) }
