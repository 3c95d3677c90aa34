package sharedkey

import (
	"crypto/sha256"
	"encoding/hex"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/keylint/keylint/analyzers/internal/credname"
	"github.com/keylint/keylint/analyzers/internal/secretlit"
)

// secretsFact is the package fact: the secrets written in the package and
// in the packages it imports, so that an importer sees them through its
// direct imports alone. go vet's unitchecker gob-encodes facts, so the fact
// holds only exported fields of plain types, and never a secret's value.
type secretsFact struct {
	Secrets []Occurrence
}

func (*secretsFact) AFact() {}

func (f *secretsFact) String() string {
	return "secrets(" + strconv.Itoa(len(f.Secrets)) + ")"
}

// Occurrence is a secret written in a package, identified by a digest of
// its value.
type Occurrence struct {
	// Digest is the first 16 bytes of SHA-256 over the value, in hex. It
	// identifies the value without revealing it.
	Digest string
	// Package is the import path of the package that writes the value.
	Package string
	// Module is the path of the package's module, or "" outside modules.
	Module string
	// Name is the constant, variable or field that holds the value, or "".
	Name string
	// Pos is "file.go:12".
	Pos string
}

// place describes o for a message: `pkg.Name (file.go:12)`.
func (o Occurrence) place() string {
	if o.Name != "" {
		return o.Package + "." + o.Name + " (" + o.Pos + ")"
	}
	return o.Package + " (" + o.Pos + ")"
}

// maxFactSecrets bounds the fact of a package with many imports, so that
// facts stay small in go vet's files.
const maxFactSecrets = 4096

// secret is an occurrence found in this pass, with its syntax.
type secret struct {
	Occurrence
	expr  ast.Expr
	bound string // the name the value is bound to, or ""
}

func digest(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:16])
}

// collectSecrets records the secret values written in a file: literals that
// match a gitleaks rule, and values bound to a credential name that look
// like secrets (see isSecret).
func (c *checker) collectSecrets(file inspector.Cursor) {
	for cur := range file.Preorder((*ast.ValueSpec)(nil), (*ast.KeyValueExpr)(nil),
		(*ast.AssignStmt)(nil), (*ast.BasicLit)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if i < len(n.Values) {
					c.addSecret(id.Name, n.Values[i], isPackageScope(cur))
				}
			}
		case *ast.KeyValueExpr:
			if name, ok := c.keyName(n.Key); ok {
				c.addSecret(name, n.Value, false)
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, lhs := range n.Lhs {
					if name, ok := exprName(lhs); ok {
						c.addSecret(name, n.Rhs[i], false)
					}
				}
			}
		case *ast.BasicLit:
			c.addSecret("", n, false)
		}
	}
}

func isPackageScope(cur inspector.Cursor) bool {
	_, ok := cur.Parent().Parent().Node().(*ast.File)
	return ok
}

// keyName returns the name a composite-literal key gives its value: a
// field name or a constant string map key.
func (c *checker) keyName(key ast.Expr) (string, bool) {
	if id, ok := key.(*ast.Ident); ok {
		if _, isField := c.pass.TypesInfo.Uses[id].(*types.Var); isField {
			return id.Name, true
		}
	}
	return c.constString(key)
}

func exprName(e ast.Expr) (string, bool) {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x.Name, x.Name != "_"
	case *ast.SelectorExpr:
		return x.Sel.Name, true
	}
	return "", false
}

// addSecret records e if it writes a secret value. name is what e is bound
// to, or "" for a bare literal; global says name is a package-level
// declaration, which messages name instead of a position.
func (c *checker) addSecret(name string, e ast.Expr, global bool) {
	if c.seen[e.Pos()] || !writesLiteral(e) {
		return
	}
	val, ok := c.constString(e)
	if !ok || !c.isSecret(name, val) {
		return
	}
	c.seen[e.Pos()] = true
	o := Occurrence{
		Digest:  digest(val),
		Package: c.pass.Pkg.Path(),
		Pos:     c.where(e.Pos()),
	}
	if global {
		o.Name = name
	}
	if c.pass.Module != nil {
		o.Module = c.pass.Module.Path
	}
	c.secrets = append(c.secrets, secret{o, e, name})
}

// writesLiteral reports whether e spells a string literal itself, rather
// than naming a constant declared elsewhere: a use of a.Key is the same
// key, not a second copy of it.
func writesLiteral(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return x.Kind == token.STRING
	case *ast.BinaryExpr:
		return writesLiteral(x.X) || writesLiteral(x.Y)
	case *ast.CallExpr:
		return len(x.Args) == 1 && writesLiteral(x.Args[0])
	}
	return false
}

// isSecret reports whether val, bound to name, is a secret: gitleaks
// matches it, or name says credential and val has the shape of one.
func (c *checker) isSecret(name, val string) bool {
	if len(val) < secretlit.MinMatchLen && name == "" {
		return false
	}
	if secretlit.IsPublicName(name) || secretlit.IsPublicValue(val) {
		return false
	}
	switch credname.Classify(name) {
	case credname.None:
	case credname.Password:
		if secretlit.LooksLikePassword(val) {
			return true
		}
	default:
		if secretlit.LooksRandom(val) {
			return true
		}
	}
	return c.matches(val)
}

// matches reports whether gitleaks matches val, caching the answer.
func (c *checker) matches(val string) bool {
	leaks, ok := c.leaks[val]
	if !ok && c.err == nil {
		var found []secretlit.Finding
		found, c.err = secretlit.MatchDefault(val)
		leaks = len(found) > 0
		c.leaks[val] = leaks
	}
	return leaks
}

func (c *checker) constString(e ast.Expr) (string, bool) {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// checkPackages reports the secrets of this package that a package it
// imports (directly or not) also writes, exports the package fact, and
// returns this package's own occurrences.
func (c *checker) checkPackages() []Occurrence {
	imported := c.importedSecrets()
	byDigest := make(map[string][]Occurrence)
	for _, o := range imported {
		byDigest[o.Digest] = append(byDigest[o.Digest], o)
	}
	own := make([]Occurrence, 0, len(c.secrets))
	for _, s := range c.secrets {
		own = append(own, s.Occurrence)
		others := c.sameModule(byDigest[s.Digest])
		if len(others) == 0 {
			continue
		}
		places := make([]string, len(others))
		for i, o := range others {
			places[i] = o.place()
		}
		c.rep.Reportf(s.expr, "secret %s is also written in %s; give each "+
			"consumer its own key", c.describe(s), list(places))
	}
	all := dedupe(append(slices.Clone(own), imported...))
	if len(all) > maxFactSecrets {
		all = all[:maxFactSecrets]
	}
	if len(all) > 0 {
		c.pass.ExportPackageFact(&secretsFact{Secrets: all})
	}
	return own
}

// describe names a secret of this package for a message.
func (c *checker) describe(s secret) string {
	if s.bound != "" {
		return strconv.Quote(s.bound)
	}
	return "at " + s.Pos
}

// importedSecrets returns the occurrences in the facts of the direct
// imports, which include those of their own imports.
//
// Limitation: facts flow only from a package to its importers, so two
// packages that share a key but not an import path are never compared; the
// scanner's KL203 compares files instead.
func (c *checker) importedSecrets() []Occurrence {
	var out []Occurrence
	for _, imp := range c.pass.Pkg.Imports() {
		var f secretsFact
		if c.pass.ImportPackageFact(imp, &f) {
			out = append(out, f.Secrets...)
		}
	}
	return dedupe(out)
}

// sameModule keeps the occurrences of other packages of this package's
// module. Outside modules (GOPATH mode) every package counts.
func (c *checker) sameModule(occs []Occurrence) []Occurrence {
	var out []Occurrence
	for _, o := range occs {
		if o.Package == c.pass.Pkg.Path() {
			continue
		}
		if c.pass.Module != nil && o.Module != c.pass.Module.Path {
			continue
		}
		out = append(out, o)
	}
	return out
}

func dedupe(occs []Occurrence) []Occurrence {
	seen := make(map[Occurrence]bool, len(occs))
	return slices.DeleteFunc(occs, func(o Occurrence) bool {
		if seen[o] {
			return true
		}
		seen[o] = true
		return false
	})
}
