package analyzers_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/keylint/keylint/analyzers"
	"github.com/keylint/keylint/rules"
)

// TestAll checks what every analyzer owes its users: one per analyzer rule
// of the catalog, in rule ID order, with the title vet prints, a
// Limitations paragraph and the URL of its rule's page.
func TestAll(t *testing.T) {
	all := analyzers.All()
	var want []string
	for _, r := range rules.All() {
		if r.Engine == "analyzer" {
			want = append(want, r.Name)
		}
	}
	var got []string
	for _, a := range all {
		got = append(got, a.Name)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("All() = %v, want the catalog's analyzers in ID order %v", got, want)
	}
	for _, a := range all {
		r, _ := rules.ByName(a.Name)
		title, _, _ := strings.Cut(a.Doc, "\n\n")
		if title == "" || len(title) > 60 || strings.HasSuffix(title, ".") ||
			!unicode.IsLower(rune(title[0])) {
			t.Errorf("%s: title %q: want a lowercase start, no period, at most 60 characters",
				a.Name, title)
		}
		if !strings.Contains(a.Doc, "\nLimitations:") {
			t.Errorf("%s: Doc has no Limitations paragraph", a.Name)
		}
		if !strings.HasSuffix(a.URL, "/rules/"+r.ID+".md") {
			t.Errorf("%s: URL = %q, want the page of %s", a.Name, a.URL, r.ID)
		}
		if a.Flags.Lookup("tests") == nil {
			t.Errorf("%s: no -tests flag", a.Name)
		}
	}
}
