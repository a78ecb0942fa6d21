package okrsite_test

import (
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/load"
)

// BenchmarkReview10k reviews the synthetic 10k site's default window (a
// week): the scorecard as of a week before the report date, and the
// comparison with the report date's.
func BenchmarkReview10k(b *testing.B) {
	site, _, err := load.Load(synth.FS(synth.Files(synth.Standard, 1)), "site")
	if err != nil {
		b.Fatal(err)
	}
	asOf := site.Settings.AsOf
	now := okrsite.Evaluate(site, asOf)
	for b.Loop() {
		okrsite.ReviewOf(now, okrsite.DefaultSince(asOf, site.Settings.Cadence))
	}
}
