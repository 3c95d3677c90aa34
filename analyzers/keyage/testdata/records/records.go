// Package records holds key record types.
package records

import (
	"database/sql"
	"time"
)

// APIKey is stored with its creation and expiry times.
type APIKey struct {
	ID        int64     `db:"id"`
	UserID    int64     `db:"user_id"`
	KeyHash   string    `db:"key_hash"`
	CreatedAt time.Time `db:"created_at"`
	ExpiresAt *time.Time
}

// IsExpired reports whether k has expired.
func (k *APIKey) IsExpired() bool { return k.ExpiresAt != nil && time.Now().After(*k.ExpiresAt) } // want IsExpired:"checksAge"

// Positive shapes.

type ServiceToken struct { // want `key record type ServiceToken has no creation or expiry time, so no rotation policy can be enforced; add CreatedAt and ExpiresAt \(KL105\)`
	ID    int64  `gorm:"primaryKey"`
	Token string `gorm:"uniqueIndex"`
	Name  string
}

type DeployAPIKey struct { // want `key record type DeployAPIKey has no creation or expiry time`
	ID        string `bson:"_id"`
	Secret    string `bson:"secret"`
	CreatedBy string `bson:"created_by"`
	LastUsed  time.Time
}

type TokenRow struct { // want `key record type TokenRow has no creation or expiry time`
	ID    int64  `db:"id"`
	Token string `db:"token"`
}

type CredentialEntity struct { // want `key record type CredentialEntity has no creation or expiry time`
	ID     string `gorm:"primaryKey"`
	Secret string `gorm:"column:secret"`
}

type PersonalAccessTokenModel struct { // want `key record type PersonalAccessTokenModel has no creation or expiry time`
	TokenHash string `bun:"token_hash"`
}

// Negative shapes.

// APIKeyRecord is a key record by its name's suffix, with a creation time.
type APIKeyRecord struct {
	ID        int64     `db:"id"`
	KeyHash   string    `db:"key_hash"`
	CreatedAt time.Time `db:"created_at"`
}

// TokenRequest is what a client sends, not a stored row.
type TokenRequest struct {
	Token string `db:"token"`
}

// TokenStore holds the table handle, not a row.
type TokenStore struct {
	Token string `db:"token"`
}

// CacheKeyEntry is a cache entry: a cache key is no credential.
type CacheKeyEntry struct {
	Key string `db:"key"`
}

// KeyRecord names a bare key, which is a lookup key.
type KeyRecord struct {
	Key string `db:"key"`
}

// SessionRecords is a collection; only a singular suffix makes a record.
type SessionTokenRecords struct {
	Token string `db:"token"`
}

// Model is embedded, as gorm.Model is.
type Model struct {
	ID        uint
	CreatedAt time.Time
	UpdatedAt time.Time
}

// AccessToken gets CreatedAt from the embedded Model.
type AccessToken struct {
	Model
	TokenHash string `gorm:"index"`
}

// PersonalToken has a Unix creation time, as some forges store it.
type PersonalToken struct {
	ID          int64  `xorm:"pk"`
	TokenHash   string `xorm:"UNIQUE"`
	CreatedUnix int64  `xorm:"created"`
}

// SessionToken has a nullable expiry.
type SessionToken struct {
	Token     string       `db:"token"`
	ExpiresAt sql.NullTime `db:"expires_at"`
}

// APIKeyResponse is decoded from a provider's API, not stored.
type APIKeyResponse struct {
	Key string `json:"key"`
}

// Config is configuration, not a key record.
type Config struct {
	APIKey string `yaml:"api_key" db:"api_key"`
}

// SSHKey is a public key.
type SSHKey struct {
	Fingerprint string `db:"fingerprint"`
	Content     string `db:"content"`
}

// PublicKey is a public key too.
type PublicKey struct {
	KeyHash string `db:"key_hash"`
}

// ClientCredential has no key field: it names a client.
type ClientCredential struct {
	ClientID string `db:"client_id"`
}

// UnstoredKey has no storage tags.
type UnstoredKey struct {
	Key string
}

func migrate() {
	// not reported: a migration's partial copy of the table
	type APIKey struct {
		KeyHash string `db:"key_hash"`
	}
	_ = APIKey{}
}
