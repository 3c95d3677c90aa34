// Package names holds names that look like credentials but are not.
package names

import "log"

type record struct {
	KeyID         string
	KeyPrefix     string
	TokenType     string
	TokenURL      string
	SecretName    string
	PasswordHash  string
	NextPageToken string
	CSRFToken     string
	CacheKey      string
	Keyboard      string
	Tokenizer     string
	Compass       string
	Monkey        string
	PublicKey     string
	SortKey       string
	AuthURL       string
	TokenExpiry   string
	SecretRef     string
	MaskedKey     string
	APIKeyHash    string
}

func fields(r record) {
	log.Print(r.KeyID)         // ok: an ID
	log.Print(r.KeyPrefix)     // ok: a prefix
	log.Print(r.TokenType)     // ok: a type
	log.Print(r.TokenURL)      // ok: a URL
	log.Print(r.SecretName)    // ok: a name
	log.Print(r.PasswordHash)  // ok: a hash
	log.Print(r.NextPageToken) // ok: pagination
	log.Print(r.CSRFToken)     // ok: CSRF
	log.Print(r.CacheKey)      // ok: a cache key
	log.Print(r.Keyboard)      // ok: a keyboard
	log.Print(r.Tokenizer)     // ok: a tokenizer
	log.Print(r.Compass)       // ok: contains "pass"
	log.Print(r.Monkey)        // ok: contains "key"
	log.Print(r.PublicKey)     // ok: public
	log.Print(r.SortKey)       // ok: a sort key
	log.Print(r.AuthURL)       // ok: a URL
	log.Print(r.TokenExpiry)   // ok: an expiry
	log.Print(r.SecretRef)     // ok: a reference
	log.Print(r.MaskedKey)     // ok: masked
	log.Print(r.APIKeyHash)    // ok: a hash
	log.Printf("%v", r)        // ok: no field holds a key
}

func locals(key string, tokens int, passed bool) {
	log.Print(key)    // ok: a bare key is a map key
	log.Print(tokens) // ok: a count
	log.Print(passed) // ok: a boolean
	keyID := "k1"
	log.Print(keyID) // ok: an ID
}
