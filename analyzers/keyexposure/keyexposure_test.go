package keyexposure_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/keylint/keylint/analyzers/keyexposure"
)

// moduleRoot returns the test module, whose go.mod requires the real
// logging and web modules. analysistest loads module-mode test data with
// GOPROXY=off, so the module's dependencies are downloaded first, through
// the proxy the environment names.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(analysistest.TestData(), "src", "kx")
	downloadOnce.Do(func() {
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			downloadErr = err.Error() + ": " + string(out)
		}
	})
	if downloadErr != "" {
		t.Fatalf("go mod download in %s: %s", dir, downloadErr)
	}
	return dir
}

var (
	downloadOnce sync.Once
	downloadErr  string
)

// TestAnalyzer runs the analyzer with default options over the test
// packages, loaded together so that their common dependencies are
// type-checked once.
func TestAnalyzer(t *testing.T) {
	t.Parallel()
	a := keyexposure.New(keyexposure.Options{})
	analysistest.Run(t, moduleRoot(t), a,
		"./stdlog", "./loggers", "./errs", "./web", "./frameworks", "./flow",
		"./sources", "./sanitizers", "./names", "./directives", "./facts/...",
		"./robust", "./generated", "./cli", "./lexers")
}

// TestModuleWithoutDot checks a module whose path has no dot, which must
// not be taken for the standard library.
func TestModuleWithoutDot(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(analysistest.TestData(), "src", "nodot")
	analysistest.Run(t, dir, keyexposure.New(keyexposure.Options{}), "./...")
}

// TestSuggestedFix applies the fixes that log only a prefix of a key and
// compares the result with the .golden files.
func TestSuggestedFix(t *testing.T) {
	t.Parallel()
	a := keyexposure.New(keyexposure.Options{})
	analysistest.RunWithSuggestedFixes(t, moduleRoot(t), a, "./fix")
}

func TestOptions(t *testing.T) {
	t.Parallel()
	a := keyexposure.New(keyexposure.Options{
		Sinks:      []string{"(*example.com/kx/options.Audit).Record"},
		Sanitizers: []string{"example.com/kx/options.scramble"},
		Tests:      true,
	})
	analysistest.Run(t, moduleRoot(t), a, "./options")
}

func TestAnalyzerMetadata(t *testing.T) {
	t.Parallel()
	a := keyexposure.Analyzer
	title, _, _ := strings.Cut(a.Doc, "\n\n")
	if title != "report full keys that reach a log, an error or a response" {
		t.Errorf("title = %q", title)
	}
	if len(title) > 60 || strings.HasSuffix(title, ".") || !unicode.IsLower(rune(title[0])) {
		t.Errorf("title %q: want a lowercase start, no period, at most 60 characters", title)
	}
	if !strings.Contains(a.Doc, "Limitations:") {
		t.Error("Doc has no Limitations paragraph")
	}
	if !strings.HasSuffix(a.URL, "/rules/KL102.md") {
		t.Errorf("URL = %q", a.URL)
	}
	for _, name := range []string{"sinks", "sanitizers", "tests"} {
		if a.Flags.Lookup(name) == nil {
			t.Errorf("no flag %q", name)
		}
	}
	b := keyexposure.New(keyexposure.Options{Sinks: []string{"x.Y"}})
	if b.Flags.Lookup("sinks").Value.String() != "x.Y" ||
		a.Flags.Lookup("sinks").Value.String() != "" {
		t.Error("New shares flags between analyzers")
	}
}

// TestBroken runs the analyzer through the checker over a package that
// does not type-check: the analyzer is skipped there, and nothing panics.
func TestBroken(t *testing.T) {
	t.Parallel()
	dir := moduleRoot(t)
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "./broken", "./robust")
	if err != nil {
		t.Fatal(err)
	}
	a := keyexposure.New(keyexposure.Options{})
	if _, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil); err != nil {
		t.Fatal(err)
	}
}
