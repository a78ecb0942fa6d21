package render_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite/render"
)

// TestNotFoundLinks checks the links of 404.html, which a server shows
// under any missing address: they start with the base URL, or at the
// host's root when there is none, and then the page carries its style.
func TestNotFoundLinks(t *testing.T) {
	for _, c := range []struct {
		base        string
		home, style string // what the page must hold
	}{
		{"", `href="/index.html"`, "<style>"},
		{"/goals/", `href="/goals/index.html"`, `<link rel="stylesheet" href="/goals/static/okr.css">`},
		{"https://example.org/goals/", `href="https://example.org/goals/index.html"`, `<link rel="stylesheet" href="https://example.org/goals/static/okr.css">`},
	} {
		fsys := txtarFS(t, "testdata/site.txtar")
		settings := string(fsys["site.toml"].Data)
		settings = strings.Replace(settings, `base_url = "https://goals.example.com/okr/"`, fmt.Sprintf("base_url = %q", c.base), 1)
		fsys["site.toml"].Data = []byte(settings)
		out := build(t, fsys, render.Options{})
		page := string(out["404.html"])
		for _, want := range []string{c.home, c.style} {
			if !strings.Contains(page, want) {
				t.Errorf("base URL %q: 404.html lacks %s", c.base, want)
			}
		}
		if c.base == "" && strings.Contains(page, `href="static/`) {
			t.Errorf("base URL %q: 404.html links relative to its own folder", c.base)
		}
	}
}

// TestBrowserNotFoundAtAnyDepth serves the example as nginx's error_page
// does, 404.html for every missing address, and opens a missing page three
// folders down: the page has its look and its links lead into the site.
func TestBrowserNotFoundAtAnyDepth(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	dir := buildSite(t, render.Options{})
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(r.URL.Path))); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			page, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	s := &site{dir: dir, base: srv.URL + "/"}
	b.each(t, 1, func(int) view { return phone }, func(_ int, tab context.Context) {
		for _, p := range visit(tab, s, "periods/2026-Q4/objectives/missing.html") {
			if !strings.Contains(p, "missing.html") { // the page itself is missing
				t.Error(p)
			}
		}
		display, err := run(tab, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.top-inner')).display`))
		if err != nil || display != "flex" {
			t.Errorf("404.html has no style three folders down: header display %q, %v", display, err)
		}
		home, err := run(tab, chromedp.Evaluate[string](`document.querySelector('main a').href`))
		if err != nil || home != s.base+"index.html" {
			t.Errorf("404.html's link home leads to %q (%v); want %q", home, err, s.base+"index.html")
		}
	})
}
