package hardcodedkey

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keylint/keylint/analyzers/internal/analyzerdoc"
	"github.com/keylint/keylint/analyzers/internal/credname"
	"github.com/keylint/keylint/analyzers/internal/diag"
	"github.com/keylint/keylint/analyzers/internal/secretlit"
	"github.com/keylint/keylint/rules"
)

//go:embed doc.go
var docSource string

const analyzerName = "hardcodedkey"

// Options configures an analyzer built by New. Each field is also a flag of
// the analyzer, so -hardcodedkey.tests sets Tests on the command line.
type Options struct {
	// Tests makes the analyzer check _test.go files too.
	Tests bool
	// Generated makes the analyzer check generated files too (those with a
	// "// Code generated … DO NOT EDIT." line).
	Generated bool
}

// Analyzer reports secrets written into Go source (KL101), with default
// options; its flags change them.
var Analyzer = New(Options{})

// New returns an analyzer that reports secrets written into Go source,
// with opts as the defaults of its flags. Every call returns a new analyzer
// with its own flags, so tests can run differently configured analyzers in
// parallel.
func New(opts Options) *analysis.Analyzer {
	rule, ok := rules.ByName(analyzerName)
	if !ok {
		panic("rules catalog has no analyzer " + analyzerName)
	}
	o := new(Options)
	a := &analysis.Analyzer{
		Name:     analyzerName,
		Doc:      analyzerdoc.MustSection(docSource, analyzerName),
		URL:      rule.URL(),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		// Secrets in code that does not compile yet are still secrets.
		RunDespiteErrors: true,
		Run: func(pass *analysis.Pass) (any, error) {
			return run(pass, rule.ID, *o)
		},
	}
	a.Flags.BoolVar(&o.Tests, "tests", opts.Tests, "also check _test.go files")
	a.Flags.BoolVar(&o.Generated, "generated", opts.Generated,
		"also check generated files")
	return a
}

func run(pass *analysis.Pass, ruleID string, opts Options) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:     pass,
		insp:     insp,
		rep:      diag.New(pass, ruleID, diag.WithUnscopedProblems()),
		matches:  make(map[string][]secretlit.Finding),
		kinds:    make(map[string]credname.Kind),
		bindings: make(map[ast.Expr]binding),
		patterns: make(map[ast.Expr]bool),
	}
	for fc := range insp.Root().Children() {
		f, ok := fc.Node().(*ast.File)
		if !ok || !diag.Checked(pass, f, opts.Tests, opts.Generated) {
			continue
		}
		c.file = f
		c.rep.ReportDirectiveProblems(f)
		fc.Inspect(nil, c.visit)
		if c.err != nil {
			return nil, c.err
		}
	}
	return nil, nil
}

// checker holds the state of one pass. Nothing in it outlives the pass.
type checker struct {
	pass *analysis.Pass
	insp *inspector.Inspector
	rep  *diag.Reporter
	file *ast.File

	// err is why gitleaks' detector could not be built, if it could not.
	err error

	// matches caches gitleaks results per value: the same string often
	// recurs in a package, and gitleaks is the expensive step.
	matches map[string][]secretlit.Finding
	// kinds caches credname.Classify per name.
	kinds map[string]credname.Kind
	// bindings maps a constant expression to what it is bound to. Binding
	// nodes (declarations, assignments, calls) enclose their values, so in
	// a preorder walk a value's binding is known before the value is seen.
	bindings map[ast.Expr]binding
	// patterns are the regular expressions handed to package regexp.
	patterns map[ast.Expr]bool
}

// visit is the preorder callback over one file.
func (c *checker) visit(cur inspector.Cursor) bool {
	switch n := cur.Node().(type) {
	case *ast.ImportSpec:
		return false // import paths are not values
	case *ast.ValueSpec:
		c.bindSpec(cur, n)
	case *ast.AssignStmt:
		c.bindAssign(n)
	case *ast.CompositeLit:
		c.bindComposite(cur, n)
	case *ast.BinaryExpr:
		c.bindCompare(n)
	case *ast.SwitchStmt:
		c.bindSwitch(n)
	case *ast.CallExpr:
		c.bindCall(n)
	case *ast.ReturnStmt:
		c.bindReturn(cur, n)
	}
	e, ok := cur.Node().(ast.Expr)
	if !ok {
		return true
	}
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil {
		return true
	}
	// A constant expression is judged whole: its parts are not visited, so
	// a folded concatenation is reported once, not once per operand.
	if tv.Value.Kind() == constant.String {
		c.checkConst(e, constant.StringVal(tv.Value))
	}
	return false
}

// isConstRef reports whether e names a constant declared elsewhere,
// possibly converted: k, pkg.K, T(k).
func (c *checker) isConstRef(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			_, ok := c.pass.TypesInfo.Uses[x].(*types.Const)
			return ok
		case *ast.SelectorExpr:
			_, ok := c.pass.TypesInfo.Uses[x.Sel].(*types.Const)
			return ok
		case *ast.CallExpr:
			if !c.isConversion(x) {
				return false
			}
			e = x.Args[0]
		default:
			return false
		}
	}
}

func (c *checker) isConversion(call *ast.CallExpr) bool {
	if len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return false
	}
	tv, ok := c.pass.TypesInfo.Types[call.Fun]
	return ok && tv.IsType()
}

// classify is credname.Classify, memoised for the pass.
func (c *checker) classify(name string) credname.Kind {
	k, ok := c.kinds[name]
	if !ok {
		k = credname.Classify(name)
		c.kinds[name] = k
	}
	return k
}

// constString returns the value of e if it is a string constant.
func (c *checker) constString(e ast.Expr) (string, bool) {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// isStringType reports whether t is string or untyped string, so that a
// value of type t can be replaced by a call to os.Getenv.
func isStringType(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && (b.Kind() == types.String || b.Kind() == types.UntypedString)
}
