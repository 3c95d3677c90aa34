// Package strict is checked with a 5-minute access token policy.
package strict

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func thirtyMinutes(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": id, "exp": time.Now().Add(30 * time.Minute).Unix(), // want `lifetime of 30m, beyond the 5m policy`
	})
}

func fiveMinutes(id string) *jwt.Token {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": id, "exp": time.Now().Add(5 * time.Minute).Unix(),
	})
}
