package keyage

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keylint/keylint/analyzers/internal/jwtlib"
)

// This file reports parsing that lets expired tokens through, and key
// records created to live past the policy.

// checkComposite reports jwt.Parser{SkipClaimsValidation: true} and key
// records created with an expiry beyond the API key policy.
func (c *checker) checkComposite(lit *ast.CompositeLit) {
	t := c.pass.TypesInfo.TypeOf(lit)
	if t == nil {
		return
	}
	if jwtlib.IsNamed(t, "Parser") {
		for _, e := range lit.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "SkipClaimsValidation" &&
				c.isTrue(kv.Value) {
				c.rep.Reportf(lit, "jwt.Parser with SkipClaimsValidation accepts "+
					"expired tokens; keep claims validation on")
			}
		}
		return
	}
	c.checkKeyLifetime(lit, t)
}

// checkKeyLifetime reports a key record literal whose expiry lies beyond
// the API key policy.
func (c *checker) checkKeyLifetime(lit *ast.CompositeLit, t types.Type) {
	n, st, ok := keyRecord(t)
	if !ok {
		return
	}
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			return
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		f := fieldNamed(st, id.Name)
		if f == nil || !isExpiryField(f) {
			continue
		}
		if d, ok := c.lifetime(kv.Value, 0); ok && d > c.opts.APIKey {
			c.rep.Reportf(kv.Value, "%s created with a lifetime of %s, beyond the "+
				"%s policy for API keys; expire keys within the policy and rotate them",
				n.Obj().Name(), formatDuration(d), formatDuration(c.opts.APIKey))
		}
	}
}

func fieldNamed(st *types.Struct, name string) *types.Var {
	for i := range st.NumFields() {
		if st.Field(i).Name() == name {
			return st.Field(i)
		}
	}
	return nil
}

func (c *checker) isTrue(e ast.Expr) bool {
	tv := c.pass.TypesInfo.Types[e]
	return tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}

// checkParserAssign reports p.SkipClaimsValidation = true on a jwt.Parser.
func (c *checker) checkParserAssign(as *ast.AssignStmt) {
	for i, l := range as.Lhs {
		sel, ok := l.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "SkipClaimsValidation" || i >= len(as.Rhs) {
			continue
		}
		if jwtlib.IsNamed(c.pass.TypesInfo.TypeOf(sel.X), "Parser") && c.isTrue(as.Rhs[i]) {
			c.rep.Reportf(as, "jwt.Parser with SkipClaimsValidation accepts "+
				"expired tokens; keep claims validation on")
		}
	}
}

// checkIgnoredExpiry reports !errors.Is(err, jwt.ErrTokenExpired): the
// error check that lets expired tokens through.
func (c *checker) checkIgnoredExpiry(u *ast.UnaryExpr) {
	if u.Op != token.NOT {
		return
	}
	call, ok := ast.Unparen(u.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return
	}
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.FullName() != "errors.Is" {
		return
	}
	var target types.Object
	switch x := ast.Unparen(call.Args[1]).(type) {
	case *ast.SelectorExpr:
		target = c.pass.TypesInfo.Uses[x.Sel]
	case *ast.Ident:
		target = c.pass.TypesInfo.Uses[x]
	}
	if jwtlib.IsObject(target, "ErrTokenExpired") {
		c.rep.Reportf(u, "expired tokens accepted: ErrTokenExpired is left out of "+
			"the error check; treat it as a failure")
	}
}
