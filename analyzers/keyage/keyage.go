package keyage

import (
	_ "embed"
	"go/ast"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keylint/keylint/analyzers/internal/analyzerdoc"
	"github.com/keylint/keylint/analyzers/internal/diag"
	"github.com/keylint/keylint/rules"
)

//go:embed doc.go
var docSource string

const analyzerName = "keyage"

// Options configures an analyzer built by New. Each field is also a flag
// of the analyzer: -keyage.assertion, -keyage.access-token, -keyage.api-key,
// -keyage.tests.
type Options struct {
	// Assertion is the longest lifetime of a client assertion (RFC 7523).
	Assertion time.Duration
	// AccessToken is the longest lifetime of an access token.
	AccessToken time.Duration
	// APIKey is the longest lifetime of an API key given an expiry.
	APIKey time.Duration
	// Tests makes the analyzer check _test.go files too.
	Tests bool
}

// DefaultOptions returns keylint's default policy: assertions live five
// minutes, access tokens an hour and API keys 90 days.
func DefaultOptions() Options {
	return Options{
		Assertion:   5 * time.Minute,
		AccessToken: time.Hour,
		APIKey:      90 * day,
	}
}

const day = 24 * time.Hour

// Analyzer reports keys accepted regardless of their age (KL105), with
// the default policy; its flags change it.
var Analyzer = New(DefaultOptions())

// New returns an analyzer that reports keys accepted regardless of their
// age, with opts as the defaults of its flags. A zero field takes the
// default. Every call returns a new analyzer with its own flags.
func New(opts Options) *analysis.Analyzer {
	rule, ok := rules.ByName(analyzerName)
	if !ok {
		panic("rules catalog has no analyzer " + analyzerName)
	}
	o := withDefaults(opts)
	a := &analysis.Analyzer{
		Name:      analyzerName,
		Doc:       analyzerdoc.MustSection(docSource, analyzerName),
		URL:       rule.URL(),
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		FactTypes: []analysis.Fact{new(checksAge)},
		Run: func(pass *analysis.Pass) (any, error) {
			return run(pass, rule.ID, o)
		},
	}
	a.Flags.Var((*durationFlag)(&o.Assertion), "assertion",
		"longest lifetime of a client assertion (such as 5m)")
	a.Flags.Var((*durationFlag)(&o.AccessToken), "access-token",
		"longest lifetime of an access token (such as 1h)")
	a.Flags.Var((*durationFlag)(&o.APIKey), "api-key",
		"longest lifetime of an API key (such as 90d)")
	a.Flags.BoolVar(&o.Tests, "tests", o.Tests, "also check _test.go files")
	return a
}

func withDefaults(opts Options) *Options {
	d := DefaultOptions()
	if opts.Assertion > 0 {
		d.Assertion = opts.Assertion
	}
	if opts.AccessToken > 0 {
		d.AccessToken = opts.AccessToken
	}
	if opts.APIKey > 0 {
		d.APIKey = opts.APIKey
	}
	d.Tests = opts.Tests
	return &d
}

// checksAge is the fact of a function that reads a key's creation, expiry
// or rotation time, itself or through a function it calls.
type checksAge struct{}

func (*checksAge) AFact()         {}
func (*checksAge) String() string { return "checksAge" }

// checker holds the state of one pass. Nothing in it outlives the pass.
type checker struct {
	pass *analysis.Pass
	rep  *diag.Reporter
	opts *Options
	// ageFuncs are the functions of this package that check a key's age,
	// directly or through their callees.
	ageFuncs map[*types.Func]bool
}

func run(pass *analysis.Pass, ruleID string, opts *Options) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:     pass,
		rep:      diag.New(pass, ruleID),
		opts:     opts,
		ageFuncs: make(map[*types.Func]bool),
	}
	c.computeAgeFuncs()
	for fc := range insp.Root().Children() {
		f, ok := fc.Node().(*ast.File)
		if !ok || !diag.Checked(pass, f, opts.Tests, false) {
			continue
		}
		c.rep.ReportDirectiveProblems(f)
		fc.Inspect(nil, c.visit)
	}
	return nil, nil
}

// visit is the preorder callback over one file.
func (c *checker) visit(cur inspector.Cursor) bool {
	switch n := cur.Node().(type) {
	case *ast.TypeSpec:
		// Types declared in a function (a migration's snapshot of a
		// table) are partial copies of the real record.
		if _, ok := cur.Parent().Parent().Node().(*ast.File); ok {
			c.checkRecordType(n)
		}
	case *ast.FuncDecl:
		c.checkValidation(n)
	case *ast.CallExpr:
		c.checkCall(cur, n)
	case *ast.CompositeLit:
		c.checkComposite(n)
	case *ast.AssignStmt:
		c.checkParserAssign(n)
	case *ast.UnaryExpr:
		c.checkIgnoredExpiry(n)
	}
	return true
}
