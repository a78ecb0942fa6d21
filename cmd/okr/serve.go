package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/preview"
)

// serveFlags are the flags of "okr serve".
type serveFlags struct {
	siteFlags
	port int
	bind string
	open bool
}

const serveHelp = `
Serve builds the site in DIR (default "content") into memory and serves it
at http://127.0.0.1:1313/. It watches the content folder and its templates,
rebuilds a moment after a file changes, and reloads open pages. A change
that comes during a rebuild stops it and starts another.

When a change breaks the content, the last good site keeps serving and each
page shows the errors (path:line:col: ...) until they are fixed. Nothing is
written to disk, and only the built site is served.

It listens on localhost only (127.0.0.1), unless -bind says otherwise:
-bind 0.0.0.0 shows the preview to your network over IPv4, and -bind ::
over IPv6. It answers only requests for the address it listens on
(localhost, a loopback address or the -bind address; any IP address and
this machine's name for 0.0.0.0 and ::), so that no web page can read the
site through a name of its own. Ctrl-C stops it.`

func init() {
	var f serveFlags
	commands = append(commands, &command{
		name:    "serve",
		args:    "[flags] [DIR]",
		summary: "preview the site, rebuilding as the content changes",
		help:    serveHelp,
		flags: func(fs *flag.FlagSet) func() error {
			f.register(fs)
			f.registerSince(fs)
			fs.IntVar(&f.port, "port", 1313, "the `port` to listen on; 0 picks a free one")
			fs.StringVar(&f.bind, "bind", "127.0.0.1", "the `address` to listen on")
			fs.BoolVar(&f.open, "open", false, "open the site in a browser")
			return f.check
		},
		run: func(e *env, args []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return e.serve(ctx, args, f)
		},
	})
}

func (f *serveFlags) check() error {
	if err := f.siteFlags.check(); err != nil {
		return err
	}
	if f.port < 0 || f.port > 65535 {
		return usagef("-port %d is not a port; expected 0 to 65535", f.port)
	}
	return nil
}

// serve previews the site until ctx ends.
func (e *env) serve(ctx context.Context, args []string, f serveFlags) error {
	dir, err := dirArg(args)
	if err != nil {
		return err
	}
	s := preview.New(e.buildOptions(dir, f.siteFlags))
	s.Logf = e.logf
	ln, err := preview.Listen(f.bind, f.port)
	if err != nil {
		return err
	}
	w, err := build.NewWatcher(dir) // from before the first build, so that no edit is missed
	if err != nil {
		return err
	}
	if s.Build(ctx); ctx.Err() != nil {
		w.Close()
		return nil // Ctrl-C during the first build
	}
	if warning := preview.Exposed(f.bind, ln, dir); warning != "" {
		fmt.Fprintln(e.stderr, warning)
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(e.stdout, "serving %s at %s (Ctrl-C stops)\n", dir, url)
	go s.Watch(ctx, w)
	if f.open {
		openBrowser(url)
	}
	if err := s.Serve(ctx, ln, f.bind); err != nil {
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
