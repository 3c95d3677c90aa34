package options

import (
	"log"
	"os"
	"testing"
)

func TestKey(t *testing.T) {
	apiKey := os.Getenv("K")
	log.Print(apiKey) // want `api key "apiKey" reaches log.Print`
}
