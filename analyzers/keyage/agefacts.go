package keyage

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// This file finds the functions that read a key's age, and shares that
// with other packages as facts.

// timeStrings are fragments of query text and map keys that test a key's
// age in the store or the claims: "expires_at > now()", claims["exp"].
var timeStrings = []string{
	"expir", "created_at", "createdat", "valid_until", "rotated",
	"not_after", "issued_at",
}

// computeAgeFuncs marks the functions of the package that read a key's
// age, directly or through the functions they call, and exports a fact
// for each so that callers in other packages see it.
func (c *checker) computeAgeFuncs() {
	type info struct {
		direct  bool
		callees []*types.Func
	}
	infos := make(map[*types.Func]info)
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			direct, callees := c.scanAge(fd.Body)
			infos[fn] = info{direct, callees}
		}
	}
	// Iterate to a fixed point: a function checks age when it does so
	// itself or calls one that does.
	for changed := true; changed; {
		changed = false
		for fn, in := range infos {
			if c.ageFuncs[fn] {
				continue
			}
			if in.direct || slices.ContainsFunc(in.callees, c.calleeChecksAge) {
				c.ageFuncs[fn] = true
				changed = true
			}
		}
	}
	// Only functions that take or return a key record can check one for a
	// caller in another package (a verifier that refuses expired tokens);
	// exporting just those keeps the facts few.
	for fn := range c.ageFuncs {
		if handlesRecord(fn) {
			c.pass.ExportObjectFact(fn, new(checksAge))
		}
	}
}

// handlesRecord reports whether fn has a receiver, parameter or result
// whose type is an aged key record.
func handlesRecord(fn *types.Func) bool {
	sig := fn.Signature()
	vars := []*types.Var{sig.Recv()}
	for _, tup := range []*types.Tuple{sig.Params(), sig.Results()} {
		for i := range tup.Len() {
			vars = append(vars, tup.At(i))
		}
	}
	for _, v := range vars {
		if v == nil {
			continue
		}
		if _, st, ok := keyRecord(v.Type()); ok && len(ageFields(st)) > 0 {
			return true
		}
	}
	return false
}

func (c *checker) calleeChecksAge(fn *types.Func) bool {
	if c.ageFuncs[fn] {
		return true
	}
	if fn.Pkg() == c.pass.Pkg {
		return false
	}
	return c.pass.ImportObjectFact(fn.Origin(), new(checksAge))
}

// scanAge reports whether body reads an age field, calls a method named
// for age or expiry, or holds query text about expiry; and returns the
// functions it calls.
func (c *checker) scanAge(body ast.Node) (bool, []*types.Func) {
	direct := false
	var callees []*types.Func
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if c.readsAge(n) {
				direct = true
			}
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(c.pass.TypesInfo, n).(*types.Func); ok {
				callees = append(callees, fn)
			}
		case *ast.BasicLit:
			if n.Kind == token.STRING && mentionsAge(n.Value) {
				direct = true
			}
		}
		return true
	})
	return direct, callees
}

// readsAge reports whether sel reads an age field or calls a method whose
// name says it tests age or validity (IsExpired, Valid, CheckExpiry).
func (c *checker) readsAge(sel *ast.SelectorExpr) bool {
	s := c.pass.TypesInfo.Selections[sel]
	if s == nil {
		return false
	}
	switch s.Kind() {
	case types.FieldVal:
		v, ok := s.Obj().(*types.Var)
		return ok && isAgeField(v)
	case types.MethodVal:
		for _, w := range credname.Words(sel.Sel.Name) {
			if ageWords[w] || w == "valid" || w == "validate" || w == "stale" {
				return true
			}
		}
	}
	return false
}

func mentionsAge(lit string) bool {
	l := strings.ToLower(lit)
	if l == `"exp"` || l == "`exp`" {
		return true
	}
	for _, s := range timeStrings {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}
