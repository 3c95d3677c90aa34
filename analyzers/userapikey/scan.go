package userapikey

import (
	"fmt"
	"go/ast"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keylint/keylint/analyzers/internal/credname"
	"github.com/keylint/keylint/analyzers/internal/diag"
	"github.com/keylint/keylint/analyzers/internal/httpsrc"
	"github.com/keylint/keylint/analyzers/internal/jwtlib"
)

// funcScan gathers what one function body does with a request: the API
// keys it reads and the sessions, cookies, principals and pages it makes.
// Nested function literals are scanned on their own.
type funcScan struct {
	pass *analysis.Pass
	rep  *diag.Reporter

	keyReads []httpsrc.Read
	// session describes the first session the function issues ("cookie
	// \"sid\"", "a session"), or is "".
	session string
	// jwt is set when the function mints or signs a JWT.
	jwt bool
	// principal names the person type stored as the request's principal.
	principal string
	// person names a person type the function handles at all.
	person string
	// browser is set when the function answers with HTML or a redirect.
	browser bool
}

func (fs *funcScan) scan(body *ast.BlockStmt) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // scanned as a function of its own
		case *ast.CallExpr:
			fs.call(n)
		case *ast.AssignStmt:
			fs.assign(n)
		case ast.Expr:
			if fs.person == "" {
				fs.person = personType(fs.pass.TypesInfo.TypeOf(n))
			}
		}
		return true
	})
}

func (fs *funcScan) call(call *ast.CallExpr) {
	info := fs.pass.TypesInfo
	if fs.person == "" {
		fs.person = personType(info.TypeOf(call))
	}
	if r, ok := httpsrc.RequestRead(info, call); ok {
		fs.read(r)
		return
	}
	if w, ok := httpsrc.SetCookie(info, call); ok {
		fs.cookie(call, w)
		return
	}
	if httpsrc.SessionWrite(info, call) {
		fs.issue("a session")
		return
	}
	if v, ok := httpsrc.PrincipalStore(info, call); ok {
		if p := fs.personOf(v); p != "" && fs.principal == "" {
			fs.principal = p
		}
		return
	}
	if httpsrc.BrowserResponse(info, call) {
		fs.browser = true
		return
	}
	if fn, ok := typeutil.Callee(info, call).(*types.Func); ok &&
		jwtlib.IsObject(fn, "NewWithClaims", "SignedString") {
		fs.jwt = true
	}
}

// read records an API-key read; a key read from a cookie is reported at
// once, as a key kept in a cookie is a login whatever else happens.
func (fs *funcScan) read(r httpsrc.Read) {
	if credname.Classify(r.Name) != credname.APIKey {
		return
	}
	if r.Kind == httpsrc.Cookie {
		fs.rep.Reportf(r.Call, "API key read from cookie %q: a key in a cookie is a "+
			"login that never ends; give people a session and keep API keys for programs",
			r.Name)
		return
	}
	if r.Kind == httpsrc.Path {
		return
	}
	fs.keyReads = append(fs.keyReads, r)
}

func (fs *funcScan) cookie(call *ast.CallExpr, w httpsrc.CookieWrite) {
	name, named := "", false
	if w.Name != nil {
		name, named = fs.constString(w.Name)
	}
	if (named && credname.Classify(name) == credname.APIKey) ||
		(w.Value != nil && fs.carriesAPIKey(w.Value)) {
		what := "a cookie"
		if named {
			what = "cookie " + strconv.Quote(name)
		}
		fs.rep.Reportf(call, "API key stored in %s: browsers keep it and send it with "+
			"every request; give people a session cookie and keep API keys for programs",
			what)
		return
	}
	if named && isSessionCookie(name) {
		fs.issue("cookie " + strconv.Quote(name))
	}
}

func (fs *funcScan) assign(as *ast.AssignStmt) {
	for _, l := range as.Lhs {
		if ix, ok := l.(*ast.IndexExpr); ok && httpsrc.IsSessionValues(fs.pass.TypesInfo, ix.X) {
			fs.issue("a session")
		}
	}
}

func (fs *funcScan) issue(what string) {
	if fs.session == "" {
		fs.session = what
	}
}

// report reports each API-key read of the function by what the function
// does with the caller: starts a session, makes a person the principal,
// or serves a page from a URL that carries the key.
func (fs *funcScan) report() {
	session := fs.session
	if session == "" && fs.jwt && fs.person != "" {
		session = "a " + fs.person + " JWT"
	}
	for _, r := range fs.keyReads {
		src := describe(r)
		switch {
		case session != "":
			fs.rep.Reportf(r.Call, "API key from the %s logs a person in (%s); sign people "+
				"in with a password, SSO or a passkey and give them session tokens; "+
				"keep API keys for programs", src, session)
		case fs.principal != "":
			fs.rep.Reportf(r.Call, "API key from the %s resolves to %s, stored as the "+
				"request's principal; people should sign in for a session; keep API keys "+
				"for programs and service accounts", src, fs.principal)
		case r.Kind.InURL() && fs.browser:
			fs.rep.Reportf(r.Call, "API key taken from the URL (%s) on a route that "+
				"serves browsers: URLs end up in logs, history and Referer headers; "+
				"take it from a header", src)
		}
	}
}

func describe(r httpsrc.Read) string {
	if r.Name == "" {
		return r.Kind.String()
	}
	return fmt.Sprintf("%s %q", r.Kind, r.Name)
}

// carriesAPIKey reports whether e is a value named as an API key: apiKey,
// user.APIKey, key.Value where key is named apiKey.
func (fs *funcScan) carriesAPIKey(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := fs.pass.TypesInfo.Uses[x].(*types.Var)
		return ok && credname.Classify(x.Name) == credname.APIKey
	case *ast.SelectorExpr:
		return credname.Classify(x.Sel.Name) == credname.APIKey
	case *ast.CallExpr:
		if tv := fs.pass.TypesInfo.Types[x.Fun]; tv.IsType() && len(x.Args) == 1 {
			return fs.carriesAPIKey(x.Args[0])
		}
	}
	return false
}

// personOf returns the person type of a principal value: a person, or a
// field of one (user.ID).
func (fs *funcScan) personOf(v ast.Expr) string {
	if p := personType(fs.pass.TypesInfo.TypeOf(v)); p != "" {
		return p
	}
	if sel, ok := ast.Unparen(v).(*ast.SelectorExpr); ok {
		return personType(fs.pass.TypesInfo.TypeOf(sel.X))
	}
	return ""
}

func (fs *funcScan) constString(e ast.Expr) (string, bool) {
	tv := fs.pass.TypesInfo.Types[e]
	if tv.Value == nil {
		return "", false
	}
	s, err := strconv.Unquote(tv.Value.ExactString())
	return s, err == nil
}

// sessionWords are words of cookie names that hold a login.
var sessionWords = map[string]bool{
	"session": true, "sess": true, "sid": true, "auth": true, "login": true,
	"token": true, "jwt": true, "user": true, "remember": true,
	"identity": true, "access": true, "refresh": true,
}

func isSessionCookie(name string) bool {
	if credname.IsCredential(name) {
		return true
	}
	for _, w := range credname.Words(name) {
		if sessionWords[w] {
			return true
		}
	}
	return false
}
