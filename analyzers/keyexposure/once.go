package keyexposure

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// strongVerbs name operations that hand out a new credential by
// themselves: a login returns a fresh session token, a rotation a new key.
var strongVerbs = set("rotate", "regenerate", "issue", "mint", "login",
	"signin", "signup", "register", "exchange", "refresh", "renew", "reset",
	"roll", "provision", "reissue", "reveal", "enroll")

// weakVerbs name a creation only when the name also says what is created
// (createAPIKey, newToken), since NewServer or addUser create no key.
var weakVerbs = set("create", "new", "generate", "gen", "make", "add",
	"grant", "init", "setup")

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

// createsKey reports whether the top-level function fn creates a key, so
// that its response may show it once: its name says so (rotateKey,
// handleCreateToken, Login), or it generates a key or calls an operation
// that does (crypto/rand, store.CreateAPIKey, a function whose summary
// says it generates one).
func (c *checker) createsKey(fn *ssa.Function) bool {
	if v, ok := c.creates[fn]; ok {
		return v
	}
	v := createName(fn.Name()) || c.callsCreator(fn)
	c.creates[fn] = v
	return v
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

// callsCreator reports whether fn or one of its closures calls a key
// generator.
func (c *checker) callsCreator(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			obj := calleeObj(call.Common())
			if obj == nil {
				continue
			}
			if pkgPath(obj) == "crypto/rand" || createName(obj.Name()) && returnsValue(obj) {
				return true
			}
			if s := c.summaryOf(call.Common().StaticCallee()); s != nil && s.Generates {
				return true
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if c.callsCreator(anon) {
			return true
		}
	}
	return false
}

func returnsValue(fn *types.Func) bool {
	return fn.Signature().Results().Len() > 0
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
