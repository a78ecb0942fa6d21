package build

import (
	"context"
	"errors"

	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/publish"
)

// Publish builds the site into the folder dest (see package publish): the
// whole site into a new folder that replaces dest once it is complete,
// or, after a Publish by b into dest that succeeded, only what changed
// since, moved into dest once it is complete. add, when not nil, adds
// files to the site before it goes in place (the PDFs of its print
// editions) and returns how many.
//
// An error before that leaves dest as it was, and says so; content errors
// come back as a load.ErrorList, as from Build, and a stopped build as
// ctx's error. Publish's own errors say what became of dest.
func (b *Builder) Publish(ctx context.Context, dest string, add func(*Result, *publish.Dir) (int, error)) (*Result, error) {
	open := publish.Open
	if b.reads != nil && b.reads.Built() && b.published == dest {
		open = publish.Update
	} else if b.reads != nil {
		b.reads.Reset() // dest does not hold the last build: build it whole
	}
	out, err := open(dest, b.opts.Dir)
	if err != nil {
		return &Result{}, err
	}
	res, err := b.BuildContext(ctx, out)
	if err == nil && add != nil {
		var n int
		n, err = add(res, out)
		res.Files += n
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = out.Commit()
		if err == nil {
			b.published = dest
		}
		return res, err
	}
	out.Abort()
	var list load.ErrorList
	if errors.As(err, &list) {
		return res, err
	}
	return res, &UnchangedError{Err: err, Dest: dest}
}

// UnchangedError is a build that failed or stopped before it changed its
// destination.
type UnchangedError struct {
	Err  error
	Dest string
}

func (e *UnchangedError) Error() string {
	if errors.Is(e.Err, context.Canceled) {
		return "interrupted; " + e.Dest + " is as it was"
	}
	return e.Err.Error() + "; " + e.Dest + " is as it was"
}

func (e *UnchangedError) Unwrap() error { return e.Err }
