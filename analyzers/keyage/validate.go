package keyage

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// This file finds key validations that never read the key's age.

// notValidation are words in a function name that make it something other
// than a validation even when it looks a key up: creating, listing,
// rotating or revoking keys.
var notValidation = map[string]bool{
	"create": true, "new": true, "generate": true, "issue": true,
	"mint": true, "delete": true, "remove": true, "revoke": true,
	"rotate": true, "regenerate": true, "update": true, "list": true,
	"save": true, "insert": true, "store": true, "put": true, "add": true,
	"register": true, "cleanup": true, "purge": true, "expire": true,
	"migrate": true, "edit": true, "rename": true, "count": true,
	"touch": true, "disable": true, "enable": true, "reset": true,
	"init": true, "setup": true, "seed": true, "bootstrap": true,
}

// validationWords are words in a function name that say it decides
// whether a presented key is accepted.
var validationWords = map[string]bool{
	"auth": true, "authenticate": true, "authentication": true,
	"authorize": true, "validate": true, "validation": true, "valid": true,
	"verify": true, "check": true, "require": true, "middleware": true,
	"guard": true, "login": true, "signin": true, "identify": true,
	"accept": true, "protect": true, "ensure": true, "must": true,
}

func namedAsValidation(name string) bool {
	for _, w := range credname.Words(name) {
		if validationWords[w] {
			return true
		}
	}
	return false
}

// returnsRecord reports whether fn returns an aged key record.
func returnsRecord(fn *types.Func) bool {
	res := fn.Signature().Results()
	for i := range res.Len() {
		if _, st, ok := keyRecord(res.At(i).Type()); ok && len(ageFields(st)) > 0 {
			return true
		}
	}
	return false
}

// compareFuncs compare a key or its digest with a presented one.
var compareFuncs = []string{
	"crypto/subtle.ConstantTimeCompare",
	"crypto/hmac.Equal",
	"golang.org/x/crypto/bcrypt.CompareHashAndPassword",
	"bytes.Equal",
}

// checkValidation reports fd when it validates a key of a record type
// that has an age, but neither it nor anything it calls reads that age.
func (c *checker) checkValidation(fd *ast.FuncDecl) {
	if fd.Body == nil {
		return
	}
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok || c.ageFuncs[fn] {
		return
	}
	for _, w := range credname.Words(fd.Name.Name) {
		if notValidation[w] {
			return // it manages keys, it does not accept them
		}
	}
	// A getter that hands the record to its caller leaves the decision,
	// and the age check, to the caller; unless its name says it decides.
	if returnsRecord(fn) && !namedAsValidation(fd.Name.Name) {
		return
	}
	rec, unknown := c.findValidation(fd.Body)
	// A record handed to a function we cannot see (an interface method,
	// a function value) may be checked there.
	if rec == nil || unknown {
		return
	}
	_, st, _ := keyRecord(rec)
	c.rep.Reportf(fd.Name, "%s accepts key record %s without reading its %s; "+
		"reject keys that are expired or older than the rotation policy",
		fd.Name.Name, rec.Obj().Name(), orList(ageFields(st)))
}

// findValidation returns the key record type that body looks up by a
// presented key or whose key it compares, and whether a value of that
// type is handed to a function whose body is unknown.
func (c *checker) findValidation(body *ast.BlockStmt) (*types.Named, bool) {
	var rec *types.Named
	unknown := false
	defs := c.localDefs(body)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if r := c.lookupResult(n, defs); r != nil {
				// A record handed back by a verifier (Verify, Validate,
				// Authenticate) is taken as checked there.
				if fn := typeutil.Callee(c.pass.TypesInfo, n); fn != nil &&
					namedAsValidation(fn.Name()) {
					unknown = true
				}
				if rec == nil {
					rec = r
				}
			}
			if r := c.comparedRecord(n); r != nil && rec == nil {
				rec = r
			}
			if c.passesRecordBlindly(n) {
				unknown = true
			}
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				break
			}
			for _, pair := range [2][2]ast.Expr{{n.X, n.Y}, {n.Y, n.X}} {
				// A test against nil or a constant asks whether a key is
				// there, it does not compare one.
				if c.isConstOrNil(pair[1]) {
					continue
				}
				if r := c.recordKeyField(pair[0]); r != nil && rec == nil {
					rec = r
				}
			}
		}
		return true
	})
	return rec, unknown
}

// lookupResult returns the aged key record type that call returns when
// one of its arguments carries a presented credential.
func (c *checker) lookupResult(call *ast.CallExpr, defs localDefs) *types.Named {
	tv, ok := c.pass.TypesInfo.Types[call]
	if !ok || tv.IsType() {
		return nil
	}
	var rec *types.Named
	for _, t := range resultTypes(tv.Type) {
		if n, st, ok := keyRecord(t); ok && len(ageFields(st)) > 0 {
			rec = n
			break
		}
	}
	if rec == nil {
		return nil
	}
	for _, a := range call.Args {
		// A presented key is text or bytes; a record passed in is not.
		if isTextual(c.pass.TypesInfo.TypeOf(a)) && c.carriesCredential(a, defs, 0) {
			return rec
		}
	}
	return nil
}

// isTextual reports whether t is a string, a byte slice or a byte array,
// the types a presented key or its digest has.
func isTextual(t types.Type) bool {
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		return isByte(u.Elem())
	case *types.Array:
		return isByte(u.Elem())
	}
	return false
}

func isByte(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

func resultTypes(t types.Type) []types.Type {
	tup, ok := t.(*types.Tuple)
	if !ok {
		return []types.Type{t}
	}
	ts := make([]types.Type, tup.Len())
	for i := range tup.Len() {
		ts[i] = tup.At(i).Type()
	}
	return ts
}

// localDefs maps the local variables of a function body to the values
// assigned to them: h := hashKey(apiKey) gives h the call. A variable
// assigned from a call with several results gets the call.
type localDefs map[*types.Var][]ast.Expr

func (c *checker) localDefs(body *ast.BlockStmt) localDefs {
	defs := make(localDefs)
	add := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			id, ok := ast.Unparen(l).(*ast.Ident)
			if !ok {
				continue
			}
			v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
			if !ok {
				continue
			}
			switch {
			case len(lhs) == len(rhs):
				defs[v] = append(defs[v], rhs[i])
			case len(rhs) == 1:
				defs[v] = append(defs[v], rhs[0])
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			add(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			add(lhs, n.Values)
		}
		return true
	})
	return defs
}

// maxFollow bounds how many assignments carriesCredential follows back
// from a value: enough for sum := sha256.Sum256(k); h := hex(sum[:]),
// and a guard against cycles such as h = h + x.
const maxFollow = 4

// carriesCredential reports whether e is, or is computed from, a value
// named as a credential: apiKey, hash(token), r.Header.Get("X-Api-Key"),
// or a local variable assigned one of those (up to maxFollow steps back).
func (c *checker) carriesCredential(e ast.Expr, defs localDefs, depth int) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, isVar := c.pass.TypesInfo.Uses[x].(*types.Var)
		if !isVar {
			return false
		}
		if isPresentedCredential(x.Name) {
			return true
		}
		if depth >= maxFollow {
			return false
		}
		for _, d := range defs[v] {
			if c.carriesCredential(d, defs, depth+1) {
				return true
			}
		}
		return false
	case *ast.SelectorExpr:
		switch c.pass.TypesInfo.Uses[x.Sel].(type) {
		case *types.Var, *types.Func:
			return isPresentedCredential(x.Sel.Name)
		}
	case *ast.BasicLit:
		if tv := c.pass.TypesInfo.Types[x]; tv.Value != nil &&
			tv.Value.Kind() == constant.String {
			return isPresentedCredential(constant.StringVal(tv.Value))
		}
	case *ast.CallExpr:
		for _, a := range x.Args {
			if c.carriesCredential(a, defs, depth) {
				return true
			}
		}
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok && len(x.Args) == 0 {
			return isPresentedCredential(sel.Sel.Name)
		}
	case *ast.BinaryExpr:
		return c.carriesCredential(x.X, defs, depth) || c.carriesCredential(x.Y, defs, depth)
	case *ast.UnaryExpr:
		return c.carriesCredential(x.X, defs, depth)
	case *ast.StarExpr:
		return c.carriesCredential(x.X, defs, depth)
	case *ast.SliceExpr:
		return c.carriesCredential(x.X, defs, depth)
	case *ast.IndexExpr:
		return c.carriesCredential(x.Index, defs, depth)
	}
	return false
}

func isPresentedCredential(name string) bool {
	switch credname.Classify(name) {
	case credname.APIKey, credname.Token, credname.Secret, credname.Credential:
		return true
	}
	return false
}

// comparedRecord returns the aged key record whose key field is an
// argument of a constant-time or hash comparison.
func (c *checker) comparedRecord(call *ast.CallExpr) *types.Named {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || !slices.Contains(compareFuncs, fn.FullName()) {
		return nil
	}
	for _, a := range call.Args {
		if r := c.recordKeyField(a); r != nil {
			return r
		}
	}
	return nil
}

// recordKeyField returns the aged key record when e is (a conversion of)
// its key field: rec.KeyHash, []byte(rec.Key).
func (c *checker) recordKeyField(e ast.Expr) *types.Named {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if tv := c.pass.TypesInfo.Types[call.Fun]; tv.IsType() {
			e = ast.Unparen(call.Args[0])
		}
	}
	if sl, ok := e.(*ast.SliceExpr); ok {
		e = sl.X
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := c.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return nil
	}
	v, ok := s.Obj().(*types.Var)
	if !ok || !isKeyField(v) {
		return nil
	}
	n, st, ok := keyRecord(s.Recv())
	if !ok || len(ageFields(st)) == 0 {
		return nil
	}
	return n
}

// passesRecordBlindly reports whether call hands an aged key record to a
// function whose body no analysis sees: a method of an interface or a
// function value.
func (c *checker) passesRecordBlindly(call *ast.CallExpr) bool {
	switch fn := typeutil.Callee(c.pass.TypesInfo, call).(type) {
	case *types.Func:
		recv := fn.Signature().Recv()
		if recv == nil || !types.IsInterface(recv.Type()) {
			return false
		}
	case *types.Var:
		// a function value
	default:
		return false // a builtin, a conversion or a function literal
	}
	for _, a := range call.Args {
		if _, st, ok := keyRecord(c.pass.TypesInfo.TypeOf(a)); ok && len(ageFields(st)) > 0 {
			return true
		}
	}
	return false
}

func (c *checker) isConstOrNil(e ast.Expr) bool {
	tv := c.pass.TypesInfo.Types[e]
	return tv.Value != nil || tv.IsNil()
}

// orList joins names as "A, B or C".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return "age"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
