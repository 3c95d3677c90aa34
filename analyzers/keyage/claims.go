package keyage

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/keylint/keylint/analyzers/internal/jwtlib"
)

// This file reads the expiry out of the claims handed to a mint.

// claimsExpiry reads the expiry of claims: a composite literal of
// MapClaims, RegisteredClaims, StandardClaims or a struct embedding one,
// or a local variable holding one whose exp may be set later in body.
func (c *checker) claimsExpiry(body *ast.BlockStmt, claims ast.Expr) expiry {
	claims = ast.Unparen(claims)
	if u, ok := claims.(*ast.UnaryExpr); ok && u.Op == token.AND {
		claims = ast.Unparen(u.X)
	}
	switch x := claims.(type) {
	case *ast.CompositeLit:
		return c.literalExpiry(x)
	case *ast.Ident:
		return c.variableExpiry(body, x)
	}
	return expiry{}
}

func (c *checker) literalExpiry(lit *ast.CompositeLit) expiry {
	t := c.pass.TypesInfo.TypeOf(lit)
	if t == nil {
		return expiry{}
	}
	if jwtlib.IsNamed(t, "MapClaims") {
		for _, e := range lit.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				return expiry{}
			}
			key, ok := c.constStringOf(kv.Key)
			if !ok {
				return expiry{} // a computed key may be "exp"
			}
			if key == "exp" {
				return c.expiryAt(kv.Value)
			}
		}
		return expiry{known: true}
	}
	if jwtlib.IsNamed(t, "RegisteredClaims", "StandardClaims") {
		return c.fieldExpiry(lit, "ExpiresAt")
	}
	return c.embeddingExpiry(lit, t)
}

// embeddingExpiry reads a literal of a struct that embeds the registered
// claims: the expiry is inside the embedded field's literal.
func (c *checker) embeddingExpiry(lit *ast.CompositeLit, t types.Type) expiry {
	st, ok := derefStruct(t)
	if !ok {
		return expiry{}
	}
	embedded := ""
	for i := range st.NumFields() {
		f := st.Field(i)
		if f.Embedded() && jwtlib.IsNamed(f.Type(), "RegisteredClaims", "StandardClaims") {
			embedded = f.Name()
		} else if isExpiryField(f) {
			return expiry{} // an expiry of its own, maybe with its own exp tag
		}
	}
	if embedded == "" {
		return expiry{}
	}
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			return expiry{}
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == embedded {
			v := ast.Unparen(kv.Value)
			if u, ok := v.(*ast.UnaryExpr); ok && u.Op == token.AND {
				v = ast.Unparen(u.X)
			}
			inner, ok := v.(*ast.CompositeLit)
			if !ok {
				return expiry{} // built elsewhere
			}
			return c.fieldExpiry(inner, "ExpiresAt")
		}
	}
	return expiry{known: true}
}

func (c *checker) fieldExpiry(lit *ast.CompositeLit, field string) expiry {
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			return expiry{}
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
			return c.expiryAt(kv.Value)
		}
	}
	return expiry{known: true}
}

// variableExpiry follows a local claims variable: its literal, and any
// later assignment of its expiry (claims["exp"] = …, claims.ExpiresAt =
// …). A variable used in any other way is not judged.
func (c *checker) variableExpiry(body *ast.BlockStmt, id *ast.Ident) expiry {
	obj, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || body == nil || obj.Parent() == c.pass.Pkg.Scope() {
		return expiry{}
	}
	var lit *ast.CompositeLit
	var set *expiry
	uses := 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			c.scanClaimsAssign(n, obj, &lit, &set)
			uses -= c.claimWrites(n, obj)
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if c.pass.TypesInfo.Defs[name] == obj && i < len(n.Values) {
					lit, _ = compositeOf(n.Values[i])
				}
			}
		case *ast.Ident:
			if c.pass.TypesInfo.Uses[n] == obj {
				uses++
			}
		}
		return true
	})
	// Writes of single claims (claims["sub"] = …) do not count; of the
	// other uses, one is the mint. Any more (a helper that sets claims, an
	// alias) make the expiry unknown.
	if lit == nil || uses != 1 {
		return expiry{}
	}
	if set != nil {
		return *set
	}
	return c.literalExpiry(lit)
}

func (c *checker) scanClaimsAssign(as *ast.AssignStmt, obj *types.Var,
	lit **ast.CompositeLit, set **expiry) {
	for i, l := range as.Lhs {
		if i >= len(as.Rhs) || len(as.Lhs) != len(as.Rhs) {
			return
		}
		if id, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == obj {
			*lit, _ = compositeOf(as.Rhs[i])
			continue
		}
		if c.isExpiryTarget(l, obj) {
			e := c.expiryAt(as.Rhs[i])
			*set = &e
		}
	}
}

// claimWrites counts the targets of as that write one claim of the
// variable obj: claims["sub"] = …, claims.Subject = ….
func (c *checker) claimWrites(as *ast.AssignStmt, obj *types.Var) int {
	n := 0
	for _, l := range as.Lhs {
		var root ast.Expr
		switch x := l.(type) {
		case *ast.IndexExpr:
			root = x.X
		case *ast.SelectorExpr:
			root = x.X
			if inner, ok := root.(*ast.SelectorExpr); ok {
				root = inner.X
			}
		}
		if id, ok := root.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == obj {
			n++
		}
	}
	return n
}

// isExpiryTarget reports whether l is v["exp"] or v.ExpiresAt (possibly
// through the embedded claims) for the variable obj.
func (c *checker) isExpiryTarget(l ast.Expr, obj *types.Var) bool {
	switch x := l.(type) {
	case *ast.IndexExpr:
		id, ok := x.X.(*ast.Ident)
		key, isConst := c.constStringOf(x.Index)
		return ok && c.pass.TypesInfo.Uses[id] == obj && isConst && key == "exp"
	case *ast.SelectorExpr:
		if x.Sel.Name != "ExpiresAt" {
			return false
		}
		root := x.X
		if inner, ok := root.(*ast.SelectorExpr); ok {
			root = inner.X
		}
		id, ok := root.(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == obj
	}
	return false
}

func compositeOf(e ast.Expr) (*ast.CompositeLit, bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	return lit, ok
}
