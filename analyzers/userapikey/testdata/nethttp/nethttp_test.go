package nethttp

import "net/http"

// not reported: test files are not checked
func testCookie(w http.ResponseWriter, k string) {
	http.SetCookie(w, &http.Cookie{Name: "api_key", Value: k})
}
