// Package jwt is a stub of golang.org/x/oauth2/jwt.
package jwt

import "golang.org/x/oauth2"

// Config is a JWT bearer grant configuration (RFC 7523).
type Config struct {
	Email      string
	PrivateKey []byte
	TokenURL   string
}

// TokenSource returns a source of tokens for c.
func (c *Config) TokenSource(ctx any) oauth2.TokenSource { return nil }
