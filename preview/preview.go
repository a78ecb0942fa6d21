// Package preview serves a goal site while it is being edited. It builds
// the site into memory and serves it; watches the content folder (new
// folders too, and editors that save by renaming); rebuilds after a short
// pause; and tells open pages to reload over server-sent events. A build
// that fails keeps the last good site serving, and every page shows the
// errors until they are fixed.
//
// Only the built site is served, from memory: no request can reach a file
// on disk.
package preview

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"path"
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
// the errors. It returns the build's error.
func (s *Server) Build() error {
	start := time.Now()
	out := &memory{files: files{}}
	if last := s.site.Load(); last != nil {
		out.last = *last
	}
	res, err := s.builder.Build(out)
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

// Clients returns how many pages are listening for events.
func (s *Server) Clients() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}
