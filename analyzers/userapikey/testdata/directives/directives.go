// Package directives holds suppressed findings.
package directives

import "net/http"

func suppressed(w http.ResponseWriter, k string) {
	//keylint:ignore KL103 legacy kiosk login, removed in v3
	http.SetCookie(w, &http.Cookie{Name: "api_key", Value: k})
}

func nolint(r *http.Request) {
	_, _ = r.Cookie("api_key") //nolint:keylint
}

func otherRule(r *http.Request) {
	//keylint:ignore KL101 not this rule
	_, _ = r.Cookie("api_key") // want `API key read from cookie "api_key"`
}
