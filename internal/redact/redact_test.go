package redact

import (
	"strings"
	"testing"
)

func TestSecret(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ghp_8zAbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "ghp_8z…(42 chars)"},
		{"hunter2", "h…(7 chars)"},
		{"abc", "…(3 chars)"},
		{"", "…(0 chars)"},
		{"-----BEGIN\nKEY", "--…(14 chars)"},
		{"pä\x00sswordpässwordpässwordxx", "pä…(27 chars)"},
		{"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6", "…(10 chars)"},
	} {
		if got := Secret(tc.in); got != tc.want {
			t.Errorf("Secret(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSecretNeverShowsMoreThanAFifth(t *testing.T) {
	for n := 0; n < 200; n++ {
		s := strings.Repeat("Z", n)
		shown := strings.Count(Secret(s), "Z")
		if shown > n/5 || shown > maxPrefix {
			t.Fatalf("Secret of %d chars shows %d", n, shown)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint("github-pat", "ghp_x")
	if a != Fingerprint("github-pat", "ghp_x") {
		t.Error("fingerprint is not stable")
	}
	if a == Fingerprint("github-pat", "ghp_y") || a == Fingerprint("other", "ghp_x") {
		t.Error("fingerprint ignores rule or secret")
	}
	// Rule and secret are separated, so moving characters across the
	// boundary gives another fingerprint.
	if Fingerprint("ab", "c") == Fingerprint("a", "bc") {
		t.Error("rule/secret boundary is ambiguous")
	}
	if len(a) != 16 || strings.Contains(a, "ghp") {
		t.Errorf("fingerprint %q", a)
	}
}
