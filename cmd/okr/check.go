package main

import (
	"flag"
	"fmt"
	"path"

	"github.com/okrsite/okrsite"
)

func init() {
	var asOf dateFlag
	commands = append(commands, &command{
		name:    "check",
		args:    "[-as-of DATE] [DIR]",
		summary: "check the content for errors and stale values",
		help: `
Check loads the content folder DIR (default "content"), validates it and
scores it. It prints every error as path:line:col: what is wrong, sorted by
file and line, and then warnings worth a look: key results of running
periods without a recent check-in, and KPIs without a recent value.

It exits with 0 when the content is fine (warnings or not), 1 when it has
errors, and 2 when the command line is wrong.`,
		flags: func(fs *flag.FlagSet) func() error {
			fs.Var(&asOf, "as-of", "report `date` (YYYY-MM-DD); default the site's as_of, or today")
			return nil
		},
		run: func(e *env, args []string) error { return e.check(args, asOf) },
	})
}

func (e *env) check(args []string, asOfFlag dateFlag) error {
	dir, err := dirArg(args)
	if err != nil {
		return err
	}
	site, err := e.loadSite(dir)
	if err != nil {
		return err
	}
	asOf := e.asOf(asOfFlag, site.Settings)
	card := okrsite.Evaluate(site, asOf)
	warnings := 0
	for _, ps := range card.Periods {
		for _, os := range ps.Objectives {
			for _, krs := range os.KeyResults {
				if krs.Status != okrsite.NoRecentUpdate {
					continue
				}
				kr := krs.KeyResult
				since := "the period began"
				if krs.HasUpdate {
					since = krs.LastUpdate.String()
				}
				fmt.Fprintf(e.stderr, "warning: %s: key result %s has had no check-in since %s (expected one every %d days)\n",
					path.Join(dir, "periods", ps.Period.ID, kr.Objective.Team.ID+".toml"), kr.Ref(), since, kr.Cadence)
				warnings++
			}
		}
	}
	for _, ks := range card.KPIs {
		if !ks.Stale {
			continue
		}
		k := ks.KPI
		last := "has no values"
		if len(ks.Measurements) > 0 {
			last = "has had no value since " + ks.Latest.Date.String()
		}
		fmt.Fprintf(e.stderr, "warning: %s: KPI %s %s (expected one every %d days)\n", path.Join(dir, "kpis", k.ID+".toml"), k.ID, last, k.Cadence)
		warnings++
	}
	objectives, krs := 0, 0
	for _, o := range site.Objectives {
		objectives++
		krs += len(o.KeyResults)
	}
	fmt.Fprintf(e.stdout, "%s: %d teams, %d periods, %d objectives, %d key results, %d KPIs; as of %s; %d %s\n",
		dir, len(site.Teams), len(site.Periods), objectives, krs, len(site.KPIs), asOf, warnings, plural(warnings, "warning", "warnings"))
	return nil
}
