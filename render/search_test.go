package render

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/okrsite/okrsite"
	"github.com/okrsite/okrsite/internal/synth"
	"github.com/okrsite/okrsite/load"
)

func TestSearchIndex(t *testing.T) {
	site := reviewSite()
	site.Objectives[0].Description = "Faster <em>deliveries</em> to Åre"
	site.KPIs[0].Description = "Net promoter score, asked quarterly"
	asOf, _ := okrsite.ParseDate("2026-08-14")
	card := okrsite.Evaluate(site, asOf)
	write := func() []byte {
		var b bytes.Buffer
		if err := writeSearchIndex(&b, langs["sv"], card, okrsite.People(card), searchObjective); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	out := write()
	if !bytes.Equal(out, write()) {
		t.Error("two builds of the index differ")
	}
	if bytes.ContainsAny(out, "<>\u2028\u2029") {
		t.Errorf("the index holds <, > or a line separator unescaped:\n%s", out)
	}
	const head, tail = `okrSearch.load(JSON.parse(`, "));\n"
	if !bytes.HasPrefix(out, []byte(head)) || !bytes.HasSuffix(out, []byte(tail)) {
		t.Fatalf("the index is not a call of okrSearch.load: %.60s…", out)
	}
	var quoted string
	if err := json.Unmarshal(out[len(head):len(out)-len(tail)], &quoted); err != nil {
		t.Fatalf("the argument is not a JSON string: %v", err)
	}
	var ix struct {
		V          int
		Labels     map[string]string
		Periods    [][2]string
		Teams      [][3]string
		People     [][3]string
		KPIs       [][4]any
		Objectives [][6]any
	}
	dec := json.NewDecoder(strings.NewReader(quoted))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ix); err != nil {
		t.Fatalf("the index does not decode: %v", err)
	}
	if ix.V != 1 || ix.Labels["objective"] != "Mål" || ix.Labels["none"] != "Inga träffar." || len(ix.Labels) != 6 {
		t.Errorf("version %d, labels %v", ix.V, ix.Labels)
	}
	if len(ix.Periods) != 1 || ix.Periods[0] != [2]string{"2026-Q3", "Q3 <2026>"} {
		t.Errorf("periods %v", ix.Periods)
	}
	if want := [][3]string{{"teams/a.html", "Team A & Co", "team a co | ann"}, {"teams/b.html", "Team B", "team b | bo"}}; !slices.Equal(ix.Teams, want) {
		t.Errorf("teams %q, want %q", ix.Teams, want)
	}
	// People by name, with the objective owner's e-mail kept as written.
	if want := [][3]string{{"people/ann.html", "Ann", "ann | "}, {"people/ann-ann-example-com.html", "Ann <ann@example.com>", "ann example com | "}, {"people/bo.html", "Bo", "bo | "}}; !slices.Equal(ix.People, want) {
		t.Errorf("people %q, want %q", ix.People, want)
	}
	if len(ix.KPIs) != 1 || ix.KPIs[0][0] != "kpis/nps.html" || ix.KPIs[0][2] != 1.0 || ix.KPIs[0][3] != "nps | net promoter score asked quarterly" {
		t.Errorf("KPIs %v", ix.KPIs)
	}
	if len(ix.Objectives) != 2 {
		t.Fatalf("%d objectives, want 2", len(ix.Objectives))
	}
	o := ix.Objectives[0]
	if o[0] != 0.0 || o[1] != 0.0 || o[2] != "periods/2026-Q3/objectives/o.html" || o[3] != "Objective o" ||
		o[4] != "objective o | faster em deliveries to åre ann example com" {
		t.Errorf("the first objective is %q", o[:5])
	}
	krs, _ := o[5].([]any)
	if len(krs) != 1 {
		t.Fatalf("the first objective's key results: %v", o[5])
	}
	kr := krs[0].([]any)
	// The notes' words, each once, none of the title's.
	wantWords := "result of o title script x | vendor late b bold quoted second line"
	if kr[0] != "#kr-kr" || kr[1] != "Result of o </title><script>x</script>" || kr[2] != wantWords {
		t.Errorf("the key result is %q, want words %q", kr, wantWords)
	}
}

func TestSearchWords(t *testing.T) {
	tests := []struct{ title, text, want string }{
		{"Lead time", "Build cache in place; lead TIME halved", "lead time | build cache in place halved"},
		{"", "", " | "},
		{"Åre–Östersund", "åre, ÖSTERSUND! 2026", "åre östersund | 2026"},
		{"王小明", "王小明 said: ok", "王小明 | said ok"},
	}
	for _, tt := range tests {
		if got := searchWords(tt.title, tt.text); got != tt.want {
			t.Errorf("searchWords(%q, %q) = %q, want %q", tt.title, tt.text, got, tt.want)
		}
	}
}

// BenchmarkSearchIndex10k writes the synthetic 10k site's search index:
// 500 teams, 10,000 objectives, 40,000 key results, 100 KPIs, 10 people.
func BenchmarkSearchIndex10k(b *testing.B) {
	site, _, err := load.Load(synth.FS(synth.Files(synth.Standard, 1)), "site")
	if err != nil {
		b.Fatal(err)
	}
	card := okrsite.Evaluate(site, site.Settings.AsOf)
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := writeSearchIndex(&out, langs["en"], card, okrsite.People(card), searchObjective); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len()), "bytes")
}
