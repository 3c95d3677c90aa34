// Package sources holds the values the analyzer takes for keys.
package sources

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"

	"github.com/gin-gonic/gin"
	"golang.org/x/oauth2"
)

var githubToken = os.Getenv("GITHUB_TOKEN")

var region = os.Getenv("AWS_REGION")

type client struct {
	apiKey       string
	keyID        string
	keyPrefix    string
	tokenType    string
	tokenURL     string
	secretName   string
	passwordHash string
}

func (c *client) APIKey() string { return c.apiKey } // want APIKey:`summary returns\(api key "client.apiKey"\)`

func (c *client) Region() string { return region }

// derivedKey has a parameter: it derives a lookup key, no secret.
func derivedKey(host string) string { return "host:" + host }

// Token takes a context only: a getter.
func (c *client) Token(ctx context.Context) string { return c.apiKey } // want Token:`summary returns`

func (c *client) plainToken() string { return "x" }

func getters(ctx context.Context, c *client) {
	log.Print(derivedKey("h")) // ok: a credential-named function with parameters
	log.Print(c.plainToken())  // want `token returned by \(\*sources.client\).plainToken reaches log.Print`
	log.Print(c.Token(ctx))    // want `api key "client.apiKey" reaches log.Print`
}

func fields(c *client) {
	log.Print(c.apiKey)       // want `api key "client.apiKey" reaches log.Print`
	log.Print(c.keyID)        // ok: a key ID
	log.Print(c.keyPrefix)    // ok: a key prefix
	log.Print(c.tokenType)    // ok: a token type
	log.Print(c.tokenURL)     // ok: a token URL
	log.Print(c.secretName)   // ok: the name of a secret
	log.Print(c.passwordHash) // ok: a password hash
}

func globals() {
	log.Print(githubToken) // want `token "githubToken" reaches log.Print`
	log.Print(region)      // ok: not a credential
}

func env() {
	log.Print(os.Getenv("STRIPE_SECRET_KEY")) // want `value of environment variable "STRIPE_SECRET_KEY" reaches log.Print`
	v, _ := os.LookupEnv("DB_PASSWORD")
	log.Print(v)                      // want `value of environment variable "DB_PASSWORD" reaches log.Print`
	log.Print(os.Getenv("HOME"))      // ok: not a credential variable
	log.Print(os.Getenv("TOKEN_URL")) // ok: a URL
}

func methods(c *client) {
	log.Print(c.APIKey()) // want `api key "client.apiKey" reaches log.Print`
	log.Print(c.Region()) // ok: not a credential
}

func oauthToken(tok *oauth2.Token, cfg *oauth2.Config) {
	log.Print(tok.AccessToken)  // want `token "Token.AccessToken" reaches log.Print`
	log.Print(tok.RefreshToken) // want `token "Token.RefreshToken" reaches log.Print`
	log.Printf("%+v", tok)      // want `struct with token "Token.AccessToken" reaches log.Printf`
	log.Print(cfg.ClientSecret) // want `secret "Config.ClientSecret" reaches log.Print`
	log.Print(tok.TokenType)    // ok: the token type
	log.Print(tok.Expiry)       // ok: the expiry
	log.Print(cfg.ClientID)     // ok: the client ID
	log.Print(tok.Valid())      // ok: a boolean
	log.Printf("%T", tok)       // ok: %T
}

func userinfo(u *url.URL) {
	pw, _ := u.User.Password()
	log.Print(pw)                // want `password returned by \(\*url.Userinfo\).Password reaches log.Print`
	log.Print(u.User.Username()) // ok: the user name
	log.Print(u.Redacted())      // ok: a redacted URL
}

func headers(r *http.Request) {
	log.Print(r.Header.Get("Authorization")) // want `value of header "Authorization" reaches log.Print`
	log.Print(r.Header.Get("Cookie"))        // want `value of header "Cookie" reaches log.Print`
	log.Print(r.Header.Values("X-Api-Key"))  // want `value of header "X-Api-Key" reaches log.Print`
	log.Print(r.Header.Get("Content-Type"))  // ok: not a credential header
	log.Print(r.Header.Get("X-Request-Id"))  // ok: not a credential header
}

func generated() string {
	b := make([]byte, 24)
	rand.Read(b)
	token := base64.RawURLEncoding.EncodeToString(b)
	log.Print(token) // want `token "token" reaches log.Print`
	nonce := base64.RawURLEncoding.EncodeToString(b)
	log.Print(nonce) // ok: random bytes named as a nonce
	return token
}

func text() {
	secret := rand.Text()
	log.Print(secret) // want `secret "secret" reaches log.Print`
	id := rand.Text()
	log.Print(id) // ok: random text not bound to a credential name
}

// The incoming request's header map holds its Authorization and Cookie
// headers, and so does a dump of the request.
func headerMaps(w http.ResponseWriter, r *http.Request, resp *http.Response) {
	log.Printf("headers: %v", r.Header)            // want `header map of the request reaches log.Printf`
	log.Print(r.Header["Authorization"])           // want `header map of the request reaches log.Print`
	log.Print(r.Header["User-Agent"])              // ok: not a credential header
	log.Print(r.Header.Get("User-Agent"))          // ok: not a credential header
	log.Printf("%d headers", len(r.Header))        // ok: a count
	log.Printf("response headers: %v", w.Header()) // ok: the response's headers
	log.Printf("upstream: %v", resp.Header)        // ok: a response's headers
	out, _ := http.NewRequest("GET", "https://example.com", nil)
	log.Printf("out: %v", out.Header) // not reported: a request built here, on its way out
	b, _ := httputil.DumpRequest(r, true)
	log.Printf("request: %s", b) // want `dump of the request reaches log.Printf`
	o, _ := httputil.DumpRequestOut(out, false)
	log.Printf("out: %q", o) // want `dump of the request reaches log.Printf`
	d, _ := httputil.DumpResponse(resp, false)
	log.Printf("response: %s", d) // ok: a response
	r2 := r.WithContext(context.Background())
	log.Print(r2.Header) // want `header map of the request reaches log.Print`
}

func ginHeaders(c *gin.Context) {
	log.Print(c.Request.Header) // want `header map of the request reaches log.Print`
}
