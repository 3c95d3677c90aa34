package hardcodedkey_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/keylint/keylint/analyzers/hardcodedkey"
	"github.com/keylint/keylint/analyzers/internal/testmod"
)

// TestAnalyzer runs the analyzer with default options over the test
// packages, loaded together so that their common dependencies are
// type-checked once.
func TestAnalyzer(t *testing.T) {
	t.Parallel()
	a := hardcodedkey.New(hardcodedkey.Options{})
	res := analysistest.Run(t, analysistest.TestData(), a,
		"gitleaks", "names", "sinks", "directives", "testfiles", "generated",
		"broken", "huge", "collections", "urls")
	// Only broken is written not to compile.
	testmod.TypeChecked(t, res, "broken")
}

func TestTestFiles(t *testing.T) {
	t.Parallel()
	testmod.Run(t, analysistest.TestData(),
		hardcodedkey.New(hardcodedkey.Options{Tests: true}), "testfilesflag")
}

func TestGenerated(t *testing.T) {
	t.Parallel()
	testmod.Run(t, analysistest.TestData(),
		hardcodedkey.New(hardcodedkey.Options{Generated: true}), "generatedflag")
}

func TestSuggestedFixes(t *testing.T) {
	t.Parallel()
	a := hardcodedkey.New(hardcodedkey.Options{})
	testmod.RunWithSuggestedFixes(t, analysistest.TestData(), a,
		"fix", "fixnoimport", "fixoneimport", "fixalias")
}

func TestAnalyzerMetadata(t *testing.T) {
	t.Parallel()
	a := hardcodedkey.Analyzer
	title, _, _ := strings.Cut(a.Doc, "\n\n")
	if title != "report secrets written into Go source" {
		t.Errorf("title = %q", title)
	}
	if len(title) > 60 || strings.HasSuffix(title, ".") || !unicode.IsLower(rune(title[0])) {
		t.Errorf("title %q: want a lowercase start, no period, at most 60 characters", title)
	}
	if !strings.Contains(a.Doc, "Limitations:") {
		t.Error("Doc has no Limitations paragraph")
	}
	if !strings.HasSuffix(a.URL, "/rules/KL101.md") {
		t.Errorf("URL = %q", a.URL)
	}
	for _, name := range []string{"tests", "generated"} {
		if a.Flags.Lookup(name) == nil {
			t.Errorf("no flag %q", name)
		}
	}
	// Analyzers built by New have flags of their own.
	b := hardcodedkey.New(hardcodedkey.Options{Tests: true})
	if b.Flags.Lookup("tests").Value.String() != "true" ||
		a.Flags.Lookup("tests").Value.String() != "false" {
		t.Error("New shares flags between analyzers")
	}
}

// BenchmarkAnalyzer measures the analysis of already loaded test packages:
// the cost keylint adds to go vet, without loading.
func BenchmarkAnalyzer(b *testing.B) {
	dir := analysistest.TestData()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(dir, "src"),
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, "gitleaks", "names", "sinks", "fix")
	if err != nil {
		b.Fatal(err)
	}
	a := hardcodedkey.New(hardcodedkey.Options{})
	for b.Loop() {
		if _, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCgo: a file that imports "C" is the user's code, though what the
// analyzer sees is cmd/cgo's rewrite of it.
func TestCgo(t *testing.T) {
	t.Parallel()
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil ||
		strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is off: no C compiler")
	}
	analysistest.Run(t, analysistest.TestData(), hardcodedkey.New(hardcodedkey.Options{}), "cgo")
}
