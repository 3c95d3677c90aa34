// Package keyexposure defines an Analyzer that reports full keys reaching a
// log, an error, a panic or an HTTP response (rule KL102).
//
// # Analyzer keyexposure
//
// keyexposure: report full keys that reach a log, an error or a response
//
// A key may be shown in full once, in the response that creates it; after
// that only a prefix or a fingerprint. Logs, error messages, crash reports
// and API responses are copied to places a key should never be. The
// analyzer follows keys through the SSA form of each function and reports,
// at the sink call, each place where a whole key arrives.
//
// Keys are: values of credential-named variables, parameters, struct
// fields, package variables and functions (apiKey, api_key, ClientSecret,
// password, bearerToken, AccessToken, GetToken(), dbPwd, githubPAT,
// basicAuth; not keyID, keyPrefix, tokenType, tokenURL, secretName,
// passwordHash, maskedKey, nor a bare pwd, pat or auth, which name the
// working directory, a pattern and an auth method); values of the
// Authorization, Proxy-Authorization, Cookie and credential-named headers;
// the header map of the incoming request (r.Header, c.Request.Header) and
// the dumps of httputil.DumpRequest and DumpRequestOut; os.Getenv and
// os.LookupEnv of credential-named variables; the password of
// (*http.Request).BasicAuth and (*url.Userinfo).Password; and random bytes
// from crypto/rand once they are bound to a credential name or returned by
// a function named like a key (newAPIKey). A piece of scanned or split
// text (bufio.Scanner's Text and Bytes, text/scanner's TokenText, the
// results of strings.Fields, Split*, Cut and their bytes twins, and the
// variables of loops over them) is no key by a one-word name: token :=
// sc.Text() is a lexer's token. A qualified name (githubToken :=
// fields[1]) or a key the text was cut from still makes it one, and a
// credential-named parameter is always one.
//
// Keys travel through assignments, concatenation, conversions, fmt.Sprint*,
// strings.Builder and bytes.Buffer, the strings, bytes, strconv and
// encoding helpers, struct fields, maps, slices, channels, pointers, phis,
// defer and go statements, and closures. Across functions and packages
// they travel through facts: a function that returns a key is a source in
// every package that calls it, a function that passes a parameter to a
// sink makes its callers' arguments reach that sink, and a function whose
// parameter flows to its result carries the key on.
//
// Sinks are: log and *log.Logger (Print*, Fatal*, Panic*, Output); log/slog
// (package functions, Logger methods, the *Context variants, Log,
// LogAttrs, With, and attributes built by slog.String, slog.Any …);
// fmt.Print* and fmt.Fprint* to os.Stdout, os.Stderr or an
// http.ResponseWriter; go.uber.org/zap (Logger methods with zap fields,
// With, and the SugaredLogger's f, w and ln methods); logrus (package
// functions, Logger and Entry methods, WithField, WithFields); zerolog
// events (Str, Bytes, Interface, Msg, Msgf …) and contexts; klog and glog,
// including V(n); fmt.Errorf and errors.New; panic; the Write and
// WriteString methods of an http.ResponseWriter, io.WriteString,
// http.Error, w.Header().Set and Add, json.NewEncoder(w).Encode; gin's
// c.JSON, c.String, c.Header and friends, echo's c.JSON, c.String, c.Blob
// and echo.NewHTTPError, and go-chi/render's helpers (render.JSON,
// PlainText, Data, HTML, XML, Render, DefaultResponder and the
// render.Respond variable). A struct (or a pointer, slice or map of
// structs) with a field clearly named as a secret (a password, secret,
// token, private key, API or access key; not Auth or DetachKeys), its own
// or an embedded struct's, counts as the key when it is printed with %v
// or %s, given to zap.Any or slog.Any, or serialised to a response or by
// json.Marshal; for responses only exported fields without a json:"-" tag
// count. The -keyexposure.sinks flag adds sinks by full name, such as
// (*example.com/log.Logger).Debugf.
//
// Shown once: a response, or for a command the console, may show a key
// created by the same operation. A key is created there when it is made
// in the function (crypto/rand, then an encoding, bound to a name), or
// returned by a call of a creating operation (a function whose summary
// says it generates a key or returns random bytes, or one named like
// CreateAPIKey, IssueToken or RotateSecret), including a struct whose key
// field holds such a value. In a top-level function named as a creation
// (createKey, handleRotateToken, issueToken; a name with rotate,
// regenerate or reissue, or with create, new, generate, issue, mint,
// renew, exchange, provision … and a key word), the keys it did not read
// from the request may be shown too, such as the stored key a rotation
// returns. A key read from the request (a credential header, basic auth,
// a form, query, cookie or path value bound to a credential name) is
// never shown back. A login, a refresh or a reset creates no key by its
// name. For a closure the enclosing named function decides. A get or list
// handler that returns the stored key is reported, even when it makes a
// nonce or a request ID with crypto/rand.
//
// Sanitizers: calls whose name says they mask, redact, fingerprint, hash,
// truncate or take a prefix, suffix, last4 or hint; the crypto, hash and
// golang.org/x/crypto packages; slicing to at most 12 bytes at either end
// (key[:8], key[:min(len(key), 4)], key[len(key)-4:]); %T and %p; a
// precision of at most 8 on %s, %q, %v, %x and %X (%.4s); len,
// comparisons and every other operation whose result is a number or a
// boolean; struct types and field types with their own String method
// (and, for responses, MarshalJSON or MarshalText). The
// -keyexposure.sanitizers flag adds sanitizers by full name.
//
// Suggested fix: when the key handed to a log or console sink is a string
// variable or field by itself (apiKey, cfg.APIKey), the fix replaces it
// with its first four bytes, apiKey[:min(len(apiKey), 4)], in files of Go
// 1.21 or later where min and len are the builtins.
//
// Bad:
//
//	log.Printf("using key %s", apiKey)
//
// Good:
//
//	log.Printf("using key %s…", apiKey[:8])
//
// _test.go files are not checked unless -keyexposure.tests is set.
// Suppress a finding with //keylint:ignore KL102 <reason> on its line or
// the line above, or with //nolint:keylint.
//
// Limitations: run as keylint PACKAGES, facts exist only for the named
// packages' modules, so a sink wrapper in another module is missed unless
// -deps=all is given (go vet -vettool computes facts for every package).
// Keys that pass through function values, interface method
// calls of unknown types, reflection, unsafe.Pointer, generic containers
// or package variables written in another function are missed, as are
// writes to an io.Writer parameter (it may be a file) and to loggers not
// in the tables. Field reads are sources only when the field is named as
// a credential, so a key copied into a field named otherwise and read
// back in another function is missed. Summaries are refined four times
// within a package, so longer chains of local calls lose the key. A
// variable whose address is taken or that a closure captures holds the
// key as a whole, before the key is stored as well as after, and so does
// a struct once a key is stored in one of its fields. A function named as
// a creation may show any key it did not read from the request: a stored
// key, a parameter, an environment variable. A struct from a creating
// call counts as new as a whole. Scanned or split text under a one-word
// name is missed even when it is a password (password := fields[1] of a
// credentials file). Only the header map of the incoming request (a
// parameter, a captured variable, a gin or echo context's request, or a
// copy of one) is a source: an outgoing request's Header, a loop over the
// header map and a whole *http.Request printed with %v are missed, and a
// precision given by * (%.*s) is taken to show the whole key. Known false
// positives: commands that print a token on request (such as "auth token"
// subcommands), handlers that create a key under a name the shown-once
// rule does not know (a login or a refresh handler that returns a token
// from auth.Login or a token source), and credential-named values that
// hold no secret (a token count named tokens is safe, a struct field named
// Token that holds an ID is not).
package keyexposure
