package render

import (
	"html/template"
	"slices"
	"testing"
)

// TestOrder checks the order pages render in: period by period, in the
// order each period first appears, and within a period one folder after
// another in turn, each folder's pages in their own order.
func TestOrder(t *testing.T) {
	jobs := []job{
		{path: "index.html"},
		{path: "periods/q1.html", period: "q1"},
		{path: "periods/q1/a.html", period: "q1"},
		{path: "periods/q1/b.html", period: "q1"},
		{path: "teams/t1/q1.html", period: "q1"},
		{path: "periods/q2.html", period: "q2"},
		{path: "periods/q2/a.html", period: "q2"},
		{path: "teams.html"},
		{path: "teams/t1.html", period: "q2"},
		{path: "teams/t2.html", period: "q2"},
	}
	want := []string{
		"index.html", "teams.html",
		"periods/q1.html", "periods/q1/a.html", "teams/t1/q1.html", "periods/q1/b.html",
		"periods/q2.html", "periods/q2/a.html", "teams/t1.html", "teams/t2.html",
	}
	var got []string
	for _, j := range order(jobs) {
		got = append(got, j.path)
	}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
}

// TestCacheDone checks that a build's own cache drops a period's pieces
// when its pages are written, and that a cache kept for the next build
// keeps them.
func TestCacheDone(t *testing.T) {
	for _, transient := range []bool{true, false} {
		c := NewCache()
		c.transient = transient
		keys := []pieceKey{{"card", "../", "q1", "a"}, {"print", "", "q1", "a"}, {"card", "../", "q2", "a"}}
		for _, k := range keys {
			c.piece(k, func() (template.HTML, error) { return template.HTML(k.period + "/" + k.objective), nil })
		}
		c.done("q1")
		for _, k := range keys {
			_, kept := c.pieces[k]
			if want := !transient || k.period != "q1"; kept != want {
				t.Errorf("transient %v: piece %v kept %v, want %v", transient, k, kept, want)
			}
		}
		// A piece asked for again after its period is done is written again.
		got, _ := c.piece(keys[0], func() (template.HTML, error) { return "again", nil })
		if transient && got != "again" {
			t.Errorf("transient: piece after done = %q, want it written again", got)
		}
	}
}
