// Package outbound finds the places where Go code attaches a credential to
// an outbound request or to a client that sends requests: an Authorization
// or API-key header, basic auth, an OAuth client secret, or an SDK option
// built from a key. For each it tells where the request goes when the code
// says so, and where the credential's value comes from (see Origin).
//
// Calls and types are matched through the type checker by package path,
// receiver and name, never by the text of the code.
package outbound

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// Kind is the way a credential is attached.
type Kind int

// The ways a credential is attached to a request or a client.
const (
	// Bearer is an Authorization header, or a client's auth token.
	Bearer Kind = iota + 1
	// KeyHeader is a header named like a credential, such as X-Api-Key.
	KeyHeader
	// Basic is HTTP basic authentication with a password.
	Basic
	// ClientSecret is the secret of an OAuth client credentials grant.
	ClientSecret
	// SDKKey is an SDK client option or provider built from a static key.
	SDKKey
)

// String returns the kind as a noun phrase for messages.
func (k Kind) String() string {
	switch k {
	case Bearer:
		return "authorization header"
	case KeyHeader:
		return "api key header"
	case Basic:
		return "basic auth password"
	case ClientSecret:
		return "OAuth client secret"
	case SDKKey:
		return "SDK static key"
	}
	return "credential"
}

// Attach is one place where a credential is attached.
type Attach struct {
	// Node is the call, or the key-value pair of a composite literal, that
	// attaches the credential. Diagnostics point at it.
	Node ast.Node
	// Value is the credential, unwrapped from "Bearer "+…, fmt.Sprintf,
	// conversions and base64 encoding.
	Value ast.Expr
	Kind  Kind
	// Header is the header name for Bearer and KeyHeader set on a header.
	Header string
	// API names what attaches the credential, such as "Header.Set" or
	// "option.WithAPIKey".
	API string
	// Pkg is the import path (without a major-version suffix) of the
	// package that declares API.
	Pkg string
	// Host is the host the request goes to, or "" when the code does not
	// say so in constants.
	Host string
	// Func is the body of the function that holds Node, or nil at package
	// level. Origins of local variables are traced inside it.
	Func *ast.BlockStmt
}

// Finder finds attachments in the files of one package. It caches what it
// learns about package-level variables; make one per pass.
type Finder struct {
	info  *types.Info
	inits map[types.Object]ast.Expr
	files []*ast.File
}

// NewFinder returns a finder for a package with the given type information
// and syntax.
func NewFinder(info *types.Info, files []*ast.File) *Finder {
	return &Finder{info: info, files: files}
}

// All returns the attachments under root, in source order.
func (f *Finder) All(root inspector.Cursor) []Attach {
	var out []Attach
	filter := []ast.Node{(*ast.CallExpr)(nil), (*ast.CompositeLit)(nil),
		(*ast.AssignStmt)(nil)}
	for cur := range root.Preorder(filter...) {
		body := enclosingBody(cur)
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			out = f.call(out, n, body)
		case *ast.CompositeLit:
			out = f.composite(out, n, body)
		case *ast.AssignStmt:
			out = f.assign(out, n, body)
		}
	}
	return out
}

func enclosingBody(cur inspector.Cursor) *ast.BlockStmt {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := c.Node().(type) {
		case *ast.FuncDecl:
			return fn.Body
		case *ast.FuncLit:
			return fn.Body
		}
	}
	return nil
}

// callAPI is a function or method that attaches the credential at arg.
type callAPI struct {
	pkg, recv, name string
	arg             int
	kind            Kind
	header          int // index of a header-name argument, or -1
}

var callAPIs = []callAPI{
	{"net/http", "Request", "SetBasicAuth", 1, Basic, -1},
	{"net/http", "Header", "Set", 1, 0, 0},
	{"net/http", "Header", "Add", 1, 0, 0},
	{"net/textproto", "MIMEHeader", "Set", 1, 0, 0},
	{"net/textproto", "MIMEHeader", "Add", 1, 0, 0},
	{"github.com/go-resty/resty", "Client", "SetAuthToken", 0, Bearer, -1},
	{"github.com/go-resty/resty", "Client", "SetBasicAuth", 1, Basic, -1},
	{"github.com/go-resty/resty", "Client", "SetHeader", 1, 0, 0},
	{"github.com/go-resty/resty", "Request", "SetAuthToken", 0, Bearer, -1},
	{"github.com/go-resty/resty", "Request", "SetBasicAuth", 1, Basic, -1},
	{"github.com/go-resty/resty", "Request", "SetHeader", 1, 0, 0},
	{"google.golang.org/api/option", "", "WithAPIKey", 0, SDKKey, -1},
	{"github.com/aws/aws-sdk-go-v2/credentials", "",
		"NewStaticCredentialsProvider", 1, SDKKey, -1},
	{"github.com/aws/aws-sdk-go/aws/credentials", "",
		"NewStaticCredentials", 1, SDKKey, -1},
	{"golang.org/x/oauth2", "", "StaticTokenSource", 0, Bearer, -1},
}

func (f *Finder) call(out []Attach, call *ast.CallExpr, body *ast.BlockStmt) []Attach {
	fn, _ := typeutil.Callee(f.info, call).(*types.Func)
	if fn == nil {
		return out
	}
	api, ok := lookupCall(fn)
	if !ok || api.arg >= len(call.Args) {
		return out
	}
	// A method is only read when called on a value (req.Header.Set), not as
	// a method expression (http.Header.Set(h, …)), whose arguments shift.
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if api.recv != "" {
		if s := f.info.Selections[sel]; sel == nil || s == nil || s.Kind() != types.MethodVal {
			return out
		}
	}
	a := Attach{Node: call, Kind: api.kind, Pkg: api.pkg, Func: body,
		API: apiName(api.pkg, api.recv, api.name)}
	if api.header >= 0 {
		name, ok := f.constString(call.Args[api.header])
		if !ok {
			return out
		}
		a.Kind, a.Header = headerKind(name), name
		if a.Kind == 0 {
			return out
		}
	}
	if api.recv == "Header" && f.isResponseHeader(sel.X) {
		return out // a response goes back to the caller, not out
	}
	a.Value = f.unwrap(call.Args[api.arg])
	if api.name == "StaticTokenSource" {
		a.Value = f.tokenField(call.Args[0])
	}
	if a.Value == nil {
		return out
	}
	if api.pkg == "net/http" && api.recv == "Request" {
		a.Host = f.requestHost(sel.X, body)
	} else if api.recv == "Header" || api.recv == "MIMEHeader" {
		a.Host = f.headerHost(sel.X, body)
	}
	return append(out, a)
}

// isResponseHeader reports whether h is w.Header() of an
// http.ResponseWriter or the Header of an *http.Response.
func (f *Finder) isResponseHeader(h ast.Expr) bool {
	var base ast.Expr
	switch x := ast.Unparen(h).(type) {
	case *ast.CallExpr:
		sel, ok := x.Fun.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		base = sel.X
	case *ast.SelectorExpr:
		base = x.X
	default:
		return false
	}
	tv, ok := f.info.Types[base]
	if !ok {
		return false
	}
	pkg, name := namedType(tv.Type)
	return pkg == "net/http" && (name == "ResponseWriter" || name == "Response")
}

func apiName(pkg, recv, name string) string {
	if recv != "" {
		return recv + "." + name
	}
	return pkg[strings.LastIndex(pkg, "/")+1:] + "." + name
}

// tokenField returns the AccessToken of an &oauth2.Token{…} literal.
func (f *Finder) tokenField(e ast.Expr) ast.Expr {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok {
		e = u.X
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if id, isID := kv.Key.(*ast.Ident); ok && isID && id.Name == "AccessToken" {
			return f.unwrap(kv.Value)
		}
	}
	return nil
}

// composite finds clientcredentials.Config{ClientSecret: …}.
//
// Limitation: http.Header{"X-Api-Key": …} literals and index assignments
// (req.Header["X-Api-Key"] = …) are not read.
func (f *Finder) composite(out []Attach, lit *ast.CompositeLit, body *ast.BlockStmt) []Attach {
	tv, ok := f.info.Types[lit]
	if !ok || !isClientCredentials(tv.Type) {
		return out
	}
	var secret *ast.KeyValueExpr
	host := ""
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		switch id, _ := kv.Key.(*ast.Ident); {
		case id == nil:
		case id.Name == "ClientSecret":
			secret = kv
		case id.Name == "TokenURL":
			host = f.hostOf(kv.Value, body, 0)
		}
	}
	if secret == nil {
		return out
	}
	return append(out, Attach{Node: secret, Value: f.unwrap(secret.Value),
		Kind: ClientSecret, API: "clientcredentials.Config",
		Pkg: clientCredentialsPkg, Host: host, Func: body})
}

// assign finds cfg.ClientSecret = … on a clientcredentials.Config.
func (f *Finder) assign(out []Attach, as *ast.AssignStmt, body *ast.BlockStmt) []Attach {
	if len(as.Lhs) != len(as.Rhs) {
		return out
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "ClientSecret" {
			continue
		}
		tv, ok := f.info.Types[sel.X]
		if !ok || !isClientCredentials(tv.Type) {
			continue
		}
		out = append(out, Attach{Node: as, Value: f.unwrap(as.Rhs[i]),
			Kind: ClientSecret, API: "clientcredentials.Config",
			Pkg: clientCredentialsPkg, Func: body})
	}
	return out
}

const clientCredentialsPkg = "golang.org/x/oauth2/clientcredentials"

func isClientCredentials(t types.Type) bool {
	pkg, name := namedType(t)
	return pkg == clientCredentialsPkg && name == "Config"
}

// headerKind classifies a header name: Authorization, or a name that says
// it carries a credential (X-Api-Key, Private-Token). Others are 0.
func headerKind(name string) Kind {
	switch strings.ToLower(name) {
	case "authorization", "proxy-authorization":
		return Bearer
	case "cookie", "set-cookie":
		return 0
	}
	if credname.IsCredential(name) {
		return KeyHeader
	}
	return 0
}

func lookupCall(fn *types.Func) (callAPI, bool) {
	var path, recv string
	resolved := false
	for _, api := range callAPIs {
		if api.name != fn.Name() {
			continue
		}
		if !resolved {
			path = pkgPath(fn.Pkg())
			recv = recvName(fn)
			resolved = true
		}
		if api.pkg == path && api.recv == recv {
			return api, true
		}
	}
	return callAPI{}, false
}

// majorSuffix matches the major-version element of a module path.
var majorSuffix = regexp.MustCompile(`/v[0-9]+$`)

// pkgPath returns the path of p without a vendor directory and without a
// major-version suffix.
func pkgPath(p *types.Package) string {
	if p == nil {
		return ""
	}
	return CleanPath(p.Path())
}

// CleanPath returns an import path without a vendor directory and without
// a major-version suffix, as the tables of this package spell paths.
func CleanPath(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		path = path[i+len("/vendor/"):]
	}
	return majorSuffix.ReplaceAllString(path, "")
}

func recvName(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	_, name := namedType(sig.Recv().Type())
	return name
}

// namedType returns the package path and name of t or of what t points to.
func namedType(t types.Type) (pkg, name string) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return "", ""
	}
	return pkgPath(n.Obj().Pkg()), n.Obj().Name()
}
