package preview

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/okrsite/okrsite/build"
)

// openFiles counts this process's open file descriptors.
func openFiles(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("cannot count open files here:", err)
	}
	return len(entries)
}

// TestUnderLoad sends a few thousand requests from a bounded number of
// clients while the content changes under the server: every request is
// answered, none with a server error, and afterwards no goroutine or file
// is left open.
func TestUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test; not in -short mode")
	}
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	goroutines, files := runtime.NumGoroutine(), openFiles(t)

	s := New(build.Options{Dir: dir})
	if err := s.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	ctx, cancel := context.WithCancel(context.Background())
	watching := make(chan struct{})
	w := watcher(t, dir)
	go func() { s.Watch(ctx, w); close(watching) }()

	// Edit a team's file again and again while the requests run.
	team := filepath.Join(dir, "periods/2026-Q4/operations.toml")
	src, _ := os.ReadFile(team)
	versions := []string{string(src), strings.Replace(string(src), "[2026-10-30, 352,", "[2026-10-30, 340,", 1)}
	editing := make(chan struct{})
	var edits atomic.Int64
	go func() {
		defer close(editing)
		for i := 0; ctx.Err() == nil; i++ {
			os.WriteFile(team, []byte(versions[i%2]), 0o644)
			edits.Add(1)
			time.Sleep(40 * time.Millisecond)
		}
	}()

	paths := []string{
		"/", "/index.html", "/periods/2026-Q4.html", "/periods/2026-Q4/objectives/cost-to-serve.html",
		"/kpis/engagement.html", "/static/okr.css", "/static/echarts/echarts.min.js", "/okr.json",
		"/nowhere.html", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/_okr/live.js",
	}
	const clients, perClient = 8, 400
	var failures atomic.Int64
	var mu sync.Mutex
	var first []string
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	for c := range clients {
		wg.Go(func() {
			for i := range perClient {
				p := paths[(c+i)%len(paths)]
				resp, err := client.Get(srv.URL + p)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				bad := err != nil || resp.StatusCode >= 500 || strings.Contains(p, "..") && resp.StatusCode == 200
				if bad {
					failures.Add(1)
					mu.Lock()
					if len(first) < 5 {
						first = append(first, fmt.Sprintf("%s: %v %v", p, err, resp))
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	cancel()
	<-editing
	<-watching
	client.CloseIdleConnections()
	srv.Close()
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d requests failed, first: %v", n, clients*perClient, first)
	}
	t.Logf("%d requests while the content changed %d times", clients*perClient, edits.Load())

	// Give finished goroutines and closed connections a moment to go.
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && (runtime.NumGoroutine() > goroutines+2 || openFiles(t) > files+2) {
		time.Sleep(50 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > goroutines+2 {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left, %d before:\n%s", g, goroutines, buf[:runtime.Stack(buf, true)])
	}
	if f := openFiles(t); f > files+2 {
		t.Errorf("%d files open, %d before", f, files)
	}
}
