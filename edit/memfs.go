package edit

import (
	"bytes"
	"io/fs"
	"path"
	"time"
)

// WithFile returns fsys with the content of its existing file name
// replaced by data, to check a change before it is written.
func WithFile(fsys fs.FS, name string, data []byte) fs.FS {
	return swapped{fsys, name, data}
}

// swapped is a file system with one file's content swapped.
type swapped struct {
	fs.FS
	name string
	data []byte
}

func (s swapped) Open(name string) (fs.File, error) {
	if name != s.name {
		return s.FS.Open(name)
	}
	return memFile{bytes.NewReader(s.data), memInfo{path.Base(name), int64(len(s.data))}}, nil
}

// memFile is a file held in memory.
type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f memFile) Close() error               { return nil }

// memInfo describes a file held in memory: a regular file without a
// modification time.
type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
