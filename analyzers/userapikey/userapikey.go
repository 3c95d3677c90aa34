package userapikey

import (
	_ "embed"
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keylint/keylint/analyzers/internal/analyzerdoc"
	"github.com/keylint/keylint/analyzers/internal/diag"
	"github.com/keylint/keylint/rules"
)

//go:embed doc.go
var docSource string

const analyzerName = "userapikey"

// Options configures an analyzer built by New. Each field is also a flag of
// the analyzer: -userapikey.tests.
type Options struct {
	// Tests makes the analyzer check _test.go files too.
	Tests bool
}

// Analyzer reports API keys used to log people in (KL103).
var Analyzer = New(Options{})

// New returns an analyzer that reports API keys used to log people in.
// Every call returns a new analyzer.
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
		Run: func(pass *analysis.Pass) (any, error) {
			return run(pass, rule.ID, *o)
		},
	}
	a.Flags.BoolVar(&o.Tests, "tests", opts.Tests, "also check _test.go files")
	return a
}

func run(pass *analysis.Pass, ruleID string, opts Options) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	rep := diag.New(pass, ruleID)
	for fc := range insp.Root().Children() {
		f, ok := fc.Node().(*ast.File)
		if !ok || !diag.Checked(pass, f, opts.Tests, false) {
			continue
		}
		rep.ReportDirectiveProblems(f)
		fc.Inspect([]ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)},
			func(cur inspector.Cursor) bool {
				var body *ast.BlockStmt
				switch n := cur.Node().(type) {
				case *ast.FuncDecl:
					body = n.Body
				case *ast.FuncLit:
					body = n.Body
				}
				if body != nil {
					fs := &funcScan{pass: pass, rep: rep}
					fs.scan(body)
					fs.report()
				}
				return true
			})
	}
	return nil, nil
}
