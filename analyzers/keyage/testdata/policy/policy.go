// Package policy checks key ages for other packages; keyage sees that
// through facts.
package policy

import (
	"time"

	"keyagetest/records"
)

// Fresh reports whether k is younger than the rotation policy.
func Fresh(k *records.APIKey) bool { // want Fresh:"checksAge"
	return time.Since(k.CreatedAt) < 90*24*time.Hour
}

// Usable calls Fresh, so it checks age too.
func Usable(k *records.APIKey) bool { return k != nil && Fresh(k) } // want Usable:"checksAge"

// Audit records a use of k; it does not check age.
func Audit(k *records.APIKey) {}

// Verify looks a key up and refuses it when it has expired, as a token
// verifier does.
func Verify(presented string) (*records.APIKey, error) { // want Verify:"checksAge"
	k := &records.APIKey{KeyHash: presented}
	if k.ExpiresAt != nil && time.Now().After(*k.ExpiresAt) {
		return nil, nil
	}
	return k, nil
}
