package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/okrsite/okrsite/preview"
)

func init() {
	var (
		sf   siteFlags
		port int
		bind string
		open bool
	)
	commands = append(commands, &command{
		name:    "serve",
		args:    "[flags] [DIR]",
		summary: "preview the site, rebuilding as the content changes",
		help: `
Serve builds the site in DIR (default "content") into memory and serves it
at http://127.0.0.1:1313/. It watches the content folder and its templates,
rebuilds a moment after a file changes, and reloads open pages.

When a change breaks the content, the last good site keeps serving and each
page shows the errors (path:line:col: ...) until they are fixed. Nothing is
written to disk, and only the built site is served.

It listens on localhost only, unless -bind says otherwise (-bind 0.0.0.0
shows the preview to your network). Ctrl-C stops it.`,
		flags: func(fs *flag.FlagSet) func() error {
			sf.register(fs)
			fs.IntVar(&port, "port", 1313, "the `port` to listen on; 0 picks a free one")
			fs.StringVar(&bind, "bind", "127.0.0.1", "the `address` to listen on")
			fs.BoolVar(&open, "open", false, "open the site in a browser")
			return func() error {
				if err := sf.check(); err != nil {
					return err
				}
				if port < 0 || port > 65535 {
					return usagef("-port %d is not a port; expected 0 to 65535", port)
				}
				return nil
			}
		},
		run: func(e *env, args []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return e.serve(ctx, args, sf, net.JoinHostPort(bind, strconv.Itoa(port)), open)
		},
	})
}

// serve previews the site until ctx ends.
func (e *env) serve(ctx context.Context, args []string, sf siteFlags, addr string, open bool) error {
	dir, err := dirArg(args)
	if err != nil {
		return err
	}
	s := preview.New(e.buildOptions(dir, sf))
	s.Logf = func(format string, args ...any) { fmt.Fprintf(e.stderr, format+"\n", args...) }
	s.Build()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(e.stdout, "serving %s at %s (Ctrl-C stops)\n", dir, url)
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with ctx, so open event streams close on Ctrl-C.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	go s.Watch(ctx)
	if open {
		openBrowser(url)
	}
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
	fmt.Fprintln(e.stdout, "stopped")
	return nil
}

// openBrowser asks the desktop to open url; failing is harmless.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	cmd.Start()
}
