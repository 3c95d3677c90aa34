// Package hardcodedkey defines an Analyzer that reports secrets written into
// Go source (rule KL101).
//
// # Analyzer hardcodedkey
//
// hardcodedkey: report secrets written into Go source
//
// A key in source is in every clone, fork, build log and image, and cannot be
// rotated without a release. The analyzer reports, once per constant, at the
// literal (or at the declaration of a named constant):
//
// Every string constant the type checker knows (literals, named constants,
// []byte("…") arguments, concatenations it folds) whose value matches one of
// gitleaks' default detection rules, with that rule's own keywords, entropy
// limit and allowlists. The message names the rule, such as github-pat.
//
// A random-looking value bound to a name that says "credential": a variable
// or constant, a struct field in a composite literal, a selector assignment
// (cfg.APIKey = "…"), a map key ("api_key": "…"), a comparison (token ==
// "…"), a switch case, a parameter whose name is a credential, or the
// result of a function such as apiKey(). The values and elements of a map,
// slice or array literal are bound to the literal's own name when their key
// names no credential: apiKeys = map[string]string{"dev": "…"} and tokens =
// []string{"…"}; words that say how the collection is indexed are dropped
// (apiKeysByEnv holds API keys). Names match on word and camel-case
// boundaries: apiKey, api_key, ClientSecret and X-Api-Key are credentials;
// compass, tokenizer, keyboard, monkey and nextPageToken are not, nor are
// names of a place where a secret is found (tokenURL, passwordEnv,
// apiKeyHeader). "Random-looking" means at least 16 bytes with an entropy
// near that of random alphanumeric strings of that length and a run that
// mixes letters and digits the way words do not (hex needs 32 digits); for
// passwords, 8 bytes and three character classes.
//
// A password in the userinfo of a URL in any string constant:
// postgres://app:…@db:5432/app, mysql://, redis://, amqp://,
// mongodb+srv://, https://user:…@host. The message names the scheme, user
// and host, never the password. Not reported: placeholders (${DB_PASSWORD},
// <pass>, changeme, xxxx, password), passwords that repeat the user or are
// made of service names and digits (postgres:postgres, guest:guest,
// secret123), passwords that are not plausible as secrets, passwords on
// local hosts (localhost, 127.0.0.1, a host name without a dot such as a
// compose service) unless they look machine-made, and URLs on documentation
// domains (example.com, .test, .invalid, .example).
//
// A value handed to a credential sink, with a lower bar (8 bytes, not a
// placeholder): the password of (*net/http.Request).SetBasicAuth,
// url.UserPassword and smtp.PlainAuth; http.Header.Set and Add of
// Authorization or an API-key header; the ClientSecret of oauth2.Config and
// clientcredentials.Config and the tokens of oauth2.Token; the key of
// golang-jwt's SignedString; option.WithAPIKey and WithCredentialsJSON;
// google.CredentialsFromJSON; the AWS SDKs' static credential providers and
// credential structs.
//
// Not reported: names of secrets (environment variable names, config keys,
// header names, URLs), placeholders (changeme, xxxx, <token>, ${SECRET},
// YOUR_API_KEY, REPLACE_ME, example, dummy, P@ssw0rd), values made of words
// and digits, publishable and public keys (names with public, publishable
// or pub; values starting pk_live_, pk_test_ or pk., PEM and SSH public
// keys), checksums with an algorithm prefix (h1:…=, sha256:…), UUIDs,
// _test.go files unless -hardcodedkey.tests is set, and generated files
// (// Code generated … DO NOT EDIT.) unless -hardcodedkey.generated is set:
// their secrets come from an input that the scanner (KL201) sees. A file
// that imports "C" is checked: cmd/cgo's rewrite of it says it is
// generated, but the code is the user's.
//
// Bad:
//
//	var stripeKey = "sk_live_…" // matches gitleaks rule stripe-access-token
//
// Good:
//
//	var stripeKey = os.Getenv("STRIPE_KEY")
//
// Where the value initialises a variable, a struct field or an assigned
// string, a suggested fix reads it from the environment instead, naming the
// variable after the target (STRIPE_KEY) and importing os. A constant is
// turned into a variable only when it is unexported and every use accepts a
// string variable; otherwise there is no fix.
//
// Suppress a finding with //keylint:ignore KL101 <reason> on its line or the
// line above, or with //nolint:keylint. A keylint:ignore directive without a
// reason suppresses nothing and is itself reported.
//
// Limitations: secrets that are not constants (built at run time, read from
// embedded files, decoded from base64) are missed; the scanner (KL201) sees
// embedded files. Values longer than 64 KiB are not given to gitleaks.
// gitleaks rules that need a keyword beside the value (such as twilio or
// heroku keys without their prefix) only match when the keyword is in the
// same string. Random-looking values made of letters only, shorter than 32
// bytes, and UUID-shaped keys are missed. A collection's elements are bound
// only to the innermost name: in apiKeys = map[string]map[string]string{
// "dev": {"stripe": "…"}} the value is bound to "dev". A URL password that
// holds an unescaped /, ?, # or @ is cut there and usually missed, and a
// password someone chose for a local host is taken for a development one.
// Known false positives: random-looking identifiers bound to credential
// names (test vectors, public key IDs named like secrets), and gitleaks'
// generic-api-key rule on strings that embed key = value text such as
// documentation.
package hardcodedkey
