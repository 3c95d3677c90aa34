// Package option is a stub of google.golang.org/api/option for the tests.
package option

// ClientOption configures a client.
type ClientOption interface{}

// WithAPIKey returns an option that authenticates with an API key.
func WithAPIKey(apiKey string) ClientOption { return nil }

// WithCredentialsJSON returns an option with a JSON service account key.
func WithCredentialsJSON(p []byte) ClientOption { return nil }
