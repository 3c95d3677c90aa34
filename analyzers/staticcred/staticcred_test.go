package staticcred_test

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keylint/keylint/analyzers/staticcred"
)

func TestAnalyzer(t *testing.T) {
	t.Parallel()
	a := staticcred.New(staticcred.Options{})
	analysistest.Run(t, analysistest.TestData(), a,
		"headers", "clients", "directives", "testfiles")
}

func TestIgnore(t *testing.T) {
	t.Parallel()
	a := staticcred.New(staticcred.Options{
		Ignore: " stripe.com, github.com/aws/aws-sdk-go-v2 ,",
	})
	analysistest.Run(t, analysistest.TestData(), a, "ignored")
}

func TestTestFiles(t *testing.T) {
	t.Parallel()
	a := staticcred.New(staticcred.Options{Tests: true})
	analysistest.Run(t, analysistest.TestData(), a, "testfilesflag")
}

func TestAnalyzerMetadata(t *testing.T) {
	t.Parallel()
	a := staticcred.Analyzer
	title, _, _ := strings.Cut(a.Doc, "\n\n")
	if title != "report service calls that send a static secret" {
		t.Errorf("title = %q", title)
	}
	if len(title) > 60 || strings.HasSuffix(title, ".") || !unicode.IsLower(rune(title[0])) {
		t.Errorf("title %q: want a lowercase start, no period, at most 60 characters", title)
	}
	if !strings.Contains(a.Doc, "Limitations:") {
		t.Error("Doc has no Limitations paragraph")
	}
	if !strings.HasSuffix(a.URL, "/rules/KL104.md") {
		t.Errorf("URL = %q", a.URL)
	}
	for _, name := range []string{"ignore", "tests"} {
		if a.Flags.Lookup(name) == nil {
			t.Errorf("no flag %q", name)
		}
	}
	b := staticcred.New(staticcred.Options{Ignore: "example.com"})
	if b.Flags.Lookup("ignore").Value.String() != "example.com" ||
		a.Flags.Lookup("ignore").Value.String() != "" {
		t.Error("New shares flags between analyzers")
	}
}
