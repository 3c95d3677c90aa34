package scan

import (
	"strings"
	"testing"

	"github.com/zricethezav/gitleaks/v8/detect/codec"
)

// decodes reports whether gitleaks' decoder finds an encoded segment in s.
func decodes(s string) bool {
	_, segments := codec.NewDecoder().Decode(s, nil)
	return len(segments) > 0
}

func TestMayHoldEncoded(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"\tx = x*83 + 512 // step 3\n", false},
		{"func F1234(x int) int {\n", false},
		{"short_identifier", true}, // 16 characters of the class
		{"short_identifie", false},
		{"QUtJQVRFU1RLRVkxMjM0NTY=", true},
		{"0123456789abcdef0123456789abcdef", true},
		{"a%2Fb", true},
		{"100% sure", false},
		{"%zz", false},
		{"U+00E9 ", true},
		{"U+00E", false},
		{`\u00e9`, true},
		{`\\U00E9`, true},
		{`\x41`, false},
		{"café, naïve: fine", false},
	} {
		if got := mayHoldEncoded(tc.in); got != tc.want {
			t.Errorf("mayHoldEncoded(%q) = %v, want %v", tc.in, got, tc.want)
		}
		if !mayHoldEncoded(tc.in) && decodes(tc.in) {
			t.Errorf("gitleaks decodes %q, which mayHoldEncoded rejects", tc.in)
		}
	}
}

// FuzzMayHoldEncoded checks the property the scan relies on: whatever
// gitleaks' decoder would decode, mayHoldEncoded lets through.
func FuzzMayHoldEncoded(f *testing.F) {
	for _, s := range []string{
		"", "%41", "U+0041\n", `\\u0041`, strings.Repeat("A", 16), "AAAA====",
		"token: ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZXlK", "a%b%c%d%e", "%E2%82%AC",
		"\\U0001F600", "U+1F600", "-_/+-_/+-_/+-_/+",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !mayHoldEncoded(s) && decodes(s) {
			t.Fatalf("gitleaks decodes %q, which mayHoldEncoded rejects", s)
		}
	})
}
