// want package:"secrets\\(4\\)"

// Package keys writes secrets that other test packages copy. Every secret
// here is made up.
package keys

// GitHubToken matches gitleaks' github-pat rule.
const GitHubToken = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv"

// PaymentsAPIKey looks random and is named like a credential.
var PaymentsAPIKey = "q8Zt3LmX9vR2pWn7Kd4F"

var dbPassword = "Tr0ub4dor&3x"

var sampleID = "q8Zt3LmX9vR2pWn7Kd4X" // not reported: not named like a credential, no gitleaks match

// Region is not a secret.
const Region = "eu-west-1"

type Config struct {
	APIKey string
	Host   string
}

// Default holds a key in a struct field.
var Default = Config{APIKey: "GB16JC5kV3ECqWp1OrXXHFOp", Host: "api.example.com"}

func use() string { return dbPassword + sampleID }
