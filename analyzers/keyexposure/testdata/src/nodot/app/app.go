// Package app is in a module whose path has no dot, as go mod init myapp
// makes: it is not the standard library, and is checked.
package app

import (
	"log"
	"os"
)

func Start() {
	log.Printf("key %s", os.Getenv("API_KEY")) // want `value of environment variable "API_KEY" reaches log.Printf`
}

func Quiet() {
	log.Printf("level %s", os.Getenv("LOG_LEVEL"))  // not reported: no credential
	log.Printf("key %s…", os.Getenv("API_KEY")[:4]) // not reported: a prefix
}
