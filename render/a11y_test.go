package render_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/internal/testprogress"
	"github.com/okrsite/okrsite/render"
)

// axeSum is the SHA-256 of testdata/axe/axe.min.js: axe-core 4.14.1 from
// npm (licence MPL-2.0, in testdata/axe/LICENSE). To update it, copy the
// package's axe.min.js and LICENSE there and change the version and sum.
const axeSum = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

// serveWithAxe serves the site in dir, with axe-core's script, checked
// against axeSum, beside its pages as axe.min.js. Pages load it from there
// (runAxe), so that Chromium compiles it once and takes it from its code
// cache after, which costs a fraction of evaluating it on every page.
func serveWithAxe(t *testing.T, dir string) *site {
	t.Helper()
	src, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(src); hex.EncodeToString(sum[:]) != axeSum {
		t.Fatalf("testdata/axe/axe.min.js is not axe-core 4.14.1 (sha256 %x)", sum)
	}
	if err := os.WriteFile(filepath.Join(dir, "axe.min.js"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	return serve(t, dir)
}

// runAxe runs axe-core's WCAG 2.1 A and AA rules on the page in tab, a
// page of s (see serveWithAxe), loading axe-core first, and returns its
// serious and critical violations, one line each, and a count of the
// lesser ones.
func runAxe(tab context.Context, s *site) (serious []string, lesser int, err error) {
	load := `new Promise((ok, fail) => {
		const script = document.createElement('script');
		script.src = ` + jsonString(s.base+"axe.min.js") + `;
		script.onload = () => ok(true);
		script.onerror = () => fail(new Error('cannot load ' + script.src));
		document.head.appendChild(script);
	})`
	if err := do(tab, chromedp.Evaluate[chromedp.Void](load, chromedp.EvalAwaitPromise)); err != nil {
		return nil, 0, fmt.Errorf("loading axe-core: %w", err)
	}
	const check = `axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'], resultTypes: ['violations']})
		.then(r => r.violations.map(v => ({impact: v.impact, line: v.impact + ' ' + v.id + ': ' + v.nodes.length + ' (' + v.nodes[0].target.join(' ') + ')'})))`
	found, err := run(tab, chromedp.Evaluate[[]struct{ Impact, Line string }](check, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, 0, fmt.Errorf("running axe-core: %w", err)
	}
	for _, v := range found {
		if v.Impact == "serious" || v.Impact == "critical" {
			serious = append(serious, v.Line)
		} else {
			lesser++
		}
	}
	return serious, lesser, nil
}

// jsonString writes s as a JavaScript string.
func jsonString(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

// largestOfEachKind returns, for every kind of page in the site in dir,
// its largest page: the one with the most to get wrong.
func largestOfEachKind(t *testing.T, dir string) []string {
	largest := map[string]string{}
	size := map[string]int64{}
	for _, rel := range pages(t, dir) {
		info, err := os.Stat(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if k := kindOf(rel); info.Size() > size[k] {
			largest[k], size[k] = rel, info.Size()
		}
	}
	var rels []string
	for _, rel := range largest {
		rels = append(rels, rel)
	}
	slices.Sort(rels)
	return rels
}

// TestBrowserAccessible runs axe-core on the largest page of every kind,
// and on the period reports of a site of 50 teams: no serious or critical
// violation may remain. Each kind is checked twice,
// in two opposite combinations of language (English, Swedish), colours
// (light, dark) and width (a laptop's, a phone's), so each sees both of
// each; the kinds take turns at the combinations, so each combination is
// checked on several kinds.
func TestBrowserAccessible(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	type check struct {
		lang string
		s    *site
		rel  string
		v    view
	}
	var (
		checks []check
		rels   []string
		sites  = map[string]*site{}
	)
	for _, lang := range []string{"en", "sv"} {
		dir := buildSite(t, render.Options{Lang: lang})
		sites[lang] = serveWithAxe(t, dir)
		rels = largestOfEachKind(t, dir)
	}
	// A site of 50 teams' shape: its period reports, running and finished,
	// are the largest pages a site is likely to have.
	many := serveWithAxe(t, buildFrom(t, synth.FS(synth.Files(synth.Sizes["50team"], 1)), render.Options{Lang: "sv"}))
	darkPhone := phone
	darkPhone.dark = true
	checks = append(checks, check{"sv", many, "periods/2026-Q4.html", darkPhone}, check{"sv", many, "periods/2026-Q3.html", desktop})
	for k, rel := range rels {
		for _, combo := range []int{k % 4, 7 - k%4} { // bits: Swedish, dark, phone
			lang, v := "en", desktop
			if combo&1 != 0 {
				lang = "sv"
			}
			if combo&4 != 0 {
				v = phone
			}
			v.dark = combo&2 != 0
			checks = append(checks, check{lang, sites[lang], rel, v})
		}
	}
	lesser := make([]int, len(checks))
	b.each(t, len(checks), func(i int) view { return checks[i].v }, func(i int, tab context.Context) {
		c := checks[i]
		if err := do(tab, chromedp.Navigate(c.s.base+c.rel)); err != nil {
			t.Errorf("%s %s %v: %v", c.lang, c.rel, c.v, err)
			return
		}
		found, n, err := runAxe(tab, c.s)
		if err != nil {
			t.Errorf("%s %s %v: %v", c.lang, c.rel, c.v, err)
		}
		for _, v := range found {
			t.Errorf("%s %s %v: %s", c.lang, c.rel, c.v, v)
		}
		lesser[i] = n
	})
	total := 0
	for _, n := range lesser {
		total += n
	}
	testprogress.Printf(t, "axe-core checked %d pages: kinds, languages and views; %d moderate or minor findings", len(checks), total)
}

// TestBrowserAxeCatches plants an unlabelled checkbox on a page and
// expects axe-core to report it, so that TestBrowserAccessible is known to
// look.
func TestBrowserAxeCatches(t *testing.T) {
	t.Parallel()
	b := startBrowser(t)
	s := serveWithAxe(t, buildSite(t, render.Options{}))
	b.each(t, 1, func(int) view { return desktop }, func(_ int, tab context.Context) {
		if err := do(tab, chromedp.Navigate(s.base+"index.html")); err != nil {
			t.Fatal(err)
		}
		plant := `document.querySelector('main').insertAdjacentHTML('beforeend', '<input type="checkbox">')`
		if err := do(tab, chromedp.Evaluate[chromedp.Void](plant)); err != nil {
			t.Fatal(err)
		}
		found, _, err := runAxe(tab, s)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(found, func(v string) bool { return strings.HasPrefix(v, "critical label:") }) {
			t.Errorf("axe-core found %q; want the unlabelled checkbox (critical label)", found)
		}
	})
}

// heading matches a heading's opening tag, and its level.
var heading = regexp.MustCompile(`<h([1-6])[\s>]`)

// TestHeadingOutline walks the headings of every page of the example, in
// English and Swedish: each page has one h1, first, and no heading goes
// more than one level below the one before it.
func TestHeadingOutline(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		out := build(t, os.DirFS("../content"), render.Options{Lang: lang})
		for name, data := range out {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			levels := heading.FindAllSubmatch(data, -1)
			if len(levels) == 0 || string(levels[0][1]) != "1" {
				t.Errorf("%s %s: the first heading is not an h1", lang, name)
				continue
			}
			h1s := 0
			for i, m := range levels {
				level := int(m[1][0] - '0')
				if level == 1 {
					h1s++
				}
				if i > 0 && level > int(levels[i-1][1][0]-'0')+1 {
					t.Errorf("%s %s: h%d follows h%s (heading %d)", lang, name, level, levels[i-1][1], i+1)
					break
				}
			}
			if h1s != 1 {
				t.Errorf("%s %s: %d h1 headings; want 1", lang, name, h1s)
			}
		}
	}
}
