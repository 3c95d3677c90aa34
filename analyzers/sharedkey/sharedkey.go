package sharedkey

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keylint/keylint/analyzers/internal/analyzerdoc"
	"github.com/keylint/keylint/analyzers/internal/diag"
	"github.com/keylint/keylint/analyzers/internal/outbound"
	"github.com/keylint/keylint/rules"
)

//go:embed doc.go
var docSource string

const analyzerName = "sharedkey"

// Options configures an analyzer built by New. Each field is also a flag of
// the analyzer.
type Options struct {
	// Tests makes the analyzer check _test.go files too.
	Tests bool
}

// Analyzer reports one key shared by several consumers or environments
// (KL106), with default options; its flags change them.
var Analyzer = New(Options{})

// New returns an analyzer that reports one key shared by several packages,
// environments or hosts, with opts as the defaults of its flags. Every call
// returns a new analyzer with its own flags.
func New(opts Options) *analysis.Analyzer {
	rule, ok := rules.ByName(analyzerName)
	if !ok {
		panic("rules catalog has no analyzer " + analyzerName)
	}
	o := new(Options)
	a := &analysis.Analyzer{
		Name:      analyzerName,
		Doc:       analyzerdoc.MustSection(docSource, analyzerName),
		URL:       rule.URL(),
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		FactTypes: []analysis.Fact{new(secretsFact)},
		// The facts of a package are needed by its importers even when it
		// has type errors.
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
		Run: func(pass *analysis.Pass) (any, error) {
			return run(pass, rule.ID, *o)
		},
	}
	a.Flags.BoolVar(&o.Tests, "tests", opts.Tests, "also check _test.go files")
	return a
}

// Result is what a pass of the analyzer found: the secrets the package
// writes, in the form its fact carries. It exists for tests and tools; the
// diagnostics are the analyzer's output.
type Result struct {
	Secrets []Occurrence
}

func run(pass *analysis.Pass, ruleID string, opts Options) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:   pass,
		rep:    diag.New(pass, ruleID),
		finder: outbound.NewFinder(pass.TypesInfo, pass.Files),
		seen:   make(map[token.Pos]bool),
		leaks:  make(map[string]bool),
		decls:  make(envGroup),
	}
	for fc := range insp.Root().Children() {
		f, ok := fc.Node().(*ast.File)
		if !ok || !diag.Checked(c.pass, f, opts.Tests, false) {
			continue
		}
		c.rep.ReportDirectiveProblems(f)
		c.collectSecrets(fc)
		c.checkEnvironments(fc)
		c.collectAttaches(fc)
	}
	c.report(c.decls)
	c.checkHosts()
	own := c.checkPackages()
	if c.err != nil {
		return nil, c.err
	}
	return &Result{Secrets: own}, nil
}

// checker holds the state of one pass. Nothing in it outlives the pass.
type checker struct {
	pass   *analysis.Pass
	rep    *diag.Reporter
	finder *outbound.Finder
	// err is why gitleaks' detector could not be built, if it could not.
	err error

	// secrets are the secret values written in this package, in source
	// order, at most one per position.
	secrets []secret
	seen    map[token.Pos]bool
	// leaks caches whether gitleaks matches a value: the same string often
	// recurs in a package, and gitleaks is the expensive step.
	leaks map[string]bool
	// decls are the package-level declarations named by environment.
	decls envGroup
	// attaches are the credentials sent to a known host.
	attaches []outbound.Attach
}

// where returns "file.go:12" for pos: short enough for a message, and the
// same wherever the module is checked out.
func (c *checker) where(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// list joins up to max places, and says how many more there are.
func list(places []string) string {
	const max = 4
	if len(places) <= max {
		return strings.Join(places, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(places[:max], ", "),
		len(places)-max)
}
