package keyexposure

import (
	"go/types"
	"slices"
	"strings"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// family is the kind of place a key must not reach. It decides the remedy
// in the message and whether the shown-once rule applies.
type family int

const (
	famLog family = iota + 1
	famStdout
	famError
	famPanic
	famResponse
)

// remedy returns what to do instead, for the message.
func (f family) remedy() string {
	switch f {
	case famError:
		return "leave the key out of the error or use its prefix"
	case famPanic:
		return "leave the key out of the panic or use its prefix"
	case famResponse:
		return "return the full key only from the operation that creates it"
	case famStdout:
		return "print its prefix or fingerprint"
	}
	return "log its prefix or fingerprint"
}

// loggerPkgs are the packages whose logging functions and methods are
// sinks, recognised by name (see isLogMethod).
var loggerPkgs = map[string]bool{
	"log":                            true,
	"log/slog":                       true,
	"go.uber.org/zap":                true,
	"github.com/sirupsen/logrus":     true,
	"github.com/rs/zerolog":          true,
	"github.com/rs/zerolog/log":      true,
	"k8s.io/klog/v2":                 true,
	"k8s.io/klog":                    true,
	"github.com/golang/glog":         true,
	"github.com/labstack/gommon/log": true,
}

// tabledModules are the modules whose sinks the tables know; their own
// code is not analysed.
var tabledModules = []string{
	"go.uber.org/zap", "github.com/sirupsen/logrus", "github.com/rs/zerolog",
	"k8s.io/klog", "github.com/golang/glog", "github.com/gin-gonic/gin",
	"github.com/labstack/echo", "github.com/labstack/gommon",
	"github.com/go-chi/render",
}

// knownModule reports whether path belongs to a module in tabledModules.
func knownModule(path string) bool {
	for _, p := range tabledModules {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// logLevels are the level words of logging methods; a method is a log
// sink when its name is a level word with one of logSuffixes.
var logLevels = []string{
	"Print", "Debug", "Info", "Warn", "Warning", "Error", "Trace", "Fatal",
	"Panic", "DPanic", "Log", "Output", "Notice", "Critical", "Exit",
}

var logSuffixes = []string{"", "f", "ln", "w", "S", "Depth", "Context",
	"Attrs", "Depthf", "Fn", "j", "fn"}

// logAttrSinks are methods that attach a value to every record a logger or
// an event writes: With, WithField, zerolog's typed event methods.
var logAttrSinks = map[string]bool{
	"With": true, "WithField": true, "WithFields": true, "WithValues": true,
	"Str": true, "Strs": true, "Bytes": true, "Interface": true, "Any": true,
	"Stringer": true, "Msg": true, "Msgf": true, "Send": true, "RawJSON": true,
	"Hex": true, "Fields": true, "Object": true, "Dict": true, "Err": true,
	"AnErr": true, "Errs": true,
}

// isLogMethod reports whether name is a logging method or function of a
// logger package.
func isLogMethod(name string) bool {
	if logAttrSinks[name] {
		return true
	}
	for _, l := range logLevels {
		rest, ok := strings.CutPrefix(name, l)
		if ok && slices.Contains(logSuffixes, rest) {
			return true
		}
	}
	return false
}

// frameworkSinks are response helpers of web frameworks, by receiver or
// package path and name; the value is the index of the first argument
// that reaches the client.
var frameworkSinks = map[string]map[string]int{
	"github.com/gin-gonic/gin.Context": {
		"JSON": 1, "IndentedJSON": 1, "SecureJSON": 1, "JSONP": 1,
		"AsciiJSON": 1, "PureJSON": 1, "XML": 1, "YAML": 1, "TOML": 1,
		"ProtoBuf": 1, "String": 1, "Data": 2, "AbortWithStatusJSON": 1,
		"Render": 1, "Header": 1,
	},
	"github.com/labstack/echo/v4.Context": {
		"JSON": 1, "JSONPretty": 1, "JSONBlob": 1, "JSONP": 2, "XML": 1,
		"XMLPretty": 1, "XMLBlob": 1, "String": 1, "HTML": 1, "HTMLBlob": 1,
		"Blob": 2,
	},
	// render.Respond is a variable holding DefaultResponder, see
	// respondVar.
	"github.com/go-chi/render": {
		"JSON": 2, "PlainText": 2, "Data": 2, "HTML": 2, "XML": 2,
		"DefaultResponder": 2, "Render": 2,
	},
}

// propagatorPkgs are packages whose functions return a value built from
// their arguments (strings.TrimSpace, hex.EncodeToString …). Their
// sanitizing functions are excluded by name (see isSanitizerName).
var propagatorPkgs = map[string]bool{
	"strings": true, "bytes": true, "strconv": true, "encoding/hex": true,
	"encoding/base64": true, "encoding/base32": true, "encoding/json": true,
	"encoding/xml": true, "net/url": true, "path": true, "html": true,
	"unicode/utf16": true, "slices": true, "maps": true,
}

// hashPkgs hash or encrypt: nothing of the key shows in their results.
var hashPkgs = []string{"crypto/", "hash/", "golang.org/x/crypto/"}

// sanitizerWords are words of a function name that say its result shows
// at most part of a key.
var sanitizerWords = map[string]bool{
	"mask": true, "masked": true, "redact": true, "redacted": true,
	"fingerprint": true, "hash": true, "hashed": true, "digest": true,
	"truncate": true, "truncated": true, "prefix": true, "suffix": true,
	"last4": true, "hint": true, "preview": true, "obfuscate": true,
	"obfuscated": true, "scrub": true, "sanitize": true, "sanitized": true,
	"censor": true, "hide": true, "shorten": true, "short": true,
	"abbrev": true, "abbreviate": true, "elide": true, "anonymize": true,
	"checksum": true, "sum": true, "hmac": true, "encrypt": true,
	"encrypted": true, "len": true, "length": true, "count": true,
	"id": true, "has": true, "is": true, "equal": true, "compare": true,
	"contains": true, "index": true, "valid": true, "validate": true,
	"verify": true, "masker": true, "redactor": true, "safe": true,
}

// isSanitizerName reports whether the words of a function or variable
// name say it holds or returns at most part of a key.
func isSanitizerName(name string) bool {
	for _, w := range credname.Words(name) {
		if sanitizerWords[w] {
			return true
		}
	}
	return false
}

// tables are the sinks and sanitizers of one analyzer, with the extras
// given by flags.
type tables struct {
	extraSinks      map[string]bool
	extraSanitizers map[string]bool
}

func newTables(o Options) *tables {
	t := &tables{
		extraSinks:      make(map[string]bool),
		extraSanitizers: make(map[string]bool),
	}
	for _, s := range o.Sinks {
		t.extraSinks[s] = true
	}
	for _, s := range o.Sanitizers {
		t.extraSanitizers[s] = true
	}
	return t
}

// sinkOf returns the family of fn as a sink and the index of its first
// argument (receiver excluded) that reaches the sink, or 0 if fn is no
// sink. Writer-dependent sinks (fmt.Fprintf, json.Encoder) are decided by
// the caller.
func (t *tables) sinkOf(fn *types.Func) (family, int) {
	if t.extraSinks[fn.FullName()] {
		return famLog, 0
	}
	pkg := fn.Pkg()
	if pkg == nil {
		return 0, 0
	}
	path, name := pkg.Path(), fn.Name()
	recv := recvName(fn)
	switch {
	case path == "fmt":
		switch name {
		case "Print", "Printf", "Println":
			return famStdout, 0
		case "Errorf":
			return famError, 0
		}
	case path == "errors" && name == "New":
		return famError, 0
	case path == "net/http" && recv == "" && name == "Error":
		return famResponse, 1
	case path == "net/http" && recv == "ResponseWriter" && name == "Write":
		return famResponse, 0
	case path == "github.com/labstack/echo/v4" && recv == "" && name == "NewHTTPError":
		return famError, 1
	case loggerPkgs[path]:
		if recv == "" && isAttrType(fn) {
			return 0, 0 // slog.Any, zap.String: see isPropagator
		}
		if isLogMethod(name) {
			if name == "Output" {
				return famLog, 1
			}
			return famLog, 0
		}
	}
	key := path
	if recv != "" {
		key += "." + recv
	}
	if m, ok := frameworkSinks[key]; ok {
		if i, ok := m[name]; ok {
			return famResponse, i
		}
	}
	return 0, 0
}

// isSanitizer reports whether fn's result shows at most part of a key.
func (t *tables) isSanitizer(fn *types.Func) bool {
	if t.extraSanitizers[fn.FullName()] {
		return true
	}
	if pkg := fn.Pkg(); pkg != nil {
		for _, p := range hashPkgs {
			if strings.HasPrefix(pkg.Path(), p) {
				return true
			}
		}
	}
	return isSanitizerName(fn.Name())
}

// isPropagator reports whether fn returns a value built from its
// arguments: the string, encoding and formatting helpers of the standard
// library, and the field constructors of the loggers (zap.String,
// slog.Any …).
func isPropagator(fn *types.Func) bool {
	pkg := fn.Pkg()
	if pkg == nil {
		return false
	}
	path, name := pkg.Path(), fn.Name()
	recv := recvName(fn)
	switch {
	case path == "fmt":
		return strings.HasPrefix(name, "Sprint") || strings.HasPrefix(name, "Append")
	case propagatorPkgs[path]:
		return true
	case path == "log/slog" || path == "go.uber.org/zap":
		// Attribute and field constructors: slog.String, zap.Any …
		return recv == "" && isAttrType(fn)
	case path == "github.com/sirupsen/logrus" || path == "github.com/rs/zerolog":
		return recv == "" && name != "New"
	}
	return false
}

// isAttrType reports whether fn returns a slog.Attr, slog.Value or
// zap.Field.
func isAttrType(fn *types.Func) bool {
	sig := fn.Signature()
	if sig.Results().Len() != 1 {
		return false
	}
	n, ok := types.Unalias(sig.Results().At(0).Type()).(*types.Named)
	if !ok {
		return false
	}
	switch n.Obj().Name() {
	case "Attr", "Value", "Field":
		return true
	}
	return false
}

// recvName returns the name of fn's receiver type, without pointer, or "".
func recvName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return ""
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Obj().Name()
	case *types.Interface:
		return ""
	}
	return ""
}

// displayName returns fn as messages show it: log.Printf,
// (*zap.Logger).Info, (http.ResponseWriter).Write.
func displayName(fn *types.Func) string {
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Name() + "."
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return pkg + fn.Name()
	}
	star := ""
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		star, t = "*", p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return "(" + star + pkg + n.Obj().Name() + ")." + fn.Name()
	}
	return fn.Name()
}
