package keyexposure

import (
	"go/ast"
	"go/token"
	"maps"
	"slices"
	"strings"
)

// report turns the findings of the last round into reports, pointing at
// the sink call.
func (c *checker) report() {
	calls := make(map[token.Pos]*ast.CallExpr)
	files := make(map[token.Pos]*ast.File)
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				calls[call.Lparen] = call
				files[call.Lparen] = f
			}
			return true
		})
	}
	fs := slices.SortedFunc(maps.Values(c.found), func(a, b *finding) int {
		return int(a.d.Pos - b.d.Pos)
	})
	for _, fd := range fs {
		d := fd.d
		if call, ok := calls[d.Pos]; ok {
			if fix, ok := c.prefixFix(files[d.Pos], call, fd); ok {
				d.SuggestedFixes = append(d.SuggestedFixes, fix)
			}
			d.Pos, d.End = call.Pos(), call.End()
		}
		tf := c.pass.Fset.File(d.Pos)
		if tf == nil || !c.tests && strings.HasSuffix(tf.Name(), "_test.go") {
			continue // no position to point at, or a test file
		}
		c.rep.Report(d)
	}
}
