// Package headers holds credentials attached to net/http requests.
package headers

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/textproto"
	"os"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/spf13/viper"
	"golang.org/x/oauth2"
)

const billingKey = "bk_live_9fQ2xLm4Tz8Rw1Pv"

var apiToken = os.Getenv("API_TOKEN")

var defaultKey string

var endpoint = "https://api.example.com"

type Config struct {
	APIKey   string
	Token    string
	Password string
	Region   string
	BaseURL  string
}

type client struct {
	apiKey string
	secret []byte
	ts     oauth2.TokenSource
	http   *http.Client
}

func envHeader() {
	req, _ := http.NewRequest("GET", "https://api.billing.example/v1/charges", nil)
	req.Header.Set("X-Api-Key", os.Getenv("BILLING_KEY")) // want `static credential from environment variable "BILLING_KEY" sent as api key header "X-Api-Key" to api.billing.example; prefer OAuth client credentials`
}

func constHeader(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "POST", "https://api.billing.example/v1/refunds", nil)
	req.Header.Set("Authorization", "Bearer "+billingKey) // want `static credential from constant "billingKey" sent as authorization header "Authorization" to api.billing.example`
}

func literalHeader() {
	req, _ := http.NewRequest("GET", "https://hooks.example.org/x", nil)
	req.Header.Add("X-Auth-Token", "tk_9fQ2xLm4Tz8Rw1Pv") // want `static credential from a literal sent as api key header "X-Auth-Token" to hooks.example.org`
}

func sprintfHeader() {
	req, _ := http.NewRequest("GET", "https://api.example.com/users", nil)
	req.Header.Set("Authorization", fmt.Sprintf("Bearer %s", apiToken)) // want `environment variable "API_TOKEN" sent as authorization header`
}

func configField(cfg Config) {
	req, _ := http.NewRequest("GET", cfg.BaseURL+"/v1", nil)
	req.Header.Set("X-API-KEY", cfg.APIKey) // want `static credential from config field "APIKey" sent as api key header "X-API-KEY"; prefer`
}

func configPointer(cfg *Config) {
	req, _ := http.NewRequest("GET", "https://api.example.com/v1", nil)
	req.Header.Set("Authorization", "Bearer "+cfg.Token) // want `config field "Token" sent as authorization header`
}

func (c *client) receiverField(req *http.Request) {
	req.Header.Set("X-Api-Key", c.apiKey) // want `config field "apiKey" sent as api key header`
}

func (c *client) byteField(req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+string(c.secret)) // want `config field "secret" sent as authorization header`
}

func localFromEnv() {
	key := os.Getenv("PARTNER_KEY")
	req, _ := http.NewRequest("GET", "https://partner.example.net/api", nil)
	req.Header.Set("Api-Key", key) // want `environment variable "PARTNER_KEY" sent as api key header "Api-Key" to partner.example.net`
}

func localTwoSteps() {
	raw := os.Getenv("PARTNER_TOKEN")
	tok := strings.TrimSpace(raw)
	req, _ := http.NewRequest("GET", "https://partner.example.net/api", nil)
	req.Header.Set("Authorization", "token "+tok) // want `environment variable "PARTNER_TOKEN" sent as authorization header`
}

func lookupEnv() {
	key, ok := os.LookupEnv("SEARCH_KEY")
	if !ok {
		return
	}
	req, _ := http.NewRequest("GET", "https://search.example.com/q", nil)
	req.Header.Set("X-Search-Api-Key", key) // want `environment variable "SEARCH_KEY" sent as api key header`
}

func viperKey() {
	req, _ := http.NewRequest("GET", "https://api.example.com/v1", nil)
	req.Header.Set("X-Api-Key", viper.GetString("api.key")) // want `static credential from config key sent as api key header`
}

func globalNamed(req *http.Request) {
	req.Header.Set("X-Api-Key", defaultKey) // want `package variable "defaultKey" sent as api key header`
}

func basicAuthEnv() {
	req, _ := http.NewRequest("GET", "https://registry.example.com/v2/", nil)
	req.SetBasicAuth("deploy", os.Getenv("REGISTRY_PASSWORD")) // want `environment variable "REGISTRY_PASSWORD" sent as basic auth password \(Request.SetBasicAuth\) to registry.example.com`
}

func basicAuthConfig(cfg Config, req *http.Request) {
	req.SetBasicAuth("admin", cfg.Password) // want `config field "Password" sent as basic auth password`
}

func basicHeader(cfg Config, req *http.Request) {
	enc := base64.StdEncoding.EncodeToString([]byte(cfg.Password))
	req.Header.Set("Authorization", "Basic "+enc) // want `config field "Password" sent as authorization header`
}

func proxyAuth(req *http.Request) {
	req.Header.Set("Proxy-Authorization", "Bearer "+os.Getenv("PROXY_TOKEN")) // want `sent as authorization header "Proxy-Authorization"`
}

func mimeHeader(h textproto.MIMEHeader) {
	h.Set("Private-Token", os.Getenv("GITLAB_TOKEN")) // want `environment variable "GITLAB_TOKEN" sent as api key header "Private-Token"`
}

func urlVariable() {
	u := "https://api.example.com/v1/items"
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("X-Api-Key", os.Getenv("ITEMS_KEY")) // want `sent as api key header "X-Api-Key" to api.example.com`
}

func sprintfURL(id string) {
	req, _ := http.NewRequest("GET", fmt.Sprintf("https://api.example.com/v1/items/%s", id), nil)
	req.Header.Set("X-Api-Key", os.Getenv("ITEMS_KEY")) // want `to api.example.com;`
}

func assignedTwice(prod bool) {
	key := os.Getenv("DEV_KEY")
	if prod {
		key = os.Getenv("PROD_KEY")
	}
	req, _ := http.NewRequest("GET", "https://api.example.com/v1", nil)
	req.Header.Set("X-Api-Key", key) // want `environment variable "DEV_KEY"`
}

// Not reported below.

func tokenSource(ts oauth2.TokenSource) error {
	tok, err := ts.Token()
	if err != nil {
		return err
	}
	req, _ := http.NewRequest("GET", "https://api.example.com/v1", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken) // not reported: the token comes from a TokenSource
	return nil
}

func (c *client) tokenSourceField(req *http.Request) error {
	tok, err := c.ts.Token()
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", tok.TokenType+" "+tok.AccessToken) // not reported: OAuth token fields
	return nil
}

func mintedJWT(key []byte) error {
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "svc"}).SignedString(key)
	if err != nil {
		return err
	}
	req, _ := http.NewRequest("GET", "https://api.example.com/v1", nil)
	req.Header.Set("Authorization", "Bearer "+signed) // not reported: a JWT signed per request
	return nil
}

func mintHelper() string { return "" }

func helperResult(req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+mintHelper()) // not reported: a call the analyzer cannot judge
}

func parameter(req *http.Request, token string) {
	req.Header.Set("Authorization", "Bearer "+token) // not reported: a parameter's origin is in the caller
}

func nonCredentialHeader(req *http.Request) {
	req.Header.Set("Content-Type", "application/json")        // not reported: not a credential header
	req.Header.Set("X-Request-Id", os.Getenv("REQUEST_ID"))   // not reported: not a credential header
	req.Header.Set("User-Agent", "keylint/"+os.Getenv("VER")) // not reported: not a credential header
	req.Header.Set("X-Api-Key-Id", os.Getenv("KEY_ID"))       // not reported: the name of a key, not a key
	req.Header.Set("X-Token-Url", os.Getenv("TOKEN_URL"))     // not reported: a location
	req.Header.Set("Cookie", "session="+os.Getenv("SESSION")) // not reported: cookies are KL103's concern
	req.Header.Set("Accept", "application/json")              // not reported: not a credential header
	req.Header.Set("X-Region", Config{}.Region)               // not reported: not a credential header
}

func dynamicHeaderName(req *http.Request, name string) {
	req.Header.Set(name, os.Getenv("API_KEY")) // not reported: the header name is not known
}

func readHeader(req *http.Request) string {
	return req.Header.Get("Authorization") // not reported: reading, not attaching
}

func nonCredentialField(cfg Config, req *http.Request) {
	req.Header.Set("X-Api-Key", cfg.Region) // not reported: a field not named like a credential
}

func mapValue(keys map[string]string, req *http.Request) {
	req.Header.Set("X-Api-Key", keys["billing"]) // not reported: maps are not followed
}

func rangeValue(keys []string, req *http.Request) {
	for _, k := range keys {
		req.Header.Set("X-Api-Key", k) // not reported: a range over a parameter
	}
}

func tokenFromSourceLocal(ts oauth2.TokenSource, req *http.Request) {
	tok, _ := ts.Token()
	access := tok.AccessToken
	req.Header.Set("Authorization", "Bearer "+access) // not reported: traced back to a TokenSource
}

func mixedAssign(ts oauth2.TokenSource, req *http.Request) {
	bearer := os.Getenv("FALLBACK_TOKEN")
	if t, err := ts.Token(); err == nil {
		bearer = t.AccessToken
	}
	req.Header.Set("Authorization", "Bearer "+bearer) // not reported: one of the values is short-lived
}

func twoVariables(req *http.Request, user, pass string) {
	req.Header.Set("Authorization", "Basic "+user+":"+pass) // not reported: several non-constant parts
}

func basicAuthParam(req *http.Request, password string) {
	req.SetBasicAuth("user", password) // not reported: a parameter
}

func emptyBody() {
	var req *http.Request
	_ = req // not reported: nothing attached
	_ = endpoint
}

func headerOfResponse(resp *http.Response, w http.ResponseWriter) {
	resp.Header.Set("X-Api-Key", os.Getenv("API_KEY"))    // not reported: a response header
	w.Header().Set("Authorization", os.Getenv("API_KEY")) // not reported: a response header
}

func placeholders(req *http.Request) {
	req.Header.Set("Authorization", "Bearer YOUR_TOKEN_HERE") // not reported: a placeholder
	req.Header.Set("X-Api-Key", "")                           // not reported: empty
	req.Header.Set("X-Api-Key", "<api-key>")                  // not reported: a placeholder
	req.Header.Del("Authorization")                           // not reported: removing, not attaching
}

func headerLiteral() http.Header {
	return http.Header{"X-Api-Key": {os.Getenv("API_KEY")}} // not reported: header literals are not read (a limitation)
}

func headerIndex(req *http.Request) {
	req.Header["X-Api-Key"] = []string{os.Getenv("API_KEY")} // not reported: map index assignments are not read (a limitation)
}

func forwarded(in, out *http.Request) {
	out.Header.Set("Authorization", in.Header.Get("Authorization")) // not reported: the caller's token is forwarded
}

type holder struct{ value string }

func (h holder) nonCredentialField(req *http.Request) {
	req.Header.Set("X-Api-Key", h.value) // not reported: a field not named like a credential
}

func tenantHeader(req *http.Request) {
	req.Header.Set("X-Tenant-Id", os.Getenv("TENANT")) // not reported: not a credential header
}

type stsCredentials struct{ SessionToken, AccessToken string }

func fetchCredentials() (stsCredentials, error) { return stsCredentials{}, nil }

func sessionToken(creds stsCredentials, req *http.Request) {
	req.Header.Set("X-Amz-Security-Token", creds.SessionToken) // not reported: session tokens are temporary
}

func fieldOfCallResult(req *http.Request) error {
	creds, err := fetchCredentials()
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+creds.AccessToken) // not reported: the token was fetched by a call
	return nil
}

func methodExpression(h http.Header) {
	http.Header.Set(h, "X-Api-Key", os.Getenv("API_KEY")) // not reported: method expressions are not read (a limitation)
	(h.Set)("X-Api-Key", os.Getenv("API_KEY"))            // want `environment variable "API_KEY" sent as api key header`
}

type cachedToken struct {
	AccessToken string
	ExpiresAt   int64
}

func tokenWithExpiry(tok *cachedToken, req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken) // not reported: the token is kept with its expiry
}

// Session is a user's OAuth session, as login libraries keep it: its token
// was issued to that user by the provider.
type Session struct {
	AuthURL     string
	AccessToken string
}

func (s *Session) fetchUser(req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+s.AccessToken) // not reported: a session's token is issued per user
}

type AccessTokenResponse struct{ Token string }

func tokenResponse(resp *AccessTokenResponse, req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+resp.Token) // not reported: a token response holds an issued token
}

// QueryOptions are per-call options, as API clients take them.
type QueryOptions struct{ Token string }

type WriteOpts struct{ Token string }

type RequestParams struct{ APIKey string }

func perCall(q *QueryOptions, w WriteOpts, p RequestParams, req *http.Request) {
	req.Header.Set("X-Consul-Token", q.Token) // not reported: per-call options are chosen by each caller
	req.Header.Set("X-Consul-Token", w.Token) // not reported: per-call options are chosen by each caller
	req.Header.Set("X-Api-Key", p.APIKey)     // not reported: per-call parameters
}

type SessionConfig struct{ APIKey string }

func sessionConfig(cfg SessionConfig, req *http.Request) {
	req.Header.Set("X-Api-Key", cfg.APIKey) // want `config field "APIKey" sent as api key header`
}

type ClientOptions struct{ APIKey string }

func clientOptions(o ClientOptions, req *http.Request) {
	req.Header.Set("X-Api-Key", o.APIKey) // want `config field "APIKey" sent as api key header`
}
