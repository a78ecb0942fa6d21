package preview

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/okrsite/okrsite/build"
)

// wait bounds every wait in these tests; none asserts a duration.
const wait = 20 * time.Second

var site = map[string]string{
	"site.toml":  "title = \"Goals\"\nas_of = 2026-08-14\n",
	"teams.toml": "[[team]]\nid = \"sales\"\nname = \"Sales\"\n",
	"periods/2026-Q3/sales.toml": `[[objective]]
id = "land-norway"
title = "Land our first customers in Norway"

  [[objective.kr]]
  id = "deals"
  title = "Deals signed"
  start = 0
  target = 5
  checkins = [[2026-08-07, 2]]
`,
}

func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// events reads server-sent events from the preview.
type events struct {
	t  testing.TB
	ch chan [2]string
}

func listen(t testing.TB, ctx context.Context, base string) *events {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/_okr/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	e := &events{t: t, ch: make(chan [2]string, 16)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				var data string
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &data)
				e.ch <- [2]string{name, data}
			}
		}
	}()
	return e
}

// next waits for the next event of the given name, skipping others.
func (e *events) next(name string) string {
	e.t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case ev := <-e.ch:
			if ev[0] == name {
				return ev[1]
			}
		case <-deadline:
			e.t.Fatalf("no %q event", name)
		}
	}
}

// watcher starts watching the content folder dir, as okr serve does before
// its first build, so that a test's first edit is seen.
func watcher(t testing.TB, dir string) *build.Watcher {
	t.Helper()
	w, err := build.NewWatcher(dir)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestLiveReload edits, breaks and fixes the content while the preview
// runs, and follows what the pages are told and served.
func TestLiveReload(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, site)
	s := New(build.Options{Dir: dir})
	if err := s.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx, watcher(t, dir))
	ev := listen(t, ctx, srv.URL)
	waitFor(t, func() bool { return s.Clients() > 0 })
	page := srv.URL + "/periods/2026-Q3/objectives/land-norway.html"

	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "Land our first customers in Norway") || !strings.Contains(body, liveTag) {
		t.Fatalf("first build: %d, live script %v", code, strings.Contains(body, liveTag))
	}

	// An editor that saves by writing a new file and renaming it.
	tmp := filepath.Join(dir, "periods/2026-Q3/.sales.toml.swp")
	os.WriteFile(tmp, []byte(strings.Replace(site["periods/2026-Q3/sales.toml"], "in Norway", "in Norway and Denmark", 1)), 0o644)
	os.Rename(tmp, filepath.Join(dir, "periods/2026-Q3/sales.toml"))
	ev.next("reload")
	if _, body := get(t, page); !strings.Contains(body, "in Norway and Denmark") {
		t.Errorf("the page did not change after the edit")
	}

	// A broken file: the errors go to the pages, the old site keeps serving.
	writeSite(t, dir, map[string]string{"periods/2026-Q3/sales.toml": strings.Replace(site["periods/2026-Q3/sales.toml"], "target", "taget", 1)})
	errs := ev.next("errors")
	if !strings.Contains(errs, "sales.toml:9:3: unknown key \"taget\"") {
		t.Errorf("errors event: %q", errs)
	}
	if code, body := get(t, page); code != 200 || !strings.Contains(body, "in Norway and Denmark") {
		t.Errorf("the last good page is not served while the content is broken: %d", code)
	}

	// A page opened while the content is broken is told at once.
	late := listen(t, ctx, srv.URL)
	if got := late.next("errors"); got != errs {
		t.Errorf("a new page got %q, want the current errors", got)
	}

	// Fixed: the pages reload and the site is back.
	writeSite(t, dir, site)
	ev.next("reload")
	if _, body := get(t, page); !strings.Contains(body, "in Norway</") {
		t.Errorf("the fixed site does not serve")
	}

	// A folder made while the preview runs is watched too.
	writeSite(t, dir, map[string]string{"periods/2026-Q4/sales.toml": strings.Replace(site["periods/2026-Q3/sales.toml"], "2026-08-07", "2026-10-09", 1)})
	ev.next("reload")
	waitFor(t, func() bool {
		code, _ := get(t, srv.URL+"/periods/2026-Q4.html")
		return code == 200
	})
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("gave up waiting")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestNothingOutsideTheSite asks for paths that try to leave the site, in
// every encoding, straight over TCP so no client cleans them first.
func TestNothingOutsideTheSite(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, site)
	os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.txt"), []byte("SECRET"), 0o644)
	s := New(build.Options{Dir: dir})
	if err := s.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	for _, p := range []string{
		"/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
		"/static/../../secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "//secret.txt", "/site.toml",
		"/teams.toml", "/%00/../secret.txt", "/.okr-site", "/periods/2026-Q3/sales.toml",
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", p)
		resp, _ := io.ReadAll(conn)
		conn.Close()
		status, _, _ := strings.Cut(string(resp), "\r\n")
		if strings.Contains(string(resp), "SECRET") || strings.Contains(string(resp), "title = ") || strings.Contains(status, " 200 ") {
			t.Errorf("GET %s: %s", p, status)
		}
	}
}
