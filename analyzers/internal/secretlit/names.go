package secretlit

import (
	"strings"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// indexWords end names of collections indexed by environment: the words
// after the credential word in apiKeysByEnv or tokensPerEnvironment.
var indexWords = map[string]bool{
	"env": true, "envs": true, "environment": true, "environments": true,
	"stage": true, "stages": true, "by": true, "per": true, "for": true,
	"of": true, "in": true,
}

// ElementName returns the name of each value of a collection named name,
// without the words that say how it is indexed: apiKeysByEnv gives
// "api_keys", tokensPerEnvironment "tokens". Other names are returned as
// they are.
func ElementName(name string) string {
	words := credname.Words(name)
	n := len(words)
	for n > 1 && indexWords[words[n-1]] {
		n--
	}
	if n == len(words) {
		return name
	}
	return strings.Join(words[:n], "_")
}
