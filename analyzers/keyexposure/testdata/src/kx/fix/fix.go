// Package fix holds the keys whose sink the suggested fix shortens to a
// prefix, and those it leaves alone.
package fix

import (
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"strings"
)

type config struct {
	APIKey string
	Inner  struct{ Token string }
}

// Token is a package variable holding a key.
var Token string

func fixed(apiKey string, c *config, password string) {
	log.Printf("using key %s", apiKey)     // want `api key "apiKey" reaches log.Printf`
	log.Println("key:", c.APIKey)          // want `api key "config.APIKey" reaches log.Println`
	log.Print((c.Inner.Token))             // want `token "Token" reaches log.Print`
	fmt.Println("password", password)      // want `password "password" reaches fmt.Println`
	slog.Info("login", "key", apiKey)      // want `api key "apiKey" reaches slog.Info`
	log.Printf("%s and %s", apiKey, Token) // want `api key "apiKey" reaches log.Printf`
}

type secretKey string

func named(apiKey secretKey) {
	log.Print(apiKey) // want `api key "apiKey" reaches log.Print`
}

func unfixed(apiKey string, secret []byte, w http.ResponseWriter, l *log.Logger) error {
	log.Print(strings.TrimSpace(apiKey))  // want `api key "apiKey" reaches log.Print`
	log.Print(apiKey[1:])                 // want `api key "apiKey" reaches log.Print`
	log.Print("k=" + apiKey)              // want `api key "apiKey" reaches log.Print`
	log.Printf("%s", secret)              // want `secret "secret" reaches log.Printf`
	log.Print([]any{apiKey}...)           // want `api key "apiKey" reaches log.Print`
	fmt.Fprint(w, apiKey)                 // want `api key "apiKey" reaches fmt.Fprint`
	(*log.Logger).Printf(l, "%s", apiKey) // want `api key "apiKey" reaches \(\*log.Logger\).Printf`
	if apiKey == "" {
		return errors.New(apiKey) // want `api key "apiKey" reaches errors.New`
	}
	return fmt.Errorf("bad key %s", apiKey) // want `api key "apiKey" reaches fmt.Errorf`
}

func shadowed(apiKey string) {
	min := 3
	log.Print(apiKey, min) // want `api key "apiKey" reaches log.Print`
}
