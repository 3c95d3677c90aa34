// Package broken does not type-check; the analyzer is not run on it, and
// must not panic.
package broken

import "log"

func broken(apiKey string) {
	log.Print(apiKey + undefined)
}
