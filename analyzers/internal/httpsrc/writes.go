package httpsrc

import (
	"go/ast"
	"go/types"
	"strings"
)

// This file recognises what a handler writes: cookies, sessions, the
// request's principal, and responses meant for a browser.

// CookieWrite is one cookie set on a response.
type CookieWrite struct {
	// Name and Value are the cookie's name and value expressions; either
	// is nil when the cookie is built elsewhere.
	Name, Value ast.Expr
	// Cookie is the *http.Cookie expression, when there is one.
	Cookie ast.Expr
}

// SetCookie reports whether call sets a cookie on a response:
// http.SetCookie, gin's SetCookie and echo's SetCookie.
func SetCookie(info *types.Info, call *ast.CallExpr) (CookieWrite, bool) {
	c, ok := calleeOf(info, call)
	if !ok {
		return CookieWrite{}, false
	}
	switch {
	case c.pkg == netHTTP && c.recv == "" && c.name == "SetCookie" && len(call.Args) == 2:
		return cookieLiteral(call.Args[1]), true
	case isEcho(c.pkg) && c.recv == "Context" && c.name == "SetCookie" && len(call.Args) == 1:
		return cookieLiteral(call.Args[0]), true
	case c.pkg == ginPkg && c.recv == "Context" && c.name == "SetCookie" && len(call.Args) >= 2:
		return CookieWrite{Name: call.Args[0], Value: call.Args[1]}, true
	}
	return CookieWrite{}, false
}

// cookieLiteral reads the Name and Value of &http.Cookie{…}.
func cookieLiteral(e ast.Expr) CookieWrite {
	w := CookieWrite{Cookie: e}
	x := ast.Unparen(e)
	if u, ok := x.(*ast.UnaryExpr); ok {
		x = ast.Unparen(u.X)
	}
	lit, ok := x.(*ast.CompositeLit)
	if !ok {
		return w
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		switch id, _ := kv.Key.(*ast.Ident); {
		case id == nil:
		case id.Name == "Name":
			w.Name = kv.Value
		case id.Name == "Value":
			w.Value = kv.Value
		}
	}
	return w
}

// SessionWrite reports whether call stores into or saves a server-side or
// cookie session: gorilla's Session.Save and sessions.Save, scs's Put and
// RenewToken, gin-contrib's Session.Set and Save.
func SessionWrite(info *types.Info, call *ast.CallExpr) bool {
	c, ok := calleeOf(info, call)
	if !ok {
		return false
	}
	switch c.pkg {
	case gorilla:
		return c.name == "Save"
	case scsV2:
		return c.recv == "SessionManager" && (c.name == "Put" || c.name == "RenewToken")
	case ginSess:
		return c.recv == "Session" && (c.name == "Set" || c.name == "Save")
	}
	return false
}

// IsSessionValues reports whether e is the Values map of a gorilla
// session, as in session.Values["user"] = id.
func IsSessionValues(info *types.Info, e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Values" {
		return false
	}
	t := info.TypeOf(sel.X)
	return typeName(t) == "Session" && isPkgType(t, gorilla)
}

// PrincipalStore reports whether call stores a value for the rest of the
// request, where later handlers read who the caller is: context.WithValue,
// gin's Context.Set and echo's Context.Set. It returns the stored value.
func PrincipalStore(info *types.Info, call *ast.CallExpr) (ast.Expr, bool) {
	c, ok := calleeOf(info, call)
	if !ok {
		return nil, false
	}
	switch {
	case c.pkg == stdCtx && c.name == "WithValue" && len(call.Args) == 3:
		return call.Args[2], true
	case (c.pkg == ginPkg || isEcho(c.pkg)) && c.recv == "Context" && c.name == "Set" &&
		len(call.Args) == 2:
		return call.Args[1], true
	}
	return nil, false
}

// BrowserResponse reports whether call answers with something meant for a
// browser: an HTML page (html/template, gin's HTML, echo's HTML and
// Render) or a redirect.
func BrowserResponse(info *types.Info, call *ast.CallExpr) bool {
	c, ok := calleeOf(info, call)
	if !ok {
		return false
	}
	switch {
	case c.pkg == netHTTP && c.recv == "" && c.name == "Redirect":
		return true
	case c.pkg == template && c.recv == "Template" &&
		(c.name == "Execute" || c.name == "ExecuteTemplate"):
		return true
	case c.pkg == ginPkg && c.recv == "Context":
		return c.name == "HTML" || c.name == "Redirect"
	case isEcho(c.pkg) && c.recv == "Context":
		return c.name == "HTML" || c.name == "HTMLBlob" || c.name == "Render" ||
			c.name == "Redirect"
	case c.pkg == netHTTP && c.recv == "Header" && c.name == "Set" && len(call.Args) == 2:
		k, _ := constString(info, call.Args[0])
		v, _ := constString(info, call.Args[1])
		return strings.EqualFold(k, "Content-Type") && strings.HasPrefix(v, "text/html")
	}
	return false
}
