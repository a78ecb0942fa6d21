package build

import (
	"context"
	"fmt"
	"path"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/load"
	"github.com/okrsite/okrsite/locale"
	"github.com/okrsite/okrsite/render"
)

// Check loads and scores the site that opts describe and renders its
// notes, as a build does, and writes nothing: content that a build would
// refuse is an error here too, as a load.ErrorList. The Result's Warnings
// add key results of running periods without a recent check-in and KPIs
// without a recent value.
func Check(ctx context.Context, opts Options) (*Result, error) {
	res := &Result{}
	root, site, err := Once(opts).load(ctx, res)
	if err != nil {
		return res, err
	}
	root.Close()
	if err := render.CheckNotes(ctx, site); err != nil {
		return res, contentErrors(err)
	}
	res.Card = okrsite.Evaluate(site, opts.AsOfFor(site.Settings))
	res.Warnings = append(res.Warnings, staleWarnings(res.Card, opts.Dir)...)
	return res, nil
}

// staleWarnings lists the key results of running periods without a
// recent check-in and the KPIs without a recent value, at the files that
// hold them in the content folder dir.
func staleWarnings(card *okrsite.Scorecard, dir string) load.ErrorList {
	var out load.ErrorList
	for _, ps := range card.Periods {
		for _, os := range ps.Objectives {
			for _, krs := range os.KeyResults {
				if krs.Status != okrsite.NoRecentUpdate {
					continue
				}
				kr := krs.KeyResult
				since := "the period began"
				if krs.HasUpdate {
					since = locale.MessageDate(card.Site.Settings, krs.LastUpdate)
				}
				out = append(out, &load.Error{Path: path.Join(dir, "periods", ps.Period.ID, kr.Objective.Team.ID+".toml"),
					Msg: fmt.Sprintf("key result %s has had no check-in since %s (expected one every %d days)", kr.Ref(), since, kr.Cadence)})
			}
		}
	}
	for _, ks := range card.KPIs {
		if !ks.Stale {
			continue
		}
		last := "has no values"
		if len(ks.Measurements) > 0 {
			last = "has had no value since " + locale.MessageDate(card.Site.Settings, ks.Latest.Date)
		}
		out = append(out, &load.Error{Path: path.Join(dir, "kpis", ks.KPI.ID+".toml"),
			Msg: fmt.Sprintf("KPI %s %s (expected one every %d days)", ks.KPI.ID, last, ks.KPI.Cadence)})
	}
	return out
}
