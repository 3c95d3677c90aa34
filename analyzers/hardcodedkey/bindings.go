package hardcodedkey

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/keylint/keylint/analyzers/internal/credname"
	"github.com/keylint/keylint/analyzers/internal/secretlit"
)

// binding says what a constant expression is bound to: a named target, a
// credential sink, or both.
type binding struct {
	// where names the target for messages: `in "stripeKey"`,
	// `passed to net/url.UserPassword`, `compared with "token"`.
	where string
	// kind is the credential the target's name announces, or None.
	kind credname.Kind
	// sink is set when the code itself says the value is a secret (it is
	// handed to SetBasicAuth, a ClientSecret field…); the bar is lower.
	sink bool
	// auth is set for HTTP Authorization values: the scheme is stripped.
	auth bool
	// json is set for sinks that take a JSON key file.
	json bool
	// env is the environment variable a fix reads, or "" for no fix.
	env string
	// decl is the const declaration to turn into var for a fix, if any.
	decl *ast.GenDecl
}

// strength orders bindings of the same value: a sink beats a name, a
// credential name beats any name.
func (b binding) strength() int {
	switch {
	case b.sink:
		return 3
	case b.kind != credname.None:
		return 2
	case b.where != "":
		return 1
	}
	return 0
}

// bind records b for the constant expression value ends in, unless a
// stronger binding is already recorded. Values that are not string
// constants (possibly converted, as in []byte("…")) are ignored. The fix of
// b is dropped unless the constant has type string, which os.Getenv returns.
func (c *checker) bind(value ast.Expr, b binding) {
	target := c.constTarget(value)
	if target == nil {
		return
	}
	if b.env != "" && !isStringType(c.pass.TypesInfo.TypeOf(target)) {
		b.env, b.decl = "", nil
	}
	if old, ok := c.bindings[target]; ok && old.strength() >= b.strength() {
		return
	}
	c.bindings[target] = b
}

// constTarget returns the string constant expression that e is or converts
// (through conversions such as []byte(…)), or nil.
func (c *checker) constTarget(e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		if tv, ok := c.pass.TypesInfo.Types[e]; ok && tv.Value != nil {
			if _, ok := c.constString(e); ok {
				return e
			}
			return nil
		}
		call, ok := e.(*ast.CallExpr)
		if !ok || !c.isConversion(call) {
			return nil
		}
		e = call.Args[0]
	}
}

// named returns the binding of a value to a name, classifying the name.
// env is the base of the environment variable a fix would read, or "".
func (c *checker) named(where, name, env string) binding {
	b := binding{where: where, kind: c.classify(name)}
	// A publishable or public key is meant to be seen.
	if secretlit.IsPublicName(name) {
		b.kind = credname.None
	}
	if env != "" {
		b.env = credname.EnvName(env)
	}
	b.auth = isAuthorization(name)
	return b
}

func (c *checker) bindSpec(cur inspector.Cursor, spec *ast.ValueSpec) {
	if len(spec.Values) != len(spec.Names) {
		return
	}
	decl, _ := cur.Parent().Node().(*ast.GenDecl)
	for i, id := range spec.Names {
		if id.Name == "_" || c.constTarget(spec.Values[i]) == nil {
			continue
		}
		b := c.named("in "+strconv.Quote(id.Name), id.Name, id.Name)
		if decl != nil && decl.Tok == token.CONST {
			b.decl = decl
		}
		c.bind(spec.Values[i], b)
	}
}

func (c *checker) bindAssign(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		if c.constTarget(as.Rhs[i]) == nil {
			continue
		}
		switch l := lhs.(type) {
		case *ast.Ident:
			if l.Name != "_" {
				c.bind(as.Rhs[i], c.named("in "+strconv.Quote(l.Name), l.Name, l.Name))
			}
		case *ast.SelectorExpr:
			display := types.ExprString(l)
			c.bind(as.Rhs[i], c.named("in "+strconv.Quote(display), l.Sel.Name, l.Sel.Name))
		case *ast.IndexExpr:
			if key, ok := c.constString(l.Index); ok {
				c.bind(as.Rhs[i], c.named("under map key "+strconv.Quote(key), key, ""))
			}
		}
	}
}

func (c *checker) bindComposite(cur inspector.Cursor, cl *ast.CompositeLit) {
	t := c.pass.TypesInfo.TypeOf(cl)
	if t == nil {
		return
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		c.bindStructFields(cl, t, u)
	case *types.Map:
		c.bindMapEntries(cl, c.outerBinding(cur))
	case *types.Slice, *types.Array:
		c.bindElements(cl, c.outerBinding(cur))
	}
}

// outerBinding returns the binding of a map, slice or array literal's
// elements to the name the literal itself is bound to: the variable it
// initialises or is assigned to, or the field or map key it is the value
// of. apiKeys = map[string]string{"dev": "…"} binds "…" to apiKeys; a name
// indexed by environment (apiKeysByEnv) is read without the index words.
// Only a credential name binds: other names say nothing of the elements.
//
// Limitation: only the literal's own name counts, so the values of a
// nested literal under a credential name (apiKeys = map[string]map[string]
// string{"dev": {"stripe": "…"}}) are bound to the inner key ("dev").
func (c *checker) outerBinding(cur inspector.Cursor) binding {
	lit := cur.Node()
	name := ""
	switch p := cur.Parent().Node().(type) {
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == lit && i < len(p.Names) {
				name = p.Names[i].Name
			}
		}
	case *ast.AssignStmt:
		for i, v := range p.Rhs {
			if v == lit && i < len(p.Lhs) && len(p.Lhs) == len(p.Rhs) {
				name, _ = c.nameOf(p.Lhs[i])
			}
		}
	case *ast.KeyValueExpr:
		if p.Value == lit {
			if id, ok := p.Key.(*ast.Ident); ok {
				name = id.Name
			} else {
				name, _ = c.constString(p.Key)
			}
		}
	}
	if name == "" {
		return binding{}
	}
	b := c.named("in "+strconv.Quote(name), secretlit.ElementName(name), "")
	if b.kind == credname.None {
		return binding{}
	}
	return b
}

// bindElements binds the string elements of a slice or array literal to
// the name the literal is bound to: tokens = []string{"…"}.
func (c *checker) bindElements(cl *ast.CompositeLit, outer binding) {
	if outer.kind == credname.None {
		return
	}
	for _, elt := range cl.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value // an indexed element: [...]string{2: "…"}
		}
		c.bind(elt, outer)
	}
}

func (c *checker) bindStructFields(cl *ast.CompositeLit, t types.Type, st *types.Struct) {
	for i, elt := range cl.Elts {
		var field string
		value := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			field, value = id.Name, kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i).Name()
		}
		if field == "" || c.constTarget(value) == nil {
			continue
		}
		b := c.named("in field "+strconv.Quote(field), field, field)
		if s, ok := lookupFieldSink(t, field); ok {
			b.sink, b.kind, b.json = true, s.kind, s.json
			b.where = "in field " + strconv.Quote(field) + " of " + s.typeName()
		}
		c.bind(value, b)
	}
}

func (c *checker) bindMapEntries(cl *ast.CompositeLit, outer binding) {
	for _, elt := range cl.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := c.constString(kv.Key)
		if !ok {
			if outer.kind != credname.None {
				c.bind(kv.Value, outer)
			}
			continue
		}
		b := c.named("under map key "+strconv.Quote(key), key, "")
		// A key that names no credential ("dev", "stripe") leaves the
		// value to the map's own name.
		if b.kind == credname.None && outer.kind != credname.None {
			b = outer
			b.where = outer.where + " at key " + strconv.Quote(key)
		}
		// url.Values and http.Header map a key to a list of values.
		// Limitation: only here is a list element bound to a name; the
		// elements of other []string literals stay anonymous.
		if inner, ok := kv.Value.(*ast.CompositeLit); ok {
			for _, v := range inner.Elts {
				c.bind(v, b)
			}
			continue
		}
		c.bind(kv.Value, b)
	}
}

// isAuthorization reports whether a name is that of the HTTP Authorization
// (or Proxy-Authorization) header, whose values start with a scheme.
func isAuthorization(name string) bool {
	ws := credname.Words(name)
	return len(ws) > 0 && ws[len(ws)-1] == "authorization"
}
