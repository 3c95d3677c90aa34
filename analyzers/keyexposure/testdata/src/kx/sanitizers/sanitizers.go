// Package sanitizers holds the ways to show a key without showing it.
package sanitizers

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"log"
	"log/slog"
	"strings"
)

func mask(s string) string {
	if len(s) < 8 {
		return "****"
	}
	return s[:4] + strings.Repeat("*", len(s)-4)
}

func redact(s string) string { return "[redacted]" }
func fingerprint(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}
func keyHint(s string) string  { return s[len(s)-4:] }
func Last4(s string) string    { return s[len(s)-4:] }
func truncate(s string) string { return s[:6] }

// Secret is a key type that prints masked.
type Secret string

func (s Secret) String() string { return "Secret(****)" }

// Config holds a password that prints masked.
type Config struct {
	User     string
	Password Secret
}

// Safe prints without its password.
type Safe struct {
	User     string
	Password string
}

func (s Safe) String() string { return "Safe{" + s.User + "}" }

func sanitized(apiKey string, pw Secret, cfg Config, safe Safe) {
	log.Print(mask(apiKey))                  // ok: masked
	log.Print(redact(apiKey))                // ok: redacted
	log.Print(fingerprint(apiKey))           // ok: a fingerprint
	log.Print(keyHint(apiKey))               // ok: a hint
	log.Print(Last4(apiKey))                 // ok: the last four
	log.Print(truncate(apiKey))              // ok: truncated
	log.Print(sha256.Sum256([]byte(apiKey))) // ok: a hash
	h := fnv.New64a()
	h.Write([]byte(apiKey))
	log.Print(h.Sum64())                             // ok: a hash
	log.Printf("%x", sha256.Sum256([]byte(apiKey)))  // ok: a hash
	log.Print(apiKey[:8])                            // ok: a prefix
	log.Print(apiKey[len(apiKey)-4:])                // ok: a suffix
	log.Printf("%T", apiKey)                         // ok: %T
	log.Print(len(apiKey))                           // ok: a length
	log.Print(apiKey == "x")                         // ok: a comparison
	log.Print(strings.HasPrefix(apiKey, "sk_live_")) // ok: a boolean
	log.Printf("%v", cfg)                            // ok: the password type has a String method
	log.Printf("%v", safe)                           // ok: the struct has a String method
	slog.Info("k", "fp", fingerprint(apiKey))        // ok: a fingerprint
	fmt.Println(mask(apiKey))                        // ok: masked
	log.Print(strings.Repeat("*", len(apiKey)))      // ok: stars
}

// A String method that returns the whole key shows it: its summary says
// the receiver flows to the result.
type Leaky string

func (l Leaky) String() string { return string(l) } // want String:"summary through"

func leaky(token Leaky) {
	log.Printf("%v", token.String()) // want `token "token" reaches log.Printf`
}

// A precision cuts a string to a prefix; a width only pads it.
func precision(apiKey string, c struct{ APIKey string }, n int) {
	log.Printf("key prefix %.4s…", apiKey)         // ok: the first four bytes
	log.Printf("key prefix %.8q", c.APIKey)        // ok: the first eight bytes, quoted
	log.Printf("key %-12.6v|", apiKey)             // ok: six bytes, padded
	log.Printf("key %.4x", apiKey)                 // ok: four bytes in hex
	log.Printf("%d %[1]*.[3]*[2]s", 20, apiKey, 4) // want `api key "apiKey" reaches log.Printf`
	log.Printf("%[2].4s %[1]s", "user", apiKey)    // ok: the key is cut by an explicit index
	log.Printf("%[2]s %.4[1]s", "user", apiKey)    // want `api key "apiKey" reaches log.Printf`
	log.Printf("key %.12s", apiKey)                // want `api key "apiKey" reaches log.Printf`
	log.Printf("key %.*s", n, apiKey)              // want `api key "apiKey" reaches log.Printf`
	log.Printf("key %40s", apiKey)                 // want `api key "apiKey" reaches log.Printf`
	log.Printf("key %.4d %s", len(apiKey), apiKey) // want `api key "apiKey" reaches log.Printf`
	_ = fmt.Sprintf("%.4s", apiKey) + mask(apiKey) // ok: never shown
	log.Print(fmt.Sprintf("key %.4s", apiKey))     // ok: a prefix, formatted first
	log.Print(apiKey[:min(len(apiKey), 4)])        // ok: a prefix of at most four bytes
	log.Print(apiKey[:min(len(apiKey), 4, n)])     // ok: a prefix of at most four bytes
	log.Print(apiKey[:min(len(apiKey), n)])        // want `api key "apiKey" reaches log.Print`
}
