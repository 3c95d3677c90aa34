// Package option is a stub of google.golang.org/api/option.
package option

import "golang.org/x/oauth2"

// ClientOption configures a client.
type ClientOption interface{}

// WithAPIKey authenticates with an API key.
func WithAPIKey(key string) ClientOption { return nil }

// WithCredentialsJSON authenticates with a service account key.
func WithCredentialsJSON(p []byte) ClientOption { return nil }

// WithTokenSource authenticates with tokens from ts.
func WithTokenSource(ts oauth2.TokenSource) ClientOption { return nil }
