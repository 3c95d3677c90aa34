// Package clients holds credentials given to SDK and REST clients.
package clients

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/credentials"
	awsv1 "github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/go-resty/resty/v2"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/oauth2/jwt"
	"google.golang.org/api/option"
)

const mapsKey = "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"

type Settings struct {
	ClientSecret string
	AccessKeyID  string
	SecretKey    string
	AuthToken    string
	PrivateKey   []byte
	Endpoint     string
}

func googleAPIKey() option.ClientOption {
	return option.WithAPIKey(os.Getenv("MAPS_API_KEY")) // want `environment variable "MAPS_API_KEY" sent as SDK static key \(option.WithAPIKey\); prefer OAuth client credentials`
}

func googleAPIKeyConst() option.ClientOption {
	return option.WithAPIKey(mapsKey) // want `constant "mapsKey" sent as SDK static key`
}

func awsV2(s Settings) credentials.StaticCredentialsProvider {
	return credentials.NewStaticCredentialsProvider(s.AccessKeyID, s.SecretKey, "") // want `config field "SecretKey" sent as SDK static key \(credentials.NewStaticCredentialsProvider\)`
}

func awsV1() *awsv1.Credentials {
	return awsv1.NewStaticCredentials("AKIA", os.Getenv("AWS_SECRET_ACCESS_KEY"), "") // want `environment variable "AWS_SECRET_ACCESS_KEY" sent as SDK static key \(credentials.NewStaticCredentials\)`
}

func clientSecretLiteral(ctx context.Context) oauth2.TokenSource {
	cfg := clientcredentials.Config{
		ClientID:     "billing",
		ClientSecret: os.Getenv("BILLING_CLIENT_SECRET"), // want `environment variable "BILLING_CLIENT_SECRET" sent as OAuth client secret \(clientcredentials.Config\) to auth.example.com; prefer a signed JWT client assertion`
		TokenURL:     "https://auth.example.com/oauth/token",
	}
	return cfg.TokenSource(ctx)
}

func clientSecretPointer(s Settings) *clientcredentials.Config {
	return &clientcredentials.Config{ClientID: "x", ClientSecret: s.ClientSecret} // want `config field "ClientSecret" sent as OAuth client secret`
}

func clientSecretAssign(s *Settings) {
	var cfg clientcredentials.Config
	cfg.ClientSecret = s.ClientSecret // want `config field "ClientSecret" sent as OAuth client secret`
	_ = cfg
}

func staticTokenSource() oauth2.TokenSource {
	return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: os.Getenv("GITHUB_TOKEN")}) // want `environment variable "GITHUB_TOKEN" sent as authorization header \(oauth2.StaticTokenSource\)`
}

func restyClient(s Settings) *resty.Client {
	return resty.New().SetAuthToken(s.AuthToken) // want `config field "AuthToken" sent as authorization header \(Client.SetAuthToken\)`
}

func restyHeader() *resty.Client {
	return resty.New().SetHeader("X-Api-Key", os.Getenv("VENDOR_KEY")) // want `environment variable "VENDOR_KEY" sent as api key header "X-Api-Key"`
}

func restyBasic(s Settings) {
	resty.New().R().SetBasicAuth("svc", os.Getenv("SVC_PASSWORD")) // want `sent as basic auth password \(Request.SetBasicAuth\)`
}

func restyRequestToken() {
	resty.New().R().SetAuthToken(os.Getenv("SVC_TOKEN")) // want `sent as authorization header \(Request.SetAuthToken\)`
}

func restyRequestHeader(s Settings) {
	resty.New().R().SetHeader("Authorization", "Bearer "+s.AuthToken) // want `config field "AuthToken" sent as authorization header "Authorization"`
}

// Not reported below.

func jwtAssertion(ctx context.Context, s Settings) oauth2.TokenSource {
	cfg := &jwt.Config{Email: "svc@example.com", PrivateKey: s.PrivateKey, TokenURL: "https://auth.example.com/token"} // not reported: a JWT assertion per token (RFC 7523)
	return cfg.TokenSource(ctx)
}

func tokenSourceOption(ts oauth2.TokenSource) option.ClientOption {
	return option.WithTokenSource(ts) // not reported: tokens from a TokenSource
}

func credentialsJSON(s Settings) option.ClientOption {
	return option.WithCredentialsJSON(s.PrivateKey) // not reported: a service account key signs a JWT per token
}

func clientCredentialsSourced(ctx context.Context, secret string) oauth2.TokenSource {
	cfg := clientcredentials.Config{ClientID: "x", ClientSecret: secret} // not reported: a parameter
	return cfg.TokenSource(ctx)
}

func clientCredentialsWithoutSecret(ctx context.Context) oauth2.TokenSource {
	cfg := clientcredentials.Config{ClientID: "x", TokenURL: "https://auth.example.com/token"} // not reported: no secret
	return cfg.TokenSource(ctx)
}

func userFlowConfig(s Settings) oauth2.Config {
	return oauth2.Config{ClientID: "web", ClientSecret: s.ClientSecret} // not reported: a user login flow, not a service call
}

func staticTokenSourceVariable(tok *oauth2.Token) oauth2.TokenSource {
	return oauth2.StaticTokenSource(tok) // not reported: the token is not a literal
}

func staticTokenSourceRefresh(tok *oauth2.Token) oauth2.TokenSource {
	return oauth2.StaticTokenSource(&oauth2.Token{RefreshToken: tok.RefreshToken}) // not reported: no access token
}

func awsEnvChain() *awsv1.Credentials {
	return awsv1.NewEnvCredentials() // not reported: a credentials chain
}

func awsSessionParams(id, secret string) credentials.StaticCredentialsProvider {
	return credentials.NewStaticCredentialsProvider(id, secret, "") // not reported: parameters
}

func restyNonCredential() *resty.Client {
	return resty.New().SetHeader("Accept", "application/json") // not reported: not a credential header
}

func restyEndpoint(s Settings) *resty.Client {
	return resty.New().SetHeader("X-Endpoint", s.Endpoint) // not reported: not a credential header
}

func googleAPIKeyParam(key string) option.ClientOption {
	return option.WithAPIKey(key) // not reported: a parameter
}
