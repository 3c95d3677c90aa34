package secretlit

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/rs/zerolog"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/logging"
)

// The secrets below are made up for these tests; none was ever issued.

func TestEntropy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want float64
	}{
		{"", 0},
		{"aaaa", 0},
		{"ab", 1},
		{"abcd", 2},
		{"aabb", 1},
		{"0123456789abcdef", 4},
	}
	for _, tt := range tests {
		if got := Entropy(tt.s); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Entropy(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestCharClasses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 1},
		{"aB", 2},
		{"aB3", 3},
		{"aB3!", 4},
		{"ü", 1},
	}
	for _, tt := range tests {
		if got := CharClasses(tt.s).Count(); got != tt.want {
			t.Errorf("CharClasses(%q).Count() = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestParts(t *testing.T) {
	t.Parallel()
	got := strings.Join(Parts("sk_live_4eC39HqLy"), " ")
	if want := "sk live 4e C39 Hq Ly"; got != want {
		t.Errorf("Parts = %q, want %q", got, want)
	}
}

func TestLooksRandom(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"x7Kq2LmP0wZ9rT4vB8nY", true},
		{"a8F3kLm9Qz2Xw7Rt", true},
		{"sk_live_DVvmEgKFGt6g4t7dmWwKj2v2", true}, //keylint:ignore KL101 fake secret for tests, gitleaks:allow
		{"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", true},
		{"pK3vR8+wQ2zL5nT9/xB4mY7cF1hJ6dG0", true},
		// base64 of text is not random: "foobarbazquxquuxcorgegrault",
		// "Base64EncodedSecretValueHere", "my-secret-key1234567890abcdefghi".
		{"Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0", false},
		{"QmFzZTY0RW5jb2RlZFNlY3JldFZhbHVlSGVyZQ", false},
		{"bXktc2VjcmV0LWtleTEyMzQ1Njc4OTBhYmNkZWZnaGk=", false}, // minio-go test
		// Too short, words, names, placeholders, digests.
		{"x7Kq2LmP0wZ9", false},
		{"ProductionDatabase2024", false},
		{"my-app-secret-2024", false},
		{"GITHUB_TOKEN", false},
		{"AWS_SECRET_ACCESS_KEY", false},
		{"X-Api-Key", false},
		{"auth.github.api_token", false},
		{"https://api.example.com/v1/token", false},
		{"/var/run/secrets/token", false},
		{"correcthorsebatterystaple", false},
		{"application/x-www-form-urlencoded", false},
		{"0123456789abcdef", false},
		{"deadbeefdeadbeefdeadbeefdeadbeef", false},
		{"12345678901234567890", false},
		{"550e8400-e29b-41d4-a716-446655440000", false},
		{"h1:Dy0ZOdjMYMhPKPPFmxzfbfD7mFvsJ3zrq7R7L9gt5kE=", false},
		{"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15", false},
		{"sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", false},
		{"${STRIPE_SECRET_KEY_FOR_PROD}", false},
		{"<your-api-key-goes-here>", false},
		{"REPLACE_ME_WITH_A_REAL_KEY", false},
		{"abcdefghijklmnopqrstuvwxyz012345", false},
		{"2006-01-02T15:04:05Z07:00", false},
		{"v1.2.3-beta.4+build.56789", false},
		{"this is a sentence with 42 words", false},
		{"gdch_service_account", false}, // golang.org/x/oauth2/google
	}
	for _, tt := range tests {
		if got := LooksRandom(tt.s); got != tt.want {
			t.Errorf("LooksRandom(%q) = %v, want %v (entropy %.2f)",
				tt.s, got, tt.want, Entropy(tt.s))
		}
	}
}

func TestLooksLikePassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"Tr0ub4dor&3", true},
		{"q9#Lm2!xVb", true},
		{"x7Kq2LmP0wZ9rT4vB8nY", true},
		{"hunter2", false},
		{"SuperSecret123!", false},
		{"Welcome123!", false},
		{"P@ssw0rd!", false},
		{"changeme", false},
		{"s3cr3t-k3y!", false},
		{"MySecretKey2024!", false},
		{"DB_PASSWORD", false},
		{"********", false},
	}
	for _, tt := range tests {
		if got := LooksLikePassword(tt.s); got != tt.want {
			t.Errorf("LooksLikePassword(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestPlausible(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"hunter2x9", true},
		{"Zebra-Castle-42!", true},
		{"x7Kq2LmP0wZ9", true},
		{"SuperSecret123!", false},
		{"short1", false},
		{"password", false},
		{"admin123", false},
		{"API_PASSWORD", false},
		{"aaaaaaaaaaaa", false},
		{"<password>", false},
	}
	for _, tt := range tests {
		if got := Plausible(tt.s); got != tt.want {
			t.Errorf("Plausible(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestIsPlaceholder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"changeme", true},
		{"CHANGE_ME", true},
		{"xxxxxxxx", true},
		{"sk_live_XXXX1234", true},
		{"********", true},
		{"<token>", true},
		{"Bearer {token}", true},
		{"${SECRET}", true},
		{"$(cat /run/secret)", true},
		{"{{ .Values.apiKey }}", true},
		{"%s", true},
		{"YOUR_API_KEY", true},
		{"REPLACE_ME", true},
		{"example-key", true},
		{"dummy-token", true},
		{"not-a-real-secret", true},
		{"123456789", true},
		{"supersecretpassword", true},
		{"p4ssw0rd", true},
		{"secret", true},
		{"abc", true},
		{"x7Kq2LmP0wZ9rT4vB8nY", false},
		{"ghp_8zR3kLm9Qz2Xw7RtY6uIo1pAs5dF4gH0jK2l", false}, //keylint:ignore KL101 fake secret for tests, gitleaks:allow
		{"Tr0ub4dor&3", false},
		{"Database2024", false},
	}
	for _, tt := range tests {
		if got := IsPlaceholder(tt.s); got != tt.want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestIsNameLike(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"GITHUB_TOKEN", true},
		{"X-Api-Key", true},
		{"auth.api_key", true},
		{"apiKey", true},
		{"https://example.com/?token=x7Kq2LmP0w", true},
		{"/etc/secrets/token", true},
		{"x7Kq2LmP0wZ9rT4vB8nY", false},
		{"AKIAZ3MHQX7TKPLN2Q4W", false}, //keylint:ignore KL101 fake secret for tests, gitleaks:allow
	}
	for _, tt := range tests {
		if got := IsNameLike(tt.s); got != tt.want {
			t.Errorf("IsNameLike(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestEncodesText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"dGhlIHNhbXBsZSBub25jZQ==", true}, // RFC 6455: "the sample nonce"
		{"dXNlcjpwYXNzd29yZA==", true},     // user:password
		{"QmFzZTY0RW5jb2RlZFNlY3JldFZhbHVlSGVyZQ", true},
		{"pK3vR8+wQ2zL5nT9/xB4mY7cF1hJ6dG0", false},
		{"x7Kq2LmP0wZ9rT4vB8nY", false},
		{"not base64!", false},
	}
	for _, tt := range tests {
		if got := EncodesText(tt.s); got != tt.want {
			t.Errorf("EncodesText(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestIsWordPart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p    string
		want bool
	}{
		{"Database2024", true},
		{"sha256", true},
		{"2fa", true},
		{"26password", true}, // "%26password" in a URL-encoded value (ory/fosite)
		{"gdch", true},
		{"GDPR", true},
		{"1234", true},
		{"Kwt", false},
		{"x7k2m9", false},
		{"9ab3", false},
		{"Word12345", false},
	}
	for _, tt := range tests {
		if got := IsWordPart(tt.p); got != tt.want {
			t.Errorf("IsWordPart(%q) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestGenericRuleNeedsCredentialName(t *testing.T) {
	t.Parallel()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		value string
		want  bool
	}{
		{`api_key = "pK3vR8wQ2zL5nT9xB4mY7cF1"`, true},
		{`{"access_token": "pK3vR8wQ2zL5nT9xB4mY7cF1"}`, true},
		// A public key in JSON (google/go-github) and a WebSocket nonce
		// header (labstack/echo) are no credentials.
		{`{"key_id":"1234","key":"2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234"}`, false},
		{"Sec-WebSocket-Key: pK3vR8wQ2zL5nT9xB4mY7cF1\r\n", false},
		// An AWS SigV4 header: a per-request signature (golang.org/x/oauth2).
		{"AWS4-HMAC-SHA256 Credential=AKID/20200811/us-east-2/ec2/aws4_request, " +
			"SignedHeaders=host;x-amz-security-token, Signature=631ea80cddfaa545fdadb120dc92c9f18166e38a5c47b50fab9fce476e022855", false},
		// A JWE encrypted key is ciphertext (lestrrat-go/jwx).
		{`{"encrypted_key":"ceVsjF-0LhziK75oHRC-C539hlFJMSbub015a3YtIBgCt7c0IRzkzwoOvo_Jf44FXZi0Vd"}`, false},
	}
	for _, tt := range tests {
		got := slices.ContainsFunc(m.Match(tt.value), func(f Finding) bool {
			return f.Rule == genericRule
		})
		if got != tt.want {
			t.Errorf("generic-api-key on %q = %v, want %v", tt.value, got, tt.want)
		}
	}
}

func TestIsDigest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"h1:Dy0ZOdjMYMhPKPPFmxzfbfD7mFvsJ3zrq7R7L9gt5kE=", true},
		{"sha256:9f86d081884c7d659a2feaa0c55ad015", true},
		{"sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K", true},
		{"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", true},
		{"550E8400-E29B-41D4-A716-446655440000", true},
		{"9f86d081884c7d659a2feaa0c55ad015", false},
		{"550e8400e29b41d4a716446655440000", false},
	}
	for _, tt := range tests {
		if got := IsDigest(tt.s); got != tt.want {
			t.Errorf("IsDigest(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestAuthValue(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Bearer x7Kq2LmP0wZ9rT4vB8nY", "x7Kq2LmP0wZ9rT4vB8nY"},
		{"token x7Kq2LmP0w", "x7Kq2LmP0w"},
		{"Basic dXNlcjpUcjB1YjRkb3ImMw==", "Tr0ub4dor&3"},
		{"Basic not-base64!", "not-base64!"},
		{"x7Kq2LmP0wZ9rT4vB8nY", "x7Kq2LmP0wZ9rT4vB8nY"},
		{"Custom x7Kq2LmP0w", "Custom x7Kq2LmP0w"},
	}
	for _, tt := range tests {
		if got := AuthValue(tt.in); got != tt.want {
			t.Errorf("AuthValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		value string
		rule  string // "" for no finding
	}{
		{"ghp_8zR3kLm9Qz2Xw7RtY6uIo1pAs5dF4gH0jK2l", "github-pat"},                       //keylint:ignore KL101 fake secret for tests, gitleaks:allow
		{"AKIAZ3MHQX7TKPLN2Q4W", "aws-access-token"},                                     //keylint:ignore KL101 fake secret for tests, gitleaks:allow
		{"sk_live_DVvmEgKFGt6g4t7dmWwKj2v2", "stripe-access-token"},                      //keylint:ignore KL101 fake secret for tests, gitleaks:allow
		{"xoxb-2847561938475-3948571029384-Kq8ZmW2nR5vT7yLp3XcB9dHf", "slack-bot-token"}, //keylint:ignore KL101 fake secret for tests, gitleaks:allow
		{"glpat-Xy7Kq2LmP0wZ9rT4vB8n", "gitlab-pat"},                                     //keylint:ignore KL101 fake secret for tests, gitleaks:allow
		{"AKIAIOSFODNN7EXAMPLE", ""},                                                     // gitleaks' own allowlist
		{"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", ""},                                 // a mask
		{"GITHUB_TOKEN", ""},
		{"hello, world", ""},
		{"short", ""},
	}
	for _, tt := range tests {
		fs := m.Match(tt.value)
		// MatchDefault skips the detector only where it finds nothing.
		if lazy, err := MatchDefault(tt.value); err != nil || !slices.Equal(lazy, fs) {
			t.Errorf("MatchDefault(%.12q…) = %v, %v; want %v as Match gives", tt.value, lazy, err, fs)
		}
		switch {
		case tt.rule == "" && len(fs) > 0:
			t.Errorf("Match(%.12q…) = %v, want none", tt.value, fs[0].Rule)
		case tt.rule != "" && (len(fs) == 0 || fs[0].Rule != tt.rule):
			t.Errorf("Match(%.12q…) = %v, want rule %s", tt.value, fs, tt.rule)
		}
	}
}

func TestMatchLengthBounds(t *testing.T) {
	t.Parallel()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("a", MaxMatchLen) + "ghp_8zR3kLm9Qz2Xw7RtY6uIo1pAs5dF4gH0jK2l" //keylint:ignore KL101 fake secret for tests, gitleaks:allow
	if fs := m.Match(huge); fs != nil {
		t.Errorf("Match of a value over MaxMatchLen = %v, want nil", fs)
	}
}

// TestDefaultKeywords checks the keyword scan against the detector built
// from the same configuration, and that every rule that can match content
// has keywords: the two facts that make MayMatch exact.
func TestDefaultKeywords(t *testing.T) {
	t.Parallel()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]struct{}{}
	for _, kw := range scanKeywords(config.DefaultConfig) {
		got[kw] = struct{}{}
	}
	want := m.det.Config.Keywords
	if len(got) != len(want) {
		t.Errorf("scanned %d keywords, detector has %d", len(got), len(want))
	}
	for kw := range want {
		if _, ok := got[kw]; !ok {
			t.Errorf("keyword %q not scanned", kw)
		}
	}
	for id, r := range m.det.Config.Rules {
		if r.Regex != nil && len(r.Keywords) == 0 {
			t.Errorf("rule %s has a regex and no keywords", id)
		}
	}
}

func TestMayMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value string
		want  bool
	}{
		{"ghp_8zR3kLm9Qz2Xw7RtY6uIo1pAs5dF4gH0jK2l", true}, //keylint:ignore KL101 fake secret for tests, gitleaks:allow
		{"GHP_", false}, // too short
		{"the API is down", true},
		{"application/json", false},
		{"failed to read the configuration file", false},
	}
	for _, tt := range tests {
		if got := MayMatch(tt.value); got != tt.want {
			t.Errorf("MayMatch(%q) = %v, want %v", tt.value, got, tt.want)
		}
	}
}

// TestGitleaksDoesNotLog guards the promise that analyzers never log:
// gitleaks' detector only logs at trace and debug level, below the level of
// its global logger.
func TestGitleaksDoesNotLog(t *testing.T) {
	t.Parallel()
	if lvl := logging.Logger.GetLevel(); lvl < zerolog.InfoLevel {
		t.Errorf("gitleaks logger level = %v, want info or above", lvl)
	}
}

func BenchmarkMatch(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	values := []string{
		"application/json",
		"SELECT id, name FROM users WHERE api_key = $1",
		"ghp_8zR3kLm9Qz2Xw7RtY6uIo1pAs5dF4gH0jK2l", //keylint:ignore KL101 fake secret for tests, gitleaks:allow
		"failed to read the configuration file: %w",
		strings.Repeat("lorem ipsum dolor sit amet ", 40),
	}
	for b.Loop() {
		for _, v := range values {
			m.Match(v)
		}
	}
}

func BenchmarkMayMatch(b *testing.B) {
	values := []string{
		"application/json",
		"failed to read the configuration file: %w",
		"https://api.example.com/v1/charges/%s",
	}
	for b.Loop() {
		for _, v := range values {
			MayMatch(v)
		}
	}
}

func BenchmarkLooksRandom(b *testing.B) {
	values := []string{"x7Kq2LmP0wZ9rT4vB8nY", "ProductionDatabase2024", "GITHUB_TOKEN"}
	for b.Loop() {
		for _, v := range values {
			LooksRandom(v)
		}
	}
}
