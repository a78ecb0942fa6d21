package load

import (
	"io/fs"
	"os"
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/synth"
)

// benchmarkLoad loads, validates and scores the site at the root of fsys;
// name is the folder as errors would show it.
func benchmarkLoad(b *testing.B, fsys fs.FS, name string) {
	for b.Loop() {
		site, _, err := Load(fsys, name)
		if err != nil {
			b.Fatal(err)
		}
		okrsite.Evaluate(site, site.Settings.AsOf) // both sites set as_of
	}
}

// BenchmarkLoadExample loads, validates and scores the example site, from
// disk.
func BenchmarkLoadExample(b *testing.B) { benchmarkLoad(b, os.DirFS("../content"), "content") }

// BenchmarkLoad10k loads, validates and scores the synthetic 10k site, from
// memory: 10,000 objectives, 40,000 key results, 520,000 check-ins.
func BenchmarkLoad10k(b *testing.B) {
	benchmarkLoad(b, synth.FS(synth.Files(synth.Standard, 1)), "site")
}

// BenchmarkScore10k scores the loaded synthetic 10k site alone: progress,
// status, forecasts and grades, roll-ups, and KPI health.
func BenchmarkScore10k(b *testing.B) {
	site, _, err := Load(synth.FS(synth.Files(synth.Standard, 1)), "site")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		okrsite.Evaluate(site, site.Settings.AsOf)
	}
}
