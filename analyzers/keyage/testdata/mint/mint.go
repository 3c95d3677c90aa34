// Package mint holds tokens minted with golang-jwt v5.
package mint

import (
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var key = []byte("k")

type userClaims struct {
	UserID int `json:"uid"`
	jwt.RegisteredClaims
}

type ownExpiry struct {
	UserID    int   `json:"uid"`
	ExpiresAt int64 `json:"exp"`
}

func (ownExpiry) GetExpirationTime() (*jwt.NumericDate, error) { return nil, nil }
func (ownExpiry) GetIssuedAt() (*jwt.NumericDate, error)       { return nil, nil }
func (ownExpiry) GetNotBefore() (*jwt.NumericDate, error)      { return nil, nil }
func (ownExpiry) GetIssuer() (string, error)                   { return "", nil }
func (ownExpiry) GetSubject() (string, error)                  { return "", nil }
func (ownExpiry) GetAudience() (jwt.ClaimStrings, error)       { return nil, nil }

// Positive shapes.

func mapNoExp(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": id}) // want `token minted with no expiry; set exp \(ExpiresAt\) to at most 1h \(KL105\)`
}

func mapLongExp(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": id,
		"exp": time.Now().Add(24 * time.Hour).Unix(), // want `token minted with a lifetime of 1d, beyond the 1h policy; issue short-lived access tokens with a refresh token`
	})
}

func registeredNoExp(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: id}) // want `token minted with no expiry`
}

func registeredLong(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		Subject:   id,
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(30 * 24 * time.Hour)), // want `lifetime of 30d, beyond the 1h policy`
	})
}

func embeddedNoExp(id int) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, &userClaims{ // want `token minted with no expiry`
		UserID:           id,
		RegisteredClaims: jwt.RegisteredClaims{Issuer: "app"},
	})
}

func embeddedUnset(id int) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, userClaims{UserID: id}) // want `token minted with no expiry`
}

func embeddedLong(id int) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, userClaims{
		UserID: id,
		RegisteredClaims: jwt.RegisteredClaims{
			ExpiresAt: &jwt.NumericDate{Time: time.Now().Add(72 * time.Hour)}, // want `lifetime of 3d`
		},
	})
}

func unixPlusSeconds(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": id,
		"exp": time.Now().Unix() + 86400, // want `lifetime of 1d`
	})
}

func addDate(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": id,
		"exp": time.Now().AddDate(0, 0, 7).Unix(), // want `lifetime of 7d`
	})
}

func utcNow(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": id,
		"exp": float64(time.Now().UTC().Add(12 * time.Hour).Unix()), // want `lifetime of 12h`
	})
}

func signClientAssertion(clientID string) (string, error) {
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.RegisteredClaims{
		Issuer:    clientID,
		Subject:   clientID,
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)), // want `client assertion minted with a lifetime of 1h, beyond the 5m policy; mint a fresh short-lived assertion for each request`
	})
	return t.SignedString(key)
}

func mintAPIKey(owner string) *jwt.Token {
	apiKeyClaims := jwt.MapClaims{"sub": owner, "exp": time.Now().AddDate(1, 0, 0).Unix()} // want `API key token minted with a lifetime of 365d, beyond the 90d policy; rotate keys within the policy`
	return jwt.NewWithClaims(jwt.SigningMethodHS256, apiKeyClaims)
}

func refreshNoExp(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": id, "typ": "refresh"}) // not the name: judged as an access token // want `token minted with no expiry`
}

func issueRefreshToken(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: id}) // want `refresh token minted with no expiry; set exp \(ExpiresAt\) and rotate refresh tokens on use`
}

func laterExp(id string) *jwt.Token {
	claims := jwt.MapClaims{}
	claims["sub"] = id
	claims["exp"] = time.Now().Add(48 * time.Hour).Unix() // want `lifetime of 2d`
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
}

func laterNoExp(id string) *jwt.Token {
	claims := jwt.MapClaims{}
	claims["sub"] = id
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims) // want `token minted with no expiry`
}

func laterField(id string) *jwt.Token {
	claims := jwt.RegisteredClaims{Subject: id}
	claims.ExpiresAt = jwt.NewNumericDate(time.Now().Add(2 * time.Hour)) // want `lifetime of 2h`
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
}

func nilExp(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: id, ExpiresAt: nil}) // want `token minted with no expiry`
}

func parseNoValidation(s string) (*jwt.Token, error) {
	return jwt.Parse(s, keyFunc, jwt.WithoutClaimsValidation()) // want `token parsed with WithoutClaimsValidation, so expired tokens are accepted; keep claims validation on`
}

func parserNoValidation() *jwt.Parser {
	return jwt.NewParser(jwt.WithoutClaimsValidation()) // want `WithoutClaimsValidation`
}

func longLeeway() *jwt.Parser {
	return jwt.NewParser(jwt.WithLeeway(48 * time.Hour)) // want `leeway of 2d accepts tokens long after they expire; keep leeway to seconds`
}

func ignoreExpired(s string) (*jwt.Token, error) {
	t, err := jwt.Parse(s, keyFunc)
	if err != nil && !errors.Is(err, jwt.ErrTokenExpired) { // want `expired tokens accepted: ErrTokenExpired is left out of the error check`
		return nil, err
	}
	return t, nil
}

func claimsAfterNew(id string) (string, error) {
	t := jwt.New(jwt.SigningMethodHS256) // want `token minted with no expiry; set exp \(ExpiresAt\) to at most 1h`
	t.Claims = jwt.MapClaims{"sub": id}
	return t.SignedString(key)
}

func claimsAfterNewLong(id string) (string, error) {
	t := jwt.New(jwt.SigningMethodHS256)
	t.Claims = jwt.RegisteredClaims{
		Subject:   id,
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(7 * 24 * time.Hour)), // want `token minted with a lifetime of 7d, beyond the 1h policy`
	}
	return t.SignedString(key)
}

func claimsVarAfterNew(id string) (string, error) {
	var tok = jwt.New(jwt.SigningMethodHS256) // want `token minted with no expiry`
	claims := jwt.MapClaims{}
	claims["sub"] = id
	tok.Claims = claims
	tok.Header["kid"] = "k1"
	return tok.SignedString(key)
}

func refreshAfterNew(id string) (string, error) {
	refresh := jwt.New(jwt.SigningMethodHS256) // want `refresh token minted with no expiry`
	refresh.Claims = &userClaims{UserID: 1}
	return refresh.SignedString(key)
}

// Negative shapes.

func claimsAfterNewExp(id string) (string, error) {
	t := jwt.New(jwt.SigningMethodHS256)
	t.Claims = jwt.MapClaims{"sub": id, "exp": time.Now().Add(30 * time.Minute).Unix()}
	return t.SignedString(key)
}

func signToken(t *jwt.Token) (string, error) { return t.SignedString(key) }

func tokenToHelper(id string) (string, error) {
	t := jwt.New(jwt.SigningMethodHS256)
	t.Claims = jwt.MapClaims{"sub": id}
	return signToken(t) // not reported: the token is handed on, its claims may be completed there
}

func claimsAsserted(id string) (string, error) {
	t := jwt.New(jwt.SigningMethodHS256)
	claims := t.Claims.(jwt.MapClaims) // not reported: Limitation, claims filled in through an assertion are not followed
	claims["sub"] = id
	return t.SignedString(key)
}

func claimsTwice(id string, admin bool) (string, error) {
	t := jwt.New(jwt.SigningMethodHS256)
	t.Claims = jwt.MapClaims{"sub": id}
	if admin {
		// not reported: two assignments, so which claims are signed is not known
		t.Claims = jwt.MapClaims{"sub": id, "exp": time.Now().Add(time.Minute).Unix()}
	}
	return t.SignedString(key)
}

func noClaimsAssigned() (string, error) {
	t := jwt.New(jwt.SigningMethodHS256) // not reported: Limitation, a token whose claims are never assigned
	return t.SignedString(key)
}

func claimsFromHelper(id string) (string, error) {
	t := jwt.New(jwt.SigningMethodHS256)
	t.Claims = newClaims(id) // not reported: built by a helper
	return t.SignedString(key)
}

func keyFunc(*jwt.Token) (any, error) { return key, nil }

func shortMap(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": id, "exp": time.Now().Add(15 * time.Minute).Unix(),
	})
}

func exactlyPolicy(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		Subject: id, ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)),
	})
}

func configured(id string, ttl time.Duration) *jwt.Token {
	// not reported: the lifetime comes from configuration
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		Subject: id, ExpiresAt: jwt.NewNumericDate(time.Now().Add(ttl)),
	})
}

func newClaims(id string) jwt.MapClaims {
	return jwt.MapClaims{"sub": id, "exp": time.Now().Add(time.Minute).Unix()}
}

func fromHelper(id string) *jwt.Token {
	claims := newClaims(id) // not reported: built by a helper
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
}

func setExpiry(c jwt.MapClaims) { c["exp"] = time.Now().Add(time.Minute).Unix() }

func escaped(id string) *jwt.Token {
	claims := jwt.MapClaims{"sub": id}
	setExpiry(claims) // not reported: a helper may set exp
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
}

func newRefreshToken(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		Subject: id, ExpiresAt: jwt.NewNumericDate(time.Now().Add(30 * 24 * time.Hour)),
	})
}

func signClientAssertionShort(clientID string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.RegisteredClaims{
		Issuer: clientID, ExpiresAt: jwt.NewNumericDate(time.Now().Add(2 * time.Minute)),
	})
}

func mintAPIKeyShort(owner string) *jwt.Token {
	apiKeyClaims := jwt.MapClaims{"sub": owner, "exp": time.Now().AddDate(0, 0, 30).Unix()}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, apiKeyClaims)
}

func parseRequired(s string) (*jwt.Token, error) {
	return jwt.Parse(s, keyFunc, jwt.WithExpirationRequired(), jwt.WithLeeway(30*time.Second))
}

func expiredIsError(s string) error {
	_, err := jwt.Parse(s, keyFunc)
	if errors.Is(err, jwt.ErrTokenExpired) {
		return errors.New("session expired")
	}
	return err
}

func ownExpiryField(id int) *jwt.Token {
	// not reported: the claims type has an expiry of its own
	return jwt.NewWithClaims(jwt.SigningMethodHS256, ownExpiry{UserID: id})
}

func embeddedShort(id int) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, &userClaims{
		UserID: id,
		RegisteredClaims: jwt.RegisteredClaims{
			ExpiresAt: jwt.NewNumericDate(time.Now().Add(10 * time.Minute)),
		},
	})
}

func computedKey(id, k string) *jwt.Token {
	// not reported: a computed key may be "exp"
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": id, k: 1})
}

func fixedBase(id string) *jwt.Token {
	// not reported: the expiry is not relative to now
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": id, "exp": time.Unix(1700000000, 0).Add(24 * time.Hour).Unix(),
	})
}

func nowVariable(id string) *jwt.Token {
	now := time.Now()
	// not reported: Limitation, the base is a variable holding now
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": id, "exp": now.Add(24 * time.Hour).Unix(),
	})
}

var pkgClaims = jwt.MapClaims{"sub": "svc"}

func packageClaims() *jwt.Token {
	// not reported: claims held in a package variable
	return jwt.NewWithClaims(jwt.SigningMethodHS256, pkgClaims)
}

// NewWithClaims is not golang-jwt's.
func NewWithClaims(_ string, _ map[string]any) {}

func localNamesake() { NewWithClaims("x", map[string]any{"sub": 1}) }
