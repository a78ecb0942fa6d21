package chrome

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// fakeProgram writes an executable file called name into dir.
func fakeProgram(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFind(t *testing.T) {
	bin := t.TempDir()
	chromiumBrowser := fakeProgram(t, bin, "chromium-browser")
	fakeProgram(t, bin, "google-chrome")
	other := t.TempDir()
	named := fakeProgram(t, other, "my-chromium")
	last := fakeProgram(t, other, "last-chromium")
	empty := t.TempDir()
	shells := t.TempDir()
	fakeProgram(t, shells, "chromium")
	shell := fakeProgram(t, shells, "chrome-headless-shell")

	tests := []struct {
		name     string
		flag     string
		env      string
		path     string // PATH
		fallback string
		want     string
		wantErr  string
	}{
		{name: "flag wins", flag: named, env: "/nowhere/chromium", path: bin, want: named},
		{name: "flag not a program", flag: "/nowhere/chromium", path: bin, wantErr: "-chromium names /nowhere/chromium"},
		{name: "env before PATH", env: named, path: bin, want: named},
		{name: "env not a program", env: "/nowhere/chromium", path: bin, wantErr: "OKR_CHROMIUM names /nowhere/chromium"},
		{name: "PATH in order", path: bin, fallback: last, want: chromiumBrowser},
		{name: "headless shell first", path: shells, fallback: last, want: shell},
		{name: "fallback", path: empty, fallback: last, want: last},
		{name: "none", path: empty, fallback: "/nowhere/chromium", wantErr: ErrNotFound.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvVar, tt.env)
			t.Setenv("PATH", tt.path)
			saved := fallback
			fallback = tt.fallback
			t.Cleanup(func() { fallback = saved })

			got, err := Find(tt.flag)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Find(%q) = %q, %v; want error with %q", tt.flag, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Find(%q) = %q, %v; want %q", tt.flag, got, err, tt.want)
			}
		})
	}
}

func TestFindNotFoundMessage(t *testing.T) {
	t.Setenv(EnvVar, "")
	t.Setenv("PATH", t.TempDir())
	saved := fallback
	fallback = "/nowhere/chromium"
	t.Cleanup(func() { fallback = saved })

	_, err := Find("")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Find() error = %v; want ErrNotFound", err)
	}
	const want = "no Chromium found; install it (Debian/Ubuntu: apt-get install chromium), or name it with -chromium PATH or OKR_CHROMIUM"
	if err.Error() != want {
		t.Errorf("error = %q; want %q", err, want)
	}
}

// TestNew starts Chromium, runs a script in it, and checks that stopping it
// removes its temporary profile.
func TestNew(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts Chromium; not in -short mode")
	}
	path, err := Find("")
	if errors.Is(err, ErrNotFound) && os.Getenv("CI") == "" {
		t.Skipf("skipping: %v (with CI set, this is a failure)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	// A generous bound, for a busy machine: it only catches a hang.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tab, stop, err := New(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(tab, chromedp.Navigate("data:text/html,<title>okr</title><p>hello"))
	var title string
	if err == nil {
		title, err = chromedp.Run(tab, chromedp.Evaluate[string](`document.title + " " + document.querySelector("p").textContent`))
	}
	stop()
	if err != nil {
		t.Fatal(err)
	}
	if title != "okr hello" {
		t.Errorf("page says %q; want %q", title, "okr hello")
	}

	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left behind in the temporary folder: %s", e.Name())
	}
}
