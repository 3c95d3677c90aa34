package hardcodedkey

import (
	"go/types"
	"regexp"
	"strings"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// callSink is a function or method whose arguments at args are secrets.
type callSink struct {
	pkg  string // import path without a major-version suffix
	recv string // receiver type name; "" for a function
	name string
	args []int
	kind credname.Kind
	json bool // the argument is a JSON key file, not a bare secret
}

// callSinks are matched by package path, receiver type and name through the
// type checker, never by the text of the call.
var callSinks = []callSink{
	{"net/http", "Request", "SetBasicAuth", []int{1}, credname.Password, false},
	{"net/url", "", "UserPassword", []int{1}, credname.Password, false},
	{"net/smtp", "", "PlainAuth", []int{2}, credname.Password, false},
	{"net/smtp", "", "CRAMMD5Auth", []int{1}, credname.Secret, false},
	{"github.com/golang-jwt/jwt", "Token", "SignedString", []int{0}, credname.Secret, false},
	{"github.com/dgrijalva/jwt-go", "Token", "SignedString", []int{0}, credname.Secret, false},
	{"google.golang.org/api/option", "", "WithAPIKey", []int{0}, credname.APIKey, false},
	{"google.golang.org/api/option", "", "WithCredentialsJSON", []int{0}, credname.Credential, true},
	{"golang.org/x/oauth2/google", "", "CredentialsFromJSON", []int{1}, credname.Credential, true},
	{"golang.org/x/oauth2/google", "", "JWTConfigFromJSON", []int{0}, credname.Credential, true},
	{"github.com/aws/aws-sdk-go-v2/credentials", "", "NewStaticCredentialsProvider", []int{1, 2}, credname.Secret, false},
	{"github.com/aws/aws-sdk-go/aws/credentials", "", "NewStaticCredentials", []int{1, 2}, credname.Secret, false},
}

// fieldSink is a struct field that holds a secret.
type fieldSink struct {
	pkg   string
	typ   string
	field string
	kind  credname.Kind
	json  bool
}

func (s fieldSink) typeName() string {
	return s.pkg[strings.LastIndex(s.pkg, "/")+1:] + "." + s.typ
}

var fieldSinks = []fieldSink{
	{"golang.org/x/oauth2", "Config", "ClientSecret", credname.Secret, false},
	{"golang.org/x/oauth2", "Token", "AccessToken", credname.Token, false},
	{"golang.org/x/oauth2", "Token", "RefreshToken", credname.Token, false},
	{"golang.org/x/oauth2/clientcredentials", "Config", "ClientSecret", credname.Secret, false},
	{"golang.org/x/oauth2/jwt", "Config", "PrivateKey", credname.PrivateKey, false},
	{"github.com/aws/aws-sdk-go-v2/aws", "Credentials", "SecretAccessKey", credname.Secret, false},
	{"github.com/aws/aws-sdk-go-v2/aws", "Credentials", "SessionToken", credname.Token, false},
	{"github.com/aws/aws-sdk-go/aws/credentials", "Value", "SecretAccessKey", credname.Secret, false},
	{"github.com/aws/aws-sdk-go/aws/credentials", "Value", "SessionToken", credname.Token, false},
	{"cloud.google.com/go/auth/credentials", "DetectOptions", "CredentialsJSON", credname.Credential, true},
}

// majorSuffix matches the major-version element of a module path.
var majorSuffix = regexp.MustCompile(`/v[0-9]+$`)

// pkgPath returns the path of p as the tables spell it: without a vendor
// directory and without a major-version suffix.
func pkgPath(p *types.Package) string {
	if p == nil {
		return ""
	}
	path := p.Path()
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		path = path[i+len("/vendor/"):]
	}
	return majorSuffix.ReplaceAllString(path, "")
}

// recvName returns the package path and type name of fn's receiver, or
// empty strings for a function.
func recvName(fn *types.Func) (pkg, name string) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return "", ""
	}
	return namedType(sig.Recv().Type())
}

// namedType returns the package path and name of t or of what t points to.
func namedType(t types.Type) (pkg, name string) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return "", ""
	}
	return pkgPath(n.Obj().Pkg()), n.Obj().Name()
}

func lookupCallSink(fn *types.Func) (callSink, bool) {
	name := fn.Name()
	var path, recv string
	resolved := false
	for _, s := range callSinks {
		if s.name != name {
			continue
		}
		if !resolved {
			path = pkgPath(fn.Pkg())
			_, recv = recvName(fn)
			resolved = true
		}
		if s.pkg == path && s.recv == recv {
			return s, true
		}
	}
	return callSink{}, false
}

func lookupFieldSink(t types.Type, field string) (fieldSink, bool) {
	var path, name string
	for _, s := range fieldSinks {
		if s.field != field {
			continue
		}
		if name == "" {
			path, name = namedType(t)
		}
		if s.pkg == path && s.typ == name {
			return s, true
		}
	}
	return fieldSink{}, false
}

// isHeaderSetter reports whether fn is Set or Add of http.Header or
// textproto.MIMEHeader.
func isHeaderSetter(fn *types.Func) bool {
	if fn.Name() != "Set" && fn.Name() != "Add" {
		return false
	}
	pkg, recv := recvName(fn)
	return pkg == "net/http" && recv == "Header" ||
		pkg == "net/textproto" && recv == "MIMEHeader"
}

// jsonSecretFields are the members of a JSON key file that hold a secret.
var jsonSecretFields = []string{`"private_key"`, `"client_secret"`, `"refresh_token"`}

// jsonCarriesSecret reports whether a JSON document handed to a credential
// sink holds a secret, rather than being empty or a reference.
func jsonCarriesSecret(doc string) bool {
	for _, f := range jsonSecretFields {
		if strings.Contains(doc, f) {
			return true
		}
	}
	return false
}
