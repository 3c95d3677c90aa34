// Package mintv4 holds tokens minted and parsed with golang-jwt v4.
package mintv4

import (
	"time"

	"github.com/golang-jwt/jwt/v4"
)

func standardNoExp(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.StandardClaims{Subject: id}) // want `token minted with no expiry`
}

func standardLong(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.StandardClaims{
		Subject:   id,
		ExpiresAt: time.Now().Add(7 * 24 * time.Hour).Unix(), // want `lifetime of 7d`
	})
}

func mapNoExp(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"user": id}) // want `token minted with no expiry`
}

func skipLiteral() *jwt.Parser {
	return &jwt.Parser{SkipClaimsValidation: true} // want `jwt.Parser with SkipClaimsValidation accepts expired tokens`
}

func skipAssign(p *jwt.Parser) {
	p.SkipClaimsValidation = true // want `SkipClaimsValidation`
}

// Negative shapes.

func standardShort(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.StandardClaims{
		Subject: id, ExpiresAt: time.Now().Add(30 * time.Minute).Unix(),
	})
}

func parserDefault() *jwt.Parser {
	return &jwt.Parser{SkipClaimsValidation: false, UseJSONNumber: true}
}

func parserPlain() *jwt.Parser { return &jwt.Parser{} }
