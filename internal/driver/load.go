package driver

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Deps says which of the named packages' dependencies are parsed and
// type-checked from source, so that the analyzers' facts about them exist.
type Deps string

const (
	// DepsModule reads from source the packages of the modules that hold
	// the named packages (and of the main modules); every other dependency,
	// the standard library included, comes from the export data in the go
	// command's build cache. The analyzers then know nothing about functions
	// outside those modules beyond what they model by name.
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
// packages, and every package that can be analyzed: those that go/packages
// type-checked in full, or nil when every package was. Only top-level errors (no go command, a bad
// pattern) are returned; errors in packages are recorded in them.
func load(patterns []string, tests bool, deps Deps) (roots []*packages.Package, full map[*packages.Package]bool, err error) {
	mode := packages.LoadSyntax | packages.NeedModule
	if deps == DepsAll {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	cfg := &packages.Config{Mode: mode, Tests: tests}
	roots, err = packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	if len(roots) == 0 {
		return nil, nil, noPackages(patterns, tests)
	}
	if deps == DepsAll {
		return roots, nil, nil
	}
	all := roots

	// go/packages gives syntax only to the matched packages, so a named
	// package's dependencies in its own module came from export data. Load
	// again with them named too: facts flow between a module's packages
	// however few of them were asked for. With ./... there are none.
	extra := missingSource(roots)
	if len(extra) > 0 && slices.ContainsFunc(patterns, isFile) {
		// Named .go files make a package of their own, and go list takes
		// no import path beside them: read everything from source instead.
		return load(patterns, tests, DepsAll)
	}
	if len(extra) > 0 {
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

// missingSource returns the import paths of the packages that roots depend
// on, that belong to a root's module or a main module, and that were not
// loaded as roots (so came from export data, or from source without
// function bodies).
func missingSource(roots []*packages.Package) []string {
	modules := make(map[string]bool)
	isRoot := make(map[*packages.Package]bool, len(roots))
	for _, p := range roots {
		isRoot[p] = true
		if p.Module != nil {
			modules[p.Module.Path] = true
		}
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

// cutAtExportData removes, from every package, the imports of packages
// that are not in full: those read from export data, and those checked
// without function bodies. The checker walks Imports to decide where facts
// must be computed, and would run the analyzers on packages that have
// nothing to analyze; the type checker has already used the packages, so
// the types are complete either way.
func cutAtExportData(roots []*packages.Package, full map[*packages.Package]bool) {
	for p := range packages.Postorder(roots) {
		for path, imp := range p.Imports {
			if !full[imp] {
				delete(p.Imports, path)
			}
		}
	}
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
