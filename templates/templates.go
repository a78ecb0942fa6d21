// Package templates holds the default page templates and static files of a
// goal site, embedded in the okr binary. A site overrides any of them by
// placing a file of the same name in its own templates folder: a page
// template such as kpi.html, or a static file such as static/okr.css.
//
// layout.html holds the page shell and partials.html the pieces pages share
// (progress bars, status badges, charts). Each page template defines
// "title" and "content". The static folder is copied to the built site.
package templates

import "embed"

// FS holds the default templates (*.html) and static files (static/).
//
//go:embed *.html static
var FS embed.FS
