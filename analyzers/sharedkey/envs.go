package sharedkey

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/keylint/keylint/analyzers/internal/credname"
	"github.com/keylint/keylint/analyzers/internal/secretlit"
)

// This file finds per-environment maps, structs, declarations and switches
// that give two environments the same key.

// envWords maps the words that name a deployment environment to one
// spelling, so that "prod" and "production" are one environment.
var envWords = map[string]string{
	"dev": "dev", "develop": "dev", "development": "dev",
	"test": "test", "testing": "test", "qa": "qa", "uat": "uat",
	"stage": "staging", "staging": "staging", "stg": "staging",
	"preprod": "preprod", "prod": "prod", "production": "prod", "prd": "prod",
	"sandbox": "sandbox", "live": "live", "local": "local", "canary": "canary",
}

// envOf returns the environment a name is about and the name's other
// words, or "" when the name has no environment word or more than one.
func envOf(name string) (env, rest string) {
	var others []string
	for _, w := range credname.Words(name) {
		e, ok := envWords[w]
		switch {
		case !ok:
			others = append(others, w)
		case env != "":
			return "", ""
		default:
			env = e
		}
	}
	return env, strings.Join(others, "_")
}

// envEntry is one environment's credential in a per-environment shape.
type envEntry struct {
	env   string
	label string // the key, field or name as written, for messages
	kind  credname.Kind
	ident string // identifies the value: a digest or a variable
	expr  ast.Expr
}

// envGroup collects the entries of one shape, by the path of the
// credential inside each environment's value ("", "APIKey", "DB.Password").
type envGroup map[string][]envEntry

func (g envGroup) add(env, label string, leaves []leaf) {
	for _, l := range leaves {
		g[l.path] = append(g[l.path], envEntry{env, label, l.kind, l.ident, l.expr})
	}
}

// checkEnvironments reports the per-environment literals and switches of
// a file, and collects its package-level declarations into c.decls, which
// run reports once for the whole package.
func (c *checker) checkEnvironments(file inspector.Cursor) {
	for cur := range file.Preorder((*ast.CompositeLit)(nil), (*ast.ValueSpec)(nil),
		(*ast.SwitchStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			c.report(c.literalEnvs(n, bindingName(cur)))
			c.report(c.listEnvs(n))
		case *ast.ValueSpec:
			if isPackageScope(cur) {
				c.declEnvs(c.decls, n)
			}
		case *ast.SwitchStmt:
			c.report(c.switchEnvs(cur, n))
		}
	}
}

// literalEnvs reads a map or struct literal whose keys or fields name
// environments: {"dev": …, "prod": …}, Envs{Staging: …, Prod: …}. The
// values are credentials when the literal is bound to a credential name
// (apiKeys, tokensByEnv), when they are held in credential fields, or,
// for a literal whose keys are all environments, when they look like
// secrets themselves (see anonymousLeaf).
func (c *checker) literalEnvs(lit *ast.CompositeLit, outer string) envGroup {
	g := make(envGroup)
	outer = secretlit.ElementName(outer)
	anonymous := credname.Classify(outer) == credname.None &&
		!namesIdentifiers(outer) && !secretlit.IsPublicName(outer) && c.allKeysEnvs(lit)
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		name, ok := c.keyName(kv.Key)
		if !ok {
			continue
		}
		env, _ := envOf(name)
		if env == "" {
			continue
		}
		leaves := c.leaves(outer, "", kv.Value, 0)
		if len(leaves) == 0 && anonymous {
			leaves = c.anonymousLeaf(kv.Value)
		}
		g.add(env, strconv.Quote(name), leaves)
	}
	return g
}

// identifierWords end names of maps that hold identifiers or places, which
// are the same in several environments by design: zoneIDs, regions, urls.
var identifierWords = map[string]bool{
	"id": true, "ids": true, "url": true, "urls": true, "uri": true,
	"uris": true, "host": true, "hosts": true, "endpoint": true,
	"endpoints": true, "region": true, "regions": true, "zone": true,
	"zones": true, "bucket": true, "buckets": true, "domain": true,
	"domains": true, "name": true, "names": true, "project": true,
	"projects": true, "account": true, "accounts": true, "arn": true,
	"arns": true, "addr": true, "addrs": true, "path": true, "paths": true,
}

func namesIdentifiers(name string) bool {
	words := credname.Words(name)
	return len(words) > 0 && identifierWords[words[len(words)-1]]
}

// allKeysEnvs reports whether every key of lit is an environment name, as
// in {"staging": …, "production": …}: a map that also has a "billing" key
// is keyed by something else.
func (c *checker) allKeysEnvs(lit *ast.CompositeLit) bool {
	n := 0
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return false
		}
		name, ok := c.keyName(kv.Key)
		if !ok {
			return false
		}
		if env, _ := envOf(name); env == "" {
			return false
		}
		n++
	}
	return n >= 2
}

// anonymousLeaf returns e as a secret when nothing names it one but its
// value says so: a constant that gitleaks matches, or one that looks
// random and is not only hex digits (hex values of one environment are
// more often zone, project or account IDs); or a variable, constant or
// field named as a credential (sharedKey, cfg.APIKey).
func (c *checker) anonymousLeaf(e ast.Expr) []leaf {
	e = ast.Unparen(e)
	kind := credname.None
	if name, ok := exprName(e); ok {
		// A variable or constant is judged by its name, as its
		// declaration is.
		if !secretlit.IsPublicName(name) {
			kind = credname.Classify(name)
		}
	} else if s, ok := c.constString(e); ok {
		if c.matches(s) || secretlit.LooksRandom(s) && !isHexDigits(s) {
			kind = credname.Secret
		}
	}
	if kind == credname.None {
		return nil
	}
	id := c.valueIdent(e)
	if id == "" {
		return nil
	}
	return []leaf{{"", kind, id, e}}
}

func isHexDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(s[i])) {
			return false
		}
	}
	return s != ""
}

// listEnvs reads a slice or array of struct literals that each name their
// environment in a field: []Env{{Name: "staging", APIKey: …}, …}.
func (c *checker) listEnvs(lit *ast.CompositeLit) envGroup {
	t := c.pass.TypesInfo.TypeOf(lit)
	if t == nil {
		return nil
	}
	switch t.Underlying().(type) {
	case *types.Slice, *types.Array:
	default:
		return nil
	}
	g := make(envGroup)
	for _, elt := range lit.Elts {
		inner, ok := ast.Unparen(elt).(*ast.CompositeLit)
		if u, isAddr := ast.Unparen(elt).(*ast.UnaryExpr); isAddr && u.Op == token.AND {
			inner, ok = ast.Unparen(u.X).(*ast.CompositeLit)
		}
		if !ok {
			continue
		}
		env, label := c.envField(inner)
		if env == "" {
			continue
		}
		g.add(env, strconv.Quote(label), c.leaves("", "", inner, 0))
	}
	return g
}

// envField returns the environment a struct literal names in a field such
// as Name, Env, Environment or Stage, and the value as written.
func (c *checker) envField(lit *ast.CompositeLit) (env, label string) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return "", ""
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok || !namesEnvField(id.Name) {
			continue
		}
		if v, ok := c.constString(kv.Value); ok {
			if e, rest := envOf(v); e != "" && rest == "" {
				return e, v
			}
		}
	}
	return "", ""
}

// namesEnvField reports whether every word of a field name is one that
// names an environment's label: Name, Env, EnvName, Environment, Stage.
func namesEnvField(name string) bool {
	words := credname.Words(name)
	for _, w := range words {
		switch w {
		case "name", "env", "environment", "stage", "tier":
		default:
			return false
		}
	}
	return len(words) > 0
}

// declEnvs reads package-level declarations named by environment:
// prodAPIKey and devAPIKey, or prodConfig and stagingConfig.
//
// Limitation: local declarations are not read by name, because locals named
// devX and prodX are as often two halves of one computation.
func (c *checker) declEnvs(g envGroup, vs *ast.ValueSpec) {
	for i, id := range vs.Names {
		if i >= len(vs.Values) {
			break
		}
		env, rest := envOf(id.Name)
		if env == "" {
			continue
		}
		leaves := c.leaves(id.Name, "", vs.Values[i], 0)
		for j := range leaves {
			leaves[j].path = rest + "." + leaves[j].path
		}
		g.add(env, strconv.Quote(id.Name), leaves)
	}
}

// switchEnvs reads a switch whose cases name environments and assign or
// return a credential in each.
//
// Limitation: tagless switches (case env == "prod":) and if/else chains are
// not read; they would need the comparison's operands matched up.
func (c *checker) switchEnvs(cur inspector.Cursor, sw *ast.SwitchStmt) envGroup {
	g := make(envGroup)
	fn := enclosingFuncName(cur)
	for _, stmt := range sw.Body.List {
		cc, ok := stmt.(*ast.CaseClause)
		if !ok || len(cc.List) != 1 {
			continue // a case of several environments shares by design
		}
		name, ok := c.constString(cc.List[0])
		if !ok {
			continue
		}
		env, _ := envOf(name)
		if env == "" {
			continue
		}
		for _, s := range cc.Body {
			g.add(env, strconv.Quote(name), c.stmtLeaves(s, fn))
		}
	}
	return g
}

func (c *checker) stmtLeaves(s ast.Stmt, fn string) []leaf {
	var out []leaf
	switch s := s.(type) {
	case *ast.AssignStmt:
		if len(s.Lhs) != len(s.Rhs) {
			return nil
		}
		for i, lhs := range s.Lhs {
			if name, ok := exprName(lhs); ok {
				out = append(out, c.leaves(name, name, s.Rhs[i], 0)...)
			}
		}
	case *ast.ReturnStmt:
		for _, r := range s.Results {
			out = append(out, c.leaves(resultName(fn), "", r, 0)...)
		}
	}
	return out
}

// resultName turns the name of a function that picks a value per
// environment into the name of the value: apiKeyFor gives api_key.
func resultName(fn string) string {
	words := credname.Words(fn)
	for len(words) > 1 {
		switch words[len(words)-1] {
		case "for", "by", "env", "environment", "of", "in":
			words = words[:len(words)-1]
			continue
		}
		break
	}
	if len(words) > 0 && words[0] == "get" {
		words = words[1:]
	}
	return strings.Join(words, "_")
}

// leaf is a credential inside an environment's value.
type leaf struct {
	path  string
	kind  credname.Kind
	ident string
	expr  ast.Expr
}

// leaves returns the credentials in e: e itself when name says credential,
// or the credential fields of a struct literal, recursively.
func (c *checker) leaves(name, path string, e ast.Expr, depth int) []leaf {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if lit, ok := e.(*ast.CompositeLit); ok {
		if depth > 2 {
			return nil
		}
		var out []leaf
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			if k, ok := c.keyName(kv.Key); ok {
				out = append(out, c.leaves(k, path+"."+k, kv.Value, depth+1)...)
			}
		}
		return out
	}
	kind := credname.Classify(name)
	// Publishable and public keys are meant to be seen; sharing them
	// between environments exposes nothing.
	if kind == credname.None || secretlit.IsPublicName(name) {
		return nil
	}
	id := c.valueIdent(e)
	if id == "" {
		return nil
	}
	return []leaf{{strings.TrimPrefix(path, "."), kind, id, e}}
}

// valueIdent identifies the value of e for comparison between
// environments: a digest of a constant that could be a secret, or the
// variable or field read. Environment lookups are not values: two
// environments reading KEY each read their own.
func (c *checker) valueIdent(e ast.Expr) string {
	if s, ok := c.constString(e); ok {
		if !secretlit.Plausible(s) || secretlit.IsPublicValue(s) {
			return ""
		}
		return "v:" + digest(s)
	}
	switch x := e.(type) {
	case *ast.Ident:
		if v, ok := c.pass.TypesInfo.Uses[x].(*types.Var); ok {
			return fmt.Sprintf("o:%s@%d", v.Name(), v.Pos())
		}
	case *ast.SelectorExpr:
		if _, ok := c.pass.TypesInfo.Uses[x.Sel].(*types.Var); ok {
			return "s:" + types.ExprString(x)
		}
	}
	return ""
}

// report reports, for each credential shared by environments, every entry
// after the first that shares it with another environment.
func (c *checker) report(g envGroup) {
	for _, path := range slices.Sorted(maps.Keys(g)) {
		entries := g[path]
		byIdent := make(map[string][]envEntry)
		var order []string
		for _, e := range entries {
			if byIdent[e.ident] == nil {
				order = append(order, e.ident)
			}
			byIdent[e.ident] = append(byIdent[e.ident], e)
		}
		for _, id := range order {
			c.reportShared(byIdent[id])
		}
	}
}

func (c *checker) reportShared(same []envEntry) {
	for i, e := range same[1:] {
		var others []string
		earlier := false
		for j, o := range same {
			if o.env == e.env || j == i+1 {
				continue
			}
			others = append(others, o.label+" ("+c.where(o.expr.Pos())+")")
			earlier = earlier || j <= i
		}
		if !earlier {
			continue
		}
		c.rep.Reportf(e.expr, "environment %s has the same %s as %s; give each "+
			"environment its own key", e.label, e.kind, list(others))
	}
}

// bindingName returns the name a composite literal is bound to: the
// variable it initialises or is assigned to, or the field or key it is the
// value of.
func bindingName(cur inspector.Cursor) string {
	lit := cur.Node()
	switch p := cur.Parent().Node().(type) {
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == lit && i < len(p.Names) {
				return p.Names[i].Name
			}
		}
	case *ast.AssignStmt:
		for i, v := range p.Rhs {
			if v == lit && i < len(p.Lhs) {
				name, _ := exprName(p.Lhs[i])
				return name
			}
		}
	case *ast.KeyValueExpr:
		if id, ok := p.Key.(*ast.Ident); ok {
			return id.Name
		}
		if bl, ok := p.Key.(*ast.BasicLit); ok {
			s, _ := strconv.Unquote(bl.Value)
			return s
		}
	case *ast.ReturnStmt:
		return enclosingFuncName(cur)
	}
	return ""
}

func enclosingFuncName(cur inspector.Cursor) string {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return c.Node().(*ast.FuncDecl).Name.Name
	}
	return ""
}
