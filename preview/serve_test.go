package preview

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/okrsite/okrsite/build"
)

// TestHostGuard checks which Host headers a preview answers, for each
// kind of address it may listen on.
func TestHostGuard(t *testing.T) {
	machine, _ := os.Hostname()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "site") })
	cases := []struct {
		bind  string
		hosts map[string]bool // Host header to answered
	}{
		{"127.0.0.1", map[string]bool{
			"127.0.0.1:1313": true, "localhost:1313": true, "LOCALHOST": true, "localhost.:80": true, "[::1]:1313": true, "127.0.0.2": true,
			"evil.example": false, "evil.example:1313": false, "localhost.evil.example": false, "192.168.1.5:1313": false, "": false,
		}},
		{"::1", map[string]bool{"[::1]:1313": true, "localhost": true, "evil.example": false}},
		{"192.168.1.5", map[string]bool{"192.168.1.5:1313": true, "localhost:1313": true, "10.0.0.1": false, "evil.example": false}},
		{"goals.intranet", map[string]bool{"goals.intranet:1313": true, "GOALS.INTRANET": true, "evil.example": false}},
		{"0.0.0.0", map[string]bool{"192.168.1.5:1313": true, "[fe80::1]:1313": true, machine + ":1313": true, "evil.example": false}},
		{"::", map[string]bool{"10.0.0.1": true, "evil.example": false}},
	}
	for _, c := range cases {
		h := hostGuard(c.bind, ok)
		for host, want := range c.hosts {
			r := httptest.NewRequest("GET", "/okr.json", nil)
			r.Host = host
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if got := w.Code == 200 && w.Body.String() == "site"; got != want {
				t.Errorf("bound to %s, Host %q: answered %v (%d); want %v", c.bind, host, got, w.Code, want)
			}
			if !want && w.Code != http.StatusForbidden {
				t.Errorf("bound to %s, Host %q: status %d; want 403", c.bind, host, w.Code)
			}
		}
	}
}

// TestServeRefusesForeignHosts serves a built site on a real listener and
// asks for its data with a foreign Host header, as a page that rebound its
// own name to this machine would.
func TestServeRefusesForeignHosts(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, site)
	s := New(build.Options{Dir: dir})
	if err := s.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln, "127.0.0.1") }()
	ask := func(host string) (int, string) {
		req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/okr.json", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := ask("evil.example"); code != http.StatusForbidden || strings.Contains(body, `"sales"`) {
		t.Errorf("a foreign Host gets %d:\n%.200s", code, body)
	}
	if code, body := ask(ln.Addr().String()); code != 200 || !strings.Contains(body, `"sales"`) {
		t.Errorf("the preview's own address gets %d", code)
	}
	cancel()
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// TestListenIPv4Only checks that listening on 0.0.0.0 does not listen on
// IPv6 too.
func TestListenIPv4Only(t *testing.T) {
	ln, err := Listen("0.0.0.0", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	if c, err := net.Dial("tcp6", net.JoinHostPort("::1", port)); err == nil {
		c.Close()
		t.Errorf("0.0.0.0 also listens on IPv6")
	}
	if c, err := net.Dial("tcp4", net.JoinHostPort("127.0.0.1", port)); err != nil {
		t.Errorf("0.0.0.0 does not listen on IPv4: %v", err)
	} else {
		c.Close()
	}
	if w := Exposed("0.0.0.0", ln, "content"); !strings.Contains(w, "port "+port) || !strings.Contains(w, "built from content") {
		t.Errorf("the warning for 0.0.0.0 is %q", w)
	}
	for _, bind := range []string{"127.0.0.1", "::1", "localhost"} {
		if w := Exposed(bind, ln, "content"); w != "" {
			t.Errorf("%s gives a warning: %q", bind, w)
		}
	}
}
