package main

import (
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/edit"
)

// checkinHelp is the help of "okr checkin".
const checkinHelp = `
Checkin adds a value to the content without hand-editing TOML. REF names a
key result as PERIOD/OBJECTIVE/KR (or OBJECTIVE/KR, in the period that
contains the date), or a KPI by its id.

	okr checkin 2026-Q3/faster-deploys/lead-time 42 -confidence 0.7 -note "Cache in place"
	okr checkin engagement 71.5 -date 2026-10-31

The value goes into the right file in date order; a KPI whose measurements
come from a CSV file gets a row there. Nothing else in the file changes:
comments, order and formatting stay as they were. The site is checked with
the change before anything is written, and the file is replaced in one
step, so it is never half-written.

A value for a date that already has one replaces it: running the same
command twice leaves the file as the first run wrote it. Check-ins and
measurements must fall within their period; a bad value, an unknown
reference or a date outside the period is an error, and the file is left
as it was.`

func init() {
	var (
		dir  string
		date dateFlag
		c    = okrsite.Checkin{Confidence: okrsite.NoConfidence}
	)
	commands = append(commands, &command{
		name:    "checkin",
		args:    "[flags] REF VALUE",
		summary: "record a key result's check-in or a KPI's measurement",
		help:    checkinHelp,
		flags: func(fs *flag.FlagSet) func() error {
			fs.StringVar(&dir, "dir", "content", "the content `folder`")
			fs.Var(&date, "date", "the `date` of the value (YYYY-MM-DD); default today")
			fs.Float64Var(&c.Confidence, "confidence", okrsite.NoConfidence, "the owner's confidence of reaching the target, from 0 to 1 (key results only)")
			fs.StringVar(&c.Note, "note", "", "a short `note` (key results only)")
			return func() error {
				if c.Confidence != okrsite.NoConfidence && (c.Confidence < 0 || c.Confidence > 1) {
					return usagef("-confidence %v is out of range; expected 0 to 1", c.Confidence)
				}
				return nil
			}
		},
		run: func(e *env, args []string) error { return e.checkin(args, dir, date, c) },
	})
}

func (e *env) checkin(args []string, dir string, date dateFlag, c okrsite.Checkin) error {
	if len(args) != 2 {
		return usagef("expected REF VALUE, such as 2026-Q3/grow/revenue 12.5")
	}
	ref := args[0]
	value, err := strconv.ParseFloat(strings.Replace(args[1], ",", ".", 1), 64)
	if err != nil || math.IsNaN(value) || math.IsInf(value, 0) {
		return usagef("value %q is not a number; expected one such as 12.5", args[1])
	}
	if !strings.Contains(ref, "/") && (c.Confidence != okrsite.NoConfidence || c.Note != "") {
		return usagef("a KPI's measurement has no -confidence or -note")
	}
	c.Date, c.Value = okrsite.DateOf(e.now()), value
	if date.set {
		c.Date = date.date
	}
	root, err := build.OpenDir(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	ch, err := edit.Record(root, ref, c)
	if err != nil {
		return e.printContent(err)
	}
	verb := "added"
	if ch.Replaced {
		verb = "replaced"
	}
	fmt.Fprintf(e.stdout, "%s %s's value for %s (%s) in %s\n", verb, ref, c.Date, args[1], filepath.Join(dir, filepath.FromSlash(ch.Path)))
	return nil
}
