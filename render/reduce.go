package render

import "math"

// maxPoints is the most points a chart's series is drawn with: more than
// a chart's width in pixels on any screen or page. A longer series is
// reduced to it by reduce.
const maxPoints = 500

// reduce returns ps, or, when it is longer than max points, max of its
// points chosen so the line keeps its shape: the first and the last, and
// from each of max-2 equal runs of the points between them the one that
// makes the largest triangle with the point chosen before it and the mean
// of the next run (largest-triangle-three-buckets). Peaks and dips stay;
// flat stretches thin out. It takes time in proportion to len(ps).
func reduce(ps points, max int) points {
	if len(ps) <= max || max < 3 {
		return ps
	}
	out := make(points, 0, max)
	out = append(out, ps[0])
	runs := float64(len(ps)-2) / float64(max-2)
	prev := ps[0]
	for i := range max - 2 {
		lo, hi := 1+int(float64(i)*runs), 1+int(float64(i+1)*runs)
		// The mean of the next run, or the last point after the last run.
		nx, ny := float64(ps[len(ps)-1].date), ps[len(ps)-1].value
		if i < max-3 {
			nextHi := min(1+int(float64(i+2)*runs), len(ps)-1)
			nx, ny = mean(ps[hi:nextHi])
		}
		best, area := lo, -1.0
		for j := lo; j < hi; j++ {
			a := math.Abs((float64(prev.date)-nx)*(ps[j].value-prev.value) - (float64(prev.date)-float64(ps[j].date))*(ny-prev.value))
			if a > area {
				best, area = j, a
			}
		}
		prev = ps[best]
		out = append(out, prev)
	}
	return append(out, ps[len(ps)-1])
}

// mean returns the mean date, in days, and the mean value of ps.
func mean(ps points) (x, y float64) {
	for _, p := range ps {
		x += float64(p.date)
		y += p.value
	}
	n := float64(len(ps))
	return x / n, y / n
}
