package templates

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// TestEChartsChecksums checks the third-party files in static/echarts
// against the SHA-256 sums that scripts/echarts/build.mjs recorded when it
// built them from the npm packages its package-lock.json pins. A file
// edited by hand, or replaced without the script, fails here.
//
// The test cannot run the script itself: that needs Node and the npm
// registry, which go test must not. `node build.mjs -check` rebuilds the
// files and compares them byte for byte; .ci/run runs it where npm is
// installed. Together they tie the committed bundle to the pinned sources.
func TestEChartsChecksums(t *testing.T) {
	const prefix = "templates/" // the sums name files from the repository's root
	f, err := os.Open("../scripts/echarts/SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]string{} // path in FS -> its recorded sum
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		sum, name, ok := strings.Cut(lines.Text(), "  ")
		path, inTemplates := strings.CutPrefix(name, prefix)
		if !ok || !inTemplates || len(sum) != 64 {
			t.Fatalf("SHA256SUMS: %q is not `SUM  templates/PATH`", lines.Text())
		}
		listed[path] = sum
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}

	readme, err := fs.ReadFile(FS, "static/echarts/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range listed {
		data, err := fs.ReadFile(FS, path)
		if err != nil {
			t.Errorf("SHA256SUMS lists %s: %v", path, err)
			continue
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s has SHA-256 %s; build.mjs recorded %s: rebuild it with scripts/echarts/build.mjs rather than editing it", path, got, want)
		}
		if strings.HasSuffix(path, ".js") && !strings.Contains(string(readme), want) {
			t.Errorf("static/echarts/README.md does not give %s's SHA-256 %s", path, want)
		}
	}

	// Every file shipped beside them is the script's, but the README.
	files, err := fs.ReadDir(FS, "static/echarts")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range files {
		path := "static/echarts/" + e.Name()
		if _, ok := listed[path]; !ok && e.Name() != "README.md" {
			t.Errorf("%s is not one of the files build.mjs makes (scripts/echarts/SHA256SUMS)", path)
		}
	}
}
