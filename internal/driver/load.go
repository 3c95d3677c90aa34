package driver

import (
	"fmt"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Deps says which of the named packages' dependencies are parsed and
// type-checked from source, so that the analyzers' facts about them exist.
type Deps string

const (
	// DepsModule analyzes the packages of the modules that hold the named
	// packages (and of the main modules); every other dependency, the
	// standard library included, is only type-checked, from the export
	// data in the go command's build cache (from source when that cache is
	// cold). The analyzers then know nothing about functions outside those
	// modules beyond what they model by name.
	DepsModule Deps = "module"

	// DepsAll reads every dependency from source and computes facts for all
	// of them, as go vet -vettool does. It costs several times the time and
	// memory of DepsModule on a typical module.
	DepsAll Deps = "all"
)

// Set implements flag.Value.
func (d *Deps) Set(s string) error {
	switch Deps(s) {
	case DepsModule, DepsAll:
		*d = Deps(s)
		return nil
	}
	return fmt.Errorf("want %q or %q", DepsModule, DepsAll)
}

func (d *Deps) String() string { return string(*d) }

// load loads the packages matched by patterns with syntax and types, and the
// dependencies that deps asks for from source; it returns the matched
// packages, and the packages to analyze, or nil for all of them. Only
// top-level errors (no go command, a bad pattern) are returned; errors in
// packages are recorded in them.
//
// With DepsModule, the packages to analyze are the named ones and the
// others of their modules. How the rest is read does not change that:
// from export data when the build cache has it, else from source, since
// compiling a cold cache takes far longer than parsing (minutes, on a
// module of large generated packages, against seconds).
func load(patterns []string, tests bool, deps Deps, how reading) (roots []*packages.Package, analyze map[*packages.Package]bool, err error) {
	// Named .go files make a package of their own, and go list takes no
	// import path beside them for loadExport's reload.
	if slices.ContainsFunc(patterns, isFile) || how == readAuto && coldCache(patterns, tests) {
		how = readSource
	}
	switch {
	case deps == DepsAll:
		roots, err = loadSource(patterns, tests)
		return roots, nil, err
	case how == readSource:
		roots, err = loadSource(patterns, tests)
		if err != nil {
			return nil, nil, err
		}
		return roots, moduleScope(roots, nil), nil
	}
	roots, full, err := loadExport(patterns, tests)
	if err != nil {
		return nil, nil, err
	}
	return roots, moduleScope(roots, full), nil
}

// reading is how the packages outside the scope of analysis are read.
type reading int

const (
	readAuto   reading = iota // export data, unless the build cache is cold
	readExport                // always export data (tests)
	readSource                // always source (tests)
)

func (r reading) String() string {
	return [...]string{"auto", "export", "source"}[r]
}

// loadSource loads the matched packages and every dependency from source.
func loadSource(patterns []string, tests bool) ([]*packages.Package, error) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: tests}
	roots, err := packages.Load(cfg, patterns...)
	if err == nil && len(roots) == 0 {
		err = noPackages(patterns, tests)
	}
	return roots, err
}

// loadExport loads the matched packages, and the other packages of their
// modules that they import, from source, and the rest from export data. It
// returns the packages that go/packages type-checked in full.
func loadExport(patterns []string, tests bool) (roots []*packages.Package, full map[*packages.Package]bool, err error) {
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Tests: tests}
	roots, err = packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	if len(roots) == 0 {
		return nil, nil, noPackages(patterns, tests)
	}
	all := roots

	// go/packages gives syntax only to the matched packages, so a named
	// package's dependencies in its own module came from export data. Load
	// again with them named too: facts flow between a module's packages
	// however few of them were asked for. With ./... there are none.
	if extra := missingSource(roots); len(extra) > 0 {
		want := make(map[string]bool, len(roots))
		for _, p := range roots {
			want[p.ID] = true
		}
		all, err = packages.Load(cfg, append(slices.Clone(patterns), extra...)...)
		if err != nil {
			return nil, nil, err
		}
		roots = slices.DeleteFunc(slices.Clone(all), func(p *packages.Package) bool { return !want[p.ID] })
	}
	// go/packages type-checks a package it was not asked for from source
	// too when the package imports one it was (another module's package,
	// compiled into a root's tests): without function bodies, which no
	// analyzer can take.
	full = make(map[*packages.Package]bool, len(all))
	for _, p := range all {
		full[p] = true
	}
	return roots, full, nil
}

// moduleScope returns roots and the packages they import, directly or not,
// that belong to a root's module or a main module, leaving out those not
// in full (when full is not nil) and the copies of a package compiled for
// another's tests ("q [p.test]"): loaded from export data, go/packages
// checks those without function bodies, and both ways of loading must
// analyze the same packages.
func moduleScope(roots []*packages.Package, full map[*packages.Package]bool) map[*packages.Package]bool {
	modules := rootModules(roots)
	scope := make(map[*packages.Package]bool)
	for _, p := range roots {
		scope[p] = true
	}
	for p := range packages.Postorder(roots) {
		if scope[p] || full != nil && !full[p] || p.ID != p.PkgPath {
			continue
		}
		if p.Module != nil && (modules[p.Module.Path] || p.Module.Main) {
			scope[p] = true
		}
	}
	return scope
}

// rootModules returns the paths of the modules that hold roots.
func rootModules(roots []*packages.Package) map[string]bool {
	modules := make(map[string]bool)
	for _, p := range roots {
		if p.Module != nil {
			modules[p.Module.Path] = true
		}
	}
	return modules
}

// missingSource returns the import paths of the packages that roots depend
// on, that belong to a root's module or a main module, and that were not
// loaded as roots (so came from export data, or from source without
// function bodies).
func missingSource(roots []*packages.Package) []string {
	modules := rootModules(roots)
	isRoot := make(map[*packages.Package]bool, len(roots))
	for _, p := range roots {
		isRoot[p] = true
	}
	var extra []string
	for p := range packages.Postorder(roots) {
		// A test variant ("p [q.test]") is only ever built for a root's
		// tests; its plain package is the one to name.
		if isRoot[p] || p.Module == nil || p.ID != p.PkgPath {
			continue
		}
		// A path holding "..." (a legal directory name) would be read as
		// a wildcard.
		if (modules[p.Module.Path] || p.Module.Main) && !strings.Contains(p.PkgPath, "...") {
			extra = append(extra, p.PkgPath)
		}
	}
	slices.Sort(extra)
	return extra
}

// cutGraph removes, from every package, the imports of packages not in
// analyze. The checker walks Imports to decide where facts must be
// computed, and would run the analyzers on packages read from export data,
// which have nothing to analyze; the type checker has already used every
// package, so the types are complete either way.
func cutGraph(roots []*packages.Package, analyze map[*packages.Package]bool) {
	for p := range packages.Postorder(roots) {
		for path, imp := range p.Imports {
			if !analyze[imp] {
				delete(p.Imports, path)
			}
		}
	}
}

// coldCache reports whether the build cache lacks the compiled form of a
// quarter or more of the packages that reading export data would need:
// then parsing them is quicker than compiling them. It costs one go list,
// a few tenths of a second; when that fails, the load that follows says
// why.
func coldCache(patterns []string, tests bool) bool {
	// The flags are those go/packages gives go list, which change what is
	// compiled (-pgo) and so what is cached.
	args := []string{"list", "-e", "-deps", "-buildvcs=false", "-pgo=off",
		"-f", "{{if ne .Name \"main\"}}{{.Stale}} {{.StaleReason}}{{end}}"}
	if tests {
		args = append(args, "-test")
	}
	out, err := exec.Command("go", append(append(args, "--"), patterns...)...).Output()
	if err != nil {
		return false
	}
	total, stale := 0, 0
	for line := range strings.Lines(string(out)) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		total++
		// A command or a test binary is never compiled for export data;
		// an installed package's reason says its build is cached.
		if strings.HasPrefix(line, "true ") && !strings.Contains(line, "available in build cache") {
			stale++
		}
	}
	return stale*4 >= total && stale > 0
}

// isFile reports whether a pattern names a Go file, as go list takes one.
func isFile(pattern string) bool { return strings.HasSuffix(pattern, ".go") }

// noPackages explains why patterns matched nothing. When go/packages reads
// export data it keeps the go command's own message to itself, so a fatal
// one (no go.mod, a go.mod that needs updating, an unknown GOOS) would
// read as an empty match: a load that needs no export data recovers it.
func noPackages(patterns []string, tests bool) error {
	cfg := &packages.Config{Mode: packages.NeedName, Tests: tests}
	if _, err := packages.Load(cfg, patterns...); err != nil {
		return err
	}
	return fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
}
