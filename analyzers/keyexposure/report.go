package keyexposure

import (
	"go/ast"
	"go/token"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// report turns the diagnostics of the last round into reports, pointing
// at the sink call.
func (c *checker) report() {
	calls := make(map[token.Pos]*ast.CallExpr)
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				calls[call.Lparen] = call
			}
			return true
		})
	}
	ds := slices.SortedFunc(maps.Values(c.found), func(a, b analysis.Diagnostic) int {
		return int(a.Pos - b.Pos)
	})
	for _, d := range ds {
		if call, ok := calls[d.Pos]; ok {
			d.Pos, d.End = call.Pos(), call.End()
		}
		tf := c.pass.Fset.File(d.Pos)
		if tf == nil || !c.tests && strings.HasSuffix(tf.Name(), "_test.go") {
			continue // no position to point at, or a test file
		}
		c.rep.Report(d)
	}
}
