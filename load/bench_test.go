package load

import (
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/synth"
)

// benchmarkLoad loads and scores a synthetic site of the given size.
func benchmarkLoad(b *testing.B, size synth.Size) {
	fsys := synth.FS(synth.Files(size, 1))
	b.ResetTimer()
	for b.Loop() {
		site, _, err := Load(fsys, "site")
		if err != nil {
			b.Fatal(err)
		}
		okrsite.Evaluate(site, synth.AsOf)
	}
}

// BenchmarkLoadSmall loads, validates and scores a small site, about the
// size of the example.
func BenchmarkLoadSmall(b *testing.B) { benchmarkLoad(b, synth.Sizes["small"]) }

// BenchmarkLoad10k loads, validates and scores the synthetic 10k site:
// 10,000 objectives, 40,000 key results, 520,000 check-ins.
func BenchmarkLoad10k(b *testing.B) { benchmarkLoad(b, synth.Standard) }
