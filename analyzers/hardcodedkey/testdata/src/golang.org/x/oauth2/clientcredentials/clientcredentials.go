// Package clientcredentials is a stub for the analyzer tests.
package clientcredentials

// Config describes a client credentials flow.
type Config struct {
	ClientID     string
	ClientSecret string
	TokenURL     string
}
