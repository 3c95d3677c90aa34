package testfilesflag

import (
	"net/http"
	"os"
	"testing"
)

func TestCall(t *testing.T) {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	req.Header.Set("X-Api-Key", os.Getenv("TEST_KEY")) // want `environment variable "TEST_KEY"`
}
