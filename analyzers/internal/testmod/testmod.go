// Package testmod prepares testdata for analysistest and checks that it
// compiles.
//
// analysistest loads a testdata directory that holds a go.mod as a module,
// but with GOPROXY=off: the modules it requires (gin, echo, golang-jwt…)
// must already be in the module cache. Download fetches them first through
// the configured proxy, so the tests pass from an empty module cache.
//
// analysistest reports nothing about testdata that does not type-check
// when the analyzer sets RunDespiteErrors, and nothing about a broken
// dependency in any case: a case written against a misspelt name then
// tests something other than what it says. Run and RunWithSuggestedFixes
// fail the test on such errors, reading them from the packages
// analysistest has already loaded, so they cost no second load.
package testmod

import (
	"os"
	"os/exec"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"
)

// Download downloads the modules needed to build the packages of the
// module rooted at dir. It fails the test when they cannot be had.
func Download(t testing.TB, dir string) {
	t.Helper()
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("download the modules of %s: %v\n%s", dir, err, out)
	}
}

// Run is analysistest.Run followed by TypeChecked with no package allowed
// to be broken.
func Run(t *testing.T, dir string, a *analysis.Analyzer,
	patterns ...string) []*analysistest.Result {
	t.Helper()
	return TypeChecked(t, analysistest.Run(t, dir, a, patterns...))
}

// RunWithSuggestedFixes is analysistest.RunWithSuggestedFixes followed by
// TypeChecked with no package allowed to be broken.
func RunWithSuggestedFixes(t *testing.T, dir string, a *analysis.Analyzer,
	patterns ...string) []*analysistest.Result {
	t.Helper()
	return TypeChecked(t, analysistest.RunWithSuggestedFixes(t, dir, a, patterns...))
}

// TypeChecked fails t once for each parse or type error in the packages
// of results and in the packages they import, except in the packages whose
// import path is in broken: testdata written not to compile, to show that
// the analyzer copes. It returns results.
func TypeChecked(t testing.TB, results []*analysistest.Result,
	broken ...string) []*analysistest.Result {
	t.Helper()
	var roots []*packages.Package
	for _, r := range results {
		if r.Action != nil && r.Action.Package != nil {
			roots = append(roots, r.Action.Package)
		}
	}
	var errs []string
	packages.Visit(roots, nil, func(p *packages.Package) {
		if slices.Contains(broken, p.PkgPath) {
			return
		}
		for _, err := range p.Errors {
			errs = append(errs, p.PkgPath+": "+err.Error())
		}
	})
	// A test variant of a package repeats the package's errors.
	slices.Sort(errs)
	for _, e := range slices.Compact(errs) {
		t.Errorf("testdata does not compile: %s", e)
	}
	return results
}
