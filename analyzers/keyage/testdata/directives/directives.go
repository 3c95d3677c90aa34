// Package directives holds suppressed findings.
package directives

import "github.com/golang-jwt/jwt/v5"

func suppressed(id string) *jwt.Token {
	//keylint:ignore KL105 internal token checked against a revocation list
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": id})
}

func nolint(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": id}) //nolint:keylint
}

func otherRule(id string) *jwt.Token {
	//keylint:ignore KL101 not this rule
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": id}) // want `token minted with no expiry`
}
