package keyage

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keylint/keylint/analyzers/internal/jwtlib"
)

// This file computes lifetimes: an expiry minus now, when both are known.

// expiryAt reads an expiry value; its lifetime is known when it is now
// plus a constant: time.Now().Add(24*time.Hour), jwt.NewNumericDate(…),
// time.Now().Unix() + 3600, time.Now().AddDate(0, 0, 30).
func (c *checker) expiryAt(e ast.Expr) expiry {
	exp := expiry{known: true, set: true, at: e}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && id.Name == "nil" {
		return expiry{known: true} // an explicit nil expiry is none
	}
	if d, ok := c.lifetime(e, 0); ok {
		exp.lifetime, exp.constant = d, true
	}
	return exp
}

func (c *checker) lifetime(e ast.Expr, depth int) (time.Duration, bool) {
	if depth > 6 {
		return 0, false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return c.lifetime(x.X, depth+1)
		}
	case *ast.CompositeLit:
		// &jwt.NumericDate{Time: t} or {t}
		if len(x.Elts) == 1 {
			v := x.Elts[0]
			if kv, ok := v.(*ast.KeyValueExpr); ok {
				v = kv.Value
			}
			return c.lifetime(v, depth+1)
		}
	case *ast.BinaryExpr:
		// time.Now().Unix() + 3600
		if x.Op == token.ADD && c.isNowUnix(x.X) {
			if tv := c.pass.TypesInfo.Types[x.Y]; tv.Value != nil {
				if s, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
					return time.Duration(s) * time.Second, true
				}
			}
		}
	case *ast.CallExpr:
		return c.callLifetime(x, depth)
	}
	return 0, false
}

func (c *checker) callLifetime(call *ast.CallExpr, depth int) (time.Duration, bool) {
	if tv := c.pass.TypesInfo.Types[call.Fun]; tv.IsType() && len(call.Args) == 1 {
		return c.lifetime(call.Args[0], depth+1) // int64(…), float64(…)
	}
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return 0, false
	}
	if jwtlib.IsObject(fn, "NewNumericDate", "At") && len(call.Args) == 1 {
		return c.lifetime(call.Args[0], depth+1)
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "time" {
		return 0, false
	}
	switch fn.Name() {
	case "Unix", "UTC", "Local", "Round", "Truncate", "UnixMilli":
		return c.lifetime(sel.X, depth+1)
	case "Add":
		if c.isNow(sel.X) && len(call.Args) == 1 {
			return c.constDuration(call.Args[0])
		}
	case "AddDate":
		if c.isNow(sel.X) && len(call.Args) == 3 {
			return c.addDate(call.Args)
		}
	}
	return 0, false
}

func (c *checker) addDate(args []ast.Expr) (time.Duration, bool) {
	var n [3]int64
	for i, a := range args {
		tv := c.pass.TypesInfo.Types[a]
		if tv.Value == nil {
			return 0, false
		}
		v, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok {
			return 0, false
		}
		n[i] = v
	}
	return time.Duration(n[0]*365+n[1]*30+n[2]) * day, true
}

// constDuration returns the value of a constant duration expression.
func (c *checker) constDuration(e ast.Expr) (time.Duration, bool) {
	tv := c.pass.TypesInfo.Types[e]
	if tv.Value == nil {
		return 0, false
	}
	v, ok := constant.Int64Val(constant.ToInt(tv.Value))
	return time.Duration(v), ok
}

// isNow reports whether e is time.Now(), possibly normalised
// (time.Now().UTC()).
func (c *checker) isNow(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "time" {
		return false
	}
	switch fn.Name() {
	case "Now":
		return true
	case "UTC", "Local", "Round", "Truncate":
		sel, ok := call.Fun.(*ast.SelectorExpr)
		return ok && c.isNow(sel.X)
	}
	return false
}

func (c *checker) isNowUnix(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Unix" && c.isNow(sel.X)
}

func (c *checker) constStringOf(e ast.Expr) (string, bool) {
	tv := c.pass.TypesInfo.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}
