// Package credentials is a stub of the AWS SDK v1 credentials package.
package credentials

// Credentials provides credentials.
type Credentials struct{}

// Value is a set of credentials.
type Value struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
}

// NewStaticCredentials returns fixed credentials.
func NewStaticCredentials(id, secret, token string) *Credentials { return nil }
