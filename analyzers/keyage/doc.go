// Package keyage defines an Analyzer that reports keys and tokens accepted
// regardless of their age (rule KL105).
//
// # Analyzer keyage
//
// keyage: report keys and tokens accepted regardless of their age
//
// A key older than its rotation policy should be refused: its age is the
// evidence that rotation failed. That is only possible when the key's
// creation or expiry time is recorded and read, and when tokens carry an
// expiry. The analyzer reports:
//
// A key validation that never reads the key's age: a function that looks a
// key record up by a presented credential (a value named apiKey, token,
// secret, or a header such as X-Api-Key, or a digest of one, also when
// computed into locals first: h := hashKey(apiKey), followed back up to
// four assignments) or compares a record's key field
// (subtle.ConstantTimeCompare, hmac.Equal, bcrypt.CompareHashAndPassword,
// ==), where the record type has a creation, expiry or rotation field, but
// neither the function, nor a function it calls (in any package: facts
// carry this), reads such a field, calls a method named for it (IsExpired,
// Valid), or holds query text about it ("expires_at > now()"). Reported at
// the function's name. A record handed back by a function or interface
// method named as a verifier (Verify, Validate, Authenticate) is taken as
// checked there. A getter that returns the record to its caller is left to
// the caller, unless its name says it decides (auth, validate, verify,
// check, require, middleware, login…). A key record type is a struct named
// as a key, token or credential (APIKey, AccessToken, ServiceCredential),
// possibly followed by one of the suffixes Record, Rec, Row, Model, Entity,
// Entry, Item, Doc or Document (APIKeyRecord, TokenRow), with a field
// holding the key or its digest (Key, KeyHash, Token, Secret). Other
// suffixes (TokenRequest, TokenStore, APIKeyConfig) do not make a record.
//
// A stored key record type with no time at all: a key record with storage
// tags (db, gorm, bson, bun…) and no creation or expiry field, not even an
// embedded one. Reported at the type name.
//
// A token minted with golang-jwt's NewWithClaims, or made by jwt.New and
// given its claims once afterwards (t.Claims = jwt.MapClaims{…}), with no
// expiry (MapClaims without "exp", RegisteredClaims or StandardClaims
// without ExpiresAt, directly or embedded), or with a constant lifetime
// beyond the policy: -keyage.assertion (default 5m) when the names around
// the mint say assertion, -keyage.access-token (default 1h) otherwise, and
// -keyage.api-key (default 90d) for tokens named as API keys. Refresh
// tokens are only required to expire. A key record created with an expiry
// beyond -keyage.api-key is reported too. Lifetimes are read from
// time.Now().Add(d), AddDate and time.Now().Unix() + n with constant
// operands. Flags take Go durations and days ("90d").
//
// Parsing that accepts expired tokens: jwt.WithoutClaimsValidation,
// jwt.Parser{SkipClaimsValidation: true}, a leeway longer than the access
// token policy, and !errors.Is(err, jwt.ErrTokenExpired) in an error check.
//
// Bad:
//
//	func authKey(ctx context.Context, key string) (*APIKey, error) {
//		k, err := store.KeyByHash(ctx, sha256hex(key))
//		if err != nil {
//			return nil, err
//		}
//		return k, nil // APIKey has CreatedAt, never read
//	}
//
// Good:
//
//	if time.Since(k.CreatedAt) > 90*24*time.Hour {
//		return nil, errKeyTooOld
//	}
//
// Generated files are not checked, nor _test.go files unless -keyage.tests
// is set. Suppress a finding with
// //keylint:ignore KL105 <reason> on its line or the line above, or with
// //nolint:keylint.
//
// Limitations: run as keylint PACKAGES, the functions of other modules
// than the named packages' carry no facts, so a check made in one is not
// seen unless -deps=all is given. Only golang-jwt (and dgrijalva and
// form3tech jwt-go) mints
// and parsers are understood; go-jose, lestrrat-go/jwx and PASETO are not.
// A lifetime computed at run time (from config) is not judged; nor are
// claims built by a helper function or held in a package variable, nor a
// token from jwt.New whose claims are filled in through
// t.Claims.(jwt.MapClaims) or never assigned. A validation whose store
// filters expired keys behind an interface is reported unless the query
// text is in the function; suppress it with a reason. A function that hands
// a key record to an interface method or a function value is assumed to
// check it there. Any read of an age field in the function counts as a
// check, even one that only logs it. Key records are recognised by their
// type name, so a record named Client or Account that holds a key is
// missed. A presented key is recognised by its name: a parameter named
// presented or raw is not one, and a digest computed more than four
// assignments away is not followed.
package keyage
