package keyexposure

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/keylint/keylint/analyzers/internal/httpsrc"
)

// This file recognises the incoming request in SSA form: its reads, its
// header map.

// isRequestRead reports whether a call reads a value from the incoming
// request: a header (of the request, not of the response being written),
// a query or form value, a cookie, a path parameter.
func isRequestRead(common *ssa.CallCommon, obj *types.Func) bool {
	if pkgPath(obj) == "net/http" && recvName(obj) == "Header" {
		name := obj.Name()
		return (name == "Get" || name == "Values") && len(common.Args) > 0 &&
			isRequestHeader(common.Args[0])
	}
	return httpsrc.ReadFunc(obj) != 0
}

// isRequestHeader reports whether h is a load of the Header field of an
// *http.Request.
func isRequestHeader(h ssa.Value) bool {
	u, ok := h.(*ssa.UnOp)
	if !ok {
		return false
	}
	fa, ok := u.X.(*ssa.FieldAddr)
	return ok && isRequestPtr(fa.X.Type()) && fieldName(fa) == "Header"
}

func fieldName(fa *ssa.FieldAddr) string {
	st, ok := fa.X.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return ""
	}
	return st.Field(fa.Field).Name()
}

// isRequestPtr reports whether t is *http.Request.
func isRequestPtr(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" &&
		n.Obj().Name() == "Request"
}

// incoming reports whether req is the request a handler serves: a
// parameter (of the handler, or of a helper it calls), a captured
// variable, the request of a gin or echo context, or a copy of one of
// these (r.WithContext(ctx)). A request built here with http.NewRequest is
// on its way out.
func incoming(req ssa.Value) bool {
	switch x := req.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return true
	case *ssa.UnOp:
		fa, ok := x.X.(*ssa.FieldAddr)
		return ok && fieldName(fa) == "Request" && isPkgType(fa.X.Type(), "github.com/gin-gonic/gin")
	case *ssa.Call:
		obj := calleeObj(&x.Call)
		if obj == nil {
			return false
		}
		switch path, name := pkgPath(obj), obj.Name(); {
		case path == "github.com/labstack/echo/v4" && name == "Request":
			return true
		case path == "net/http" && (name == "WithContext" || name == "Clone") &&
			len(x.Call.Args) > 0:
			return incoming(x.Call.Args[0])
		}
	}
	return false
}

// isRequestHeaderMap reports whether u loads the Header of the incoming
// request, which holds its Authorization and Cookie headers.
func isRequestHeaderMap(u *ssa.UnOp) bool {
	fa, ok := u.X.(*ssa.FieldAddr)
	return ok && isRequestHeader(u) && incoming(fa.X)
}

// isHeaderMap reports whether t is http.Header.
func isHeaderMap(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" &&
		n.Obj().Name() == "Header"
}

// isPkgType reports whether t, or what it points to, is a named type of
// package path.
func isPkgType(t types.Type, path string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path
}
