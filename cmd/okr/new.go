package main

import (
	"flag"
	"fmt"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/build"
	"github.com/okrsite/okrsite/edit"
)

// newFlags are the flags of "okr new".
type newFlags struct {
	dir, name, lead, parent, team, title string
}

func init() {
	var nf newFlags
	commands = append(commands, &command{
		name:    "new",
		args:    "site DIR | team ID | period PERIOD TEAM | kpi ID",
		summary: "start a site, or add a team, a team's period or a KPI",
		help: `
New writes files that teach the content format by example, with comments.

	okr new site DIR            a small working site: settings, two
	                            teams, the current quarter's objectives,
	                            a KPI and commentary
	okr new team ID             a team in teams.toml (-name, -lead,
	                            -parent)
	okr new period PERIOD TEAM  periods/PERIOD/TEAM.toml: the team's
	                            objectives for a period, such as 2026-Q4
	okr new kpi ID              kpis/ID.toml (-name, -team)

The files check clean as written; replace the placeholder names and numbers
with your own. New never overwrites: it refuses a file or team that exists.`,
		flags: func(fs *flag.FlagSet) func() error {
			fs.StringVar(&nf.dir, "dir", "content", "the content `folder`, for new team, period and kpi")
			fs.StringVar(&nf.name, "name", "", "the new team's or KPI's `name`")
			fs.StringVar(&nf.lead, "lead", "", "the new team's `lead`")
			fs.StringVar(&nf.parent, "parent", "", "the new team's parent `team`")
			fs.StringVar(&nf.team, "team", "", "the new KPI's owning `team`")
			fs.StringVar(&nf.title, "title", "Our goals", "the new site's `title`")
			return nil
		},
		run: func(e *env, args []string) error { return e.newFiles(args, nf) },
	})
}

func (e *env) newFiles(args []string, nf newFlags) error {
	if err := checkNewArgs(args); err != nil {
		return err
	}
	today := okrsite.DateOf(e.now())
	if args[0] == "site" {
		if err := edit.NewSite(args[1], nf.title, today); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "made a site in %s; check it with: okr check %[1]s; build it with: okr build %[1]s\n", args[1])
		return nil
	}
	root, err := build.OpenDir(nf.dir)
	if err != nil {
		return err
	}
	defer root.Close()
	var wrote string
	switch args[0] {
	case "team":
		wrote, err = edit.NewTeam(root, edit.Team{ID: args[1], Name: nf.name, Lead: nf.lead, Parent: nf.parent})
	case "period":
		wrote, err = edit.NewPeriod(root, args[1], args[2], today)
	case "kpi":
		wrote, err = edit.NewKPI(root, args[1], nf.name, nf.team, today)
	}
	if err != nil {
		return e.printContent(err)
	}
	if args[0] == "team" {
		fmt.Fprintf(e.stdout, "added team %s to %s\n", args[1], wrote)
	} else {
		fmt.Fprintf(e.stdout, "wrote %s\n", wrote)
	}
	return nil
}

// checkNewArgs checks that args name a kind of thing and its arguments.
func checkNewArgs(args []string) error {
	if len(args) == 0 {
		return usagef("expected what to make: site, team, period or kpi")
	}
	kind, rest := args[0], args[1:]
	want := map[string]int{"site": 1, "team": 1, "period": 2, "kpi": 1}
	n, ok := want[kind]
	if !ok {
		return usagef("cannot make %q; expected site, team, period or kpi", kind)
	}
	if len(rest) != n {
		return usagef("okr new %s takes %d argument(s); got %d", kind, n, len(rest))
	}
	return nil
}
