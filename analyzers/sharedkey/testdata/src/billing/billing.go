// want package:"secrets\\(10\\)"

// Package billing copies secrets of package keys.
package billing

import "keys"

const token = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `secret "token" is also written in keys.GitHubToken \(keys.go:8\); give each consumer its own key`

var apiKey = "q8Zt3LmX9vR2pWn7Kd4F" // want `secret "apiKey" is also written in keys.PaymentsAPIKey \(keys.go:11\)`

func password() string {
	password := "Tr0ub4dor&3x" // want `secret "password" is also written in keys.dbPassword \(keys.go:13\)`
	return password
}

func inField() keys.Config {
	return keys.Config{APIKey: "GB16JC5kV3ECqWp1OrXXHFOp"} // want `secret "APIKey" is also written in keys \(keys.go:26\)`
}

func bareLiteral() []string {
	return []string{"ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv"} // want `secret at billing.go:22 is also written in keys.GitHubToken`
}

var reuse = keys.GitHubToken // not reported: one constant, declared once

var region = "eu-west-1" // not reported: not a secret

var lookalike = "q8Zt3LmX9vR2pWn7Kd4X" // not reported: not named like a credential

var otherKey = "rCeTsprvu5IfijoySjTneAAv" // not reported: a different value

var copyInPackage = apiKey // not reported: the same package

var secretKey = "q8Zt3LmX9vR2pWn7Kd4X" // not reported: package keys holds the value under a name that is not a credential

func use() []string {
	return []string{reuse, region, lookalike, otherKey, copyInPackage, secretKey, token, password()}
}
