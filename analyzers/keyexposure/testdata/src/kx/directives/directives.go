// Package directives holds suppressed findings.
package directives

import "log"

func suppressed(apiKey string) {
	log.Print(apiKey) //keylint:ignore KL102 debug build only, key is a sandbox key
	//keylint:ignore KL102 the sandbox key is public
	log.Print(apiKey)
	log.Print(apiKey) //nolint:keylint
	_ = 0
	_ = 1
	log.Print(apiKey) //keylint:ignore KL101 wrong rule // want `api key "apiKey" reaches log.Print`
	_ = 2
	log.Print(apiKey) /* // want `api key "apiKey" reaches log.Print` `keylint:ignore directive for KL102 needs a reason` */ //keylint:ignore KL102
}
