package outbound

import (
	"go/ast"
	"go/types"
	"net/url"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// headerHost returns the host of the request whose header x is: req.Header
// where req was made by http.NewRequest with a constant URL in body.
func (f *Finder) headerHost(x ast.Expr, body *ast.BlockStmt) string {
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Header" {
		return ""
	}
	return f.requestHost(sel.X, body)
}

// requestHost returns the host of the *http.Request req, when req is a
// local variable made by http.NewRequest or NewRequestWithContext.
//
// Limitation: requests passed in as parameters (a RoundTripper, a helper
// taking *http.Request) have no known host.
func (f *Finder) requestHost(req ast.Expr, body *ast.BlockStmt) string {
	id, ok := ast.Unparen(req).(*ast.Ident)
	if !ok {
		return ""
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || isPackageLevel(v) {
		return ""
	}
	for _, val := range assignedValues(f.info, body, v) {
		call, ok := ast.Unparen(val).(*ast.CallExpr)
		if !ok {
			continue
		}
		fn, _ := typeutil.Callee(f.info, call).(*types.Func)
		if fn == nil || pkgPath(fn.Pkg()) != "net/http" {
			continue
		}
		switch {
		case fn.Name() == "NewRequest" && len(call.Args) == 3:
			return f.hostOf(call.Args[1], body, 0)
		case fn.Name() == "NewRequestWithContext" && len(call.Args) == 4:
			return f.hostOf(call.Args[2], body, 0)
		}
	}
	return ""
}

// hostOf returns the host of a URL expression: a constant, a concatenation
// or fmt.Sprintf whose constant start holds scheme and host, or a local
// variable assigned one of those.
func (f *Finder) hostOf(e ast.Expr, body *ast.BlockStmt, depth int) string {
	if depth > maxDepth {
		return ""
	}
	e = ast.Unparen(e)
	if s, ok := f.constString(e); ok {
		return hostPrefix(s)
	}
	switch x := e.(type) {
	case *ast.BinaryExpr:
		return f.hostOf(x.X, body, depth+1)
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(f.info, x).(*types.Func)
		if fn != nil && pkgPath(fn.Pkg()) == "fmt" && fn.Name() == "Sprintf" &&
			len(x.Args) > 0 {
			return f.hostOf(x.Args[0], body, depth+1)
		}
	case *ast.Ident:
		v, ok := f.info.Uses[x].(*types.Var)
		if !ok || isPackageLevel(v) {
			return ""
		}
		vals := assignedValues(f.info, body, v)
		if len(vals) == 1 {
			return f.hostOf(vals[0], body, depth+1)
		}
	}
	return ""
}

// hostPrefix returns the host of a URL or of the start of one, such as
// "https://api.example.com/v1/" or "https://api.example.com/%s", or "" when
// the host is not all there.
func hostPrefix(s string) string {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || scheme == "" || strings.ContainsAny(scheme, "/%{") {
		return ""
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		// The host may continue in what is appended to the prefix.
		if !strings.Contains(s, ".") || strings.HasSuffix(rest, ".") {
			return ""
		}
		end = len(rest)
	}
	u, err := url.Parse(scheme + "://" + rest[:end])
	if err != nil || strings.ContainsAny(u.Host, "%{}$") {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// Domain returns the registrable part of host, approximated by its last two
// labels (three when the second-level label is short, as in example.co.uk),
// so that api.stripe.com and files.stripe.com are one consumer. An IP
// address or a single label is returned whole.
func Domain(host string) string {
	labels := strings.Split(host, ".")
	if len(labels) <= 2 || isNumeric(labels[len(labels)-1]) {
		return host
	}
	n := 2
	if len(labels[len(labels)-2]) <= 3 && len(labels[len(labels)-1]) == 2 {
		n = 3
	}
	if n > len(labels) {
		n = len(labels)
	}
	return strings.Join(labels[len(labels)-n:], ".")
}

func isNumeric(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
