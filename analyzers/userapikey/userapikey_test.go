package userapikey_test

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keylint/keylint/analyzers/internal/testmod"
	"github.com/keylint/keylint/analyzers/userapikey"
)

// TestAnalyzer runs the analyzer over the test module, which requires the
// real net/http frameworks (gin, echo, chi) and session libraries
// (gorilla/sessions, scs), and golang-jwt.
func TestAnalyzer(t *testing.T) {
	t.Parallel()
	dir := analysistest.TestData()
	testmod.Download(t, dir)
	a := userapikey.New(userapikey.Options{})
	testmod.Run(t, dir, a, "./nethttp", "./ginapp", "./echoapp", "./chiapp",
		"./directives")
}

func TestAnalyzerMetadata(t *testing.T) {
	t.Parallel()
	a := userapikey.Analyzer
	title, _, _ := strings.Cut(a.Doc, "\n\n")
	if title != "report API keys used to log people in" {
		t.Errorf("title = %q", title)
	}
	if len(title) > 60 || strings.HasSuffix(title, ".") || !unicode.IsLower(rune(title[0])) {
		t.Errorf("title %q: want a lowercase start, no period, at most 60 characters", title)
	}
	if !strings.Contains(a.Doc, "Limitations:") {
		t.Error("Doc has no Limitations paragraph")
	}
	if !strings.HasSuffix(a.URL, "/rules/KL103.md") {
		t.Errorf("URL = %q", a.URL)
	}
	if userapikey.New(userapikey.Options{}) == a {
		t.Error("New returns the shared analyzer")
	}
}
