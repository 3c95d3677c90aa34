// Package oauth2 is a stub of golang.org/x/oauth2 for the analyzer tests.
package oauth2

// Config is an OAuth 2.0 client configuration.
type Config struct {
	ClientID     string
	ClientSecret string
	RedirectURL  string
	Scopes       []string
}

// Token is an OAuth 2.0 token.
type Token struct {
	AccessToken  string
	TokenType    string
	RefreshToken string
}

// TokenSource supplies tokens.
type TokenSource interface{ Token() (*Token, error) }

// StaticTokenSource returns a TokenSource that always returns t.
func StaticTokenSource(t *Token) TokenSource { return nil }
