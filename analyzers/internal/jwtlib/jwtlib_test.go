package jwtlib

import "testing"

func TestIsPackage(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"github.com/golang-jwt/jwt":         true,
		"github.com/golang-jwt/jwt/v4":      true,
		"github.com/golang-jwt/jwt/v5":      true,
		"github.com/dgrijalva/jwt-go":       true,
		"github.com/dgrijalva/jwt-go/v4":    true,
		"github.com/form3tech-oss/jwt-go":   true,
		"github.com/golang-jwt/jwt/v5/x":    false,
		"github.com/golang-jwt/jwt/vx":      false,
		"github.com/golang-jwt/jwt/v":       false,
		"github.com/golang-jwt/jwtx":        false,
		"github.com/lestrrat-go/jwx/v2/jwt": false,
		"":                                  false,
	} {
		if got := IsPackage(path); got != want {
			t.Errorf("IsPackage(%q) = %v, want %v", path, got, want)
		}
	}
}
