package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// smallSite is a site of one team, one objective and n KPIs.
func smallSite(t *testing.T, dir string, kpis int) {
	t.Helper()
	files := map[string]string{
		"site.toml":  "title = \"Goals\"\nas_of = 2026-08-14\n",
		"teams.toml": "[[team]]\nid = \"sales\"\nname = \"Sales\"\n",
		"periods/2026-Q3/sales.toml": "[[objective]]\nid = \"land\"\ntitle = \"Land\"\n\n  [[objective.kr]]\n  id = \"deals\"\n" +
			"  title = \"Deals\"\n  start = 0\n  target = 5\n  checkins = [[2026-07-10, 1]]\n",
	}
	for i := range kpis {
		files[fmt.Sprintf("kpis/k%d.toml", i)] = fmt.Sprintf("name = \"K%d\"\nhealthy = 40\nwarning = 20\nmeasurements = [[2026-06-30, 35]]\n", i)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestInterruptedBuild sends SIGINT to okr build at several moments of a
// build that takes many seconds (its KPIs' commentary is long), and checks
// each time that it stops promptly, says so, and leaves the previous site
// whole with nothing beside it. The time it takes to stop is logged
// against the 2 s that SECURITY.md promises; the test asserts only that
// it is under half of what the same build takes when nothing stops it,
// measured alongside, since a busy machine slows both alike.
func TestInterruptedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: builds a site with 40 MB of KPI commentary, whole and interrupted; not in -short mode")
	}
	bin := okrBinary(t)
	dir := t.TempDir()
	content, dest := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	const kpis = 200
	smallSite(t, content, kpis)
	if out, err := exec.Command(bin, "build", "-dest", dest, content).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	old := tree(t, dest)
	note := strings.Repeat("- a point worth making, at some length\n", 200<<10/40)
	for i := range kpis {
		os.WriteFile(filepath.Join(content, "kpis", fmt.Sprintf("k%d.md", i)), []byte(note), 0o644)
	}
	start := time.Now()
	if out, err := exec.Command(bin, "build", "-dest", filepath.Join(dir, "whole"), content).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	whole := time.Since(start)
	t.Logf("the build takes %v when nothing stops it", whole.Round(time.Millisecond))
	for _, delay := range []time.Duration{0, 300 * time.Millisecond, time.Second} {
		var stderr bytes.Buffer
		cmd := exec.Command(bin, "build", "-dest", dest, content)
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until the build has begun: its folder beside the site.
		for start := time.Now(); ; time.Sleep(10 * time.Millisecond) {
			if m, _ := filepath.Glob(filepath.Join(dir, ".public.build-*")); len(m) > 0 {
				break
			}
			if time.Since(start) > time.Minute {
				t.Fatal("the build did not begin")
			}
		}
		time.Sleep(delay)
		cmd.Process.Signal(os.Interrupt)
		signalled := time.Now()
		err := cmd.Wait()
		took := time.Since(signalled)
		if err == nil {
			t.Fatalf("after %v the build finished before the signal; the site is not slow enough for this machine", delay)
		}
		t.Logf("signalled after %v, stopped in %v (2 s promised)", delay, took.Round(time.Millisecond))
		if took > whole/2 {
			t.Errorf("after %v: the build took %v to stop, over half of a whole build (%v)", delay, took.Round(time.Millisecond), whole.Round(time.Millisecond))
		}
		if !strings.Contains(stderr.String(), "interrupted; "+dest+" is as it was") {
			t.Errorf("after %v: the build says %q; want that it was interrupted", delay, stderr.String())
		}
		if !sameTree(tree(t, dest), old) {
			t.Errorf("after %v: the previous site changed", delay)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".public.build-*")); len(left) > 0 {
			t.Errorf("after %v: the build left %v", delay, left)
		}
	}
}

// TestServeChecksHost starts okr serve and asks it for the site's data as
// a page on another name would (DNS rebinding), and as a browser on this
// machine does.
func TestServeChecksHost(t *testing.T) {
	bin := okrBinary(t)
	content := filepath.Join(t.TempDir(), "content")
	smallSite(t, content, 1)
	for _, c := range []struct{ bind, warning string }{
		{"127.0.0.1", ""},
		{"0.0.0.0", "warning: -bind 0.0.0.0 is not a loopback address: anyone who can reach this machine on port "},
	} {
		cmd := exec.Command(bin, "serve", "-port", "0", "-bind", c.bind, content)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewReader(stdout)
		first, _ := lines.ReadString('\n')
		m := regexp.MustCompile(`at http://([0-9.]+):(\d+)/`).FindStringSubmatch(first)
		if m == nil {
			cmd.Process.Kill()
			t.Fatalf("okr serve says %q", first)
		}
		port := m[2]
		ask := func(host string) (int, string) {
			req, _ := http.NewRequest("GET", "http://127.0.0.1:"+port+"/okr.json", nil)
			req.Host = host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}
		if code, body := ask("evil.example:" + port); code != http.StatusForbidden || strings.Contains(body, "Goals") {
			t.Errorf("bound to %s, a foreign Host gets %d: %.100s", c.bind, code, body)
		}
		if code, body := ask("localhost:" + port); code != http.StatusOK || !strings.Contains(body, "Goals") {
			t.Errorf("bound to %s, localhost gets %d: %.100s", c.bind, code, body)
		}
		cmd.Process.Signal(os.Interrupt)
		rest, _ := io.ReadAll(lines)
		if err := cmd.Wait(); err != nil || !strings.Contains(string(rest), "stopped") {
			t.Errorf("bound to %s, Ctrl-C gives %v: %s%s", c.bind, err, rest, stderr.String())
		}
		if !strings.Contains(stderr.String(), c.warning) || c.warning == "" && strings.Contains(stderr.String(), "warning") {
			t.Errorf("bound to %s, okr serve warns %q; want %q", c.bind, stderr.String(), c.warning)
		}
	}
}
