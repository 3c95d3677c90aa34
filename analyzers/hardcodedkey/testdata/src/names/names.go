// Package names holds random-looking values bound to names: reported when
// the name says credential, not otherwise. Every secret here is made up.
package names

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
)

type config struct {
	APIKey   string
	Password string
	Token    string
	Host     string
	Key      string
}

// Positive: a variable.
var apiKey = "7NjfgMUsC1nhvCIDNb76" // want `^hardcoded api key in "apiKey" \(7Njf…\(20 chars\)\); load it at run time \(KL101\)$`

// Negative: the same value under a name that is no credential.
var compass = "7NjfgMUsC1nhvCIDNb76"

// Positive: a constant, reported at its declaration.
const clientSecret = "xxP8McqTxLZbqVCbEyOBnL6T" // want `hardcoded secret in "clientSecret"`

// Positive: names in snake, screaming and kebab case.
var stripe_secret_key = "0wdFN8myLMKUFHpXcaVgxjkmt4yE0Tzc"    // want `hardcoded secret in "stripe_secret_key"`
var GITHUB_TOKEN = "Jlsg0FX6lhq4nRRzdu55lefQAuVYMIv7SF7hXs9T" // want `hardcoded token in "GITHUB_TOKEN"`

// Positive: a hex secret of 64 digits.
var webhookSecret = "cef33613483a0d3b4fd03c33116686e1c021038ab2728f81c77289039f11ac8c" // want `hardcoded secret in "webhookSecret"`

// Positive: a []byte key.
var jwtKey = []byte("UFCcO4N35lkTN2OQHCcKuxu4IsAEpaJh") // want `hardcoded secret in "jwtKey"`

// Positive: a password someone chose.
var dbPassword = "Tr0ub4dor&3x" // want `hardcoded password in "dbPassword"`

// Positive: a qualifier after the credential word.
var apiKeyProd = "lhheT6t5whu3Ig1TCDiSrAei" // want `hardcoded api key in "apiKeyProd"`

// Positive: a key per region, and copies told apart by one letter.
var apiKeyEU = "Zr8Kp2QwX5nLb7VtM3cYh9DsF4gJe6Ua" // want `hardcoded api key in "apiKeyEU"`
var authTokenB = "fT3kQz8WmLr0xVbN1cHs7YpJd2Ug"   // want `hardcoded token in "authTokenB"`

// Negative: what follows the credential word is not a qualifier, so the
// value is about the key, not the key.
var apiKeyID = "Xq7Lm2Vb9Rt4Kp8Ws3Nd6Fg1"
var tokenSuffix = "Hb3Nq8Wz5Lc2Vr7Tk9Pm4Xs6"

func positives(cfg *config, r *http.Request, token string, m map[string]string) {
	// Positive: a local variable.
	authToken := "1A6GuIzpN8PVaiRn50i2" // want `hardcoded token in "authToken"`
	_ = authToken

	// Positive: a selector assignment.
	cfg.APIKey = "YjCUeF1C0yRgSLujNuhQaTUl" // want `hardcoded api key in "cfg.APIKey"`

	// Positive: a map key assignment.
	m["auth_token"] = "4DKMRTRQbPYmEAbKMhFaBAX0QclMU37d" // want `hardcoded token under map key "auth_token"`

	// Positive: struct fields, keyed and unkeyed.
	_ = config{Password: "q9#Lm2!xVb7", Host: "db.internal"}   // want `hardcoded password in field "Password"`
	_ = config{"BKwtEJSNAMAeeEbm181PoepAnXDP", "", "", "", ""} // want `hardcoded api key in field "APIKey"`

	// Positive: map literals, including url.Values and http.Header.
	_ = map[string]string{"api_key": "hxrZv3bmVhixBNt8D9LqDJGD"}                      // want `hardcoded api key under map key "api_key"`
	_ = url.Values{"client_secret": {"2webkYS5H7M7iV1nSUlV1ak6wMhuXuuN"}}             // want `hardcoded secret under map key "client_secret"`
	_ = http.Header{"Authorization": {"Bearer hHpL0a5WTBOMOTpgi2xJj6NCx9"}}           // want `hardcoded credential under map key "Authorization"`
	_ = map[string]any{"X-Api-Key": "FHMJjFdrgnH3EgITqVi0KpG7Mo6M46cZ", "retries": 3} // want `hardcoded api key under map key "X-Api-Key"`

	// Positive: comparisons, either way round.
	if token == "6JZpYDQ37RIKSF8DOobnH1yD9oq8" { // want `hardcoded token compared with "token"`
	}
	if "OxdI0xSatyxbD8n1Wq4DKV9BpfA8EC9b" != r.Header.Get("X-Api-Key") { // want `hardcoded api key compared with "X-Api-Key"`
	}
	if cfg.Token == "7NjfgMUsC1nhvCIDNb76" { // want `hardcoded token compared with "Token"`
	}

	// Positive: a switch over a credential.
	switch token {
	case "xxP8McqTxLZbqVCbEyOBnL6T": // want `hardcoded token compared with "token"`
	}

	// Positive: a parameter named as a credential.
	connect("db.internal", "Tr0ub4dor&3x") // want `hardcoded password passed as parameter "password" of names.connect`
}

func connect(host, password string) {}

// Positive: the result of a function named as a credential.
func apiToken() string {
	return "0wdFN8myLMKUFHpXcaVgxjkmt4yE0Tzc" // want `hardcoded token returned by "apiToken"`
}

// Negative: names that merely contain a credential word.
var (
	tokenizer      = "7NjfgMUsC1nhvCIDNb76"
	keyboard       = "7NjfgMUsC1nhvCIDNb76"
	monkey         = "7NjfgMUsC1nhvCIDNb76"
	passage        = "7NjfgMUsC1nhvCIDNb76"
	bypass         = "7NjfgMUsC1nhvCIDNb76"
	GroupWriteView = "7NjfgMUsC1nhvCIDNb76"
	secondPass     = "7NjfgMUsC1nhvCIDNb76"
)

// Negative: keys and tokens that are no credentials.
var (
	key           = "7NjfgMUsC1nhvCIDNb76" // not reported: a bare "key" is a lookup key
	cacheKey      = "cef33613483a0d3b4fd03c33116686e1"
	publicKey     = "7NjfgMUsC1nhvCIDNb76"
	nextPageToken = "7NjfgMUsC1nhvCIDNb76"
	csrfToken     = "7NjfgMUsC1nhvCIDNb76"
	sessionID     = "7NjfgMUsC1nhvCIDNb76"
)

// Negative: names of where a secret is, holding names.
var (
	apiKeyEnv    = "STRIPE_API_KEY"
	tokenURL     = "https://oauth2.example.net/token"
	apiKeyHeader = "X-Api-Key"
	secretName   = "prod/db/password"
	tokenFile    = "/var/run/secrets/token"
	passwordHash = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
	tokenType    = "Bearer"
)

// Negative: credential names holding names, placeholders and words.
var (
	envToken      = "GITHUB_TOKEN"
	configKey     = "auth.github.api_token"
	password      = "changeme"
	adminPassword = "P@ssw0rd!"
	rootPassword  = "hunter2"
	userPassword  = "Welcome123!"
	appPassword   = "SuperSecret123!"
	phrasePass    = "correct horse battery staple"
	placeholder   = "<token>"
	envSecret     = "${SECRET}"
	yourKey       = "YOUR_API_KEY"
	replaceToken  = "REPLACE_ME"
	maskedToken   = "xxxxxxxxxxxxxxxxxxxx"
	exampleKey    = "example-api-key-1234567"
	dummySecret   = "dummy-secret-value-42"
	emptyToken    = ""
	wordToken     = "ProductionDatabase2024"
	shortSecret   = "x7Kq2Lm"
	hexColorKey   = "ff00ff"
	numericToken  = "12345678901234567890"
	tmplSecret    = "{{ .Values.secret }}"
	fmtToken      = "token-%s-%d"
	goSumSecret   = "h1:Dy0ZOdjMYMhPKPPFmxzfbfD7mFvsJ3zrq7R7L9gt5kE="
	shaSecret     = "sha256:cef33613483a0d3b4fd03c33116686e1c021038ab2728f81c77289039f11ac8c"
)

// Not reported: a UUID-shaped key (a limitation: UUIDs are usually IDs).
var herokuAPIKey = "550e8400-e29b-41d4-a716-446655440000"

func negatives(cfg *config, r *http.Request, token string, m map[string]string) {
	// Negative: values read at run time.
	apiKey := os.Getenv("API_KEY")
	cfg.Password = fmt.Sprintf("%s-%s", apiKey, token)
	m["api_key"] = apiKey

	// Negative: empty and scheme-only comparisons.
	if token == "" || token == "Bearer" {
	}
	if r.Header.Get("Authorization") == "Basic" {
	}
	if tokenType := r.FormValue("grant_type"); tokenType == "refresh_token" {
	}

	// Negative: a map key naming the variable that holds the secret.
	_ = map[string]string{"api_key": "STRIPE_API_KEY", "token": "<token>"}

	// Negative: a random value under a field that is no credential.
	_ = config{Host: "7NjfgMUsC1nhvCIDNb76", Key: "7NjfgMUsC1nhvCIDNb76"}

	// Negative: a header value under a header that is no credential.
	_ = http.Header{"X-Request-Id": {"7NjfgMUsC1nhvCIDNb76"}}

	// Negative: a parameter that is no credential.
	lookup("7NjfgMUsC1nhvCIDNb76")

	// Negative: a variadic parameter.
	many("7NjfgMUsC1nhvCIDNb76")

	// Negative: function literals have no name.
	_ = func() string { return "7NjfgMUsC1nhvCIDNb76" }
}

func lookup(id string)             {}
func many(passwords ...string)     {}
func secretToken() (string, error) { return "", nil }

// Regressions from real modules.

// Negative (golang.org/x/oauth2/google): the name of a credential file type.
const gdchServiceAccountKey = "gdch_service_account"

func regressions() {
	// Negative (minio/minio-go): base64 of a placeholder under a key header.
	_ = map[string]string{"X-Amz-Server-Side-Encryption-Customer-Key": "bXktc2VjcmV0LWtleTEyMzQ1Njc4OTBhYmNkZWZnaGk="}

	// Negative (ory/fosite): Basic credentials that decode to
	// "encoded%3Aclient:encoded%26password".
	_ = http.Header{"Authorization": {"Basic ZW5jb2RlZCUzQWNsaWVudDplbmNvZGVkJTI2cGFzc3dvcmQ="}}
}

// Known false positives (golang.org/x/crypto/acme tests): an ACME challenge
// token and key authorization are public values, but their names say token
// and authorization, and they look random.
const (
	token            = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA"            // want `hardcoded token in "token"`
	keyAuthorization = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.thumbprint" // want `hardcoded credential in "keyAuthorization"`
)
