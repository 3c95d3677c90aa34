// Package aws is a stub of the AWS SDK v2 aws package.
package aws

// Credentials are AWS credentials.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Source          string
}
