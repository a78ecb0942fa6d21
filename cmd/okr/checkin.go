package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/edit"
	"github.com/okrsite/okrsite/locale"
)

// checkinHelp is the help of "okr checkin".
const checkinHelp = `
Checkin adds a value to the content without hand-editing TOML. REF names a
key result as PERIOD/OBJECTIVE/KR (or OBJECTIVE/KR, in the period that
contains the date), or a KPI by its id.

	okr checkin 2026-Q4/peak-ready/availability 99.9 -confidence 0.7
	okr checkin peak-ready/availability 99.95 -note "New load balancer"
	okr checkin engagement 71.5 -date 2026-10-31

The value goes into the right file in date order; a KPI whose measurements
come from a CSV file gets a row there. Nothing else in the file changes:
comments, order and formatting stay as they were. The site is checked with
the change before anything is written, and the file is replaced in one
step, so it is never half-written.

VALUE is a number, written with a decimal point or comma (12.5, 12,5),
negative too (-1.7, -1,7), with spaces or commas between thousands
(1 234 567, 1,234,567). One comma before three digits (1,000) may mean a
thousand or one, so it is refused: write 1000 or 1.0.

A value for a date that already has one replaces it: running the same
command twice leaves the file as the first run wrote it. Check-ins and
measurements must fall within their period; a bad value, an unknown
reference or a date outside the period is an error, and the file is left
as it was.`

// checkinFlags are the flags of "okr checkin".
type checkinFlags struct {
	dir        string
	date       dateFlag
	confidence numberFlag
	note       string
}

func init() {
	var cf checkinFlags
	commands = append(commands, &command{
		name:    "checkin",
		args:    "[flags] REF VALUE",
		summary: "record a key result's check-in or a KPI's measurement",
		help:    checkinHelp,
		flags: func(fs *flag.FlagSet) func() error {
			cf = checkinFlags{}
			fs.StringVar(&cf.dir, "dir", "content", "the content `folder`")
			fs.Var(&cf.date, "date", "the `date` of the value (YYYY-MM-DD); default today")
			fs.Var(&cf.confidence, "confidence", "the owner's confidence of reaching the target, a `number` from 0 to 1 (key results only)")
			fs.StringVar(&cf.note, "note", "", "a short `note` (key results only)")
			return func() error {
				if c := cf.confidence; c.set && (c.v < 0 || c.v > 1) {
					return usagef("-confidence %v is out of range; expected 0 to 1", c.v)
				}
				return nil
			}
		},
		run: func(e *env, args []string) error { return e.checkin(args, cf) },
	})
}

func (e *env) checkin(args []string, cf checkinFlags) error {
	if len(args) != 2 {
		return usagef("expected REF VALUE, such as 2026-Q3/grow/revenue 12.5")
	}
	ref := args[0]
	c := okrsite.Checkin{Date: okrsite.DateOf(e.now()), Confidence: okrsite.NoConfidence, Note: cf.note}
	var err error
	if c.Value, err = edit.ParseNumber(args[1]); err != nil {
		return usagef("value %q %v", args[1], err)
	}
	if cf.date.set {
		c.Date = cf.date.date
	}
	if cf.confidence.set {
		c.Confidence = cf.confidence.v
	}
	if !strings.Contains(ref, "/") && (cf.confidence.set || c.Note != "") {
		return usagef("a KPI's measurement has no -confidence or -note")
	}
	root, err := build.OpenDir(cf.dir)
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
	fmt.Fprintf(e.stdout, "%s %s's value for %s (%s) in %s\n", verb, ref, locale.MessageDate(ch.Settings, c.Date),
		showValue(ch.Settings, c.Value, ch.Unit), filepath.Join(cf.dir, filepath.FromSlash(ch.Path)))
	return nil
}

// numberFlag is a flag holding an optional number, read as
// edit.ParseNumber reads it.
type numberFlag struct {
	v   float64
	set bool
}

func (n *numberFlag) String() string {
	if !n.set {
		return ""
	}
	return strconv.FormatFloat(n.v, 'g', -1, 64)
}

func (n *numberFlag) Set(s string) error {
	v, err := edit.ParseNumber(s)
	n.v, n.set = v, err == nil
	return err
}
