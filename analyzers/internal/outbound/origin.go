package outbound

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// Origin is where a credential's value comes from.
type Origin int

// The origins of a credential. Constant, Environment, Config and Global are
// static: the value is fixed for the life of the process.
const (
	// Unknown is a parameter, or a call whose result the package cannot
	// judge.
	Unknown Origin = iota
	// Constant is a literal or a named constant.
	Constant
	// Environment is an environment variable (os.Getenv, os.LookupEnv).
	Environment
	// Config is a struct field named like a credential, or a config
	// library's getter (viper.GetString).
	Config
	// Global is a package-level variable named like a credential.
	Global
	// Minted is a token from an oauth2.TokenSource, a JWT signed in the
	// function, or a cloud credentials chain: short-lived.
	Minted
)

// Static reports whether o is fixed for the life of the process.
func (o Origin) Static() bool { return o >= Constant && o <= Global }

// Source is the origin of a credential with a description for messages,
// such as `environment variable "STRIPE_KEY"`.
type Source struct {
	Origin Origin
	What   string
	// Value is the value of a Constant, for placeholder checks. It must
	// never reach a message.
	Value string
}

// maxDepth bounds how many variables are followed back to their values.
const maxDepth = 4

// SourceOf returns where the credential a.Value comes from.
func (f *Finder) SourceOf(a Attach) Source {
	return f.source(a.Value, a.Func, 0)
}

func (f *Finder) source(e ast.Expr, body *ast.BlockStmt, depth int) Source {
	if e == nil || depth > maxDepth {
		return Source{}
	}
	e = f.unwrap(e)
	if s, ok := f.constString(e); ok {
		return Source{Constant, constName(e), s}
	}
	switch x := e.(type) {
	case *ast.Ident:
		return f.identSource(x, body, depth)
	case *ast.SelectorExpr:
		return f.selectorSource(x, body, depth)
	case *ast.StarExpr:
		return f.source(x.X, body, depth+1)
	case *ast.CallExpr:
		return f.callSource(x)
	}
	return Source{}
}

func constName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return "constant " + strconv.Quote(x.Name)
	case *ast.SelectorExpr:
		return "constant " + strconv.Quote(x.Sel.Name)
	case *ast.BinaryExpr:
		// "Bearer " + key: name the named operand, if there is one.
		for _, op := range []ast.Expr{x.X, x.Y} {
			if n := constName(ast.Unparen(op)); n != "a literal" {
				return n
			}
		}
	}
	return "a literal"
}

// Limitation: a parameter's origin is in the callers, which one pass does
// not see, so a helper that takes the key as an argument is never judged.
func (f *Finder) identSource(id *ast.Ident, body *ast.BlockStmt, depth int) Source {
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok {
		return Source{}
	}
	if isPackageLevel(v) {
		return f.globalSource(v, depth)
	}
	// A local variable: its value is whatever its assignments give it;
	// a parameter has none in the function, so its origin is unknown.
	defs := assignedValues(f.info, body, v)
	if len(defs) == 0 {
		return Source{}
	}
	var first Source
	for i, d := range defs {
		s := f.source(d, body, depth+1)
		if !s.Origin.Static() {
			return s
		}
		if i == 0 {
			first = s
		}
	}
	return first
}

func (f *Finder) globalSource(v *types.Var, depth int) Source {
	if init := f.initOf(v); init != nil {
		if s := f.source(init, nil, depth+1); s.Origin != Unknown {
			return s
		}
	}
	if credname.IsCredential(v.Name()) && isStringLike(v.Type()) {
		return Source{Origin: Global, What: "package variable " + strconv.Quote(v.Name())}
	}
	return Source{}
}

func (f *Finder) selectorSource(sel *ast.SelectorExpr, body *ast.BlockStmt, depth int) Source {
	if s, ok := f.info.Selections[sel]; ok {
		if s.Kind() != types.FieldVal {
			return Source{}
		}
		// The fields of a token come from whoever issued it.
		if pkg, _ := namedType(s.Recv()); pkg == "golang.org/x/oauth2" {
			return Source{Origin: Minted, What: "an OAuth token"}
		}
		// An AWS-style session token is temporary by definition, and so is
		// a token kept beside its expiry time.
		if slices.Contains(credname.Words(sel.Sel.Name), "session") || hasExpiry(s.Recv()) {
			return Source{Origin: Minted, What: "a short-lived token"}
		}
		if issuedHolder(s.Recv()) {
			return Source{Origin: Minted, What: "an issued token"}
		}
		if perCall(s.Recv()) {
			return Source{} // chosen by each caller: the caller is where to judge it
		}
		// The fields of a value a call just returned (tok, err :=
		// fetchToken()) are per call, not configuration.
		if f.fromCall(sel.X, body) {
			return Source{}
		}
		if credname.IsCredential(sel.Sel.Name) && isStringLike(s.Obj().Type()) {
			return Source{Origin: Config, What: "config field " + strconv.Quote(sel.Sel.Name)}
		}
		return Source{}
	}
	// A qualified identifier: a variable of another package.
	if v, ok := f.info.Uses[sel.Sel].(*types.Var); ok {
		return f.globalSource(v, depth)
	}
	return Source{}
}

// issuedHolder reports whether t, or what it points to, is a type named
// for a user's session or a token response (Session, AccessTokenResponse):
// login libraries keep there the tokens a provider issued to one user,
// which are short-lived. A session's configuration (SessionConfig) is not.
func issuedHolder(t types.Type) bool {
	_, name := namedType(t)
	words := credname.Words(name)
	if len(words) == 0 {
		return false
	}
	switch last := words[len(words)-1]; {
	case last == "session":
		return true
	case last == "response" || last == "resp":
		return slices.Contains(words, "token")
	}
	return false
}

// perCall reports whether t, or what it points to, is a type named for the
// options or parameters of one call (QueryOptions, WriteOpts,
// RequestParams): API clients take a credential there from their caller
// per request. A client's options (ClientOptions) are configuration.
func perCall(t types.Type) bool {
	_, name := namedType(t)
	words := credname.Words(name)
	if len(words) < 2 {
		return false
	}
	switch words[len(words)-1] {
	case "options", "opts", "params", "parameters":
	default:
		return false
	}
	switch words[0] {
	case "query", "write", "read", "request", "req", "call", "list", "get", "put",
		"post", "delete", "update", "create":
		return true
	}
	return false
}

// hasExpiry reports whether t, or what it points to, is a struct with a
// field that holds an expiry time (Expiry, ExpiresAt, Expiration).
func hasExpiry(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if strings.Contains(strings.ToLower(st.Field(i).Name()), "expir") {
			return true
		}
	}
	return false
}

// fromCall reports whether x is a local variable whose every value is the
// result of a call other than a conversion.
func (f *Finder) fromCall(x ast.Expr, body *ast.BlockStmt) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || isPackageLevel(v) {
		return false
	}
	vals := assignedValues(f.info, body, v)
	for _, val := range vals {
		call, ok := ast.Unparen(val).(*ast.CallExpr)
		if !ok {
			return false
		}
		if tv, ok := f.info.Types[call.Fun]; ok && tv.IsType() {
			return false
		}
	}
	return len(vals) > 0
}

func (f *Finder) callSource(call *ast.CallExpr) Source {
	fn, _ := typeutil.Callee(f.info, call).(*types.Func)
	if fn == nil {
		return Source{}
	}
	path, name := pkgPath(fn.Pkg()), fn.Name()
	switch {
	case (path == "os" || path == "syscall") &&
		(name == "Getenv" || name == "LookupEnv"):
		if len(call.Args) == 1 {
			if v, ok := f.constString(call.Args[0]); ok {
				return Source{Origin: Environment,
					What: "environment variable " + strconv.Quote(v)}
			}
		}
		return Source{Origin: Environment, What: "an environment variable"}
	case path == "github.com/spf13/viper" && strings.HasPrefix(name, "GetString"):
		return Source{Origin: Config, What: "config key"}
	case name == "Token" || name == "SignedString" || name == "AccessToken" ||
		name == "Sign" || strings.HasPrefix(name, "Mint"):
		return Source{Origin: Minted, What: "a minted token"}
	}
	return Source{}
}

// unwrap strips what wraps a credential without changing where it comes
// from: parentheses, conversions, "Bearer "+x, fmt.Sprintf("Bearer %s", x),
// strings.TrimSpace and base64 encoding.
func (f *Finder) unwrap(e ast.Expr) ast.Expr {
	for range maxDepth * 2 {
		e = ast.Unparen(e)
		switch x := e.(type) {
		case *ast.BinaryExpr:
			next := f.nonConstOperand(x)
			if next == nil {
				return e
			}
			e = next
		case *ast.CallExpr:
			next := f.unwrapCall(x)
			if next == nil {
				return e
			}
			e = next
		default:
			return e
		}
	}
	return e
}

// nonConstOperand returns the one operand of a concatenation that is not
// constant, or nil when the whole is constant or there are several.
func (f *Finder) nonConstOperand(be *ast.BinaryExpr) ast.Expr {
	if be.Op != token.ADD {
		return nil
	}
	if tv, ok := f.info.Types[be]; ok && tv.Value != nil {
		return nil
	}
	var found ast.Expr
	for _, op := range []ast.Expr{be.X, be.Y} {
		if tv, ok := f.info.Types[op]; ok && tv.Value != nil {
			continue
		}
		if found != nil {
			return nil
		}
		found = op
	}
	return found
}

func (f *Finder) unwrapCall(call *ast.CallExpr) ast.Expr {
	if tv, ok := f.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return call.Args[0]
	}
	fn, _ := typeutil.Callee(f.info, call).(*types.Func)
	if fn == nil || len(call.Args) == 0 {
		return nil
	}
	path, name := pkgPath(fn.Pkg()), fn.Name()
	switch {
	case path == "fmt" && name == "Sprintf":
		var found ast.Expr
		for _, arg := range call.Args[1:] {
			if tv, ok := f.info.Types[arg]; ok && tv.Value != nil {
				continue
			}
			if found != nil {
				return nil
			}
			found = arg
		}
		return found
	case path == "strings" && strings.HasPrefix(name, "Trim"):
		return call.Args[0]
	case path == "encoding/base64" && name == "EncodeToString" && len(call.Args) == 1:
		return call.Args[0]
	}
	return nil
}

// constString returns the value of e if it is a string constant.
func (f *Finder) constString(e ast.Expr) (string, bool) {
	tv, ok := f.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// initOf returns the initialiser of a package-level variable of this
// package, or nil.
func (f *Finder) initOf(v *types.Var) ast.Expr {
	if f.inits == nil {
		f.inits = make(map[types.Object]ast.Expr)
		for _, file := range f.files {
			f.collectInits(file)
		}
	}
	return f.inits[v]
}

func (f *Finder) collectInits(file *ast.File) {
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if len(vs.Values) != len(vs.Names) {
				continue
			}
			for i, name := range vs.Names {
				if obj := f.info.Defs[name]; obj != nil {
					f.inits[obj] = vs.Values[i]
				}
			}
		}
	}
}

// Object returns the variable, field or constant that e (after unwrapping)
// names, or nil: what identifies "the same credential" in two places.
func (f *Finder) Object(e ast.Expr) types.Object {
	switch x := f.unwrap(e).(type) {
	case *ast.Ident:
		return f.info.Uses[x]
	case *ast.SelectorExpr:
		return f.info.Uses[x.Sel]
	case *ast.BinaryExpr:
		// A constant concatenation such as "Bearer " + token: the one
		// named operand.
		x1, y1 := f.Object(x.X), f.Object(x.Y)
		if x1 == nil || y1 == nil {
			return cmp.Or(x1, y1)
		}
	}
	return nil
}

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

func isStringLike(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// assignedValues returns the values assigned to the local variable v in
// body: in its declaration and in every later assignment. A value that is
// one result of a multi-value call is the call.
func assignedValues(info *types.Info, body *ast.BlockStmt, v *types.Var) []ast.Expr {
	if body == nil {
		return nil
	}
	var out []ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			out = appendAssigned(out, info, s.Lhs, s.Rhs, v)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(s.Names))
			for i, id := range s.Names {
				lhs[i] = id
			}
			out = appendAssigned(out, info, lhs, s.Values, v)
		case *ast.RangeStmt:
			if isVar(info, s.Key, v) || isVar(info, s.Value, v) {
				out = append(out, s.X)
			}
		}
		return true
	})
	return out
}

func appendAssigned(out []ast.Expr, info *types.Info, lhs, rhs []ast.Expr,
	v *types.Var) []ast.Expr {
	for i, l := range lhs {
		if !isVar(info, l, v) {
			continue
		}
		switch {
		case len(rhs) == len(lhs):
			out = append(out, rhs[i])
		case len(rhs) == 1:
			out = append(out, rhs[0])
		}
	}
	return out
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := e.(*ast.Ident)
	return ok && id != nil && (info.Defs[id] == v || info.Uses[id] == v)
}
