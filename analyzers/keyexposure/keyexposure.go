package keyexposure

import (
	_ "embed"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/keylint/keylint/analyzers/internal/analyzerdoc"
	"github.com/keylint/keylint/analyzers/internal/diag"
	"github.com/keylint/keylint/rules"
)

//go:embed doc.go
var docSource string

const analyzerName = "keyexposure"

// Options configures an analyzer built by New. Each field is also a flag of
// the analyzer, so -keyexposure.sinks sets Sinks on the command line.
type Options struct {
	// Sinks are extra functions that log their arguments, as full names:
	// "example.com/log.Debugf" or "(*example.com/log.Logger).Debugf".
	Sinks []string
	// Sanitizers are extra functions whose result never shows a whole key,
	// as full names like Sinks.
	Sanitizers []string
	// Tests makes the analyzer check _test.go files too.
	Tests bool
}

// Analyzer reports full keys that reach a log, an error or a response
// (KL102), with default options; its flags change them.
var Analyzer = New(Options{})

// New returns an analyzer that reports full keys reaching a log, an error,
// a panic or an HTTP response, with opts as the defaults of its flags.
// Every call returns a new analyzer with its own flags.
func New(opts Options) *analysis.Analyzer {
	rule, ok := rules.ByName(analyzerName)
	if !ok {
		panic("rules catalog has no analyzer " + analyzerName)
	}
	o := &Options{
		Sinks:      append([]string(nil), opts.Sinks...),
		Sanitizers: append([]string(nil), opts.Sanitizers...),
	}
	a := &analysis.Analyzer{
		Name:      analyzerName,
		Doc:       analyzerdoc.MustSection(docSource, analyzerName),
		URL:       rule.URL(),
		FactTypes: []analysis.Fact{new(summaryFact)},
		Run: func(pass *analysis.Pass) (any, error) {
			return run(pass, rule.ID, *o)
		},
	}
	a.Flags.Var((*listFlag)(&o.Sinks), "sinks",
		"comma-separated extra log sinks, as full function names")
	a.Flags.Var((*listFlag)(&o.Sanitizers), "sanitizers",
		"comma-separated extra sanitizers, as full function names")
	a.Flags.BoolVar(&o.Tests, "tests", opts.Tests, "also check _test.go files")
	return a
}

// listFlag is a comma-separated list flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = nil
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			*l = append(*l, f)
		}
	}
	return nil
}

func run(pass *analysis.Pass, ruleID string, opts Options) (any, error) {
	// The sink tables know the standard library and the logging modules,
	// so their own packages need neither facts nor reports.
	if isStd(pass) || knownModule(pass.Pkg.Path()) {
		return nil, nil
	}
	rep := diag.New(pass, ruleID)
	for _, f := range pass.Files {
		rep.ReportDirectiveProblems(f)
	}
	tables := newTables(opts)
	if !worthAnalysing(pass, tables) {
		return nil, nil
	}
	fns := buildSSA(pass)
	c := &checker{
		pass:      pass,
		tables:    tables,
		rep:       rep,
		summaries: make(map[*ssa.Function]*summary),
		tests:     opts.Tests,
	}
	c.solve(fns)
	c.exportFacts(fns)
	return nil, nil
}

// isStd reports whether the pass is over a standard library package: one
// in no module, whose path's first element has no dot. A module's path
// needs no dot (go mod init myapp), and files named on the command line
// make the package command-line-arguments.
//
// Limitation: a GOPATH-mode package whose path has no dot is taken for
// the standard library and not checked.
func isStd(pass *analysis.Pass) bool {
	if pass.Module != nil && pass.Module.Path != "" {
		return false
	}
	path := pass.Pkg.Path()
	first, _, _ := strings.Cut(path, "/")
	return path != "command-line-arguments" && !strings.Contains(first, ".")
}

// buildSSA builds the package in SSA form with debug information, which
// keeps the names of local variables (DebugRef), and returns its functions
// declared in source; closures are analysed with their parents.
//
// The analyzer builds its own SSA rather than requiring buildssa, because
// buildssa drops local names and because a package without credentials is
// skipped before any SSA is built.
func buildSSA(pass *analysis.Pass) []*ssa.Function {
	prog := ssa.NewProgram(pass.Fset, 0)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.SetDebugMode(true)
	pkg.Build()

	var fns []*ssa.Function
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if fn := prog.FuncValue(obj); fn != nil {
				fns = append(fns, fn)
			}
		}
	}
	// Package-level variable initialisers run in init.
	if fn := pkg.Func("init"); fn != nil {
		fns = append(fns, fn)
	}
	return fns
}
