// Package credname tells whether a name — an identifier, a struct field, a
// map key, an HTTP header or an environment variable — says that the value it
// holds is a credential.
//
// Names are split into words on separators and camel-case boundaries, so
// apiKey, api_key, API_KEY, X-Api-Key and APIKey all read as the words "api"
// and "key". A name is a credential when one of its words is a credential
// word (password, secret, token, key with a qualifier, credentials, basic auth…)
// and every word after it only qualifies the value (Value, Bytes, Prod, EU,
// V2, a single letter…).
// Matching whole words keeps compass, tokenizer, keyboard, monkey, passage
// and bypass out; requiring the credential word to come last keeps the names
// of secrets out: tokenURL, apiKeyHeader, passwordEnv and secretName hold a
// location, not the secret.
package credname

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the sort of credential a name announces.
type Kind int

// The kinds of credential, from no credential at all to the generic one.
const (
	None Kind = iota
	Password
	Secret
	Token
	APIKey
	PrivateKey
	Credential
)

// String returns the kind as a lowercase noun phrase for messages.
func (k Kind) String() string {
	switch k {
	case Password:
		return "password"
	case Secret:
		return "secret"
	case Token:
		return "token"
	case APIKey:
		return "api key"
	case PrivateKey:
		return "private key"
	case Credential:
		return "credential"
	}
	return "none"
}

// Classify returns the kind of credential name announces, or None. The
// credential word must be the last word of the name, or be followed only by
// words that qualify the value (see the package doc).
func Classify(name string) Kind {
	words := Words(name)
	for i := len(words) - 1; i >= 0; i-- {
		if k := headKind(words, i); k != None {
			return k
		}
		if !isNeutral(words[i]) {
			return None
		}
	}
	return None
}

// IsCredential reports whether name announces a credential of any kind.
func IsCredential(name string) bool { return Classify(name) != None }

// Words splits name into lowercase words at every character that is neither
// a letter nor a digit, and at camel-case boundaries: "APIKey" gives "api",
// "key"; "dbPassword2" gives "db", "password2"; "X-Api-Key" gives "x", "api",
// "key". Digits stay with the letters before them.
func Words(name string) []string {
	var words []string
	start := -1
	var prev rune
	flush := func(end int) {
		if start >= 0 {
			words = append(words, strings.ToLower(name[start:end]))
			start = -1
		}
	}
	for i, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			prev = r
			continue
		}
		if start >= 0 && unicode.IsUpper(r) && camelBoundary(name, i, prev) {
			flush(i)
		}
		if start < 0 {
			start = i
		}
		prev = r
	}
	flush(len(name))
	return words
}

// camelBoundary reports whether a word starts at the upper-case letter at
// byte offset i, given the rune before it: after a lower-case letter or a
// digit ("fooBar", "v2Token"), or where an acronym ends ("APIKey": the K).
func camelBoundary(name string, i int, prev rune) bool {
	if unicode.IsLower(prev) || unicode.IsDigit(prev) {
		return true
	}
	if !unicode.IsUpper(prev) {
		return false
	}
	_, size := utf8.DecodeRuneInString(name[i:])
	next, _ := utf8.DecodeRuneInString(name[i+size:])
	return unicode.IsLower(next)
}

// EnvName derives an environment variable name from name: its words in upper
// case joined by underscores ("stripeKey" gives "STRIPE_KEY", "cfg.APIKey"
// gives "CFG_API_KEY"). It returns "" when name has no words.
func EnvName(name string) string {
	return strings.ToUpper(strings.Join(Words(name), "_"))
}

// headKind returns the kind of credential the word at i names, taking the
// word before it into account ("api key", "page token").
func headKind(words []string, i int) Kind {
	w := words[i]
	base := strings.TrimRight(w, "0123456789")
	if base == "" {
		return None
	}
	prev := ""
	if i > 0 {
		prev = words[i-1]
	}
	if k, ok := headWords[base]; ok {
		return k
	}
	switch base {
	case "pass":
		if len(words) == 1 || passQualifiers[prev] {
			return Password
		}
	case pwdWord:
		if passQualifiers[prev] {
			return Password
		}
	case "pat":
		if patQualifiers[prev] {
			return Token
		}
	case "auth":
		if authQualifiers[prev] {
			return Credential
		}
	case "token", "tokens":
		if !tokenNotSecret[prev] {
			return Token
		}
	case "key", "keys":
		// publicSigningKey, PubEncryptionKey: the public half is no secret.
		if slices.ContainsFunc(words[:i], func(w string) bool { return w == "public" || w == "pub" }) {
			return None
		}
		return keyKind(prev)
	}
	return compoundKind(base)
}

// keyKind classifies "key" after the word prev. A bare "key" is far more
// often a map or cache key than a credential, so it needs a qualifier.
func keyKind(prev string) Kind {
	switch {
	case prev == "" || keyNotSecret[prev] || keyNotSecret[strings.TrimRight(prev, "0123456789")]:
		return None
	case prev == "private" || prev == "priv":
		return PrivateKey
	case secretKeyQualifiers[prev]:
		return Secret
	}
	return APIKey
}

// compoundKind classifies one lowercase word that glues a credential word to
// a qualifier, such as "apikey", "dbpassword" or "githubtoken".
func compoundKind(w string) Kind {
	// dbpwd and adminpwd, but not oldpwd (OLDPWD, the previous directory).
	if q, ok := strings.CutSuffix(w, pwdWord); ok && passQualifiers[q] {
		return Password
	}
	for _, c := range compounds {
		if len(w) > len(c.suffix) && strings.HasSuffix(w, c.suffix) {
			if c.kind == Token && tokenNotSecret[strings.TrimSuffix(w, c.suffix)] {
				return None
			}
			return c.kind
		}
	}
	return None
}

func isNeutral(w string) bool {
	// One letter after the credential word tells copies apart: apiKeyA,
	// tokenB, secretX.
	if neutral[w] || len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
		return true
	}
	base := strings.TrimRight(w, "0123456789")
	return base == "" || base == "v" || neutral[base]
}
