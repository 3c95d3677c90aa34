// Package credentials is a stub of github.com/aws/aws-sdk-go-v2/credentials.
package credentials

// StaticCredentialsProvider provides fixed credentials.
type StaticCredentialsProvider struct{}

// NewStaticCredentialsProvider returns a provider of fixed credentials.
func NewStaticCredentialsProvider(key, secret, session string) StaticCredentialsProvider {
	return StaticCredentialsProvider{}
}
