package keyage

import (
	"go/ast"
	"go/types"
	"slices"
	"time"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/keylint/keylint/analyzers/internal/credname"
	"github.com/keylint/keylint/analyzers/internal/jwtlib"
)

// This file checks tokens minted with golang-jwt: whether they expire,
// and which lifetime policy applies to them.

// tokenClass is the policy a minted token falls under.
type tokenClass int

const (
	accessToken tokenClass = iota
	assertion
	refreshToken
	apiKeyToken
)

// expiry is what a mint says about the token's expiry.
type expiry struct {
	known    bool          // the claims were understood
	set      bool          // an expiry is set
	lifetime time.Duration // the expiry minus now, when constant
	constant bool          // lifetime is known
	at       ast.Expr      // the expiry expression, when set
}

// checkCall checks the calls of golang-jwt that mint or parse tokens.
func (c *checker) checkCall(cur inspector.Cursor, call *ast.CallExpr) {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil || !jwtlib.IsPackage(fn.Pkg().Path()) {
		return
	}
	switch fn.Name() {
	case "NewWithClaims":
		if len(call.Args) == 2 {
			c.checkMint(cur, call, call.Args[1])
		}
	case "New":
		if fn.Signature().Recv() != nil {
			return
		}
		if claims := c.claimsSetLater(cur); claims != nil {
			c.checkMint(cur, call, claims)
		}
	case "WithoutClaimsValidation":
		at := call
		if parent, ok := cur.Parent().Node().(*ast.CallExpr); ok {
			at = parent
		}
		c.rep.Reportf(at, "token parsed with WithoutClaimsValidation, so expired "+
			"tokens are accepted; keep claims validation on")
	case "WithLeeway":
		if len(call.Args) == 1 {
			if d, ok := c.constDuration(call.Args[0]); ok && d > c.opts.AccessToken {
				c.rep.Reportf(call, "leeway of %s accepts tokens long after they "+
					"expire; keep leeway to seconds", formatDuration(d))
			}
		}
	}
}

// checkMint checks the expiry of the claims of jwt.NewWithClaims.
func (c *checker) checkMint(cur inspector.Cursor, call *ast.CallExpr, claims ast.Expr) {
	body := enclosingBody(cur)
	exp := c.claimsExpiry(body, claims)
	if !exp.known {
		return
	}
	class := c.classify(cur, claims)
	if !exp.set {
		remedy := "set exp (ExpiresAt) to at most " + formatDuration(c.limit(class))
		if class == refreshToken {
			remedy = "set exp (ExpiresAt) and rotate refresh tokens on use"
		}
		c.rep.Reportf(call, "%s minted with no expiry; %s", class.noun(), remedy)
		return
	}
	if !exp.constant || class == refreshToken {
		return
	}
	if limit := c.limit(class); exp.lifetime > limit {
		c.rep.Reportf(exp.at, "%s minted with a lifetime of %s, beyond the %s policy; %s",
			class.noun(), formatDuration(exp.lifetime), formatDuration(limit),
			class.remedy())
	}
}

func (c *checker) limit(class tokenClass) time.Duration {
	switch class {
	case assertion:
		return c.opts.Assertion
	case apiKeyToken:
		return c.opts.APIKey
	}
	return c.opts.AccessToken
}

func (t tokenClass) noun() string {
	switch t {
	case assertion:
		return "client assertion"
	case refreshToken:
		return "refresh token"
	case apiKeyToken:
		return "API key token"
	}
	return "token"
}

func (t tokenClass) remedy() string {
	switch t {
	case assertion:
		return "mint a fresh short-lived assertion for each request"
	case apiKeyToken:
		return "rotate keys within the policy"
	}
	return "issue short-lived access tokens with a refresh token"
}

// classify decides which policy a mint falls under from the names around
// it: the enclosing function and the claims variable.
func (c *checker) classify(cur inspector.Cursor, claims ast.Expr) tokenClass {
	var names []string
	if id, ok := ast.Unparen(claims).(*ast.Ident); ok {
		names = append(names, id.Name)
	}
	for n := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.AssignStmt)(nil)) {
		switch n := n.Node().(type) {
		case *ast.FuncDecl:
			names = append(names, n.Name.Name)
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					names = append(names, id.Name)
				}
			}
		}
	}
	for _, name := range names {
		words := credname.Words(name)
		for i, w := range words {
			switch {
			case w == "assertion" || w == "assertions":
				return assertion
			case w == "refresh":
				return refreshToken
			case w == "apikey" || w == "key" && i > 0 && words[i-1] == "api":
				return apiKeyToken
			}
		}
	}
	return accessToken
}

// enclosingBody returns the body of the function around cur, or nil.
func enclosingBody(cur inspector.Cursor) *ast.BlockStmt {
	for n := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := n.Node().(type) {
		case *ast.FuncDecl:
			return n.Body
		case *ast.FuncLit:
			return n.Body
		}
	}
	return nil
}

// claimsSetLater returns the claims of a token made by jwt.New (the call
// at cur) and given its claims afterwards: t := jwt.New(m); t.Claims = c.
// It returns nil unless t is a local variable whose Claims is assigned
// exactly once and which is otherwise only used through its methods and
// fields: a token handed to a helper, or whose claims are read back (as
// in t.Claims.(jwt.MapClaims)["exp"] = …), may get its expiry elsewhere.
//
// Limitation: a token from jwt.New whose claims are never assigned is not
// reported, although it carries no exp: the pattern of asserting t.Claims
// to MapClaims and filling it in is not followed.
func (c *checker) claimsSetLater(cur inspector.Cursor) ast.Expr {
	tok := c.assignedVar(cur)
	if tok == nil {
		return nil
	}
	fn, ok := enclosingFunc(cur)
	if !ok {
		return nil
	}
	var claims ast.Expr
	n := 0
	for id := range fn.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)] != tok {
			continue
		}
		sel, ok := id.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != id.Node() {
			return nil // the token is passed on
		}
		if sel.Sel.Name != "Claims" {
			continue // t.SignedString, t.Header
		}
		as, ok := id.Parent().Parent().Node().(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return nil // the claims are read
		}
		i := slices.Index(as.Lhs, ast.Expr(sel))
		if i < 0 {
			return nil // read on the right-hand side
		}
		claims = as.Rhs[i]
		n++
	}
	if n != 1 {
		return nil
	}
	return claims
}

// assignedVar returns the local variable the expression at cur is assigned
// to or declared with, or nil.
func (c *checker) assignedVar(cur inspector.Cursor) *types.Var {
	e := cur.Node()
	var id *ast.Ident
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 && p.Rhs[0] == e {
			id, _ = p.Lhs[0].(*ast.Ident)
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 && p.Values[0] == e {
			id = p.Names[0]
		}
	}
	if id == nil {
		return nil
	}
	v, _ := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil || v.Parent() == c.pass.Pkg.Scope() {
		return nil
	}
	return v
}

// enclosingFunc returns the cursor of the function declaration or literal
// around cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for n := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return n, true
	}
	return inspector.Cursor{}, false
}
