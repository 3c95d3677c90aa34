// Package httpsrc recognises what an HTTP handler reads from a request and
// what it hands back to a browser, across net/http, gin, echo and chi: the
// header, query, form, cookie and path reads; cookie writes; session writes
// (gorilla/sessions, scs, gin-contrib/sessions); values stored as the
// request's principal; and responses meant for a browser (HTML, redirects).
//
// Every function takes the type information of the package and one call,
// and matches the callee by package path, receiver type and name, so an
// aliased import or a wrapper type of the same name in another package is
// told apart.
package httpsrc

import (
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// Kind is the part of a request a value is read from.
type Kind int

// The parts of a request.
const (
	Header Kind = iota + 1
	Query
	Form
	// FormOrQuery is (*http.Request).FormValue and echo's FormValue,
	// which read the URL query as well as the body.
	FormOrQuery
	Cookie
	Path
)

// String returns the part as a noun phrase for messages.
func (k Kind) String() string {
	switch k {
	case Header:
		return "header"
	case Query:
		return "query parameter"
	case Form:
		return "form field"
	case FormOrQuery:
		return "form or query value"
	case Cookie:
		return "cookie"
	case Path:
		return "path parameter"
	}
	return "request"
}

// InURL reports whether values of kind k may come from the URL's query.
func (k Kind) InURL() bool { return k == Query || k == FormOrQuery }

// Read is one read of a named value from a request.
type Read struct {
	Kind Kind
	// Name is the header, parameter or cookie name when it is a constant,
	// otherwise "".
	Name string
	// Call is the call that reads it.
	Call *ast.CallExpr
}

const (
	netHTTP  = "net/http"
	netURL   = "net/url"
	ginPkg   = "github.com/gin-gonic/gin"
	echoV4   = "github.com/labstack/echo/v4"
	echoV5   = "github.com/labstack/echo/v5"
	chiV5    = "github.com/go-chi/chi/v5"
	chiOld   = "github.com/go-chi/chi"
	gorilla  = "github.com/gorilla/sessions"
	scsV2    = "github.com/alexedwards/scs/v2"
	ginSess  = "github.com/gin-contrib/sessions"
	stdCtx   = "context"
	template = "html/template"
)

// callee describes the function a call resolves to.
type callee struct {
	pkg, recv, name string
}

func calleeOf(info *types.Info, call *ast.CallExpr) (callee, bool) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return callee{}, false
	}
	c := callee{pkg: fn.Pkg().Path(), name: fn.Name()}
	if recv := fn.Signature().Recv(); recv != nil {
		c.recv = typeName(recv.Type())
	}
	return c, true
}

func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

func isEcho(pkg string) bool { return pkg == echoV4 || pkg == echoV5 }

// RequestRead reports whether call reads a named value from a request,
// and which.
func RequestRead(info *types.Info, call *ast.CallExpr) (Read, bool) {
	c, ok := calleeOf(info, call)
	if !ok {
		return Read{}, false
	}
	kind := readKind(info, call, c)
	if kind == 0 {
		return Read{}, false
	}
	r := Read{Kind: kind, Call: call}
	if arg := nameArg(c, call); arg != nil {
		r.Name, _ = constString(info, arg)
	}
	return r, true
}

func readKind(info *types.Info, call *ast.CallExpr, c callee) Kind {
	k := c.kind()
	if k == Header && c.pkg == netHTTP && !isRequestHeader(info, call) {
		return 0 // w.Header().Get: the response being written
	}
	return k
}

// ReadFunc returns the part of a request that a call of fn reads, or 0,
// for callers that have the callee but not the call's syntax, such as an
// SSA analysis. Unlike RequestRead it cannot tell a request's header from
// a response's: (http.Header).Get gives Header, and the caller checks the
// receiver.
func ReadFunc(fn *types.Func) Kind {
	if fn.Pkg() == nil {
		return 0
	}
	c := callee{pkg: fn.Pkg().Path(), name: fn.Name()}
	if recv := fn.Signature().Recv(); recv != nil {
		c.recv = typeName(recv.Type())
	}
	return c.kind()
}

// kind returns the part of a request that a call of c reads, or 0.
func (c callee) kind() Kind {
	switch {
	case c.pkg == netHTTP && c.recv == "Request":
		switch c.name {
		case "FormValue":
			return FormOrQuery
		case "PostFormValue":
			return Form
		case "Cookie":
			return Cookie
		case "PathValue":
			return Path
		}
	case c.pkg == netHTTP && c.recv == "Header" && c.name == "Get":
		return Header
	case c.pkg == netURL && c.recv == "Values" && c.name == "Get":
		return Query
	case c.pkg == ginPkg && c.recv == "Context":
		switch c.name {
		case "GetHeader":
			return Header
		case "Query", "DefaultQuery", "GetQuery":
			return Query
		case "PostForm", "DefaultPostForm", "GetPostForm":
			return Form
		case "Cookie":
			return Cookie
		case "Param":
			return Path
		}
	case isEcho(c.pkg) && c.recv == "Context":
		switch c.name {
		case "QueryParam":
			return Query
		case "FormValue":
			return FormOrQuery
		case "Cookie":
			return Cookie
		case "Param":
			return Path
		}
	case (c.pkg == chiV5 || c.pkg == chiOld) && c.recv == "" && c.name == "URLParam":
		return Path
	}
	return 0
}

// isRequestHeader reports whether the receiver of a Header.Get call is
// the Header of a request, not of a response being written.
func isRequestHeader(info *types.Info, call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	hdr, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok || hdr.Sel.Name != "Header" {
		return false
	}
	return typeName(info.TypeOf(hdr.X)) == "Request" && isPkgType(info.TypeOf(hdr.X), netHTTP)
}

func isPkgType(t types.Type, pkg string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg
}

// nameArg returns the argument of a read that names the value.
func nameArg(c callee, call *ast.CallExpr) ast.Expr {
	i := 0
	if c.name == "URLParam" {
		i = 1 // chi.URLParam(r, "name")
	}
	if i < len(call.Args) {
		return call.Args[i]
	}
	return nil
}

func constString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}
