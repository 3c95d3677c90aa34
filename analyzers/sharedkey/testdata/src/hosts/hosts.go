// Package hosts sends credentials to several hosts.
package hosts

import (
	"net/http"
	"os"
)

var apiKey = os.Getenv("API_KEY")

const partnerToken = "tok-constant-value-1"

const internalToken = "tok-constant-value-2"

type client struct {
	token  string
	apiKey string
}

type Config struct{ Password string }

func billing() {
	req, _ := http.NewRequest("GET", "https://api.billing.example/v1", nil)
	req.Header.Set("X-Api-Key", apiKey)
}

func analytics() {
	req, _ := http.NewRequest("POST", "https://collect.analytics.example/v2", nil)
	req.Header.Set("X-Api-Key", apiKey) // want `credential "apiKey" is sent to collect.analytics.example and also to api.billing.example \(hosts.go:24\), mail.example.net \(hosts.go:34\); give each consumer its own key`
}

func mail() {
	req, _ := http.NewRequest("POST", "https://mail.example.net/send", nil)
	req.Header.Set("Authorization", "Bearer "+apiKey) // want `credential "apiKey" is sent to mail.example.net and also to api.billing.example \(hosts.go:24\), collect.analytics.example \(hosts.go:29\)`
}

func sameDomain() {
	req, _ := http.NewRequest("GET", "https://files.billing.example/upload", nil)
	req.Header.Set("X-Api-Key", apiKey) // not reported: the same domain as api.billing.example
}

func sameHostAgain() {
	req, _ := http.NewRequest("GET", "https://api.billing.example/v2", nil)
	req.Header.Set("X-Api-Key", apiKey) // not reported: the same host
}

func constantTwoHosts() {
	a, _ := http.NewRequest("GET", "https://one.example.org/", nil)
	a.Header.Set("Authorization", "Bearer "+partnerToken)
	b, _ := http.NewRequest("GET", "https://two.example.com/", nil)
	b.Header.Set("Authorization", "Bearer "+partnerToken) // want `credential "partnerToken" is sent to two.example.com and also to one.example.org`
}

func (c *client) first() {
	req, _ := http.NewRequest("GET", "https://a.service.example/", nil)
	req.Header.Set("X-Auth-Token", c.token)
}

func (c *client) second() {
	req, _ := http.NewRequest("GET", "https://b.other.example/", nil)
	req.Header.Set("X-Auth-Token", c.token) // want `credential "c.token" is sent to b.other.example and also to a.service.example`
}

func (c *client) differentField() {
	req, _ := http.NewRequest("GET", "https://c.third.example/", nil)
	req.Header.Set("X-Api-Key", c.apiKey) // not reported: another credential
}

func localVar() {
	key := os.Getenv("LOCAL_KEY")
	a, _ := http.NewRequest("GET", "https://x.first.example/", nil)
	a.Header.Set("X-Api-Key", key)
	b, _ := http.NewRequest("GET", "https://y.second.example/", nil)
	b.Header.Set("X-Api-Key", key) // want `credential "key" is sent to y.second.example and also to x.first.example`
}

func basicAuth(cfg Config) {
	a, _ := http.NewRequest("GET", "https://registry.one.example/", nil)
	a.SetBasicAuth("u", cfg.Password)
	b, _ := http.NewRequest("GET", "https://registry.two.example/", nil)
	b.SetBasicAuth("u", cfg.Password) // want `credential "cfg.Password" is sent to registry.two.example and also to registry.one.example`
}

func twoLocals() {
	k1 := os.Getenv("K1")
	a, _ := http.NewRequest("GET", "https://p.first.example/", nil)
	a.Header.Set("X-Api-Key", k1)
	k2 := os.Getenv("K2")
	b, _ := http.NewRequest("GET", "https://q.second.example/", nil)
	b.Header.Set("X-Api-Key", k2) // not reported: two variables
}

func unknownHost(base string) {
	req, _ := http.NewRequest("GET", base+"/v1", nil)
	req.Header.Set("X-Api-Key", apiKey) // not reported: the host is not known
}

func paramRequest(req *http.Request) {
	req.Header.Set("X-Api-Key", apiKey) // not reported: the request's host is not known
}

func otherHeader() {
	req, _ := http.NewRequest("GET", "https://z.unrelated.example/", nil)
	req.Header.Set("X-Request-Id", apiKey) // not reported: not a credential header
}

func ipHosts() {
	a, _ := http.NewRequest("GET", "http://10.0.0.1:8080/", nil)
	a.Header.Set("X-Api-Key", internalToken)
	b, _ := http.NewRequest("GET", "http://10.0.0.1:9090/", nil)
	b.Header.Set("X-Api-Key", internalToken) // not reported: the same host on another port
}

func templatedHost() {
	req, _ := http.NewRequest("GET", "https://{tenant}.example.io/", nil)
	req.Header.Set("X-Api-Key", apiKey) // not reported: the host is a template
}
