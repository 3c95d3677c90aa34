package keyexposure

import (
	"fmt"
	"go/ast"
	"go/types"
	"go/version"

	"golang.org/x/tools/go/analysis"
)

// fixPrefix is how many bytes of a key the suggested fix keeps: enough to
// tell keys apart in a log, far from enough to use one.
const fixPrefix = 4

// prefixFix returns a fix that logs only a prefix of the key, replacing
// the argument apiKey by apiKey[:min(len(apiKey), 4)], which never panics
// on a short key. It is offered only where the result compiles and
// evaluates nothing new: the key is a string variable or field, passed by
// itself to a log or console sink, in a file of Go 1.21 or later (for
// the builtin min) where min and len are not shadowed.
func (c *checker) prefixFix(file *ast.File, call *ast.CallExpr,
	fd *finding) (analysis.SuggestedFix, bool) {
	if fd.at < 0 || fd.at >= len(call.Args) || call.Ellipsis.IsValid() ||
		fd.fam != famLog && fd.fam != famStdout {
		return analysis.SuggestedFix{}, false
	}
	if !c.argsMatch(call) || !c.builtinsVisible(file, call) {
		return analysis.SuggestedFix{}, false
	}
	arg := call.Args[fd.at]
	key := ast.Unparen(arg)
	if !c.plainOperand(key) || !isString(c.pass.TypesInfo.TypeOf(key)) {
		return analysis.SuggestedFix{}, false
	}
	x := types.ExprString(key)
	verb := "Log"
	if fd.fam == famStdout {
		verb = "Print"
	}
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("%s only the key's first %d characters", verb, fixPrefix),
		TextEdits: []analysis.TextEdit{{
			Pos:     arg.Pos(),
			End:     arg.End(),
			NewText: fmt.Appendf(nil, "%s[:min(len(%s), %d)]", x, x, fixPrefix),
		}},
	}, true
}

// argsMatch reports whether the call's syntax lists the arguments as SSA
// does after the receiver: not a method expression, (*log.Logger).Printf(l,
// …), whose receiver is an argument in the syntax.
func (c *checker) argsMatch(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return true
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	return !ok || s.Kind() != types.MethodExpr
}

// builtinsVisible reports whether the file may use the builtin min (Go
// 1.21) and whether min and len mean the builtins at the call.
func (c *checker) builtinsVisible(file *ast.File, call *ast.CallExpr) bool {
	v := c.pass.TypesInfo.FileVersions[file]
	if v == "" {
		v = c.pass.Pkg.GoVersion()
	}
	if !version.IsValid(v) || version.Compare(v, "go1.21") < 0 {
		return false
	}
	scope := c.pass.Pkg.Scope().Innermost(call.Pos())
	if scope == nil {
		return false
	}
	for _, name := range []string{"min", "len"} {
		if _, obj := scope.LookupParent(name, call.Pos()); obj != types.Universe.Lookup(name) {
			return false
		}
	}
	return true
}

// plainOperand reports whether e is a variable or a chain of field
// selections ending in one (apiKey, cfg.APIKey, pkg.Token), which may be
// evaluated twice with no side effect.
func (c *checker) plainOperand(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		_, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		return ok
	case *ast.SelectorExpr:
		if s, ok := c.pass.TypesInfo.Selections[e]; ok {
			return s.Kind() == types.FieldVal && c.plainOperand(ast.Unparen(e.X))
		}
		// A qualified identifier: pkg.Token.
		_, isVar := c.pass.TypesInfo.Uses[e.Sel].(*types.Var)
		id, ok := e.X.(*ast.Ident)
		if !ok || !isVar {
			return false
		}
		_, isPkg := c.pass.TypesInfo.Uses[id].(*types.PkgName)
		return isPkg
	}
	return false
}

// isString reports whether t is a string type: slicing it gives a string
// of the same type. Byte slices are left alone, as they would print as
// bytes with %v.
func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
