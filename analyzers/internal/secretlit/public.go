package secretlit

import (
	"strings"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// Some keys are public by design: a browser or a mobile app holds them,
// and the provider expects them to be seen. Reporting one as a hardcoded
// or shared secret is a false positive that teaches people to ignore the
// rule.

// publicPrefixes begin values issued to be published: Stripe's (and
// Clerk's) publishable keys and Mapbox's public tokens, and public keys in
// their usual text forms.
var publicPrefixes = []string{
	"pk_live_", "pk_test_", "pk.ey",
	"-----begin public key-----", "-----begin rsa public key-----",
	"ssh-rsa ", "ssh-ed25519 ", "ecdsa-sha2-",
}

// IsPublicValue reports whether s is a key meant to be public, by its
// prefix: pk_live_…, pk_test_…, a Mapbox pk.… token, a PEM public key or
// an SSH public key.
func IsPublicValue(s string) bool {
	lower := strings.ToLower(strings.TrimSpace(s))
	for _, p := range publicPrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// publicWords are the words of a name that say its key is public.
var publicWords = map[string]bool{
	"public": true, "publishable": true, "pub": true,
}

// IsPublicName reports whether a name says the key it holds is public:
// publishableKey, STRIPE_PUBLISHABLE_KEY, publicToken, pubKeys.
//
// credname already treats "public key" as no credential; this also covers
// "publishable" and names where the public word is further from the
// credential word (publicApiKey, publishableKeysByEnv).
func IsPublicName(name string) bool {
	words := credname.Words(name)
	for i, w := range words {
		// PubSubToken is a Pub/Sub push token, a secret.
		if w == "pub" && i+1 < len(words) && words[i+1] == "sub" {
			continue
		}
		if publicWords[w] {
			return true
		}
	}
	return false
}
