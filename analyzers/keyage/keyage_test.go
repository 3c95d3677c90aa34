package keyage_test

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keylint/keylint/analyzers/internal/testmod"
	"github.com/keylint/keylint/analyzers/keyage"
)

// TestAnalyzer runs the analyzer with the default policy over the test
// module, which requires the real gin, echo, chi and golang-jwt.
func TestAnalyzer(t *testing.T) {
	t.Parallel()
	dir := analysistest.TestData()
	testmod.Download(t, dir)
	a := keyage.New(keyage.Options{})
	testmod.Run(t, dir, a, "./mint", "./mintv4", "./records", "./policy",
		"./validate", "./directives")
}

// TestPolicyFlags checks that a stricter policy reports what the default
// one allows.
func TestPolicyFlags(t *testing.T) {
	t.Parallel()
	dir := analysistest.TestData()
	testmod.Download(t, dir)
	a := keyage.New(keyage.Options{AccessToken: 5 * time.Minute})
	testmod.Run(t, dir, a, "./strict")
}

func TestAnalyzerMetadata(t *testing.T) {
	t.Parallel()
	a := keyage.Analyzer
	title, _, _ := strings.Cut(a.Doc, "\n\n")
	if title != "report keys and tokens accepted regardless of their age" {
		t.Errorf("title = %q", title)
	}
	if len(title) > 60 || strings.HasSuffix(title, ".") || !unicode.IsLower(rune(title[0])) {
		t.Errorf("title %q: want a lowercase start, no period, at most 60 characters", title)
	}
	if !strings.Contains(a.Doc, "Limitations:") {
		t.Error("Doc has no Limitations paragraph")
	}
	if !strings.HasSuffix(a.URL, "/rules/KL105.md") {
		t.Errorf("URL = %q", a.URL)
	}
	want := map[string]string{"assertion": "5m", "access-token": "1h", "api-key": "90d"}
	for name, def := range want {
		f := a.Flags.Lookup(name)
		if f == nil {
			t.Errorf("no flag %q", name)
			continue
		}
		if f.Value.String() != def {
			t.Errorf("-%s = %s, want %s", name, f.Value, def)
		}
	}
	b := keyage.New(keyage.Options{})
	if err := b.Flags.Set("api-key", "30d"); err != nil {
		t.Fatal(err)
	}
	if got := b.Flags.Lookup("api-key").Value.String(); got != "30d" {
		t.Errorf("-api-key = %s after setting 30d", got)
	}
	if a.Flags.Lookup("api-key").Value.String() != "90d" {
		t.Error("New shares flags between analyzers")
	}
	for _, bad := range []string{"0d", "-1h", "soon", "xd"} {
		if err := b.Flags.Set("access-token", bad); err == nil {
			t.Errorf("-access-token=%s accepted", bad)
		}
	}
}
