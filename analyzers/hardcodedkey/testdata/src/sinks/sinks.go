// Package sinks hands literals to credential sinks, matched through the
// type checker. Every secret here is made up.
package sinks

import (
	"context"
	"net/http"
	"net/smtp"
	"net/url"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsv1 "github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/option"
)

func positives(ctx context.Context, req *http.Request, tok *jwt.Token) {
	// Positive: basic auth; a sink lowers the bar to 8 characters.
	req.SetBasicAuth("admin", "hunter2x9") // want `hardcoded password passed to \(\*net/http.Request\).SetBasicAuth`

	// Positive: a URL's user info and SMTP auth.
	_ = url.UserPassword("deploy", "Zebra-Castle-42!")                  // want `hardcoded password passed to net/url.UserPassword`
	_ = smtp.PlainAuth("", "mailer", "q9#Lm2!xVb7", "smtp.example.net") // want `hardcoded password passed to net/smtp.PlainAuth`

	// Positive: Authorization and API-key headers.
	req.Header.Set("Authorization", "Bearer x7Kq2LmP0w") // want `hardcoded credential in header "Authorization"`
	req.Header.Add("X-Api-Key", "k3yF0rTheW1dg3tS")      // want `hardcoded api key in header "X-Api-Key"`
	req.Header.Set("Private-Token", "t0k3nF0rG1tLabCI")  // want `hardcoded token in header "Private-Token"`

	// Positive: OAuth 2.0 client secrets and static tokens.
	_ = oauth2.Config{ClientID: "billing", ClientSecret: "s3cr3tF0rB1ll1ng"}         // want `hardcoded secret in field "ClientSecret" of oauth2.Config`
	_ = &clientcredentials.Config{ClientID: "svc", ClientSecret: "cl1ent-S3cret-77"} // want `hardcoded secret in field "ClientSecret" of clientcredentials.Config`
	_ = oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "Qz8mWv2KpL7rNx"})       // want `hardcoded token in field "AccessToken" of oauth2.Token`

	// Positive: a JWT signing key.
	_, _ = tok.SignedString([]byte("hR7#kLq2Wz9vBx")) // want `hardcoded secret passed to \(\*github.com/golang-jwt/jwt/v5.Token\).SignedString`

	// Positive: a Google API key and a service account key file.
	_ = option.WithAPIKey("g00gleKeyForMaps1")                                                        // want `hardcoded api key passed to google.golang.org/api/option.WithAPIKey`
	_, _ = google.CredentialsFromJSON(ctx, []byte(`{"type": "service_account", "private_key": "k"}`)) // want `hardcoded credential passed to golang.org/x/oauth2/google.CredentialsFromJSON`

	// Positive: AWS static credentials, v2 and v1.
	_ = credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI7K7MDENGbPxRfiCY9", "")  // want `hardcoded secret passed to github.com/aws/aws-sdk-go-v2/credentials.NewStaticCredentialsProvider`
	_ = aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI7K7MDENGbPxRfiCY9"} // want `hardcoded secret in field "SecretAccessKey" of aws.Credentials`
	_ = awsv1.NewStaticCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI7K7MDENGbPxRfiCY9", "")                // want `hardcoded secret passed to github.com/aws/aws-sdk-go/aws/credentials.NewStaticCredentials`
	_ = awsv1.Value{SecretAccessKey: "wJalrXUtnFEMI7K7MDENGbPxRfiCY9"}                                          // want `hardcoded secret in field "SecretAccessKey" of credentials.Value`
}

func negatives(ctx context.Context, req *http.Request, tok *jwt.Token, user, pass, token string, key []byte) {
	// Negative: values read at run time.
	req.SetBasicAuth(user, pass)
	req.Header.Set("Authorization", "Bearer "+token)
	_ = oauth2.Config{ClientSecret: os.Getenv("OAUTH_CLIENT_SECRET")}
	_ = option.WithAPIKey(os.Getenv("GOOGLE_API_KEY"))
	_, _ = tok.SignedString(key)

	// Negative: empty, short and placeholder values.
	req.SetBasicAuth("admin", "")
	req.SetBasicAuth("admin", "secret")
	req.SetBasicAuth("admin", "password")
	req.SetBasicAuth("admin", "changeme")
	req.Header.Set("Authorization", "Bearer <token>")
	req.Header.Set("Authorization", "Bearer ${TOKEN}")
	req.Header.Set("Authorization", "Basic dXNlcjpwYXNzd29yZA==") // not reported: user:password
	_, _ = tok.SignedString([]byte("secret"))
	_ = credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "", "")

	// Negative: headers that are no credentials.
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "7NjfgMUsC1nhvCIDNb76")
	req.Header.Set("X-Api-Key-Header", "X-Api-Key")

	// Negative: fields that are no secrets.
	_ = oauth2.Config{ClientID: "7NjfgMUsC1nhvCIDNb76", RedirectURL: "https://app.example.net/cb"}
	_ = aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", Source: "7NjfgMUsC1nhvCIDNb76"}

	// Negative: key files without a secret in them.
	_ = option.WithCredentialsJSON([]byte(`{}`))
	_, _ = google.CredentialsFromJSON(ctx, []byte(`{"type": "external_account"}`))

	// Negative: a look-alike method on another type is no sink.
	var f fakeRequest
	f.SetBasicAuth("admin", "hunter2x9")
}

type fakeRequest struct{}

func (fakeRequest) SetBasicAuth(user, note string) {}
