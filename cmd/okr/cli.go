package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // content errors, or a build that failed
	exitUsage   = 2 // the command line was wrong
)

// command is one subcommand of okr.
type command struct {
	name    string
	args    string // the synopsis after the name
	summary string // one line for "okr help"
	help    string // the rest of "okr help NAME"
	flags   func(fs *flag.FlagSet) func() error
	run     func(env *env, args []string) error
}

// env is what a command runs with: its output streams and the clock.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
}

// usageError is a mistake on the command line; it exits with code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errContent reports that errors were printed already; it exits with code 1.
var errContent = errors.New("content has errors")

var commands []*command

// run runs okr with args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, now: time.Now}
	return e.main(args)
}

func (e *env) main(args []string) int {
	if len(args) == 0 {
		printOverview(e.stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) == 0 {
			printOverview(e.stdout)
			return exitOK
		}
		c := lookup(rest[0])
		if c == nil {
			fmt.Fprintf(e.stderr, "okr help: no command %q; run \"okr help\" for the list\n", rest[0])
			return exitUsage
		}
		c.usage(e.stdout)
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(e.stderr, "okr: no command %q; run \"okr help\" for the list\n", name)
		return exitUsage
	}
	return e.exec(c, rest)
}

// exec parses a command's flags and runs it.
func (e *env) exec(c *command, args []string) int {
	fs := flag.NewFlagSet("okr "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var check func() error
	if c.flags != nil {
		check = c.flags(fs)
	}
	positional, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		c.usage(e.stdout)
		return exitOK
	}
	if err == nil && check != nil {
		err = check()
	}
	if err == nil {
		err = c.run(e, positional)
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "okr %s: %v\nrun \"okr help %s\" for usage\n", c.name, ue.msg, c.name)
		return exitUsage
	case !errors.Is(err, errContent) && isFlagError(err):
		fmt.Fprintf(e.stderr, "okr %s: %v\nrun \"okr help %s\" for usage\n", c.name, err, c.name)
		return exitUsage
	case !errors.Is(err, errContent):
		fmt.Fprintf(e.stderr, "okr %s: %v\n", c.name, err)
	}
	return exitContent
}

// parseInterspersed parses flags that may come before, between or after
// the arguments, as in "okr new team -name Care care", and returns the
// arguments. A negative number, such as the -1.7 of "okr checkin REF
// -1.7", is an argument unless it is a flag's value. After "--"
// everything is an argument.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		n := negativeAt(fs, args)
		if err := fs.Parse(args[:n]); err != nil {
			return nil, err
		}
		rest := slices.Concat(fs.Args(), args[n:])
		if len(rest) == 0 {
			return positional, nil
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// negativeAt returns the index of the first of args that is a negative
// number and not a flag's value, or len(args): flags are parsed up to it.
func negativeAt(fs *flag.FlagSet, args []string) int {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return len(args)
		case len(a) > 1 && a[0] == '-' && ('0' <= a[1] && a[1] <= '9' || a[1] == '.'):
			return i
		case strings.HasPrefix(a, "-") && !strings.Contains(a, "="):
			if f := fs.Lookup(strings.TrimLeft(a, "-")); f != nil && !isBoolFlag(f) {
				i++ // the flag's value follows
			}
		}
	}
	return len(args)
}

// isBoolFlag reports whether f takes no value, as -v.
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// isFlagError reports whether err came from parsing flags.
func isFlagError(err error) bool {
	s := err.Error()
	return strings.HasPrefix(s, "flag provided but not defined") || strings.HasPrefix(s, "invalid value") ||
		strings.HasPrefix(s, "invalid boolean") || strings.HasPrefix(s, "flag needs an argument") || strings.HasPrefix(s, "bad flag syntax")
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func printOverview(w io.Writer) {
	fmt.Fprint(w, `okr turns OKR and KPI data, kept as TOML and Markdown files, into a charted
static site, printable reports and PDFs.

Usage:

	okr <command> [arguments]

Commands:

`)
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "okr help <command>" or "okr <command> -h" for a command's details.
The content format is described in docs/format.md.
`)
}

// usage prints the command's full help.
func (c *command) usage(w io.Writer) {
	fmt.Fprintf(w, "usage: okr %s %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.help))
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	if c.flags == nil {
		return
	}
	c.flags(fs)
	fmt.Fprintln(w, "\nFlags:")
	printFlags(w, fs)
}

// helpWidth is the width help text fits in: a terminal's 80 columns, less
// one.
const helpWidth = 79

// printFlags prints the flags of fs as flag.PrintDefaults does, but with
// each description wrapped to fit helpWidth columns (a tab is 8).
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintln(w, strings.TrimRight("  -"+f.Name+" "+name, " "))
		switch def := f.DefValue; {
		case def == "" || def == "0" || def == "false":
		case isString(f):
			usage += fmt.Sprintf(" (default %q)", def)
		default:
			usage += fmt.Sprintf(" (default %s)", def)
		}
		for _, line := range wrap(usage, helpWidth-8) {
			fmt.Fprintf(w, "    \t%s\n", line)
		}
	})
}

// isString reports whether f holds a string, whose default is quoted.
func isString(f *flag.Flag) bool {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	_, ok = g.Get().(string)
	return ok
}

// wrap breaks text into lines of at most width characters, between words.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

// dirArg returns the content folder named by args: the only argument, or
// "content".
func dirArg(args []string) (string, error) {
	switch len(args) {
	case 0:
		return "content", nil
	case 1:
		return args[0], nil
	}
	return "", usagef("too many arguments: %s; expected at most one content folder", strings.Join(args[1:], " "))
}

// dateFlag is a flag holding an optional date.
type dateFlag struct {
	date okrsite.Date
	set  bool
}

func (d *dateFlag) String() string {
	if !d.set {
		return ""
	}
	return d.date.String()
}

func (d *dateFlag) Set(s string) error {
	v, err := okrsite.ParseDate(s)
	if err != nil {
		return err
	}
	d.date, d.set = v, true
	return nil
}

// shownWarnings is how many warnings build, pdf and watch print before
// they sum up the rest; okr check prints them all.
const shownWarnings = 10

// report prints a load's warnings and errors, and turns content errors into
// errContent. It prints at most limit warnings, and one line that counts
// the rest, unless limit is 0: then it prints them all. Errors are always
// printed in full.
func (e *env) report(dir string, warnings load.ErrorList, err error, limit int) error {
	shown := warnings
	if limit > 0 && len(warnings) > limit {
		shown = warnings[:limit]
	}
	for _, w := range shown {
		fmt.Fprintf(e.stderr, "warning: %v\n", w)
	}
	if rest := len(warnings) - len(shown); rest > 0 {
		fmt.Fprintf(e.stderr, "... and %d more %s; okr check lists them all\n", rest, plural(rest, "warning", "warnings"))
	}
	var list load.ErrorList
	if errors.As(err, &list) {
		fmt.Fprintln(e.stderr, list.Error())
		fmt.Fprintf(e.stderr, "%d %s in %s\n", len(list), plural(len(list), "error", "errors"), dir)
		return errContent
	}
	return err
}

// printContent prints an error that holds content errors (a
// load.ErrorList) and turns it into errContent; it returns other errors as
// they are.
func (e *env) printContent(err error) error {
	var list load.ErrorList
	if errors.As(err, &list) {
		fmt.Fprintln(e.stderr, err)
		return errContent
	}
	return err
}

// logf prints a line to the error stream.
func (e *env) logf(format string, args ...any) { fmt.Fprintf(e.stderr, format+"\n", args...) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
