// Package redact turns secrets into forms that are safe to print: a short
// prefix with the length, and a stable fingerprint.
package redact

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxPrefix bounds how much of a secret is ever shown. Six characters are
// enough to recognise a vendor prefix (ghp_, sk_liv, AKIA) and far too few to
// use the key.
const maxPrefix = 6

// Secret returns s reduced to a printable prefix and its length, such as
// "ghp_8z…(40 chars)". At most a fifth of the secret, and never more than six
// characters, is shown, so a short secret shows less.
func Secret(s string) string {
	n := utf8.RuneCountInString(s)
	show := min(maxPrefix, n/5)
	prefix := make([]rune, 0, show)
	for _, r := range s {
		if len(prefix) == show || r == utf8.RuneError || !unicode.IsPrint(r) ||
			unicode.IsSpace(r) {
			break
		}
		prefix = append(prefix, r)
	}
	return fmt.Sprintf("%s…(%d chars)", string(prefix), n)
}

// ruleEscaper keeps the NUL that ends the rule out of the rule itself, so
// that no characters can move between rule and secret. Rule IDs without the
// control bytes 0x00 and 0x01 (all real ones) are hashed as they are, which
// keeps their fingerprints.
var ruleEscaper = strings.NewReplacer("\x01", "\x01\x01", "\x00", "\x01\x02")

// Fingerprint returns a stable identifier for a secret found by a detection
// rule: the first 16 hex digits of SHA-256 over rule and secret. The same
// secret under the same rule always has the same fingerprint, wherever and
// whenever it is found; the fingerprint does not reveal the secret.
func Fingerprint(rule, secret string) string {
	h := sha256.New()
	h.Write([]byte(ruleEscaper.Replace(rule)))
	h.Write([]byte{0})
	h.Write([]byte(secret))
	return hex.EncodeToString(h.Sum(nil))[:16]
}
