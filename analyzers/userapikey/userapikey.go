package userapikey

import (
	_ "embed"
	"go/ast"
	"strings"

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

// Options configures an analyzer built by New. It has no fields yet; it is
// there so that options can be added without changing New's signature.
type Options struct{}

// Analyzer reports API keys used to log people in (KL103).
var Analyzer = New(Options{})

// New returns an analyzer that reports API keys used to log people in.
// Every call returns a new analyzer.
func New(opts Options) *analysis.Analyzer {
	rule, ok := rules.ByName(analyzerName)
	if !ok {
		panic("rules catalog has no analyzer " + analyzerName)
	}
	return &analysis.Analyzer{
		Name:     analyzerName,
		Doc:      analyzerdoc.MustSection(docSource, analyzerName),
		URL:      rule.URL(),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			return run(pass, rule.ID)
		},
	}
}

func run(pass *analysis.Pass, ruleID string) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	rep := diag.New(pass, ruleID)
	for fc := range insp.Root().Children() {
		f, ok := fc.Node().(*ast.File)
		if !ok || !wanted(pass, f) {
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

// wanted reports whether f is checked: test files and generated files are
// not.
func wanted(pass *analysis.Pass, f *ast.File) bool {
	tf := pass.Fset.File(f.FileStart)
	if tf == nil || strings.HasSuffix(tf.Name(), "_test.go") {
		return false
	}
	return !ast.IsGenerated(f)
}
