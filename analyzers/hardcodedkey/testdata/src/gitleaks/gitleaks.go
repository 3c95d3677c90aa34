// Package gitleaks holds string constants that gitleaks' rules match, and
// look-alikes that they do not. Every secret here is made up.
package gitleaks

import (
	"fmt"
	"regexp"
	"strings"

	wrapped "example.com/re/regexp"
)

// Positive: a literal bound to a name; the message names the rule and the
// target.
var ghToken = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `hardcoded secret matching gitleaks rule github-pat in "ghToken" \(ghp_ca…\(40 chars\)\); load it at run time \(KL101\)`

// Positive: a named constant is reported at its declaration…
const awsKeyID = "AKIA3BA2V7KCVICMIVFN" // want `gitleaks rule aws-access-token in "awsKeyID"`

func uses() {
	fmt.Println(awsKeyID)                  // not reported: a use of a constant reported at its declaration
	fmt.Println(strings.ToLower(awsKeyID)) // not reported: same
	var copied = awsKeyID                  // not reported: same
	_ = copied
}

// Positive: []byte conversion of a literal.
var stripeKey = []byte("sk_live_DVvmEgKFGt6g4t7dmWwKj2v2") // want `gitleaks rule stripe-access-token in "stripeKey"`

// Positive: a concatenation the type checker folds, reported once.
var split = "ghp_VaP3RjdmSlPUxYu3" + "JvQvB7KUdDWdM8TVWzZR" // want `gitleaks rule github-pat in "split"`

const slackPrefix = "xoxb-6667460669040-"

// Positive: a folded concatenation whose secret spans a named constant.
var slackBot = slackPrefix + "2094596792044-oZ8bBepIrw0tUVNa19Kme7mU" // want `gitleaks rule slack-bot-token in "slackBot"`

const fullToken = "glpat-fQfZ7ccPIyclHpvvsYL0" // want `gitleaks rule gitlab-pat in "fullToken"`

// Not reported: the secret sits inside the named constant, reported above.
var withPath = fullToken + "/projects"

func calls(s string) {
	// Positive: a bare argument; no target to name.
	fmt.Println("xoxb-6667460669040-2094596792044-oZ8bBepIrw0tUVNa19Kme7mU") // want `^hardcoded secret matching gitleaks rule slack-bot-token \(xoxb-6…\(57 chars\)\); load it at run time \(KL101\)$`

	// Positive: a switch case.
	switch s {
	case "AKIAQYLFZEYGVSG6CK36": // want `gitleaks rule aws-access-token compared with "s"`
	}

	// Positive: an unrelated map key still holds a gitleaks match.
	_ = map[string]string{"notes": "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"} // want `gitleaks rule sendgrid-api-token under map key "notes"`
}

// Positive: a JWT.
var session = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmlsbGluZyIsImlhdCI6MTc2NzIyNTYwMH0.P8XafxRN6kz7fuQc7_IZYnukE9qpg-6UDlsV-RbzbX2" // want `gitleaks rule jwt in "session"`

// Positive: a private key in a raw string.
// want +1 `gitleaks rule private-key in "pemKey"`
const pemKey = `-----BEGIN RSA PRIVATE KEY-----
KBmyMxeFwkpoLTYV+/KLqSEzULmgMXYJ0jQBdlU6umzBucz4C1IxSKgDv9ksc9HXZhyKC5bN
KdXsxSdXHHPTZL/Fp7Ye135OQcPQ3W/TtHh1Y64nsKYfjVCzk/yppS7fAI8y+pN5WCEdGqgn
cIoWF0kXcNFvPStCJIcVLBUSqo/5cCB/47UF1Ngw01XWjdCu7Vmu1TjLy7NKfL53bSWU+6EC
-----END RSA PRIVATE KEY-----`

// Positive: a config file embedded in a raw string, two rules at once.
// want +1 `gitleaks rules github-pat, stripe-access-token in "configYAML"`
const configYAML = `
github:
  token: ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv
billing:
  key: sk_live_BSBnmPYyGf1KuTe0EWotnG3ZoVsbZZXv
`

// MyToken is a named string type.
type MyToken string

// Positive: a constant conversion to a named string type.
var typed = MyToken("ghp_VaP3RjdmSlPUxYu3JvQvB7KUdDWdM8TVWzZR") // want `gitleaks rule github-pat in "typed"`

// Positive: returned from a function whose name says nothing.
func fetch() string {
	return "sk_live_BSBnmPYyGf1KuTe0EWotnG3ZoVsbZZXv" // want `gitleaks rule stripe-access-token returned by "fetch"`
}

// Not reported: AWS's documented example key (gitleaks' own allowlist).
var exampleKeyID = "AKIAIOSFODNN7EXAMPLE"

// Not reported: masked values.
var masked = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
var stars = "sk_live_************************"

// Not reported: too short for the rule.
var shortPAT = "ghp_abc123"

// Not reported: the prefix alone, a format and a template.
var prefix = "ghp_"
var format = "ghp_%s"
var tmpl = "sk_live_${STRIPE_SECRET}"

// Not reported: struct tags and import paths are not values.
type tagged struct {
	Field string `json:"ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv"`
}

// Not reported: the secret is built at run time (a limitation).
var built = "ghp_" + strings.Repeat("a", 36)

// Not reported: ordinary strings.
var usage = "usage: tool [-token TOKEN] [-key KEY]"
var query = "SELECT id FROM users WHERE api_key = $1"
var errText = "invalid api key: %w"
var goSum = "h1:Dy0ZOdjMYMhPKPPFmxzfbfD7mFvsJ3zrq7R7L9gt5kE="

// Regressions from real modules: gitleaks' generic-api-key rule fires on
// these, but the name in front of the value is no credential name.

// Negative (google/go-github): a public key in JSON.
var publicKeyJSON = `{"key_id":"012345678912345678","key":"2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234"}`

// Negative (labstack/echo): RFC 6455's sample WebSocket nonce.
var upgrade = "GET / HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"

// Negative (lestrrat-go/jwx): a JWE's encrypted key is ciphertext.
var jweJSON = `{"ciphertext":"evXmzoQ5TWQvEXdpv9ZCBQ","encrypted_key":"ceVsjF-0LhziK75oHRC-C539hlFJMSbub015a3YtIBgCt7c0IRzkzwoOvo_Jf44FXZi0Vd"}`

// Negative (golang.org/x/oauth2): an AWS SigV4 Authorization header carries
// a per-request signature, not a long-lived secret.
var sigV4 = "AWS4-HMAC-SHA256 Credential=AKID/20200811/us-east-2/ec2/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=631ea80cddfaa545fdadb120dc92c9f18166e38a5c47b50fab9fce476e022855"

// Negative (zricethezav/gitleaks): a detection rule's regular expression
// that spells a key's fixed prefix is a pattern, not a key.
var bedrockRule = regexp.MustCompile(`bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t`)

var bedrockWrapped = wrapped.MustCompile(`bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t`)

var bedrockMatch, _ = regexp.MatchString(`bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t`, "")

// Positive: the same text outside a pattern.
var bedrockKey = "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t" // want `hardcoded secret matching gitleaks rule aws-amazon-bedrock-api-key-short-lived`
