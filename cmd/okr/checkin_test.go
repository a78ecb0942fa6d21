package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/okrsite/okrsite/load"
)

// writeSite writes files under dir.
func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

// checkinSite is a site with one key result to check in to.
var checkinSite = map[string]string{
	"site.toml":  "title = \"Goals\"\nas_of = 2026-08-14\n",
	"teams.toml": "[[team]]\nid = \"ops\"\nname = \"Operations\"\n",
	"periods/2026-Q3/ops.toml": "[[objective]]\nid = \"cut\"\ntitle = \"Cut the cold\"\n\n" +
		"[[objective.kr]]\nid = \"temp\"\ntitle = \"Lowest temperature\"\nstart = 0\ntarget = 10\n\n" +
		"[[objective.kr]]\nid = \"doors\"\ntitle = \"Doors fixed\"\ndone = false\n",
}

// TestConcurrentCheckins runs 20 okr checkin processes at once on one key
// result, each for its own day: all 20 check-ins land.
func TestConcurrentCheckins(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	writeSite(t, site, checkinSite)
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			out, err := exec.Command("okr", "checkin", "-dir", site, "-date", fmt.Sprintf("2026-07-%02d", i+1), "2026-Q3/cut/temp", fmt.Sprint(i)).CombinedOutput()
			if err != nil || !strings.HasPrefix(string(out), "added") {
				t.Errorf("check-in %d: %v\n%s", i, err, out)
			}
		})
	}
	wg.Wait()
	s, _, err := load.Load(os.DirFS(site), site)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.Objectives[0].KeyResults[0].Checkins); got != n {
		t.Errorf("%d check-ins landed; want %d", got, n)
	}
}

// TestNewSiteKilled kills okr new site at moments spread over its run:
// each time the folder is either not there or a whole site that loads,
// and a run after a killed one makes the site.
func TestNewSiteKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts and kills okr new 30 times; not in -short mode")
	}
	dir := t.TempDir()
	for i := range 30 {
		site := filepath.Join(dir, fmt.Sprint("site", i))
		cmd := exec.Command("okr", "new", "site", site)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(2*i) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := os.Stat(site); err == nil {
			if _, _, err := load.Load(os.DirFS(site), site); err != nil {
				t.Errorf("killed after %d ms: a partial site: %v", 2*i, err)
			}
			continue
		}
		if out, err := exec.Command("okr", "new", "site", site).CombinedOutput(); err != nil {
			t.Errorf("the run after one killed after %d ms: %v\n%s", 2*i, err, out)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("left beside the sites: %v", left)
	}
}
