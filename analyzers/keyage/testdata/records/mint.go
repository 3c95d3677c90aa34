package records

import "time"

// IntegrationKey is created with an expiry.
type IntegrationKey struct {
	KeyHash   string
	ExpiresAt time.Time
}

func NewKeyForYear(hash string) *IntegrationKey {
	return &IntegrationKey{KeyHash: hash, ExpiresAt: time.Now().Add(400 * 24 * time.Hour)} // want `IntegrationKey created with a lifetime of 400d, beyond the 90d policy for API keys; expire keys within the policy and rotate them`
}

func NewKeyAddDate(hash string) IntegrationKey {
	return IntegrationKey{KeyHash: hash, ExpiresAt: time.Now().AddDate(2, 0, 0)} // want `lifetime of 730d`
}

func NewKeyShort(hash string) *IntegrationKey {
	return &IntegrationKey{KeyHash: hash, ExpiresAt: time.Now().Add(30 * 24 * time.Hour)}
}

func NewKeyConfigured(hash string, ttl time.Duration) *IntegrationKey {
	return &IntegrationKey{KeyHash: hash, ExpiresAt: time.Now().Add(ttl)}
}
