// Package oauth2 is a stub of golang.org/x/oauth2 for the analyzer tests.
package oauth2

import "net/http"

// Token is an OAuth 2.0 token.
type Token struct {
	AccessToken  string
	TokenType    string
	RefreshToken string
}

// TokenSource supplies tokens.
type TokenSource interface{ Token() (*Token, error) }

// Config is an OAuth 2.0 client configuration for user flows.
type Config struct {
	ClientID     string
	ClientSecret string
}

// StaticTokenSource returns a TokenSource that always returns t.
func StaticTokenSource(t *Token) TokenSource { return nil }

// NewClient returns a client that authenticates with ts.
func NewClient(ctx any, ts TokenSource) *http.Client { return nil }
