package diag_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/keylint/keylint/analyzers/internal/diag"
)

// literals reports every string literal under rule KL103, as if it were
// that rule's analyzer: directives must name a real rule.
func literals(unscoped bool) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "literals",
		Doc:  "report string literals",
		Run: func(pass *analysis.Pass) (any, error) {
			var opts []diag.Option
			if unscoped {
				opts = append(opts, diag.WithUnscopedProblems())
			}
			rep := diag.New(pass, "KL103", opts...)
			for _, f := range pass.Files {
				rep.ReportDirectiveProblems(f)
				ast.Inspect(f, func(n ast.Node) bool {
					if lit, ok := n.(*ast.BasicLit); ok && lit.Value[0] == '"' {
						rep.Reportf(lit, "literal %s", lit.Value)
					}
					return true
				})
			}
			return nil, nil
		},
	}
}

func TestReporter(t *testing.T) {
	t.Parallel()
	results := analysistest.Run(t, analysistest.TestData(), literals(false), "d")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Category != "KL103" {
				t.Errorf("%v: category %q, want KL103", d.Pos, d.Category)
			}
		}
	}
}

func TestMessage(t *testing.T) {
	t.Parallel()
	if got, want := diag.Message("KL101", "hardcoded key"), "hardcoded key (KL101)"; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
}
