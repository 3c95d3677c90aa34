// Package credentials is a stub of the AWS SDK v2 credentials package.
package credentials

// StaticCredentialsProvider returns fixed credentials.
type StaticCredentialsProvider struct{}

// NewStaticCredentialsProvider returns a provider of fixed credentials.
func NewStaticCredentialsProvider(key, secret, session string) StaticCredentialsProvider {
	return StaticCredentialsProvider{}
}
