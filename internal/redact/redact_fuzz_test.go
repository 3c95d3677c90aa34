package redact

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// shape splits Secret's output into the prefix shown and the length.
var shape = regexp.MustCompile(`(?s)^(.*)…\((\d+) chars\)$`)

// FuzzSecret checks Secret's rule for any input: what it shows is a prefix
// of the secret of at most a fifth of its characters and at most maxPrefix,
// followed by the exact length, and nothing else of the secret can be read
// from it.
func FuzzSecret(f *testing.F) {
	for _, s := range []string{
		"", "a", "hunter2", "ghp_" + strings.Repeat("kl", 18),
		"AKIA" + strings.Repeat("Q", 16), "-----BEGIN\nKEY", "pä\x00ss wörd",
		"\xff\xfe\xfd\xfc\xfb", "(9 chars)", "ab…(12 chars)", "\ufffd\ufffdabcdefghij",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Secret(s)
		n := utf8.RuneCountInString(s)
		m := shape.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("Secret(%q) = %q: not PREFIX…(N chars)", s, out)
		}
		if got, _ := strconv.Atoi(m[2]); got != n {
			t.Fatalf("Secret(%q) = %q: length %d, want %d", s, out, got, n)
		}

		// The prefix shown is the secret's own start, within the limits.
		prefix := m[1]
		shown := utf8.RuneCountInString(prefix)
		if !strings.HasPrefix(s, prefix) {
			t.Fatalf("Secret(%q) = %q: %q is not a prefix of the secret", s, out, prefix)
		}
		if shown > maxPrefix || shown > n/5 {
			t.Fatalf("Secret(%q) = %q shows %d of %d characters; at most min(%d, %d)",
				s, out, shown, n, maxPrefix, n/5)
		}
		// Never the whole secret. (Its text can still appear by chance in
		// the "…(N chars)" suffix, as for "00…(12 chars"; the check below
		// shows that the suffix tells nothing of it.)
		if n > 0 && shown >= n {
			t.Fatalf("Secret(%q) = %q shows the whole secret", s, out)
		}

		// The output depends on the allowed prefix and the length only: a
		// secret that differs after the first min(6, n/5) characters reads
		// the same.
		allowed := string([]rune(s)[:min(maxPrefix, n/5)])
		other := allowed + strings.Repeat("#", n-utf8.RuneCountInString(allowed))
		if got := Secret(other); got != out {
			t.Fatalf("Secret(%q) = %q but Secret(%q) = %q: the output reveals more "+
				"than the first %d characters", s, out, other, got,
				utf8.RuneCountInString(allowed))
		}
	})
}

// FuzzFingerprint checks that a fingerprint is 16 lowercase hex digits,
// stable, and tells apart different rules, secrets and splits of one
// string between rule and secret.
func FuzzFingerprint(f *testing.F) {
	f.Add("github-pat", "ghp_"+strings.Repeat("kl", 18), uint8(3))
	f.Add("", "", uint8(0))
	f.Add("ab", "c", uint8(1))
	f.Add("generic-api-key", "\x00", uint8(0))
	f.Add("a\x01\x02", "b", uint8(2))
	f.Fuzz(func(t *testing.T, rule, secret string, cut uint8) {
		fp := Fingerprint(rule, secret)
		if len(fp) != 16 || strings.Trim(fp, "0123456789abcdef") != "" {
			t.Fatalf("Fingerprint(%q, %q) = %q: want 16 lowercase hex digits", rule,
				secret, fp)
		}
		if Fingerprint(rule, secret) != fp {
			t.Fatalf("Fingerprint(%q, %q) is not stable", rule, secret)
		}
		// Rules without the escaped control bytes keep the fingerprints
		// that baselines written before the escaping hold.
		if !strings.ContainsAny(rule, "\x00\x01") {
			sum := sha256.Sum256([]byte(rule + "\x00" + secret))
			if want := hex.EncodeToString(sum[:])[:16]; fp != want {
				t.Fatalf("Fingerprint(%q, %q) = %q; baselines hold %q", rule, secret, fp, want)
			}
		}

		// Moving the boundary between rule and secret, or changing either,
		// gives another fingerprint (a chance collision of 64 bits is not
		// expected in a fuzzing run).
		for _, o := range []struct{ rule, secret string }{
			{rule + "x", secret}, {rule, secret + "x"}, {secret, rule},
			splitAt(rule+secret, int(cut)),
		} {
			if o == (struct{ rule, secret string }{rule, secret}) {
				continue
			}
			if Fingerprint(o.rule, o.secret) == fp {
				t.Fatalf("Fingerprint(%q, %q) == Fingerprint(%q, %q) = %q", rule, secret,
					o.rule, o.secret, fp)
			}
		}
	})
}

// splitAt splits s into a rule and a secret at byte i (mod len(s)+1).
func splitAt(s string, i int) struct{ rule, secret string } {
	i %= len(s) + 1
	return struct{ rule, secret string }{s[:i], s[i:]}
}
