// Package staticcred defines an Analyzer that reports outbound requests
// authenticated with a long-lived static secret (rule KL104).
//
// # Analyzer staticcred
//
// staticcred: report service calls that send a static secret
//
// A static key sent on every call lives as long as someone remembers to
// rotate it, and a copy of it works from anywhere. Between services,
// short-lived credentials do better: OAuth client credentials, a JWT
// assertion signed per request (RFC 7523, golang.org/x/oauth2/jwt), or the
// workload identity of the cloud the code runs in. The rule is advisory: its
// severity is note.
//
// The analyzer reports, at the call (or the composite-literal field) that
// attaches the secret:
//
// An Authorization or Proxy-Authorization header, or a header named like a
// credential (X-Api-Key, X-Auth-Token, Private-Token), set with Set or Add
// of net/http.Header or textproto.MIMEHeader, or with resty's SetHeader and
// SetAuthToken; (*net/http.Request).SetBasicAuth and resty's SetBasicAuth;
// the ClientSecret of golang.org/x/oauth2/clientcredentials.Config, in a
// literal or an assignment; option.WithAPIKey of the Google API client; the
// static credential providers of the AWS SDKs; oauth2.StaticTokenSource with
// an AccessToken given in a literal.
//
// It reports them only when the secret is static: a literal or a named
// constant, an environment variable (os.Getenv, os.LookupEnv), a struct
// field named like a credential (cfg.APIKey, c.token), viper's GetString,
// or a package-level variable named like a credential. The secret is
// followed through "Bearer "+…, fmt.Sprintf, conversions, strings.Trim… and
// base64 encoding, and through the local variables of the function back to
// their values. The message names the source, the header and the host when
// the request was made with http.NewRequest from a constant URL.
//
// Not reported: tokens from an oauth2.TokenSource (ts.Token(), the fields
// of an oauth2.Token), JWTs signed in the function (SignedString, Sign,
// Mint…), session tokens, fields of a struct that also holds an expiry time
// and fields of a value a call just returned (all short-lived), values of
// parameters and of calls the analyzer cannot judge, placeholders, headers
// of responses, headers whose names are not credentials, service account
// key JSON (it signs a JWT assertion per token), _test.go files unless
// -staticcred.tests is set, and generated files.
//
// The flag -staticcred.ignore takes a comma-separated list of hosts and
// import paths whose static keys are accepted, for third-party APIs that
// offer nothing else: -staticcred.ignore=api.stripe.com,github.com/aws/aws-sdk-go-v2.
// A host covers its subdomains; an import path covers the packages below it.
//
// Bad:
//
//	req.Header.Set("X-Api-Key", os.Getenv("BILLING_API_KEY"))
//
// Good:
//
//	cfg := clientcredentials.Config{ClientID: id, TokenURL: tokenURL,
//		AuthStyle: oauth2.AuthStyleInHeader} // with a private_key_jwt assertion
//	client := cfg.Client(ctx) // tokens expire and are renewed
//
// Suppress a finding with //keylint:ignore KL104 <reason> on its line or the
// line above, or with //nolint:keylint.
//
// Limitations: a secret that reaches the call through a parameter, a
// function result, a map or a field not named like a credential is not
// followed, so helpers that take the key as an argument are missed (their
// callers are not seen either). Headers set through a map index
// (req.Header["X-Api-Key"] = …) or an http.Header literal, gRPC metadata and
// SDKs other than those listed are missed. The host is known only for
// requests made in the same function from a constant URL, so the ignore
// list by host does not apply to requests built elsewhere. Known false
// positives: a config field named like a credential that the program fills
// from a token source before each call, and the plumbing of generic HTTP
// client libraries, which pass on a password their caller chose (resty's
// middleware calling SetBasicAuth). In client libraries for vendors that
// only issue static keys, every finding is correct but not actionable by
// the library: list the host or package in -staticcred.ignore.
package staticcred
