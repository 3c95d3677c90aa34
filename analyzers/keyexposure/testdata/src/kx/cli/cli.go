// Package cli holds commands that print keys: shown once when they
// create one.
package cli

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
)

// Discovery is a discovery document: Auth holds a URL.
type Discovery struct {
	Issuer string `json:"issuer"`
	Auth   string `json:"authorization_endpoint"`
}

func newKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func createKeyCommand() {
	apiKey := newKey()
	fmt.Println(apiKey)                    // ok: the command that creates the key shows it once
	fmt.Fprintf(os.Stderr, "%s\n", apiKey) // ok: the command that creates the key shows it once
}

func showKeyCommand(apiKey string) {
	fmt.Println(apiKey) // want `api key "apiKey" reaches fmt.Println`
}

func discovery(d Discovery) {
	fmt.Printf("%+v\n", d) // ok: a field named only Auth is not taken for a secret in a struct
}

// ExecOptions has a key sequence, no secret.
type ExecOptions struct {
	Cmd        []string
	DetachKeys string
}

func execError(o ExecOptions) error {
	return fmt.Errorf("exec %+v failed", o) // ok: DetachKeys is not clearly a secret
}

// ClientConfig has an API key.
type ClientConfig struct {
	BaseURL string
	APIKey  string
}

func configError(c ClientConfig) error {
	return fmt.Errorf("bad config %+v", c) // want `struct with api key "ClientConfig.APIKey" reaches fmt.Errorf`
}
