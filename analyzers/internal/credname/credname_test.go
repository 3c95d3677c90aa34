package credname

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want []string
	}{
		{"apiKey", []string{"api", "key"}},
		{"api_key", []string{"api", "key"}},
		{"API_KEY", []string{"api", "key"}},
		{"X-Api-Key", []string{"x", "api", "key"}},
		{"APIKey", []string{"api", "key"}},
		{"apiKEY", []string{"api", "key"}},
		{"dbPassword2", []string{"db", "password2"}},
		{"v2Token", []string{"v2", "token"}},
		{"OAuthToken", []string{"o", "auth", "token"}},
		{"cfg.ClientSecret", []string{"cfg", "client", "secret"}},
		{"auth.api-key", []string{"auth", "api", "key"}},
		{"tokenizer", []string{"tokenizer"}},
		{"HTTPServer", []string{"http", "server"}},
		{"", nil},
		{"__", nil},
		{"schlüsselWert", []string{"schlüssel", "wert"}},
	}
	for _, tt := range tests {
		if got := Words(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want Kind
	}{
		// Credentials.
		{"apiKey", APIKey},
		{"api_key", APIKey},
		{"API_KEY", APIKey},
		{"X-Api-Key", APIKey},
		{"apikey", APIKey},
		{"stripeKey", APIKey},
		{"STRIPE_SECRET_KEY", Secret},
		{"jwtKey", Secret},
		{"signingKey", Secret},
		{"privateKey", PrivateKey},
		{"privateKeyPEM", PrivateKey},
		{"password", Password},
		{"dbPassword2", Password},
		{"apiKeyEU", APIKey},
		{"API_KEY_US_EAST_1", APIKey},
		{"apiKeyA", APIKey},
		{"authTokenB", Token},
		{"secretX", Secret},
		{"DB_PASS", Password},
		{"pass", Password},
		{"passwd", Password},
		{"adminpassword", Password},
		{"secret", Secret},
		{"clientSecret", Secret},
		{"ClientSecret", Secret},
		{"clientsecret", Secret},
		{"webhookSecretProd", Secret},
		{"token", Token},
		{"authToken", Token},
		{"GITHUB_TOKEN", Token},
		{"githubtoken", Token},
		{"x-auth-token", Token},
		{"Private-Token", Token},
		{"OAuthToken", Token},
		{"accessTokenV2", Token},
		{"tokenValue", Token},
		{"bearer", Token},
		{"githubPAT", Token},
		{"gitlab_pat", Token},
		{"ADO_PAT", Token},
		{"dbPwd", Password},
		{"adminPwd", Password},
		{"DB_PWD", Password},
		{"dbpwd", Password},
		{"proxyAuth", Credential},
		{"authToken2", Token},
		{"basicAuthPassword", Password},
		{"Authorization", Credential},
		{"basicAuth", Credential},
		{"credentials", Credential},
		{"dbCreds", Credential},
		// Words that merely contain a credential word.
		{"compass", None},
		{"GroupWriteView", None},
		{"tokenizer", None},
		{"keyboard", None},
		{"monkey", None},
		{"passage", None},
		{"bypass", None},
		{"passThrough", None},
		{"secondPass", None},
		{"turkey", None},
		{"keyword", None},
		// Abbreviations and short words that alone name something else: the
		// working directory, a pattern, an auth method.
		{"pwd", None},
		{"PWD", None},
		{"OLDPWD", None},
		{"oldPwd2", None},
		{"pat", None},
		{"pats", None},
		{"filePat", None},
		{"auth", None},
		{"Auth", None},
		{"httpAuth", None},
		{"authMethod", None},
		{"OAuth", None},
		// Names of a place where a secret is found, not the secret.
		{"passwordEnv", None},
		{"tokenURL", None},
		{"apiKeyHeader", None},
		{"secretName", None},
		{"tokenFile", None},
		{"passwordHash", None},
		{"accessKeyID", None},
		{"AWS_ACCESS_KEY_ID", None},
		{"tokenType", None},
		{"authURL", None},
		{"secretKeyBase64Len", None},
		// Keys and tokens that are no credentials.
		{"key", None},
		{"Key", None},
		{"cacheKey", None},
		{"srcKey", None},
		{"dstKey", None},
		{"originalKey", None},
		{"IncidentKey", None},
		{"issuerKey", None},
		{"PublicSigningKey", None},
		{"pubEncryptionKey", None},
		{"PublisherKey", None},
		{"trKey", None},
		{"configKeepKeys", None},
		{"sourceAPIKey", APIKey},
		{"targetSecretKey", Secret},
		{"publicKey", None},
		{"sortKey", None},
		{"idempotencyKey", None},
		{"Sec-WebSocket-Key", None}, // a nonce (labstack/echo)
		{"encrypted_key", None},     // ciphertext (lestrrat-go/jwx)
		{"DetachKeys", None},        // a key sequence (docker)
		{"nextPageToken", None},
		{"pageToken", None},
		{"csrfToken", None},
		{"clientToken", None},
		{"eosToken", None},
		{"maxTokens", None},
		{"", None},
	}
	for _, tt := range tests {
		if got := Classify(tt.name); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestEnvName(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, want string }{
		{"stripeKey", "STRIPE_KEY"},
		{"APIKey", "API_KEY"},
		{"api_key", "API_KEY"},
		{"X-Api-Key", "X_API_KEY"},
		{"dbPassword2", "DB_PASSWORD2"},
		{"_", ""},
	}
	for _, tt := range tests {
		if got := EnvName(tt.name); got != tt.want {
			t.Errorf("EnvName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKindString(t *testing.T) {
	t.Parallel()
	for k := None; k <= Credential; k++ {
		if k.String() == "" {
			t.Errorf("Kind(%d).String() is empty", k)
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	names := []string{"apiKey", "tokenizer", "nextPageToken", "X-Api-Key", "userID"}
	for b.Loop() {
		for _, n := range names {
			Classify(n)
		}
	}
}
