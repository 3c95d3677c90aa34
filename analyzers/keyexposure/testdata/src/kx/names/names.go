// Package names holds names that look like credentials but are not.
package names

import (
	"log"
	"os"
)

type record struct {
	KeyID         string
	KeyPrefix     string
	TokenType     string
	TokenURL      string
	SecretName    string
	PasswordHash  string
	NextPageToken string
	CSRFToken     string
	CacheKey      string
	Keyboard      string
	Tokenizer     string
	Compass       string
	Monkey        string
	PublicKey     string
	SortKey       string
	AuthURL       string
	TokenExpiry   string
	SecretRef     string
	MaskedKey     string
	APIKeyHash    string
}

func fields(r record) {
	log.Print(r.KeyID)         // ok: an ID
	log.Print(r.KeyPrefix)     // ok: a prefix
	log.Print(r.TokenType)     // ok: a type
	log.Print(r.TokenURL)      // ok: a URL
	log.Print(r.SecretName)    // ok: a name
	log.Print(r.PasswordHash)  // ok: a hash
	log.Print(r.NextPageToken) // ok: pagination
	log.Print(r.CSRFToken)     // ok: CSRF
	log.Print(r.CacheKey)      // ok: a cache key
	log.Print(r.Keyboard)      // ok: a keyboard
	log.Print(r.Tokenizer)     // ok: a tokenizer
	log.Print(r.Compass)       // ok: contains "pass"
	log.Print(r.Monkey)        // ok: contains "key"
	log.Print(r.PublicKey)     // ok: public
	log.Print(r.SortKey)       // ok: a sort key
	log.Print(r.AuthURL)       // ok: a URL
	log.Print(r.TokenExpiry)   // ok: an expiry
	log.Print(r.SecretRef)     // ok: a reference
	log.Print(r.MaskedKey)     // ok: masked
	log.Print(r.APIKeyHash)    // ok: a hash
	log.Printf("%v", r)        // ok: no field holds a key
}

func locals(key string, tokens int, passed bool) {
	log.Print(key)    // ok: a bare key is a map key
	log.Print(tokens) // ok: a count
	log.Print(passed) // ok: a boolean
	keyID := "k1"
	log.Print(keyID) // ok: an ID
}

// Short words that name a credential only with a qualifier: pwd is the
// working directory, pat a pattern, auth a method or a configuration.
func qualified(pat, filePat, dbPwd, githubPAT, gitlabPat, basicAuth, proxyAuth string) {
	pwd, _ := os.Getwd()
	log.Printf("working directory %s", pwd)        // ok: the working directory
	log.Printf("previous %s", os.Getenv("OLDPWD")) // ok: the previous directory
	log.Printf("bad pattern %q", pat)              // ok: a pattern
	log.Printf("files %q", filePat)                // ok: a file pattern
	log.Printf("db %s", dbPwd)                     // want `password "dbPwd" reaches log.Printf`
	log.Printf("gh %s", githubPAT)                 // want `token "githubPAT" reaches log.Printf`
	log.Printf("gl %s", gitlabPat)                 // want `token "gitlabPat" reaches log.Printf`
	log.Printf("basic %s", basicAuth)              // want `credential "basicAuth" reaches log.Printf`
	log.Printf("proxy %s", proxyAuth)              // want `credential "proxyAuth" reaches log.Printf`
	adminpwd := os.Getenv("APP_SETTING")
	log.Print(adminpwd) // want `password "adminpwd" reaches log.Print`
}

func authMethod(method string, o Options, c Client) {
	auth := "basic"
	if method != "" {
		auth = method
	}
	log.Printf("auth method %s", auth) // ok: a bare auth names a method
	log.Printf("%+v", o)               // ok: a field named Auth holds a method
	log.Print(o.Auth)                  // ok: a field named Auth holds a method
	log.Print(c.AuthToken)             // want `token "Client.AuthToken" reaches log.Print`
	log.Print(c.BasicAuthPassword)     // want `password "Client.BasicAuthPassword" reaches log.Print`
}

// Options names an auth method.
type Options struct {
	URL  string
	Auth string
}

// Client holds the credentials of an auth method.
type Client struct {
	AuthToken         string
	BasicAuthPassword string
}
