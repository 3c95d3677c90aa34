package secretlit

import (
	"math"
	"strings"
	"unicode"
)

// Entropy returns the Shannon entropy of s in bits per byte: 0 for "" and
// for one repeated byte, log2(n) at most for n distinct bytes.
func Entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// Classes is the set of character classes present in a value.
type Classes struct {
	Lower, Upper, Digit, Symbol bool
}

// Count returns how many classes are present.
func (c Classes) Count() int {
	n := 0
	for _, b := range []bool{c.Lower, c.Upper, c.Digit, c.Symbol} {
		if b {
			n++
		}
	}
	return n
}

// CharClasses returns the character classes of s. Letters and digits
// outside ASCII count as symbols.
func CharClasses(s string) Classes {
	var c Classes
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case 'a' <= b && b <= 'z':
			c.Lower = true
		case 'A' <= b && b <= 'Z':
			c.Upper = true
		case '0' <= b && b <= '9':
			c.Digit = true
		default:
			c.Symbol = true
		}
	}
	return c
}

// Bounds of the heuristics below.
const (
	minRandomLen   = 16   // shorter random tokens are rare, short words common
	minHexLen      = 32   // shorter hex strings are colours, IDs, short hashes
	maxHeuristic   = 4096 // longer values are documents, not tokens
	minPasswordLen = 8
	minHexEntropy  = 3.0
	// An entropy of bitsPerLenBit·log2(n) is what a random alphanumeric
	// string of length n reaches in 99 of 100 draws (about 3.3 bits for 16
	// characters, 4.15 for 32); capped for long values.
	bitsPerLenBit = 0.83
	maxEntropyBar = 4.5
	// A long value of letters only counts as random from this entropy on.
	lettersOnlyEntropy = 4.2
)

// LooksRandom reports whether s has the shape of a machine-generated
// secret: at least 16 bytes without spaces, an entropy near what random
// alphanumeric strings of that length reach, and at least one run that mixes
// letters and digits the way words do not ("x7Kq", not "Database2024").
// Hex strings need 32 digits. Placeholders, names, URLs, digests and UUIDs
// never look random.
func LooksRandom(s string) bool {
	n := len(s)
	if n < minRandomLen || n > maxHeuristic || !candidate(s) {
		return false
	}
	h := Entropy(s)
	if isHex(s) {
		return n >= minHexLen && h >= minHexEntropy && !allDigits(s)
	}
	if h < min(bitsPerLenBit*math.Log2(float64(n)), maxEntropyBar) {
		return false
	}
	if hasMixedPart(s) {
		return true
	}
	// Limitation: a random value of letters only shorter than 32 bytes reads
	// like camel-case words and is missed.
	c := CharClasses(s)
	return n >= 2*minRandomLen && h >= lettersOnlyEntropy && c.Upper && c.Lower
}

// LooksLikePassword reports whether s may be a password someone chose: at
// least 8 bytes, three character classes, an entropy of 2.5 bits or more,
// and a run that is not a word ("Tr0ub4dor&3" is one; "Welcome123!" and
// "P@ssw0rd" are not). Random-looking values count too.
func LooksLikePassword(s string) bool {
	if LooksRandom(s) {
		return true
	}
	if len(s) < minPasswordLen || len(s) > maxHeuristic || !candidate(s) {
		return false
	}
	if CharClasses(s).Count() < 3 || Entropy(s) < 2.5 {
		return false
	}
	return hasMixedPart(s) || wordFraction(s) < 0.5
}

// wordFraction returns the share of the bytes of s that belong to parts
// with a run of four letters or more: about 0.7 for "Welcome123!", 0 for
// "q9#Lm2!xVb".
func wordFraction(s string) float64 {
	if s == "" {
		return 0
	}
	n := 0
	for _, p := range Parts(s) {
		letters := 0
		for letters < len(p) && isLetter(p[letters]) {
			letters++
		}
		if letters >= 4 {
			n += len(p)
		}
	}
	return float64(n) / float64(len(s))
}

// Plausible reports whether s is plausible as a secret where the code has
// already said it is one, such as the password argument of SetBasicAuth: at
// least 8 bytes, not a placeholder, name or digest, some variety, and either
// a run that is not a word or three character classes.
func Plausible(s string) bool {
	if len(s) < minPasswordLen || len(s) > MaxMatchLen || !candidate(s) {
		return false
	}
	if Entropy(s) < 2.5 {
		return false
	}
	return hasMixedPart(s) || CharClasses(s).Count() >= 3
}

// candidate rules out what is never a secret whatever its entropy.
func candidate(s string) bool {
	return !strings.ContainsFunc(s, unicode.IsSpace) &&
		!IsPlaceholder(s) && !IsNameLike(s) && !IsDigest(s) && !EncodesText(s)
}

// Parts splits s into runs of letters and digits, also breaking where a
// camel-case word starts: "sk_live_4eC39" gives "sk", "live", "4e", "C39";
// "AKIAZ3MHQX7T" stays whole.
func Parts(s string) []string {
	var parts []string
	start := -1
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !isAlnum(b) {
			if start >= 0 {
				parts = append(parts, s[start:i])
				start = -1
			}
			continue
		}
		if start >= 0 && isUpper(b) && wordStart(s, i) {
			parts = append(parts, s[start:i])
			start = -1
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		parts = append(parts, s[start:])
	}
	return parts
}

// wordStart reports whether the upper-case letter at i starts a camel-case
// word: after a lower-case letter ("fooBar"), or after a digit or at the end
// of an acronym when a lower-case letter follows ("Base64Encoder",
// "HTTPServer"). Runs of upper-case letters and digits ("AKIAZ3MHQX7T") stay
// together.
func wordStart(s string, i int) bool {
	prev := s[i-1]
	if isLower(prev) {
		return true
	}
	return (isDigit(prev) || isUpper(prev)) && i+1 < len(s) && isLower(s[i+1])
}

// IsWordPart reports whether one part of Parts reads like part of a name
// rather than of a random token: digits only, or pronounceable letters (see
// pronounceable) with digits before them ("2fa", "64bit") or up to four
// after them ("Database2024", "sha256", "v2"), not both.
func IsWordPart(p string) bool {
	lead := spanOf(p, isDigit)
	letters := spanOf(p[lead:], isLetter)
	trail := spanOf(p[lead+letters:], isDigit)
	switch {
	case lead+letters+trail != len(p):
		return false // letters after trailing digits: "9ab3x"
	case letters == 0:
		return true
	case lead > 0 && trail > 0:
		return false
	}
	return trail <= 4 && pronounceable(p[lead:lead+letters])
}

// spanOf returns the length of the prefix of s whose bytes satisfy f.
func spanOf(s string, f func(byte) bool) int {
	i := 0
	for i < len(s) && f(s[i]) {
		i++
	}
	return i
}

// pronounceable reports whether a run of letters could be a word or an
// abbreviation: shorter than three letters, with a vowel, in one case and
// short ("GDPR", "gdch"), or a known abbreviation (see vowelless). Random
// text gives runs like "Kwt" or "bDxq" that fail.
func pronounceable(w string) bool {
	if len(w) < 3 || vowelless[strings.ToLower(w)] {
		return true
	}
	upper, lower := true, true
	for i := 0; i < len(w); i++ {
		switch w[i] | 0x20 {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return true
		}
		upper = upper && isUpper(w[i])
		lower = lower && isLower(w[i])
	}
	return upper || lower && len(w) <= 4
}

// vowelless are the common abbreviations without a vowel that names and
// config keys are made of.
var vowelless = map[string]bool{
	"http": true, "https": true, "grpc": true, "html": true, "xml": true,
	"sql": true, "tls": true, "ssl": true, "dns": true, "ssh": true,
	"cmd": true, "pwd": true, "ctx": true, "pkg": true, "msg": true,
	"src": true, "dst": true, "cfg": true, "fmt": true, "str": true,
	"tmp": true, "dir": true, "lib": true, "bin": true, "jwt": true,
	"crt": true, "pgp": true, "gpg": true, "rpc": true, "tcp": true,
	"udp": true, "www": true, "pkcs": true, "sha": true, "crc": true,
	"xss": true, "csrf": true, "xsrf": true, "psql": true, "sftp": true,
	"smtp": true, "ftp": true, "mqtt": true, "nfs": true, "cdn": true,
	"cms": true, "crm": true, "css": true, "csv": true, "db": true,
	"dsn": true, "gcp": true, "gzip": true, "hdr": true, "hmac": true,
	"hst": true, "kms": true, "lng": true, "mgmt": true, "mfa": true,
	"mtls": true, "nmbr": true, "pptx": true, "png": true, "prd": true,
	"qps": true, "rgb": true, "rsvp": true, "sdk": true, "srv": true,
	"svc": true, "svg": true, "sync": true, "tbl": true, "txn": true,
	"tz": true, "vcs": true, "vm": true, "xhr": true, "xls": true,
}

// hasMixedPart reports whether some part of s is not a word part.
func hasMixedPart(s string) bool {
	for _, p := range Parts(s) {
		if !IsWordPart(p) {
			return true
		}
	}
	return false
}

func isHex(s string) bool {
	lower, upper := false, false
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case isDigit(b):
		case 'a' <= b && b <= 'f':
			lower = true
		case 'A' <= b && b <= 'F':
			upper = true
		default:
			return false
		}
	}
	return !(lower && upper)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isDigit(b byte) bool  { return '0' <= b && b <= '9' }
func isUpper(b byte) bool  { return 'A' <= b && b <= 'Z' }
func isLower(b byte) bool  { return 'a' <= b && b <= 'z' }
func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || isUpper(b) }
func isAlnum(b byte) bool  { return isLetter(b) || isDigit(b) }
