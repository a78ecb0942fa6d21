// Command okr checks, builds, previews and prints a goal site kept as TOML
// and Markdown files. Run "okr help" for the commands.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
