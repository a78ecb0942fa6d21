package render

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/locale"
)

// lang is one interface language with the formats of one locale: its
// message catalogue, and how it writes numbers, money and dates.
type lang struct {
	code string
	msgs map[string]string
	f    *locale.Format
	attr template.HTMLAttr // data-locale with f.Script(): how okr.js writes numbers and dates
}

// Languages lists the interface languages a site can choose.
var Languages = locale.Languages

// langs holds each language with the formats it had before locales, for a
// site without a locale.
var langs = map[string]*lang{
	"en": {code: "en", msgs: english},
	"sv": {code: "sv", msgs: swedish},
}

// localised holds each language with each locale's formats, by language
// and locale: "en sv-SE".
var localised = map[string]*lang{}

func init() {
	for code, l := range langs {
		l.f, _ = locale.For("", code)
		l.attr = jsonAttr("data-locale", l.f.Script())
		for _, name := range locale.Locales {
			f, _ := locale.For(name, code)
			localised[code+" "+name] = &lang{code: code, msgs: l.msgs, f: f, attr: jsonAttr("data-locale", f.Script())}
		}
	}
}

// langFor returns the language code with the formats of the locale, or of
// the language alone when the locale is "".
func langFor(code, loc string) (*lang, error) {
	l, ok := langs[code]
	if !ok {
		return nil, fmt.Errorf("language %q is not known; expected %s", code, strings.Join(Languages, " or "))
	}
	if loc == "" {
		return l, nil
	}
	if l, ok := localised[code+" "+loc]; ok {
		return l, nil
	}
	_, err := locale.For(loc, code)
	return nil, err
}

// jsonAttr writes an attribute, with a space before it, whose value is
// JSON from encoding/json (which escapes <, > and &), single-quoted, so
// the JSON's own quotes need no escaping: only a single quote in a string
// does.
func jsonAttr(name, json string) template.HTMLAttr {
	return template.HTMLAttr(" " + name + "='" + strings.ReplaceAll(json, "'", "&#39;") + "'")
}

// Format returns how the language's site writes numbers, money and dates.
func (l *lang) Format() *locale.Format { return l.f }

// T returns the message for key. A missing key shows as itself, so a gap
// is visible on the page; a test checks that both catalogues are complete.
func (l *lang) T(key string) string {
	if m, ok := l.msgs[key]; ok {
		return m
	}
	return key
}

// Tf formats the message for key with args, as fmt.Sprintf does, but
// writes an int as Count does. When its first int argument is 1 and the
// catalogue has a singular form, key+".one", that form is used: "1 point
// behind", not "1 points behind". A message with no verbs is returned as
// is: its count only chose the form ("lists it", "lists them").
func (l *lang) Tf(key string, args ...any) string {
	m, out, cloned := l.T(key), args, false
	for i, a := range args {
		n, ok := a.(int)
		if !ok {
			continue
		}
		if !cloned { // the first int decides the form; the caller's args stay as they are
			if one, ok := l.msgs[key+".one"]; ok && n == 1 {
				m = one
			}
			out, cloned = slices.Clone(args), true
		}
		out[i] = counted{n, l}
	}
	if !strings.Contains(m, "%") {
		return m
	}
	return fmt.Sprintf(m, out...)
}

// Count writes a count grouped in the site's way: 12,400 in English,
// 12 400 in Swedish.
func (l *lang) Count(n int) string { return l.f.Number(float64(n), 0) }

// counted is an int that a message's %d writes with lang.Count.
type counted struct {
	n int
	l *lang
}

// Format writes c for fmt.
func (c counted) Format(s fmt.State, verb rune) { io.WriteString(s, c.l.Count(c.n)) }

// Num formats v with at most two decimals, dropping trailing zeros: 1,234.5
// in English, 1 234,5 in Swedish.
func (l *lang) Num(v float64) string { return l.f.Number(v, fewestDecimals(v)) }

// fewestDecimals returns the fewest decimals, at most two, that write v
// as it rounds to two: 0 for 3.001, 1 for 1234.5.
func fewestDecimals(v float64) int {
	r := okrsite.Round(v, 2)
	for d := range 2 {
		if okrsite.Round(r, d) == r {
			return d
		}
	}
	return 2
}

// Pct formats a share from 0 to 1 as a whole percentage: 62% or 62 %.
func (l *lang) Pct(share float64) string { return l.f.Percent(share, 0) }

// Grade formats a grade with one decimal: 0.7 or 0,7.
func (l *lang) Grade(g float64) string { return l.f.Number(g, 1) }

// Value formats a value with its unit, with at most two decimals: "12.5
// MSEK", "62%"; in a locale, money as money ("$58,156,051.77").
func (l *lang) Value(v float64, unit string) string {
	return l.f.Value(v, fewestDecimals(v), okrsite.Unit{Other: unit})
}

// Signed formats a change with its sign: +1.5 or −2.
func (l *lang) Signed(v float64) string {
	return l.f.Signed(v, fewestDecimals(v), okrsite.Unit{})
}

// DateRange formats the days from start to end, as the site's locale
// writes a range.
func (l *lang) DateRange(start, end okrsite.Date) string { return l.f.DateRange(start, end) }

// Date formats a day: 3 Jul 2026 in English, 2026-07-03 in Swedish, or as
// the site's locale writes it.
func (l *lang) Date(d okrsite.Date) string { return l.f.Date(d) }

// english is the English catalogue. Keys name where a message is used.
var english = map[string]string{
	"nav.home":    "Overview",
	"nav.periods": "Reports",
	"nav.teams":   "Teams",
	"nav.kpis":    "KPIs",
	"nav.skip":    "Skip to content",

	"footer.asof":         "Figures as of %s",
	"footer.made":         "Made with okr from plain-text goals.",
	"footer.data":         "Data as JSON",
	"site.asof":           "As of %s",
	"page.notfound.title": "Page not found",
	"note.task.done":      "done",
	"note.task.open":      "not done",
	"page.notfound.text":  "There is no page at this address. It may belong to a period or team that has been renamed.",
	"page.notfound.home":  "Go to the overview",

	"status.not-started": "Not started",
	"status.done":        "Done",
	"status.on-track":    "On track",
	"status.at-risk":     "At risk",
	"status.off-track":   "Off track",
	"status.no-update":   "No recent update",

	"health.no-data":  "No data",
	"health.healthy":  "Healthy",
	"health.warning":  "Warning",
	"health.critical": "Critical",

	"trend.none":      "No trend yet",
	"trend.improving": "Improving",
	"trend.steady":    "Steady",
	"trend.worsening": "Worsening",

	"kind.committed":     "Committed",
	"kind.aspirational":  "Aspirational",
	"row.committed":      "committed",
	"row.aspirational":   "aspirational",
	"grade.met":          "Met",
	"grade.green":        "Delivered",
	"grade.yellow":       "Fell short",
	"grade.red":          "Little progress",
	"grade.missed":       "Missed",
	"grade.committed":    "Committed: expected to reach 1.0",
	"grade.aspirational": "Aspirational: about 0.7 is a good result",
	"grade.ranges":       "%s committed, %s aspirational",
	"dir.above":          "stay at or above",
	"dir.below":          "stay at or below",
	"dir.higher":         "Higher is better",
	"dir.lower":          "Lower is better",
	"dir.band":           "Stay within a band",

	"score.progress":   "Progress",
	"score.expected":   "Expected by now",
	"score.grade":      "Grade",
	"score.status":     "Status",
	"score.current":    "Current",
	"score.start":      "Start",
	"score.target":     "Target",
	"score.confidence": "Confidence",
	"score.weight":     "Weight",
	"score.owner":      "Owner",
	"score.lead":       "Lead",
	"score.bar":        "Progress %s; expected by now %s",
	"score.bar.grade":  "Grade %s of %s",
	"score.milestones": "%d of %d milestones done",

	"home.title":           "Overview",
	"home.current":         "%s at a glance",
	"home.report":          "Read the %s report",
	"home.board":           "KPI health",
	"home.board.lead":      "Every KPI against its thresholds. Lifted KPIs are being worked on in this period's key results.",
	"home.focus":           "In focus now",
	"home.focus.lead":      "KPIs lifted into key results of running periods.",
	"home.focus.none":      "No KPI is lifted into a key result right now.",
	"home.unattended":      "Unattended",
	"home.unattended.lead": "Unhealthy KPIs that no current key result works on.",
	"home.unattended.none": "Every unhealthy KPI is being worked on.",
	"home.attention":       "Key results that need attention",
	"home.periods":         "Reports",
	"home.noperiod":        "There is no period yet.",

	"kpi.stale":             "Stale",
	"kpi.stale.long":        "Not updated since %s",
	"kpi.lifted":            "Lifted",
	"kpi.liftedin":          "Lifted into key results",
	"kpi.liftedin.none":     "Never lifted into a key result.",
	"kpi.thresholds":        "Thresholds",
	"kpi.healthy.higher":    "Healthy at %s or more; critical below %s",
	"kpi.healthy.lower":     "Healthy at %s or less; critical above %s",
	"kpi.healthy.band":      "Healthy from %s to %s; critical outside %s to %s",
	"kpi.latest":            "Latest value",
	"kpi.trend":             "%s since %s",
	"kpi.point":             "point",
	"kpi.points":            "points",
	"kpi.trendlabel":        "Trend",
	"kpi.cadence":           "Updated every %d days",
	"kpi.cadence.weekly":    "Updated weekly",
	"kpi.cadence.biweekly":  "Updated every two weeks",
	"kpi.cadence.monthly":   "Updated monthly",
	"kpi.cadence.quarterly": "Updated quarterly",
	"kpi.team":              "Owned by",
	"kpi.measurements":      "Measurements",
	"kpi.index":             "KPIs",
	"kpi.index.lead":        "Health gauges watched continuously. A KPI that needs work is lifted into a key result for a period.",
	"kpi.none":              "No KPIs yet.",
	"kpi.chart":             "%s over time, with its healthy, warning and critical zones. Latest value %s (%s).",

	"period.reports":        "Reports",
	"period.reports.lead":   "One report per period, with its objectives, key results and commentary.",
	"period.dates":          "%s to %s",
	"period.running":        "Running",
	"period.finished":       "Finished",
	"period.upcoming":       "Upcoming",
	"period.chart":          "Progress of %d objectives against the expected %s.",
	"period.chart.one":      "Progress of %d objective against the expected %s.",
	"period.commentary":     "Commentary",
	"period.alignment":      "Alignment",
	"period.print":          "Print edition",
	"period.pdf":            "PDF",
	"period.counts":         "Key results by status",
	"period.grades":         "Key results by grade",
	"period.previous":       "Compared with %s",
	"period.noobjectives":   "No objectives were set for this period.",
	"period.objectives":     "%d objectives",
	"period.objectives.one": "%d objective",

	"align.title":    "Alignment in %s",
	"align.lead":     "How objectives align to the objectives above them, across teams.",
	"align.parent":   "Aligns to",
	"align.children": "Aligned to this",
	"align.none":     "Not aligned to another objective.",

	"team.teams":             "Teams",
	"team.teams.lead":        "Every team, with its objectives period by period and the KPIs it owns.",
	"team.parent":            "Part of",
	"team.children":          "Teams within",
	"team.history":           "Score across periods",
	"team.history.table":     "Table: score across periods",
	"team.history.chart":     "%s's score in %d periods.",
	"team.history.chart.one": "%s's score in %d period.",
	"team.current":           "Objectives in %s",
	"team.kpis":              "KPIs owned",
	"team.periods":           "Periods",
	"team.none":              "No objectives in this period.",
	"team.inperiod":          "%s in %s",

	"obj.keyresults":      "Key results",
	"obj.checkins":        "Check-ins",
	"obj.checkins.cut":    "The latest %s of %s check-ins.",
	"obj.checkins.csv":    "All check-ins as CSV",
	"obj.date":            "Date",
	"obj.value":           "Value",
	"obj.note":            "Note",
	"obj.chart":           "%s: now %s, target %s; the ideal line runs from %s on %s to the target on %s.",
	"obj.chart.milestone": "%s: %d of %d milestones done.",
	"obj.nocheckins":      "No check-ins yet.",
	"obj.done":            "Done",
	"obj.notdone":         "Not done",
	"obj.kpi":             "Takes its values from the KPI %s",

	"chart.actual":     "Actual",
	"chart.ideal":      "Ideal",
	"chart.target":     "Target",
	"chart.forecast":   "Forecast",
	"chart.asof":       "As of",
	"chart.confidence": "Confidence",
	"chart.done":       "Share done",

	"feed.title":            "%s: what changed",
	"feed.window":           "Changes from %s to %s",
	"feed.status":           "%s: %s → %s",
	"feed.progress":         "%s done, %s expected by now",
	"feed.checkin":          "%s: %s",
	"feed.confidence.value": "Confidence %s",
	"feed.confidence":       "%s: confidence down from %s to %s",
	"feed.silent":           "%s: check-in due %s, none since",
	"feed.last":             "Last check-in %s",
	"feed.never":            "No check-in yet",
	"feed.kpi":              "%s: %s → %s",
	"feed.measured":         "%s on %s",
	"feed.added":            "New objective: %s",
	"feed.finished":         "Objective finished: %s",
	"feed.grade":            "Grade %s",
	"ical.name":             "%s: check-ins due",
	"ical.due":              "Check-in due: %s",
	"ical.overdue":          "Check-in overdue: %s",
	"search.team":           "Team",
	"search.objective":      "Objective",
	"search.keyresult":      "Key result",
	"search.kpi":            "KPI",
	"search.person":         "Person",
	"search.none":           "Nothing found.",

	"nav.people":         "People",
	"changes.title":      "What changed",
	"changes.lead":       "Status changes, new check-ins, confidence drops, silent key results and KPIs that crossed a threshold.",
	"changes.team":       "%s: what changed",
	"changes.window":     "From %s to %s",
	"changes.feed":       "Atom feed",
	"changes.calendar":   "Calendar of check-ins due",
	"changes.counts":     "Changes in this window",
	"changes.none":       "Nothing changed in this window.",
	"changes.statuses":   "Status changes",
	"changes.worse":      "(%d for the worse)",
	"changes.checkins":   "New check-ins",
	"changes.notes":      "(%d with a note)",
	"changes.drops":      "Confidence drops",
	"changes.drop":       "Confidence down from %s to %s",
	"changes.silent":     "Key results without an update",
	"changes.due":        "Check-in due %s",
	"changes.kpis":       "KPIs that crossed a threshold",
	"changes.added":      "Objectives added",
	"changes.finished":   "Objectives finished",
	"changes.on":         "since %s",
	"changes.byteam":     "By team",
	"changes.byteam.tbl": "Table: changes by team",
	"changes.cut":        "Each list below shows its first %d changes; each team's page lists all of its own.",
	"changes.home":       "What changed since the last review",
	"level.period":       "Period",
	"level.team-period":  "Team",
	"level.objective":    "Objective",
	"level.key-result":   "Key result",
	"level.kpi":          "KPI",
	"people.title":       "People",
	"people.person.lead": "What %s owns: objectives, key results and the check-ins due.",
	"people.lead":        "Everyone the content names as an owner or a team's lead, with what they own. Names are matched exactly as written.",
	"people.none":        "The content names no owners or leads yet.",
	"people.name":        "Name",
	"people.leads":       "Leads",
	"people.due":         "Check-ins due",
	"people.due.lead":    "Overdue, or due within the next 7 days.",
	"people.due.none":    "No check-ins due within the next 7 days.",
	"people.overdue":     "Overdue since %s",
	"people.overdue.n":   "%d overdue",
	"people.upcoming":    "Due %s",
	"people.objectives":  "Objectives owned",
	"people.objective":   "Objective",
	"people.team":        "Team",
	"people.keyresult":   "Key result",
	"people.kpis":        "KPIs of the teams they lead",
	"search.label":       "Search",
	"search.placeholder": "Search",
	"search.off":         "Search needs JavaScript; find everything through",
	"jump.teams":         "Teams in this report",
	"jump.objectives":    "Objectives in this report",
	"jump.attention":     "%d need attention",
	"jump.attention.one": "%d needs attention",
	"filter.attention":   "Only what needs attention",
	"filter.all":         "Show everything",

	"dist.label":               "%d key results: %s",
	"dist.label.one":           "%d key result: %s",
	"why.pace.behind":          "%s done, %s expected by now: %d points behind",
	"why.pace.behind.one":      "%s done, %s expected by now: %d point behind",
	"why.pace.ahead":           "%s done, %s expected by now: %d points ahead",
	"why.pace.ahead.one":       "%s done, %s expected by now: %d point ahead",
	"why.pace.even":            "%s done, %s expected by now: on pace",
	"why.pace.behind1":         "%s done, %s expected by now: 1 point behind",
	"why.pace.ahead1":          "%s done, %s expected by now: 1 point ahead",
	"why.final":                "%s done by the period's end",
	"why.final.short":          "%s done by the period's end: %d points short of %s",
	"why.final.short.one":      "%s done by the period's end: %d point short of %s",
	"why.notstarted":           "The period has not begun",
	"why.done":                 "Target reached",
	"why.done.all":             "Every key result is done",
	"why.stale":                "No check-in for %s; one is due every %d days",
	"why.stale.never":          "No check-in since the period began, %s ago",
	"why.last":                 "last check-in %s",
	"why.days":                 "%d days",
	"why.day":                  "1 day",
	"why.weeks":                "%d weeks",
	"why.ago":                  "%s ago",
	"why.today":                "today",
	"why.held":                 "Held %d of %d check-ins",
	"why.holdfailed":           "Held %d of %d check-ins, but not the latest",
	"why.confidence":           "%s; the owner's confidence is only %s",
	"why.staleshare":           "%s of its key results, by weight, have no recent update (%s or more counts as none)",
	"why.committed":            "Committed, and “%s” is %s",
	"why.failing":              "%s of its key results, by weight, are off track or silent (more than %s)",
	"why.attention":            "%s of its key results, by weight, need attention (more than %s)",
	"proj.kr":                  "%s by %s (grade %s if it ends there)",
	"proj.rollup":              "%s done by the end (grade %s if it ends there)",
	"proj.more":                "The owner is confident (%s), but the projection reaches only grade %s.",
	"proj.less":                "The projection reaches the target, but the owner's confidence is only %s.",
	"score.projected":          "Projected",
	"score.held":               "Held",
	"kr.held":                  "%d of %d check-ins",
	"kr.target":                "target %s",
	"kr.atleast":               "at least %s",
	"kr.atmost":                "at most %s",
	"chart.band":               "Target band",
	"chart.gradeaxis":          "Grade",
	"chart.sofar":              "Progress so far",
	"chart.running":            "%s (running)",
	"obj.chart.nostart":        "%s: now %s, target %s.",
	"obj.chart.hold":           "%s: must stay %s; latest %s.",
	"team.history.final":       "%s: grade %s",
	"team.history.running":     "%s (running, partial): %s done, %s expected",
	"home.about":               "About this site and how to read it",
	"attention.title":          "Needs attention",
	"attention.lead":           "Furthest behind pace first, then the heaviest.",
	"attention.none":           "Nothing needs attention.",
	"attention.more":           "And %d more.",
	"short.title":              "Below expectation",
	"short.lead":               "Graded below what their objective expects (committed 1.0, aspirational 0.7), the lowest grade first.",
	"short.none":               "Every key result reached what its objective expects.",
	"short.retro":              "%d key results were graded below what their objective expects (committed 1.0, aspirational 0.7).",
	"short.retro.one":          "%d key result was graded below what its objective expects (committed 1.0, aspirational 0.7).",
	"short.retro.link":         "The retrospective lists them with their closing notes.",
	"short.retro.link.one":     "The retrospective lists it with its closing note.",
	"period.previous.grade":    "%s ended with grade %s",
	"period.previous.progress": "%s: %s done",

	// The print edition, the KPI health of a period and the retrospective.
	"print.title":             "%s: report",
	"print.report":            "OKR review",
	"print.page":              "page %s of %s",
	"print.contents":          "Contents",
	"print.summary":           "Executive summary",
	"print.appendix":          "Appendix: KPIs",
	"print.retro":             "Retrospective",
	"print.headline.running":  "%s of the way with %s of the period gone: %s. %d of %d key results need attention.",
	"print.headline.finished": "Graded %s: %d of %d objectives met what they promised.",
	"print.headline.upcoming": "The period begins on %s.",
	"print.teams":             "Teams",
	"print.team":              "Team",
	"print.attention":         "Key results that need attention",
	"print.attention.none":    "None.",
	"print.more":              "And %d more.",
	"print.keyresult":         "Key result",
	"print.value":             "Value",
	"print.progress":          "Progress",
	"print.verdict":           "Status",
	"print.verdict.final":     "Grade",
	"print.continued":         "%s (continued)",
	"print.continued.obj":     "%s · %s (continued)",
	"print.chart":             "%s: each key result's progress over the period; %s in all.",
	"print.closing":           "Closing note",
	"kpis.asof":               "KPI health on %s",
	"kpis.asof.final":         "KPI health on %s, the period's last day",
	"kpis.kpi":                "KPI",
	"kpis.health":             "Health",
	"kpis.trend":              "Trend",
	"kpis.focus":              "In focus",
	"kpis.unattended":         "Unattended",
	"retro.bands":             "Key results by grade",
	"retro.band":              "Grade",
	"retro.committed":         "Committed",
	"retro.aspirational":      "Aspirational",
	"retro.met":               "Objectives that met what they promised: %d of %d committed (1.0), %d of %d aspirational (0.7).",
	"retro.missed":            "What was missed, and why",
	"retro.missed.none":       "Every key result reached what its objective asked.",
	"retro.nonote":            "No closing note.",
	"retro.carried":           "What carries on",
	"retro.carried.none":      "No key result continues in a later period.",
	"retro.top":               "The %d furthest short, the heaviest first:",
	"retro.missed.top":        "The %d lowest graded, the heaviest first where grades tie:",
	"retro.missed.all":        "All %d missed key results, with their closing notes, in the print edition",
	"retro.carried.all":       "All %d that carry on, in the print edition",
	"retro.continuesin":       "continues in %s",
	"retro.continuedfrom":     "continued from %s",
	"retro.lifted":            "Lifted KPIs",
	"retro.lifted.again":      "lifted again in %s",
	"retro.lifted.back":       "back to monitoring in %s",
	"retro.lifted.end":        "back to monitoring",
}

// swedish is the Swedish catalogue.
var swedish = map[string]string{
	"nav.home":    "Översikt",
	"nav.periods": "Rapporter",
	"nav.teams":   "Team",
	"nav.kpis":    "Nyckeltal",
	"nav.skip":    "Hoppa till innehållet",

	"footer.asof":         "Siffror per %s",
	"footer.made":         "Gjord med okr av mål i klartext.",
	"footer.data":         "Data som JSON",
	"site.asof":           "Per %s",
	"page.notfound.title": "Sidan finns inte",
	"note.task.done":      "klart",
	"note.task.open":      "inte klart",
	"page.notfound.text":  "Det finns ingen sida på den här adressen. Den kan höra till en period eller ett team som har bytt namn.",
	"page.notfound.home":  "Gå till översikten",

	"status.not-started": "Ej påbörjad",
	"status.done":        "Klar",
	"status.on-track":    "I fas",
	"status.at-risk":     "I riskzonen",
	"status.off-track":   "Efter plan",
	"status.no-update":   "Ingen ny avstämning",

	"health.no-data":  "Saknar data",
	"health.healthy":  "Friskt",
	"health.warning":  "Varning",
	"health.critical": "Kritiskt",

	"trend.none":      "Ingen trend än",
	"trend.improving": "Förbättras",
	"trend.steady":    "Oförändrat",
	"trend.worsening": "Försämras",

	"kind.committed":     "Åtagande",
	"kind.aspirational":  "Ambition",
	"row.committed":      "åtagande",
	"row.aspirational":   "ambition",
	"grade.met":          "Uppnått",
	"grade.green":        "Levererat",
	"grade.yellow":       "Nådde inte ända fram",
	"grade.red":          "Litet framsteg",
	"grade.missed":       "Ej uppnått",
	"grade.committed":    "Åtagande: väntas nå 1,0",
	"grade.aspirational": "Ambition: runt 0,7 är ett bra resultat",
	"grade.ranges":       "%s åtagande, %s ambition",
	"dir.above":          "ligga på eller över",
	"dir.below":          "ligga på eller under",
	"dir.higher":         "Högre är bättre",
	"dir.lower":          "Lägre är bättre",
	"dir.band":           "Ska ligga inom ett intervall",

	"score.progress":   "Framsteg",
	"score.expected":   "Förväntat hittills",
	"score.grade":      "Betyg",
	"score.status":     "Status",
	"score.current":    "Nuvarande",
	"score.start":      "Start",
	"score.target":     "Mål",
	"score.confidence": "Tilltro",
	"score.weight":     "Vikt",
	"score.owner":      "Ansvarig",
	"score.lead":       "Ledare",
	"score.bar":        "Framsteg %s; förväntat hittills %s",
	"score.bar.grade":  "Betyg %s av %s",
	"score.milestones": "%d av %d delmål klara",

	"home.title":           "Översikt",
	"home.current":         "%s i korthet",
	"home.report":          "Läs rapporten för %s",
	"home.board":           "Nyckeltalens hälsa",
	"home.board.lead":      "Alla nyckeltal mot sina gränsvärden. Lyfta nyckeltal bearbetas i periodens nyckelresultat.",
	"home.focus":           "I fokus nu",
	"home.focus.lead":      "Nyckeltal som lyfts in som nyckelresultat i pågående perioder.",
	"home.focus.none":      "Inget nyckeltal är lyft till ett nyckelresultat just nu.",
	"home.unattended":      "Obevakade",
	"home.unattended.lead": "Nyckeltal som inte mår bra och som inget pågående nyckelresultat arbetar med.",
	"home.unattended.none": "Alla nyckeltal som inte mår bra bearbetas.",
	"home.attention":       "Nyckelresultat som behöver uppmärksamhet",
	"home.periods":         "Rapporter",
	"home.noperiod":        "Det finns ingen period än.",

	"kpi.stale":             "Inaktuellt",
	"kpi.stale.long":        "Inte uppdaterat sedan %s",
	"kpi.lifted":            "Lyft",
	"kpi.liftedin":          "Lyft till nyckelresultat",
	"kpi.liftedin.none":     "Aldrig lyft till ett nyckelresultat.",
	"kpi.thresholds":        "Gränsvärden",
	"kpi.healthy.higher":    "Friskt vid %s eller mer; kritiskt under %s",
	"kpi.healthy.lower":     "Friskt vid %s eller mindre; kritiskt över %s",
	"kpi.healthy.band":      "Friskt från %s till %s; kritiskt utanför %s till %s",
	"kpi.latest":            "Senaste värde",
	"kpi.trend":             "%s sedan %s",
	"kpi.point":             "procentenhet",
	"kpi.points":            "procentenheter",
	"kpi.trendlabel":        "Trend",
	"kpi.cadence":           "Uppdateras var %d:e dag",
	"kpi.cadence.weekly":    "Uppdateras varje vecka",
	"kpi.cadence.biweekly":  "Uppdateras varannan vecka",
	"kpi.cadence.monthly":   "Uppdateras varje månad",
	"kpi.cadence.quarterly": "Uppdateras varje kvartal",
	"kpi.team":              "Ägs av",
	"kpi.measurements":      "Mätvärden",
	"kpi.index":             "Nyckeltal",
	"kpi.index.lead":        "Hälsomätare som följs löpande. Ett nyckeltal som behöver förbättras lyfts in som nyckelresultat under en period.",
	"kpi.none":              "Inga nyckeltal än.",
	"kpi.chart":             "%s över tid, med friska, varnande och kritiska zoner. Senaste värde %s (%s).",

	"period.reports":        "Rapporter",
	"period.reports.lead":   "En rapport per period, med mål, nyckelresultat och kommentarer.",
	"period.dates":          "%s till %s",
	"period.running":        "Pågår",
	"period.finished":       "Avslutad",
	"period.upcoming":       "Kommande",
	"period.chart":          "Framsteg för %d mål mot förväntade %s.",
	"period.chart.one":      "Framsteg för %d mål mot förväntade %s.",
	"period.commentary":     "Kommentar",
	"period.alignment":      "Målträd",
	"period.print":          "Utskriftsversion",
	"period.pdf":            "PDF",
	"period.counts":         "Nyckelresultat per status",
	"period.grades":         "Nyckelresultat per betyg",
	"period.previous":       "Jämfört med %s",
	"period.noobjectives":   "Inga mål sattes för perioden.",
	"period.objectives":     "%d mål",
	"period.objectives.one": "%d mål",

	"align.title":    "Målträd för %s",
	"align.lead":     "Hur målen hänger ihop med målen ovanför dem, över teamgränser.",
	"align.parent":   "Bidrar till",
	"align.children": "Bidrar hit",
	"align.none":     "Bidrar inte till något annat mål.",

	"team.teams":             "Team",
	"team.teams.lead":        "Alla team, med sina mål period för period och nyckeltalen de äger.",
	"team.parent":            "Del av",
	"team.children":          "Team inom",
	"team.history":           "Resultat per period",
	"team.history.table":     "Tabell: resultat per period",
	"team.history.chart":     "%ss resultat under %d perioder.",
	"team.history.chart.one": "%ss resultat under %d period.",
	"team.current":           "Mål för %s",
	"team.kpis":              "Nyckeltal",
	"team.periods":           "Perioder",
	"team.none":              "Inga mål för perioden.",
	"team.inperiod":          "%s under %s",

	"obj.keyresults":      "Nyckelresultat",
	"obj.checkins":        "Avstämningar",
	"obj.checkins.cut":    "De senaste %s av %s avstämningar.",
	"obj.checkins.csv":    "Alla avstämningar som CSV",
	"obj.date":            "Datum",
	"obj.value":           "Värde",
	"obj.note":            "Anteckning",
	"obj.chart":           "%s: nu %s, mål %s; idealkurvan går från %s den %s till målet den %s.",
	"obj.chart.milestone": "%s: %d av %d delmål klara.",
	"obj.nocheckins":      "Inga avstämningar än.",
	"obj.done":            "Klart",
	"obj.notdone":         "Inte klart",
	"obj.kpi":             "Hämtar sina värden från nyckeltalet %s",

	"chart.actual":     "Utfall",
	"chart.ideal":      "Idealkurva",
	"chart.target":     "Mål",
	"chart.forecast":   "Prognos",
	"chart.asof":       "Per",
	"chart.confidence": "Tilltro",
	"chart.done":       "Andel klart",

	"feed.title":            "%s: vad som har ändrats",
	"feed.window":           "Ändringar från %s till %s",
	"feed.status":           "%s: %s → %s",
	"feed.progress":         "%s klart, %s väntat hittills",
	"feed.checkin":          "%s: %s",
	"feed.confidence.value": "Tilltro %s",
	"feed.confidence":       "%s: tilltron sjönk från %s till %s",
	"feed.silent":           "%s: avstämning väntades %s, ingen sedan dess",
	"feed.last":             "Senaste avstämning %s",
	"feed.never":            "Ingen avstämning än",
	"feed.kpi":              "%s: %s → %s",
	"feed.measured":         "%s den %s",
	"feed.added":            "Nytt mål: %s",
	"feed.finished":         "Mål avslutat: %s",
	"feed.grade":            "Betyg %s",
	"ical.name":             "%s: avstämningar att göra",
	"ical.due":              "Avstämning: %s",
	"ical.overdue":          "Försenad avstämning: %s",
	"search.team":           "Team",
	"search.objective":      "Mål",
	"search.keyresult":      "Nyckelresultat",
	"search.kpi":            "Nyckeltal",
	"search.person":         "Person",
	"search.none":           "Inga träffar.",

	"nav.people":         "Personer",
	"changes.title":      "Vad som har ändrats",
	"changes.lead":       "Statusändringar, nya avstämningar, sjunkande tilltro, tysta nyckelresultat och nyckeltal som passerat ett gränsvärde.",
	"changes.team":       "%s: vad som har ändrats",
	"changes.window":     "Från %s till %s",
	"changes.feed":       "Atom-flöde",
	"changes.calendar":   "Kalender med avstämningar",
	"changes.counts":     "Ändringar i tidsfönstret",
	"changes.none":       "Inget har ändrats i tidsfönstret.",
	"changes.statuses":   "Ändrad status",
	"changes.worse":      "(%d till det sämre)",
	"changes.checkins":   "Nya avstämningar",
	"changes.notes":      "(%d med kommentar)",
	"changes.drops":      "Sjunkande tilltro",
	"changes.drop":       "Tilltron sjönk från %s till %s",
	"changes.silent":     "Nyckelresultat utan avstämning",
	"changes.due":        "Avstämning väntades %s",
	"changes.kpis":       "Nyckeltal som passerat en gräns",
	"changes.added":      "Nya mål",
	"changes.finished":   "Avslutade mål",
	"changes.on":         "sedan %s",
	"changes.byteam":     "Per team",
	"changes.byteam.tbl": "Tabell: ändringar per team",
	"changes.cut":        "Varje lista nedan visar sina första %d ändringar; varje teams sida visar alla sina.",
	"changes.home":       "Vad som har ändrats sedan förra genomgången",
	"level.period":       "Period",
	"level.team-period":  "Team",
	"level.objective":    "Mål",
	"level.key-result":   "Nyckelresultat",
	"level.kpi":          "Nyckeltal",
	"people.title":       "Personer",
	"people.person.lead": "Det %s äger: mål, nyckelresultat och avstämningar som ska göras.",
	"people.lead":        "Alla som innehållet anger som ägare eller teamledare, med det de äger. Namn matchas exakt som de är skrivna.",
	"people.none":        "Innehållet anger inga ägare eller ledare än.",
	"people.name":        "Namn",
	"people.leads":       "Leder",
	"people.due":         "Avstämningar att göra",
	"people.due.lead":    "Försenade, eller att göra inom 7 dagar.",
	"people.due.none":    "Inga avstämningar att göra inom 7 dagar.",
	"people.overdue":     "Försenad sedan %s",
	"people.overdue.n":   "%d försenade",
	"people.upcoming":    "Senast %s",
	"people.objectives":  "Mål som personen äger",
	"people.objective":   "Mål",
	"people.team":        "Team",
	"people.keyresult":   "Nyckelresultat",
	"people.kpis":        "Nyckeltal för teamen personen leder",
	"search.label":       "Sök",
	"search.placeholder": "Sök",
	"search.off":         "Sökningen kräver JavaScript; hitta allt via",
	"jump.teams":         "Team i rapporten",
	"jump.objectives":    "Mål i rapporten",
	"jump.attention":     "%d behöver uppmärksamhet",
	"jump.attention.one": "%d behöver uppmärksamhet",
	"filter.attention":   "Bara det som behöver uppmärksamhet",
	"filter.all":         "Visa allt",

	"dist.label":               "%d nyckelresultat: %s",
	"dist.label.one":           "%d nyckelresultat: %s",
	"why.pace.behind":          "%s klart, %s väntat hittills: %d procentenheter efter",
	"why.pace.behind.one":      "%s klart, %s väntat hittills: %d procentenhet efter",
	"why.pace.ahead":           "%s klart, %s väntat hittills: %d procentenheter före",
	"why.pace.ahead.one":       "%s klart, %s väntat hittills: %d procentenhet före",
	"why.pace.even":            "%s klart, %s väntat hittills: i takt",
	"why.pace.behind1":         "%s klart, %s väntat hittills: 1 procentenhet efter",
	"why.pace.ahead1":          "%s klart, %s väntat hittills: 1 procentenhet före",
	"why.final":                "%s klart vid periodens slut",
	"why.final.short":          "%s klart vid periodens slut: %d procentenheter från %s",
	"why.final.short.one":      "%s klart vid periodens slut: %d procentenhet från %s",
	"why.notstarted":           "Perioden har inte börjat",
	"why.done":                 "Målet är nått",
	"why.done.all":             "Alla nyckelresultat är klara",
	"why.stale":                "Ingen avstämning på %s; en väntas var %d:e dag",
	"why.stale.never":          "Ingen avstämning sedan perioden började för %s sedan",
	"why.last":                 "senaste avstämning %s",
	"why.days":                 "%d dagar",
	"why.day":                  "1 dag",
	"why.weeks":                "%d veckor",
	"why.ago":                  "för %s sedan",
	"why.today":                "i dag",
	"why.held":                 "Höll %d av %d avstämningar",
	"why.holdfailed":           "Höll %d av %d avstämningar, men inte den senaste",
	"why.confidence":           "%s; ansvarigas tilltro är bara %s",
	"why.staleshare":           "%s av dess nyckelresultat, viktat, saknar ny avstämning (%s eller mer räknas som ingen)",
	"why.committed":            "Åtagande, och ”%s” är %s",
	"why.failing":              "%s av dess nyckelresultat, viktat, är efter plan eller tysta (mer än %s)",
	"why.attention":            "%s av dess nyckelresultat, viktat, behöver uppmärksamhet (mer än %s)",
	"proj.kr":                  "%s den %s (betyg %s om det slutar där)",
	"proj.rollup":              "%s klart vid slutet (betyg %s om det slutar där)",
	"proj.more":                "Ansvarig är säker (%s), men prognosen når bara betyg %s.",
	"proj.less":                "Prognosen når målet, men ansvarigas tilltro är bara %s.",
	"score.projected":          "Prognos",
	"score.held":               "Höll",
	"kr.held":                  "%d av %d avstämningar",
	"kr.target":                "mål %s",
	"kr.atleast":               "minst %s",
	"kr.atmost":                "högst %s",
	"chart.band":               "Målintervall",
	"chart.gradeaxis":          "Betyg",
	"chart.sofar":              "Framsteg hittills",
	"chart.running":            "%s (pågår)",
	"obj.chart.nostart":        "%s: nu %s, mål %s.",
	"obj.chart.hold":           "%s: ska hålla %s; senast %s.",
	"team.history.final":       "%s: betyg %s",
	"team.history.running":     "%s (pågår, ofullständig): %s klart, %s väntat",
	"home.about":               "Om webbplatsen och hur den läses",
	"attention.title":          "Behöver uppmärksamhet",
	"attention.lead":           "Längst efter takten först, sedan de tyngsta.",
	"attention.none":           "Inget behöver uppmärksamhet.",
	"attention.more":           "Och %d till.",
	"short.title":              "Under förväntan",
	"short.lead":               "Fick lägre betyg än deras mål väntar sig (åtagande 1,0, ambition 0,7), lägst betyg först.",
	"short.none":               "Alla nyckelresultat nådde det deras mål väntar sig.",
	"short.retro":              "%d nyckelresultat fick lägre betyg än deras mål väntar sig (åtagande 1,0, ambition 0,7).",
	"short.retro.one":          "%d nyckelresultat fick lägre betyg än dess mål väntar sig (åtagande 1,0, ambition 0,7).",
	"short.retro.link":         "Återblicken listar dem med ägarnas slutkommentarer.",
	"short.retro.link.one":     "Återblicken listar det med ägarens slutkommentar.",
	"period.previous.grade":    "%s slutade med betyg %s",
	"period.previous.progress": "%s: %s klart",

	// The print edition, the KPI health of a period and the retrospective.
	"print.title":             "%s: rapport",
	"print.report":            "OKR-uppföljning",
	"print.page":              "sida %s av %s",
	"print.contents":          "Innehåll",
	"print.summary":           "Sammanfattning",
	"print.appendix":          "Bilaga: nyckeltal",
	"print.retro":             "Tillbakablick",
	"print.headline.running":  "%s av vägen när %s av perioden har gått: %s. %d av %d nyckelresultat behöver uppmärksamhet.",
	"print.headline.finished": "Betyg %s: %d av %d mål nådde det som utlovades.",
	"print.headline.upcoming": "Perioden börjar %s.",
	"print.teams":             "Team",
	"print.team":              "Team",
	"print.attention":         "Nyckelresultat som behöver uppmärksamhet",
	"print.attention.none":    "Inga.",
	"print.more":              "Och %d till.",
	"print.keyresult":         "Nyckelresultat",
	"print.value":             "Värde",
	"print.progress":          "Framsteg",
	"print.verdict":           "Status",
	"print.verdict.final":     "Betyg",
	"print.continued":         "%s (forts.)",
	"print.continued.obj":     "%s · %s (forts.)",
	"print.chart":             "%s: varje nyckelresultats framsteg under perioden; %s totalt.",
	"print.closing":           "Avslutande kommentar",
	"kpis.asof":               "Nyckeltalens hälsa %s",
	"kpis.asof.final":         "Nyckeltalens hälsa %s, periodens sista dag",
	"kpis.kpi":                "Nyckeltal",
	"kpis.health":             "Hälsa",
	"kpis.trend":              "Trend",
	"kpis.focus":              "I fokus",
	"kpis.unattended":         "Obevakat",
	"retro.bands":             "Nyckelresultat per betyg",
	"retro.band":              "Betyg",
	"retro.committed":         "Åtagande",
	"retro.aspirational":      "Ambitiöst",
	"retro.met":               "Mål som nådde det som utlovades: %d av %d åtaganden (1,0), %d av %d ambitiösa (0,7).",
	"retro.missed":            "Vad som inte nåddes, och varför",
	"retro.missed.none":       "Alla nyckelresultat nådde det deras mål krävde.",
	"retro.nonote":            "Ingen avslutande kommentar.",
	"retro.carried":           "Vad som fortsätter",
	"retro.carried.none":      "Inget nyckelresultat fortsätter i en senare period.",
	"retro.top":               "De %d som låg längst efter, de tyngsta först:",
	"retro.missed.top":        "De %d med lägst betyg, de tyngsta först vid samma betyg:",
	"retro.missed.all":        "Alla %d nyckelresultat som inte nåddes, med avslutande kommentarer, i utskriftsversionen",
	"retro.carried.all":       "Alla %d som fortsätter, i utskriftsversionen",
	"retro.continuesin":       "fortsätter %s",
	"retro.continuedfrom":     "fortsättning från %s",
	"retro.lifted":            "Lyfta nyckeltal",
	"retro.lifted.again":      "lyfts igen %s",
	"retro.lifted.back":       "åter till bevakning %s",
	"retro.lifted.end":        "åter till bevakning",
}
