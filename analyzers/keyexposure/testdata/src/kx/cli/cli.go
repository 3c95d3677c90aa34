// Package cli holds commands that print keys: shown once when they
// create one.
package cli

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log"
	"os"

	"example.com/kx/password"
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

// A request ID made with crypto/rand creates no key: the token from the
// environment is still reported.
func requestCommand() {
	b := make([]byte, 8)
	rand.Read(b)
	reqID := hex.EncodeToString(b)
	token := os.Getenv("GITHUB_TOKEN")
	fmt.Println("request", reqID, "using token", token) // want `value of environment variable "GITHUB_TOKEN" reaches fmt.Println`
	fmt.Println("request", reqID)                       // ok: an ID
}

// A command named as a creation may print what it creates. It may print
// the token it was given too: only a key read from a request is known not
// to be the new one.
func createTokenCommand(adminToken string) {
	token := newKey()
	fmt.Println(token)                                         // ok: the new token
	fmt.Println(adminToken)                                    // not reported: named as a creation, it may show any key not read from a request
	fmt.Fprintln(os.Stderr, "using", os.Getenv("ADMIN_TOKEN")) // not reported: likewise
	log.Println(adminToken)                                    // want `token "adminToken" reaches log.Println`
}

func createUserCommand() error {
	passwd, err := password.Generate(12)
	if err != nil {
		return err
	}
	fmt.Printf("generated password is %q\n", passwd) // ok: password.Generate creates it in this command
	return nil
}

func showUserCommand(user string) {
	passwd := password.Stored(user)
	fmt.Printf("password is %q\n", passwd) // want `password "passwd" reaches fmt.Printf`
}
