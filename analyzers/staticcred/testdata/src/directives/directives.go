// Package directives holds suppressed findings.
package directives

import (
	"net/http"
	"os"
)

func suppressed(req *http.Request) {
	//keylint:ignore KL104 the vendor only offers static keys
	req.Header.Set("X-Api-Key", os.Getenv("VENDOR_KEY"))
	req.Header.Set("X-Api-Key", os.Getenv("VENDOR_KEY")) //nolint:keylint
}

func otherRule(req *http.Request) {
	//keylint:ignore KL101 a different rule
	req.Header.Set("X-Api-Key", os.Getenv("VENDOR_KEY")) // want `api key header`
}

// want +2 `keylint:ignore directive for KL104 needs a reason \(KL104\)`
//
//keylint:ignore KL104
func noReason(req *http.Request) {
	req.Header.Set("X-Api-Key", os.Getenv("VENDOR_KEY")) // want `api key header`
}
