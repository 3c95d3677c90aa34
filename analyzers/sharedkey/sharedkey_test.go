package sharedkey_test

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keylint/keylint/analyzers/internal/testmod"
	"github.com/keylint/keylint/analyzers/sharedkey"
)

// TestAnalyzer runs the analyzer over the test packages. billing imports
// keys and orders imports billing, so their findings come from facts.
func TestAnalyzer(t *testing.T) {
	t.Parallel()
	a := sharedkey.New(sharedkey.Options{})
	testmod.Run(t, analysistest.TestData(), a,
		"keys", "billing", "orders", "consumer", "envs", "hosts", "directives",
		"testfiles")
}

func TestAnalyzerMetadata(t *testing.T) {
	t.Parallel()
	a := sharedkey.Analyzer
	title, _, _ := strings.Cut(a.Doc, "\n\n")
	if title != "report one key shared by many consumers" {
		t.Errorf("title = %q", title)
	}
	if len(title) > 60 || strings.HasSuffix(title, ".") || !unicode.IsLower(rune(title[0])) {
		t.Errorf("title %q: want a lowercase start, no period, at most 60 characters", title)
	}
	if !strings.Contains(a.Doc, "Limitations:") {
		t.Error("Doc has no Limitations paragraph")
	}
	if !strings.HasSuffix(a.URL, "/rules/KL106.md") {
		t.Errorf("URL = %q", a.URL)
	}
	if len(a.FactTypes) != 1 {
		t.Errorf("FactTypes = %v", a.FactTypes)
	}
	b := sharedkey.New(sharedkey.Options{Tests: true})
	if b.Flags.Lookup("tests").Value.String() != "true" ||
		a.Flags.Lookup("tests").Value.String() != "false" {
		t.Error("New shares flags between analyzers")
	}
}
