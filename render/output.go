package render

import (
	"bytes"
	"io"
)

// Streamer is a Writer that also takes a file as it is written, so that a
// page of megabytes (a large site's print edition) need not be held in
// memory whole. Close puts the file in place. A file left unclosed, as when
// rendering it fails, is not part of the site: the build fails, and the
// Writer's owner drops it.
type Streamer interface {
	Writer
	Create(name string) (io.WriteCloser, error)
}

// Create starts the file name in w: streamed when w is a Streamer, and
// otherwise held and handed to w whole at Close. A Writer that wraps
// another passes Create on through it.
func Create(w Writer, name string) (io.WriteCloser, error) {
	if s, ok := w.(Streamer); ok {
		return s.Create(name)
	}
	return &whole{w: w, name: name}, nil
}

// whole holds a file for a Writer that takes files whole.
type whole struct {
	bytes.Buffer
	w    Writer
	name string
}

func (f *whole) Close() error { return f.w.WriteFile(f.name, f.Bytes()) }

// spillAt is how much of a file a job holds in memory: a larger file goes
// to the Writer in pieces of about this size as it is rendered.
const spillAt = 1 << 20

// output is where a job writes its file: into buf, and once that holds
// spillAt, into a file created in w.
type output struct {
	buf  *bytes.Buffer
	w    Writer
	path string
	file io.WriteCloser // the file being streamed, once buf spilled
	err  error          // the first error writing to file
	// reads collects what the page read, when the build records it.
	reads *reader
}

func (o *output) Write(p []byte) (int, error) {
	if o.err == nil {
		o.buf.Write(p)
		o.spill()
	}
	return len(p), o.err
}

func (o *output) WriteString(s string) (int, error) {
	if o.err == nil {
		o.buf.WriteString(s)
		o.spill()
	}
	return len(s), o.err
}

// spill moves buf into the file once it holds spillAt.
func (o *output) spill() {
	if o.buf.Len() < spillAt {
		return
	}
	if o.file == nil {
		if o.file, o.err = Create(o.w, o.path); o.err != nil {
			return
		}
	}
	_, o.err = o.file.Write(o.buf.Bytes())
	o.buf.Reset()
}

// finish hands the file to w: whole, or the rest of it.
func (o *output) finish() error {
	if o.err != nil {
		return o.err
	}
	if o.file == nil {
		return o.w.WriteFile(o.path, o.buf.Bytes())
	}
	if _, err := o.file.Write(o.buf.Bytes()); err != nil {
		return err
	}
	return o.file.Close()
}
