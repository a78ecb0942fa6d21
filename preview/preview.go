// Package preview serves a goal site while it is being edited. It builds
// the site into memory and serves it; watches the content folder (new
// folders too, and editors that save by renaming); rebuilds after a short
// pause; and tells open pages to reload over server-sent events. A build
// that fails keeps the last good site serving, and every page shows the
// errors until they are fixed.
//
// Only the built site is served, from memory: no request can reach a file
// on disk. Only requests for the address it listens on are answered, so a
// web page cannot reach it through a name of its own (see Serve).
package preview

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/okrsite/okrsite/build"
)

// Server builds, serves and rebuilds one site.
type Server struct {
	builder *build.Builder
	// Debounce is how long the content must be quiet before a rebuild.
	Debounce time.Duration
	// Logf reports builds; nil means silence.
	Logf func(format string, args ...any)

	dir  string                // the content folder
	site atomic.Pointer[files] // the last good build

	mu      sync.Mutex
	errors  string                  // the current build errors, or ""
	clients map[chan event]struct{} // open event streams
}

// files are the files of one build, by path.
type files map[string][]byte

// event is a message to the open pages.
type event struct{ name, data string }

// New returns a server for the site that opts describe. Call Build before
// serving.
func New(opts build.Options) *Server {
	return &Server{builder: build.NewBuilder(opts), dir: opts.Dir, Debounce: 100 * time.Millisecond, clients: map[chan event]struct{}{}}
}

// memory collects a build's files. An incremental build keeps the files of
// the last build that it does not write again.
type memory struct {
	mu    sync.Mutex
	last  files
	files files
}

func (m *memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	m.files[name] = bytes.Clone(data)
	m.mu.Unlock()
	return nil
}

func (m *memory) Keep(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.last[name]
	if !ok {
		return fmt.Errorf("cannot keep %s: the last build has no such file", name)
	}
	m.files[name] = data
	return nil
}

// Build builds the site. On success the new site serves and open pages
// reload; on failure the last good site keeps serving and open pages show
// the errors. A build stopped by the end of ctx changes nothing. It
// returns the build's error.
func (s *Server) Build(ctx context.Context) error {
	start := time.Now()
	out := &memory{files: files{}}
	if last := s.site.Load(); last != nil {
		out.last = *last
	}
	res, err := s.builder.BuildContext(ctx, out)
	if err != nil && ctx.Err() != nil {
		s.logf("build stopped")
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.errors = err.Error()
		s.logf("build failed:\n%s", s.errors)
		s.broadcast(event{"errors", s.errors})
		return err
	}
	s.errors = ""
	s.site.Store(&out.files)
	s.logf("built %d files in %d ms", res.Files, time.Since(start).Milliseconds())
	s.broadcast(event{"reload", ""})
	return nil
}

func (s *Server) logf(format string, args ...any) {
	if s.Logf != nil {
		s.Logf(format, args...)
	}
}

// broadcast sends an event to every open page. The caller holds s.mu.
func (s *Server) broadcast(e event) {
	for c := range s.clients {
		select {
		case c <- e:
		default: // a slow page misses an event; the next one catches up
		}
	}
}

//go:embed live.js
var liveJS []byte

// liveTag is added to every served page, only by the preview.
const liveTag = `<script src="/_okr/live.js" defer></script>`

// ServeHTTP serves the built site, the live-reload script and the event
// stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/_okr/live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(liveJS)
		return
	case "/_okr/events":
		s.events(w, r)
		return
	}
	site := s.site.Load()
	if site == nil {
		http.Error(w, "the site has not been built yet", http.StatusServiceUnavailable)
		return
	}
	name, ok := sitePath(r.URL.Path)
	data, found := (*site)[name]
	status := http.StatusOK
	if !ok || !found {
		name, status = "404.html", http.StatusNotFound
		data = (*site)[name]
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasSuffix(name, ".html") {
		data = injectLive(data)
	}
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// sitePath turns a request path into the name of a built file: "/" is
// index.html, a folder its index.html. ok is false for a path that tries
// to leave the site.
func sitePath(p string) (name string, ok bool) {
	if strings.Contains(p, "\x00") || strings.Contains(p, `\`) {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name = strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" || strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	return name, true
}

// injectLive adds the live-reload script to a page, before </head>.
func injectLive(page []byte) []byte {
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(bytes.Clone(page), liveTag...)
	}
	out := make([]byte, 0, len(page)+len(liveTag))
	out = append(out, page[:i]...)
	out = append(out, liveTag...)
	return append(out, page[i:]...)
}

// events streams reload and error events to one open page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	c := make(chan event, 4)
	s.mu.Lock()
	s.clients[c] = struct{}{}
	current := s.errors
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	fmt.Fprint(w, "retry: 500\n\n")
	if current != "" {
		writeEvent(w, event{"errors", current})
	}
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			writeEvent(w, e)
			flusher.Flush()
		}
	}
}

// writeEvent writes one server-sent event; its data is JSON, so it is one
// line whatever it holds.
func writeEvent(w http.ResponseWriter, e event) {
	data, _ := json.Marshal(e.data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, data)
}

// Watch rebuilds the site whenever w sees its content folder change, until
// ctx ends, and then closes w. A change that comes while a build runs
// stops that build and starts another (see build.Watcher.Run). Start w
// (build.NewWatcher) before the first build, and no edit is missed.
func (s *Server) Watch(ctx context.Context, w *build.Watcher) {
	w.Run(ctx, s.Debounce, func(ctx context.Context) { s.Build(ctx) }, s.logf)
}

// Listen listens on port at the address bind. An IPv4 address listens on
// IPv4 only and an IPv6 address on IPv6 only, so that 0.0.0.0 does not
// listen on IPv6 as well; a name listens where it resolves.
func Listen(bind string, port int) (net.Listener, error) {
	network := "tcp"
	if ip := net.ParseIP(bind); ip != nil {
		network = "tcp6"
		if ip.To4() != nil {
			network = "tcp4"
		}
	}
	return net.Listen(network, net.JoinHostPort(bind, strconv.Itoa(port)))
}

// Exposed returns a warning when bind is not a loopback address, naming
// what the preview of the content folder dir on ln shows to whom; "" when
// only this machine can reach it.
func Exposed(bind string, ln net.Listener, dir string) string {
	if ip := net.ParseIP(bind); bind == "localhost" || ip != nil && ip.IsLoopback() {
		return ""
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return fmt.Sprintf("warning: -bind %s is not a loopback address: anyone who can reach this machine on port %s can read "+
		"every page of the site built from %s, and okr.json with all its numbers", bind, port, dir)
}

// Serve serves the site on ln until ctx ends. It answers only requests
// whose Host header names the address it listens on: localhost, a loopback
// address, or bind itself, with any port; when bind is 0.0.0.0 or ::, any
// IP address and this machine's name. Other requests get 403 Forbidden, so
// that a web page whose own name an attacker points at this machine (DNS
// rebinding) cannot read the site.
func (s *Server) Serve(ctx context.Context, ln net.Listener, bind string) error {
	srv := &http.Server{
		Handler:           hostGuard(bind, s),
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with ctx, so open event streams close on Ctrl-C.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// hostGuard passes on to h the requests for the hosts a preview bound to
// bind answers (see Serve), and refuses the others.
func hostGuard(bind string, h http.Handler) http.Handler {
	bind = strings.ToLower(strings.Trim(bind, "[]"))
	wildcard := bind == "" || net.ParseIP(bind) != nil && net.ParseIP(bind).IsUnspecified()
	machine, _ := os.Hostname()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
		ip := net.ParseIP(host)
		switch {
		case host == "localhost", ip != nil && ip.IsLoopback(), host == bind,
			wildcard && (ip != nil || host != "" && strings.EqualFold(host, machine)):
			h.ServeHTTP(w, r)
		default:
			http.Error(w, "okr serve answers only requests for the address it listens on (localhost, unless -bind says otherwise)", http.StatusForbidden)
		}
	})
}

// Clients returns how many pages are listening for events.
func (s *Server) Clients() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}
