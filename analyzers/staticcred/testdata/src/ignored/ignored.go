// Package ignored is checked with -staticcred.ignore=stripe.com,github.com/aws/aws-sdk-go-v2.
package ignored

import (
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"google.golang.org/api/option"
)

func stripe() {
	req, _ := http.NewRequest("POST", "https://api.stripe.com/v1/charges", nil)
	req.Header.Set("Authorization", "Bearer "+os.Getenv("STRIPE_KEY")) // not reported: the host is ignored
}

func stripeExact() {
	req, _ := http.NewRequest("POST", "https://stripe.com/v1/charges", nil)
	req.SetBasicAuth(os.Getenv("STRIPE_KEY"), os.Getenv("STRIPE_PASSWORD")) // not reported: the host is ignored
}

func aws() credentials.StaticCredentialsProvider {
	return credentials.NewStaticCredentialsProvider("id", os.Getenv("AWS_SECRET"), "") // not reported: the SDK is ignored
}

func lookalike() {
	req, _ := http.NewRequest("POST", "https://api.notstripe.com/v1", nil)
	req.Header.Set("Authorization", "Bearer "+os.Getenv("OTHER_KEY")) // want `to api.notstripe.com`
}

func other() option.ClientOption {
	return option.WithAPIKey(os.Getenv("MAPS_KEY")) // want `option.WithAPIKey`
}
