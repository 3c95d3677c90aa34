// Package validate holds key validations, good and bad.
package validate

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/labstack/echo/v4"
	"golang.org/x/crypto/bcrypt"

	"keyagetest/policy"
	"keyagetest/records"
)

// Store looks keys up.
type Store interface {
	KeyByHash(ctx context.Context, hash string) (*records.APIKey, error)
	KeyByID(ctx context.Context, id int64) (*records.APIKey, error)
	Token(ctx context.Context, token string) (*records.SessionToken, error)
	Unstored(ctx context.Context, key string) (*records.UnstoredKey, error)
	Record(ctx context.Context, hash string) (*records.APIKeyRecord, error)
}

// Verifier checks a key somewhere we cannot see.
type Verifier interface {
	Verify(k *records.APIKey) error
}

var errDenied = errors.New("denied")

func hashKey(k string) string {
	s := sha256.Sum256([]byte(k))
	return hex.EncodeToString(s[:])
}

// Positive shapes.

func authenticate(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) { // want `authenticate accepts key record APIKey without reading its CreatedAt or ExpiresAt; reject keys that are expired or older than the rotation policy \(KL105\)`
	k, err := s.KeyByHash(ctx, hashKey(apiKey))
	if err != nil {
		return nil, errDenied
	}
	return k, nil
}

func requireKey(s Store) func(http.Handler) http.Handler { // want `requireKey accepts key record APIKey`
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, err := s.KeyByHash(r.Context(), hashKey(r.Header.Get("X-API-Key"))); err != nil {
				http.Error(w, "denied", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func ginKeyAuth(s Store) gin.HandlerFunc { // want `ginKeyAuth accepts key record APIKey`
	return func(c *gin.Context) {
		k, err := s.KeyByHash(c, hashKey(c.GetHeader("X-Api-Key")))
		if err != nil {
			c.AbortWithStatus(http.StatusUnauthorized)
			return
		}
		c.Set("key", k.ID)
		c.Next()
	}
}

func echoKeyAuth(s Store) echo.MiddlewareFunc { // want `echoKeyAuth accepts key record APIKey`
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			token := c.Request().Header.Get("Authorization")
			if _, err := s.KeyByHash(c.Request().Context(), hashKey(token)); err != nil {
				return echo.ErrUnauthorized
			}
			return next(c)
		}
	}
}

func chiRoutes(s Store) http.Handler {
	r := chi.NewRouter()
	r.Use(requireKey(s))
	r.Get("/v1/items", func(w http.ResponseWriter, r *http.Request) {})
	return r
}

func compareKey(k *records.APIKey, presented string) bool { // want `compareKey accepts key record APIKey`
	return subtle.ConstantTimeCompare([]byte(k.KeyHash), []byte(hashKey(presented))) == 1
}

func compareBcrypt(k *records.APIKey, secret string) error { // want `compareBcrypt accepts key record APIKey`
	return bcrypt.CompareHashAndPassword([]byte(k.KeyHash), []byte(secret))
}

func compareEqual(k *records.APIKey, presented string) bool { // want `compareEqual accepts key record APIKey`
	return k.KeyHash == hashKey(presented)
}

func sessionLookup(ctx context.Context, s Store, sessionToken string) bool { // want `sessionLookup accepts key record SessionToken without reading its ExpiresAt`
	t, err := s.Token(ctx, sessionToken)
	return err == nil && t != nil
}

func authenticateAndAudit(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) { // want `authenticateAndAudit accepts key record APIKey`
	k, err := s.KeyByHash(ctx, hashKey(apiKey))
	if err != nil {
		return nil, err
	}
	policy.Audit(k) // Audit does not check age: no fact
	return k, nil
}

func checkKey(s Store, r *http.Request) bool { // want `checkKey accepts key record APIKey`
	_, err := s.KeyByHash(r.Context(), hashKey(r.URL.Query().Get("api_key")))
	return err == nil
}

func recordSuffix(ctx context.Context, s Store, apiKey string) bool { // want `recordSuffix accepts key record APIKeyRecord without reading its CreatedAt`
	_, err := s.Record(ctx, hashKey(apiKey))
	return err == nil
}

func hashedFirst(ctx context.Context, s Store, apiKey string) bool { // want `hashedFirst accepts key record APIKey`
	h := hashKey(apiKey)
	_, err := s.KeyByHash(ctx, h)
	return err == nil
}

func verifySum(ctx context.Context, s Store, r *http.Request) (*records.APIKey, error) { // want `verifySum accepts key record APIKey`
	k := r.Header.Get("X-Api-Key")
	sum := sha256.Sum256([]byte(k))
	return s.KeyByHash(ctx, hex.EncodeToString(sum[:]))
}

func sumThenHex(ctx context.Context, s Store, token string) bool { // want `sumThenHex accepts key record APIKeyRecord`
	var sum [32]byte
	sum = sha256.Sum256([]byte(token))
	digest := hex.EncodeToString(sum[:])
	_, err := s.Record(ctx, digest)
	return err == nil
}

// Negative shapes.

func hashedFirstChecked(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) { // want hashedFirstChecked:"checksAge"
	h := hashKey(apiKey)
	k, err := s.KeyByHash(ctx, h)
	if err != nil || k.IsExpired() {
		return nil, errDenied
	}
	return k, nil
}

func recordSuffixChecked(ctx context.Context, s Store, apiKey string) error {
	rec, err := s.Record(ctx, hashKey(apiKey))
	if err == nil && time.Since(rec.CreatedAt) > 90*24*time.Hour {
		return errDenied
	}
	return err
}

func hashedName(ctx context.Context, s Store, email string) bool {
	h := hashKey(email) // not reported: the looked-up value is no presented credential
	_, err := s.KeyByHash(ctx, h)
	return err == nil
}

func longChain(ctx context.Context, s Store, apiKey string) bool {
	a := apiKey
	b := a
	c := b
	d := c
	e := d // not reported: Limitation, more than four assignments back
	_, err := s.KeyByHash(ctx, e)
	return err == nil
}

func checksExpiry(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) { // want checksExpiry:"checksAge"
	k, err := s.KeyByHash(ctx, hashKey(apiKey))
	if err != nil {
		return nil, err
	}
	if k.ExpiresAt != nil && k.ExpiresAt.Before(time.Now()) {
		return nil, errDenied
	}
	return k, nil
}

func checksCreated(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) { // want checksCreated:"checksAge"
	k, err := s.KeyByHash(ctx, hashKey(apiKey))
	if err != nil || time.Since(k.CreatedAt) > 90*24*time.Hour {
		return nil, errDenied
	}
	return k, nil
}

func callsMethod(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) { // want callsMethod:"checksAge"
	k, err := s.KeyByHash(ctx, hashKey(apiKey))
	if err != nil || k.IsExpired() {
		return nil, errDenied
	}
	return k, nil
}

func tooOld(k *records.APIKey) bool { return time.Since(k.CreatedAt) > 90*24*time.Hour } // want tooOld:"checksAge"

func samePackageCallee(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) { // want samePackageCallee:"checksAge"
	k, err := s.KeyByHash(ctx, hashKey(apiKey))
	if err != nil || tooOld(k) {
		return nil, errDenied
	}
	return k, nil
}

func otherPackageCallee(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) { // want otherPackageCallee:"checksAge"
	k, err := s.KeyByHash(ctx, hashKey(apiKey))
	if err != nil || !policy.Usable(k) {
		return nil, errDenied
	}
	return k, nil
}

func inQuery(ctx context.Context, db *sql.DB, s Store, apiKey string) (*records.APIKey, error) { // want inQuery:"checksAge"
	_, _ = db.ExecContext(ctx, "DELETE FROM api_keys WHERE expires_at < now()")
	return s.KeyByHash(ctx, hashKey(apiKey))
}

func blindVerify(ctx context.Context, s Store, v Verifier, apiKey string) error {
	k, err := s.KeyByHash(ctx, hashKey(apiKey))
	if err != nil {
		return err
	}
	return v.Verify(k) // not reported: the verifier may check age
}

func funcValue(ctx context.Context, s Store, check func(*records.APIKey) error, apiKey string) error {
	k, err := s.KeyByHash(ctx, hashKey(apiKey))
	if err != nil {
		return err
	}
	return check(k)
}

func DeleteAPIKey(ctx context.Context, s Store, apiKey string) error {
	_, err := s.KeyByHash(ctx, hashKey(apiKey))
	return err
}

func revokeToken(ctx context.Context, s Store, token string) error {
	_, err := s.Token(ctx, token)
	return err
}

func byID(ctx context.Context, s Store, keyID int64) (*records.APIKey, error) {
	return s.KeyByID(ctx, keyID) // looked up by ID, not by a presented key
}

func unstored(ctx context.Context, s Store, apiKey string) error {
	_, err := s.Unstored(ctx, apiKey) // the record has no age to read
	return err
}

func compareName(k *records.APIKey, name string) bool {
	return k.UserID == 0 && name == ""
}

type user struct {
	PasswordHash []byte
	CreatedAt    time.Time
}

func comparePassword(u *user, password string) error {
	return bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(password))
}

func unixCreated(k *records.PersonalToken, presented string) bool { // want unixCreated:"checksAge"
	if time.Now().Unix()-k.CreatedUnix > 90*86400 {
		return false
	}
	return k.TokenHash == hashKey(presented)
}

func sqlExpiry(ctx context.Context, s Store, token string) bool {
	t, err := s.Token(ctx, token)
	return err == nil && t.ExpiresAt.Valid && t.ExpiresAt.Time.After(time.Now())
}

func presenceOnly(k *records.APIKey) error {
	if k.KeyHash == "" || k == nil {
		return errDenied // a presence test, not a comparison
	}
	return nil
}

func toResponse(k *records.APIKey) *records.APIKey { return k }

func getKeyForDisplay(ctx context.Context, s Store, id int64) *records.APIKey {
	apiKey, _ := s.KeyByID(ctx, id)
	return toResponse(apiKey) // the record is passed in, no key is presented
}

func initKeyFromEnv(ctx context.Context, s Store, apiKey string) {
	_, _ = s.KeyByHash(ctx, hashKey(apiKey)) // set-up, not a validation
}

func verifiedElsewhere(apiKey string) (*records.APIKey, error) { // want verifiedElsewhere:"checksAge"
	return policy.Verify(apiKey) // Verify refuses expired keys itself
}

func GetKey(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) {
	return s.KeyByHash(ctx, hashKey(apiKey)) // a getter: the caller decides
}

// KeyVerifier verifies keys behind an interface, as an OIDC verifier does.
type KeyVerifier interface {
	Verify(ctx context.Context, raw string) (*records.APIKey, error)
}

func verifyWithVerifier(ctx context.Context, v KeyVerifier, apiKey string) (*records.APIKey, error) {
	return v.Verify(ctx, apiKey) // not reported: the verifier is trusted to check age
}
