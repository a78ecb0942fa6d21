// Package templates holds the default templates and static files of a goal
// site, embedded in the okr binary. A site overrides any of them by placing
// a file of the same name in its own templates folder: a page template such
// as kpi.html, a partial such as partials/keyresult.html, or a static file
// such as static/okr.css. It may add partials and static files of its own.
//
// layout.html is the shell of every page. Each page template (home.html,
// objective.html, ...) defines "content", which the layout shows; print.html
// is a whole document. partials/NAME.html defines the partial NAME, a piece
// that pages and other partials show with {{template "NAME" DATA}}. The
// static folder is copied to the built site. docs/templates.md documents
// every template, the data it is given, and the functions templates call.
package templates

import "embed"

// FS holds the default templates (*.html, partials/*.html) and static files
// (static/).
//
//go:embed *.html partials static
var FS embed.FS
