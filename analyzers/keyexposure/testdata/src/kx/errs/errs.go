// Package errs holds keys that reach errors and panics.
package errs

import (
	"errors"
	"fmt"
	"strings"
)

func check(apiKey string) error {
	if !strings.HasPrefix(apiKey, "sk_") {
		return fmt.Errorf("invalid api key %q", apiKey) // want `api key "apiKey" reaches fmt.Errorf; leave the key out of the error or use its prefix`
	}
	if len(apiKey) < 20 {
		return errors.New("short key: " + apiKey) // want `api key "apiKey" reaches errors.New`
	}
	if apiKey == "sk_revoked" {
		panic("revoked key " + apiKey) // want `api key "apiKey" reaches panic; leave the key out of the panic or use its prefix`
	}
	if strings.Contains(apiKey, " ") {
		panic(fmt.Sprintf("bad key %v", apiKey)) // want `api key "apiKey" reaches panic`
	}
	return nil
}

func okErrors(apiKey string, err error) error {
	if apiKey == "" {
		return errors.New("api key missing") // ok: names the key, does not show it
	}
	if len(apiKey) != 32 {
		return fmt.Errorf("api key has %d characters, want 32", len(apiKey)) // ok: a length
	}
	if !strings.HasPrefix(apiKey, "sk_") {
		return fmt.Errorf("api key %s… has no sk_ prefix", apiKey[:4]) // ok: a short prefix
	}
	if err != nil {
		return fmt.Errorf("check key: %w", err) // ok: the error, not the key
	}
	panic(fmt.Sprintf("key of type %T", apiKey)) // ok: %T
}

func wrapped(token string) error {
	err := fmt.Errorf("token %s rejected", token) // want `token "token" reaches fmt.Errorf`
	return fmt.Errorf("auth: %w", err)            // ok: reported where the key enters the error
}
