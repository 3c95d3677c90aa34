package keyexposure

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// strongVerbs name operations that hand out a new credential by
// themselves: a rotation returns the new key.
var strongVerbs = set("rotate", "regenerate", "reissue")

// weakVerbs name a creation only when the name also says what is created
// (createAPIKey, issueToken), since NewServer, addUser or issueRefund
// create no key. A login, a refresh or a reset is no creation by its name:
// such a handler shows a key once only if it makes the key itself.
var weakVerbs = set("create", "new", "generate", "gen", "make", "add",
	"grant", "init", "setup", "issue", "mint", "renew", "exchange",
	"provision", "roll")

// keyWords say that a name is about a key.
var keyWords = set("key", "keys", "token", "tokens", "secret", "secrets",
	"apikey", "apikeys", "credential", "credentials", "password", "pat",
	"cred", "creds")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// createName reports whether a function name announces the creation of a
// key.
func createName(name string) bool {
	words := credname.Words(name)
	strong, weak, key := false, false, false
	for _, w := range words {
		strong = strong || strongVerbs[w]
		weak = weak || weakVerbs[w]
		key = key || keyWords[w] || credname.IsCredential(w)
	}
	return strong || weak && key
}

// exposed returns the key of tt that a response or the console must not
// show, or nil. A key may be shown once, by the operation that creates it:
// a key made in this operation (from crypto/rand or by a creating call)
// may always be shown, and in a top-level function named as a creation
// (createKey, handleRotateToken) so may the keys it did not read from the
// request, such as the stored key a rotation returns. For a closure the
// enclosing named function decides.
func (f *flow) exposed(tt taint) *source {
	switch {
	case tt.old == nil:
		return nil // every key here is new
	case tt.old.Request:
		return tt.old // the caller's own key, echoed back
	case createName(f.root.Name()):
		return nil
	}
	return tt.old
}

// worthAnalysing reports whether the package can hold a key at all: it
// has a credential-named string (variable, field, parameter or getter),
// generates random bytes, reads a header or an environment variable,
// calls a function with a summary, or calls a log or response sink (or
// names os.Stdout, os.Stderr or http.ResponseWriter) that a wrapper of its
// own could pass parameters to. Packages that do none of these are skipped
// before SSA is built.
func worthAnalysing(pass *analysis.Pass, t *tables) bool {
	// Identifiers repeat; classify each name once.
	seen := make(map[string]bool)
	credential := func(name string) bool {
		v, ok := seen[name]
		if !ok {
			v = credentialName(name) != credname.None
			seen[name] = v
		}
		return v
	}
	wanted := func(obj types.Object) bool {
		switch obj := obj.(type) {
		case *types.Var:
			return credential(obj.Name()) && isStringish(obj.Type()) ||
				objPkgPath(obj) == "os" && (obj.Name() == "Stdout" || obj.Name() == "Stderr")
		case *types.Func:
			return wantedCallee(pass, t, obj)
		case *types.TypeName:
			return objPkgPath(obj) == "net/http" && obj.Name() == "ResponseWriter"
		}
		return false
	}
	for _, obj := range pass.TypesInfo.Defs {
		if obj != nil && wanted(obj) {
			return true
		}
	}
	for _, obj := range pass.TypesInfo.Uses {
		if wanted(obj) {
			return true
		}
	}
	return false
}

func objPkgPath(obj types.Object) string {
	if obj.Pkg() == nil {
		return ""
	}
	return obj.Pkg().Path()
}

func wantedCallee(pass *analysis.Pass, t *tables, fn *types.Func) bool {
	if credentialName(fn.Name()) != credname.None && isGetter(fn) &&
		isStringish(fn.Signature().Results()) {
		return true
	}
	path := pkgPath(fn)
	switch {
	case path == "crypto/rand", path == "os" && strings.HasSuffix(fn.Name(), "env"),
		path == "net/http" && recvName(fn) == "Header":
		return true
	}
	if fam, _ := t.sinkOf(fn); fam == famLog || fam == famResponse || fam == famStdout {
		return true
	}
	if fn.Pkg() != nil && fn.Pkg() != pass.Pkg {
		var fact summaryFact
		return pass.ImportObjectFact(fn, &fact)
	}
	return false
}
