package secretlit

import (
	"encoding/base64"
	"strings"
)

// placeholderMarkers are substrings (compared case-insensitively) that only
// occur in values written to be replaced.
var placeholderMarkers = []string{
	"example", "sample", "dummy", "placeholder", "changeme", "change_me",
	"change-me", "changeit", "replace", "redacted", "your", "insert",
	"fixme", "todo", "notreal", "not_real", "not-real", "not-a-real",
	"fake", "foobar", "lorem", "123456", "abcdef", "qwerty",
}

// templateMarkers are substrings that make a value a template or a format,
// not a value: ${VAR}, $(cmd), {{.Field}}, %s, <token>, {id}.
var templateMarkers = []string{"${", "$(", "{{", "}}", "%s", "%v", "%d", "%q"}

// commonWords are the words that weak and placeholder secrets are made of.
// A value that, lower-cased and with leetspeak undone, is only these words
// and digits is a placeholder ("MySecretKey2024!", "s3cr3t", "P@ssw0rd").
var commonWords = []string{
	"password", "passwd", "pass", "secret", "token", "apikey", "api", "key",
	"admin", "root", "test", "testing", "guest", "user", "username", "login",
	"letmein", "default", "hunter", "welcome", "none", "null", "nil",
	"empty", "demo", "mock", "foo", "bar", "baz", "abc", "my", "super",
	"top", "private", "access", "auth", "client", "app", "db", "dev", "prod",
	"the", "some", "very", "long", "random", "string", "value", "word",
	"sesame", "open", "dragon", "monkey", "master", "temp", "tmp", "local",
	"changeit", "changeme", "jwt", "signing", "session", "cookie", "hello",
	"world", "pwd", "xyz",
}

// leet undoes the usual character substitutions of weak passwords.
var leet = strings.NewReplacer(
	"0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t", "@", "a",
	"$", "s",
)

// IsPlaceholder reports whether s is a placeholder for a secret rather than
// one: a template (${TOKEN}, {{.Key}}, <api-key>, %s), a mask (xxxx, ****),
// a marker word (example, dummy, changeme, your-key-here, REPLACE_ME, …),
// a keyboard or alphabet run (123456, abcdef, qwerty), a run of six equal
// characters, or nothing but common words and digits (supersecret123).
func IsPlaceholder(s string) bool {
	if len(s) < 4 {
		return true
	}
	lower := strings.ToLower(s)
	for _, m := range templateMarkers {
		if strings.Contains(lower, m) {
			return true
		}
	}
	if enclosed(s, '<', '>') || enclosed(s, '{', '}') || enclosed(s, '[', ']') {
		return true
	}
	for _, m := range placeholderMarkers {
		if strings.Contains(lower, m) {
			return true
		}
	}
	return hasMask(s) || onlyCommonWords(lower)
}

// enclosed reports whether s contains open followed later by close with at
// least one character between: "<token>", "Bearer {token}".
func enclosed(s string, open, close byte) bool {
	i := strings.IndexByte(s, open)
	return i >= 0 && strings.IndexByte(s[i+1:], close) > 0
}

// hasMask reports a run of four mask characters (x, X, *, #, •) or of six
// equal characters of any kind.
func hasMask(s string) bool {
	run, prev := 0, rune(-1)
	for _, r := range s {
		if r == prev {
			run++
		} else {
			run, prev = 1, r
		}
		switch {
		case run >= 6:
			return true
		case run >= 4 && strings.ContainsRune("xX*#•", r):
			return true
		}
	}
	return false
}

// onlyCommonWords reports whether the letters of lower, as they are or
// with leetspeak undone, are none or a concatenation of commonWords.
func onlyCommonWords(lower string) bool {
	return splitsIntoWords(letters(lower), commonWords) ||
		splitsIntoWords(letters(leet.Replace(lower)), commonWords)
}

// letters returns the ASCII lower-case letters of s.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r
		}
		return -1
	}, s)
}

// splitsIntoWords reports whether s is a concatenation of words, by dynamic
// programming over prefixes. Values are short, so this is cheap.
func splitsIntoWords(s string, words []string) bool {
	if len(s) > 64 {
		return false
	}
	ok := make([]bool, len(s)+1)
	ok[0] = true
	for i := 1; i <= len(s); i++ {
		for _, w := range words {
			if len(w) <= i && ok[i-len(w)] && s[i-len(w):i] == w {
				ok[i] = true
				break
			}
		}
	}
	return ok[len(s)]
}

// IsNameLike reports whether s reads as the name of a secret rather than a
// secret: it has only letters, digits and the separators _ . - / : and
// every part of it (see Parts) is a word, as in environment variable
// names ("GITHUB_TOKEN"), config keys ("auth.api_key"), header names
// ("X-Api-Key"), identifiers and paths; or it is a URL.
func IsNameLike(s string) bool {
	if strings.Contains(s, "://") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && !strings.ContainsRune("_.-/:", rune(s[i])) {
			return false
		}
	}
	parts := Parts(s)
	if len(parts) == 0 {
		return true
	}
	for _, p := range parts {
		if !IsWordPart(p) {
			return false
		}
	}
	return true
}

// digestPrefixes mark checksums and password hashes: go.sum's "h1:",
// Subresource Integrity's "sha384-", OCI digests "sha256:", bcrypt "$2a$".
var digestPrefixes = []string{
	"h1:", "md5:", "sha1:", "sha224:", "sha256:", "sha384:", "sha512:",
	"sha256-", "sha384-", "sha512-", "sha256=", "sha1=", "$2a$", "$2b$",
	"$2y$", "$argon2", "$scrypt$", "$pbkdf2",
}

// IsDigest reports whether s is a checksum with an algorithm prefix (see
// digestPrefixes) or a UUID, which identifies rather than authenticates.
//
// Limitation: some services issue UUID-shaped keys (Heroku, for one); only
// a gitleaks rule with the service's keyword in the same value finds them.
func IsDigest(s string) bool {
	lower := strings.ToLower(s)
	for _, p := range digestPrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return isUUID(lower)
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isDigit(s[i]) && !('a' <= s[i] && s[i] <= 'f') {
				return false
			}
		}
	}
	return true
}

// authSchemes are the HTTP authorization schemes stripped before a header
// value is judged.
var authSchemes = []string{"bearer", "basic", "token", "bot", "digest", "apikey", "sso-key"}

// AuthValue returns the secret part of an HTTP Authorization header value:
// the credentials after a scheme such as "Bearer " or "token ". For
// "Basic" it decodes user:password and returns the password when that
// works. A value without a known scheme is returned unchanged.
func AuthValue(v string) string {
	scheme, rest, ok := strings.Cut(strings.TrimSpace(v), " ")
	if !ok {
		return v
	}
	scheme = strings.ToLower(scheme)
	for _, s := range authSchemes {
		if scheme != s {
			continue
		}
		rest = strings.TrimSpace(rest)
		if s == "basic" {
			if b, err := base64.StdEncoding.DecodeString(rest); err == nil {
				if _, pw, ok := strings.Cut(string(b), ":"); ok {
					return pw
				}
			}
		}
		return rest
	}
	return v
}

// EncodesText reports whether s is base64 of plain text rather than of
// random bytes: it decodes to printable ASCII that is a placeholder, a name
// or words separated by spaces, as in "bXktc2VjcmV0LWtleQ==" (my-secret-key)
// or RFC 6455's sample nonce "dGhlIHNhbXBsZSBub25jZQ==".
func EncodesText(s string) bool {
	if len(s) < 8 {
		return false
	}
	var b []byte
	for _, enc := range []*base64.Encoding{
		base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding,
	} {
		if d, err := enc.DecodeString(s); err == nil {
			b = d
			break
		}
	}
	if b == nil {
		return false
	}
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	text := string(b)
	if IsPlaceholder(text) || IsNameLike(text) {
		return true
	}
	for _, w := range strings.Fields(text) {
		if !IsNameLike(w) {
			return false
		}
	}
	return strings.Contains(text, " ")
}
