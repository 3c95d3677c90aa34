package hardcodedkey

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path"
	"strconv"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// This file binds values that are compared with, handed to or returned as a
// credential.

func (c *checker) bindCompare(be *ast.BinaryExpr) {
	if be.Op != token.EQL && be.Op != token.NEQ {
		return
	}
	for _, pair := range [2][2]ast.Expr{{be.X, be.Y}, {be.Y, be.X}} {
		side, value := pair[0], pair[1]
		if c.constTarget(value) == nil {
			continue
		}
		if name, ok := c.nameOf(side); ok {
			c.bind(value, c.named("compared with "+strconv.Quote(name), name, ""))
		}
	}
}

func (c *checker) bindSwitch(sw *ast.SwitchStmt) {
	if sw.Tag == nil {
		return
	}
	name, ok := c.nameOf(sw.Tag)
	if !ok {
		return
	}
	b := c.named("compared with "+strconv.Quote(name), name, "")
	for _, stmt := range sw.Body.List {
		if cc, ok := stmt.(*ast.CaseClause); ok {
			for _, e := range cc.List {
				c.bind(e, b)
			}
		}
	}
}

// nameOf returns the name of the other side of a comparison: a variable,
// a field, a map key, a method with no argument (cfg.Token()), or the one
// constant argument of a lookup (r.Header.Get("X-Api-Key")).
func (c *checker) nameOf(e ast.Expr) (string, bool) {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x.Name, x.Name != "_"
	case *ast.SelectorExpr:
		return x.Sel.Name, true
	case *ast.StarExpr:
		return c.nameOf(x.X)
	case *ast.IndexExpr:
		return c.constString(x.Index)
	case *ast.CallExpr:
		if len(x.Args) == 0 {
			return c.nameOf(x.Fun)
		}
		if len(x.Args) == 1 && !c.isConversion(x) {
			return c.constString(x.Args[0])
		}
	}
	return "", false
}

func (c *checker) bindCall(call *ast.CallExpr) {
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return
	}
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return
	}
	if isPatternCompiler(fn) {
		// A regular expression that spells a key's fixed prefix, as a
		// detector's rules do, is a pattern, not a key.
		c.patterns[call.Args[0]] = true
		return
	}
	if s, ok := lookupCallSink(fn); ok {
		for _, i := range s.args {
			if i < len(call.Args) {
				c.bind(call.Args[i], binding{
					where: "passed to " + fn.FullName(), kind: s.kind, sink: true,
					json: s.json,
				})
			}
		}
		return
	}
	if isHeaderSetter(fn) && len(call.Args) == 2 {
		c.bindHeader(call)
		return
	}
	c.bindParams(call, fn)
}

// bindHeader binds the value of Header.Set(name, value) when name is an
// Authorization or API-key header.
func (c *checker) bindHeader(call *ast.CallExpr) {
	name, ok := c.constString(call.Args[0])
	if !ok || c.constTarget(call.Args[1]) == nil {
		return
	}
	b := c.named("in header "+strconv.Quote(name), name, "")
	if b.kind == credname.None {
		return
	}
	b.sink = true
	c.bind(call.Args[1], b)
}

// bindParams binds constant arguments to the names of their parameters:
// Connect(host, "…") where the second parameter is named password.
func (c *checker) bindParams(call *ast.CallExpr, fn *types.Func) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return
	}
	params := sig.Params()
	n := params.Len()
	if sig.Variadic() {
		n-- // a variadic parameter's name says little about each element
	}
	for i, arg := range call.Args {
		if i >= n {
			break
		}
		p := params.At(i).Name()
		if p == "" || p == "_" || c.constTarget(arg) == nil {
			continue
		}
		if c.classify(p) == credname.None {
			continue
		}
		where := fmt.Sprintf("passed as parameter %q of %s", p, fn.FullName())
		c.bind(arg, c.named(where, p, ""))
	}
}

// bindReturn binds the result of a function whose name is a credential,
// such as func apiKey() string { return "…" }.
func (c *checker) bindReturn(cur inspector.Cursor, ret *ast.ReturnStmt) {
	if len(ret.Results) != 1 {
		return
	}
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fd, ok := enc.Node().(*ast.FuncDecl)
		if !ok {
			// Limitation: a function literal has no name, even when it is
			// assigned to a variable named as a credential.
			return
		}
		name := fd.Name.Name
		c.bind(ret.Results[0], c.named("returned by "+strconv.Quote(name), name, ""))
		return
	}
}

// isPatternCompiler reports whether fn is a function of a regular
// expression package (regexp, or a drop-in such as grafana/regexp, go-re2,
// regexp2, or a project's own regexp wrapper) that takes a pattern as its
// first argument.
func isPatternCompiler(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	switch path.Base(fn.Pkg().Path()) {
	case "regexp", "regexp2", "go-re2", "re2":
	default:
		return false
	}
	switch fn.Name() {
	case "Compile", "CompilePOSIX", "MustCompile", "MustCompilePOSIX", "Match",
		"MatchString", "MatchReader":
		return true
	}
	return false
}
