package keyexposure

import (
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// credentialName returns the kind of credential name announces, leaving
// out names that say the value is already reduced (maskedKey, keyHash).
func credentialName(name string) credname.Kind {
	if isSanitizerName(name) {
		return credname.None
	}
	return credname.Classify(name)
}

func named(k credname.Kind, name string) *source {
	return &source{What: k.String() + " " + strconv.Quote(name)}
}

// seedParams makes credential-named parameters sources. Their key belongs
// to the caller, so the function does not become a source of keys.
func (f *flow) seedParams() {
	for _, p := range f.fn.Params {
		if k := credentialName(p.Name()); k != credname.None && isStringish(p.Type()) {
			src := named(k, p.Name())
			src.Param = true
			f.add(p, f.keyAt(p, src))
		}
	}
}

// seedSources walks f.fn for the values that hold a key.
func (f *flow) seedSources() {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.DebugRef:
				f.seedLocal(x)
			case *ssa.UnOp:
				f.seedLoad(x)
			case *ssa.Field:
				if s := fieldSource(x.X.Type(), x.Field); s != nil && isStringish(x.Type()) {
					f.add(x, f.fieldKey(x, x.X, x.Field, s))
				}
			case *ssa.Call:
				f.seedCall(x)
			}
		}
	}
}

// seedLocal makes a value assigned to a credential-named variable a
// source: apiKey := load().
func (f *flow) seedLocal(ref *ssa.DebugRef) {
	v, ok := ref.Object().(*types.Var)
	if !ok || v.IsField() {
		return
	}
	if _, ok := ref.X.(*ssa.Const); ok {
		return
	}
	k := credentialName(v.Name())
	if k == credname.None || !isStringish(v.Type()) {
		return
	}
	if f.t[ref.X].marks&markScanned != 0 && len(credname.Words(v.Name())) == 1 {
		// token := sc.Text(): a lexer's token. A qualified name
		// (githubToken := fields[1]) still says which credential it is.
		return
	}
	tt := f.keyAt(ref.X, named(k, v.Name()))
	if ref.IsAddr {
		f.addAddr(ref.X, tt)
		return
	}
	f.add(ref.X, tt)
}

// seedLoad makes loads of credential-named fields and package variables
// sources: cfg.APIKey, githubToken.
//
// Limitation: a field is a source by its name only; a key stored into a
// field named otherwise (Value, Data) is lost once the function returns.
func (f *flow) seedLoad(u *ssa.UnOp) {
	if u.Op != token.MUL {
		return
	}
	if isRequestHeaderMap(u) {
		f.add(u, f.keyAt(u, &source{What: "header map of the request", Request: true}))
		return
	}
	if !isStringish(u.Type()) {
		return
	}
	switch a := u.X.(type) {
	case *ssa.FieldAddr:
		ptr, ok := a.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return
		}
		if s := fieldSource(ptr.Elem(), a.Field); s != nil {
			f.add(u, f.fieldKey(u, a.X, a.Field, s))
		}
	case *ssa.Global:
		if k := credentialName(a.Name()); k != credname.None {
			f.add(u, f.keyAt(u, named(k, a.Name())))
		}
	}
}

// fieldKey returns the taint of the key s in field i of the struct x
// points to (or is), loaded as v.
func (f *flow) fieldKey(v, x ssa.Value, i int, s *source) taint {
	m := f.t[v].marks &^ markFresh
	if f.freshField(x, i) {
		m |= markFresh
	}
	return keyWith(m, s)
}

// fieldSource returns the source for field i of struct type t if its name
// is a credential, naming it Type.Field.
func fieldSource(t types.Type, i int) *source {
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	fld := st.Field(i)
	k := credentialName(fld.Name())
	if k == credname.None {
		return nil
	}
	name := fld.Name()
	if n, ok := types.Unalias(t).(*types.Named); ok {
		name = n.Obj().Name() + "." + name
	}
	return named(k, name)
}

// seedCall makes the results of key-returning calls sources: credential
// headers and environment variables, credential-named functions, crypto/rand,
// and functions whose summary returns a key.
func (f *flow) seedCall(call *ssa.Call) {
	common := &call.Call
	obj := calleeObj(common)
	if obj == nil {
		return
	}
	args := common.Args
	if common.IsInvoke() {
		args = append([]ssa.Value{common.Value}, args...)
	}
	path, name, recv := pkgPath(obj), obj.Name(), recvName(obj)
	switch {
	case path == "os" && (name == "Getenv" || name == "LookupEnv"):
		if s, ok := constString(args[0]); ok && credname.IsCredential(s) {
			f.add(call, f.keyAt(call, &source{What: "value of environment variable " + strconv.Quote(s)}))
		}
		return
	case path == "net/http" && recv == "Header" && (name == "Get" || name == "Values"),
		path == "github.com/gin-gonic/gin" && recv == "Context" && name == "GetHeader":
		if s, ok := constString(args[len(args)-1]); ok && isSecretHeader(s) {
			f.add(call, f.keyAt(call, &source{What: "value of header " + strconv.Quote(s)}))
		}
		return
	case path == "net/http" && recv == "Request" && name == "BasicAuth":
		f.seedExtract(call, 1, &source{What: "basic-auth password"})
		return
	case path == "net/http/httputil" && strings.HasPrefix(name, "DumpRequest"):
		// The dump holds every header: Authorization, Cookie.
		f.seedExtract(call, 0, &source{What: "dump of the request", Request: true})
		return
	case path == "crypto/rand":
		return // random bytes are marked, see markCall
	}
	if s := f.c.summaryOf(common.StaticCallee()); s != nil && s.Returns != nil {
		f.add(call, f.keyAt(call, s.Returns))
		return
	}
	if f.c.tables.isSanitizer(obj) {
		return
	}
	if k := credentialName(name); k != credname.None && isStringish(call.Type()) && isGetter(obj) {
		f.add(call, f.keyAt(call, &source{What: k.String() + " returned by " + displayName(obj)}))
		return
	}
	if isPropagator(obj) {
		f.seedStruct(call, obj, path, args)
	}
}

// seedStruct makes a value built from a struct with a credential field a
// source: zap.Any("cfg", cfg), fmt.Sprintf("%+v", cfg), json.Marshal(cfg).
func (f *flow) seedStruct(call *ssa.Call, obj *types.Func, path string, args []ssa.Value) {
	var src *source
	switch path {
	case "fmt":
		src = f.formatted(obj, args).src
	case "encoding/json", "encoding/xml":
		if strings.HasPrefix(obj.Name(), "Marshal") && len(args) > 0 {
			src = carriedField(args[0], famResponse, 'v')
		}
	case "go.uber.org/zap", "log/slog":
		for _, a := range args {
			if src = carriedField(a, famLog, 'v'); src != nil {
				break
			}
		}
	}
	if src != nil {
		f.add(call, f.keyAt(call, src))
	}
}

// isGetter reports whether fn takes nothing but, perhaps, a context: a
// credential-named function with other parameters derives something from
// them (htuKey(u), cacheKey(id)) more often than it returns a secret.
func isGetter(fn *types.Func) bool {
	params := fn.Signature().Params()
	for v := range params.Variables() {
		if !isContext(v.Type()) {
			return false
		}
	}
	return true
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" &&
		n.Obj().Name() == "Context"
}

// seedExtract taints result i of a call that returns a tuple.
func (f *flow) seedExtract(call *ssa.Call, i int, src *source) {
	refs := call.Referrers()
	if refs == nil {
		return
	}
	for _, r := range *refs {
		if e, ok := r.(*ssa.Extract); ok && e.Index == i {
			f.add(e, f.keyAt(e, src))
		}
	}
}

// isSecretHeader reports whether an HTTP header carries a credential.
func isSecretHeader(h string) bool {
	switch strings.ToLower(h) {
	case "authorization", "proxy-authorization", "cookie":
		return true
	}
	return credname.IsCredential(h)
}

// isStringish reports whether t can hold a key by itself: a string, a byte
// slice or array, or a pointer to one.
func isStringish(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		return isByte(u.Elem())
	case *types.Array:
		return isByte(u.Elem())
	case *types.Tuple:
		return u.Len() > 0 && isStringish(u.At(0).Type())
	case *types.Interface:
		// A type parameter such as K ~string: its terms decide.
		if _, ok := t.(*types.TypeParam); ok {
			return termsStringish(u)
		}
	}
	return false
}

// termsStringish reports whether an interface constraint has a type set
// of strings or byte slices only.
func termsStringish(iface *types.Interface) bool {
	found := false
	for e := range iface.EmbeddedTypes() {
		union, ok := e.(*types.Union)
		if !ok {
			if !isStringish(e) {
				return false
			}
			found = true
			continue
		}
		for term := range union.Terms() {
			if !isStringish(term.Type()) {
				return false
			}
			found = true
		}
	}
	return found
}

func isByte(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && (b.Kind() == types.Byte || b.Kind() == types.Rune)
}

// callStep carries taint from an argument (or receiver) v into a call.
func (f *flow) callStep(v ssa.Value, tt taint, instr ssa.CallInstruction) {
	common := instr.Common()
	res := instr.Value() // nil for go and defer
	if b, ok := common.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "append":
			if res != nil {
				f.add(res, tt)
			}
		case "copy":
			if len(common.Args) == 2 && common.Args[1] == v {
				f.addAddr(common.Args[0], tt)
			}
		}
		return
	}
	obj := calleeObj(common)
	if obj == nil {
		// Limitation: calls of function values and of methods of
		// unknown concrete types are not followed.
		return
	}
	if f.c.tables.isSanitizer(obj) {
		return
	}
	if s := f.c.summaryOf(common.StaticCallee()); s != nil {
		for i, a := range common.Args {
			if a == v && i < 64 && s.Through&(1<<i) != 0 && res != nil {
				f.add(res, tt)
			}
		}
		return
	}
	path, name, recv := pkgPath(obj), obj.Name(), recvName(obj)
	switch {
	case (path == "strings" && recv == "Builder" || path == "bytes" && recv == "Buffer") &&
		strings.HasPrefix(name, "Write") && !common.IsInvoke():
		f.addAddr(common.Args[0], tt)
		return
	case path == "fmt" && strings.HasPrefix(name, "Fprint") || path == "io" && name == "WriteString":
		if len(common.Args) == 0 || common.Args[0] == v {
			return
		}
		w := common.Args[0]
		if mi, ok := w.(*ssa.MakeInterface); ok {
			w = mi.X
		}
		if isBuffer(w.Type()) {
			f.addAddr(w, tt)
		}
		return
	case (path == "encoding/hex" || path == "encoding/base64" || path == "encoding/base32") &&
		strings.HasPrefix(name, "Encode") && name != "EncodeToString":
		// Encode(dst, src) writes into dst; for methods Args[0] is the
		// receiver.
		n := len(common.Args)
		if n >= 2 && common.Args[n-1] == v {
			f.addAddr(common.Args[n-2], tt)
		}
		return
	}
	if !isPropagator(obj) || res == nil {
		return
	}
	if path == "fmt" {
		// Sprintf("%T", key) shows no part of the key: take the verbs into
		// account, and the credential fields of structs printed with %v.
		tt = f.formatted(obj, common.Args)
	}
	f.add(res, tt)
}

// formatted returns what a fmt.Sprint-like call puts into its result.
func (f *flow) formatted(obj *types.Func, args []ssa.Value) taint {
	var tt taint
	for _, a := range f.expand(obj, args, 0) {
		if a.verb.hidden() {
			continue
		}
		tt = tt.merge(f.t[a.v])
		// Keys are seeded once the marks are settled (see run).
		if src := carriedField(a.v, famLog, a.verb.r); src != nil && f.keyed {
			tt = tt.merge(f.keyAt(a.v, src))
		}
	}
	return tt
}

// isBuffer reports whether t is *strings.Builder or *bytes.Buffer.
func isBuffer(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path, name := n.Obj().Pkg().Path(), n.Obj().Name()
	return path == "strings" && name == "Builder" || path == "bytes" && name == "Buffer"
}

// calleeObj returns the function or method a call reaches, for static
// calls and interface method calls, or nil.
func calleeObj(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return c.Method
	}
	fn := c.StaticCallee()
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	obj, _ := fn.Object().(*types.Func)
	return obj
}

func pkgPath(fn *types.Func) string {
	if fn.Pkg() == nil {
		return ""
	}
	return fn.Pkg().Path()
}

func constString(v ssa.Value) (string, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}
