package render

import (
	"math"
	"slices"
	"testing"

	"github.com/okrsite/okrsite"
)

// TestReduce checks the reduction of long series: short ones stay as they
// are; long ones keep their ends, their order, a peak and a dip, and come
// to max points.
func TestReduce(t *testing.T) {
	series := func(n int) points {
		ps := make(points, n)
		for i := range ps {
			ps[i] = point{okrsite.Date(20000 + i/100), math.Sin(float64(i) / 5000)}
		}
		return ps
	}
	short := series(maxPoints)
	if got := reduce(short, maxPoints); len(got) != maxPoints || &got[0] != &short[0] {
		t.Errorf("a series of %d points was changed", maxPoints)
	}
	long := series(1_000_000)
	long[123_457].value = 40  // a peak
	long[765_431].value = -40 // a dip
	got := reduce(long, maxPoints)
	if len(got) != maxPoints {
		t.Fatalf("%d points; want %d", len(got), maxPoints)
	}
	if got[0] != long[0] || got[len(got)-1] != long[len(long)-1] {
		t.Errorf("the ends moved: %v .. %v", got[0], got[len(got)-1])
	}
	if !slices.IsSortedFunc(got, func(a, b point) int { return int(a.date - b.date) }) {
		t.Errorf("the points are out of order")
	}
	for _, want := range []point{long[123_457], long[765_431]} {
		if !slices.Contains(got, want) {
			t.Errorf("%v was lost", want)
		}
	}
}

// BenchmarkReduce reduces a million check-ins to a chart's points.
func BenchmarkReduce(b *testing.B) {
	ps := make(points, 1_000_000)
	for i := range ps {
		ps[i] = point{okrsite.Date(20000 + i/100), float64(i % 977)}
	}
	for b.Loop() {
		reduce(ps, maxPoints)
	}
}
