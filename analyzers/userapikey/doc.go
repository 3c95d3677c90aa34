// Package userapikey defines an Analyzer that reports API keys used to log
// people in (rule KL103).
//
// # Analyzer userapikey
//
// userapikey: report API keys used to log people in
//
// API keys are for programs. A person who signs in with one gets a login
// that never expires, cannot be revoked on logout and leaks wherever the
// key is pasted. People should sign in with a password, SSO or a passkey
// and get a session: a short access token and a revocable refresh token.
// The analyzer reports, where the key is read from the request or written
// to a cookie:
//
// A handler that reads an API key (a header, query parameter or form
// field named as one: X-API-Key, api_key, apikey) and then starts a
// session: it sets a session cookie (http.SetCookie, gin's and echo's
// SetCookie), writes a gorilla/sessions, scs or gin-contrib session, or
// mints a JWT while handling a user record.
//
// An API key stored in a cookie (by the cookie's name or its value, such
// as user.APIKey) or read from one.
//
// An API key taken from the URL query (net/url Values.Get, FormValue,
// gin's Query, echo's QueryParam) by a handler that answers a browser: it
// renders HTML (html/template, gin's HTML, echo's HTML and Render), sets
// a text/html content type, or redirects. Keys in URLs end up in server
// logs, browser history and Referer headers.
//
// API-key middleware that stores a person as the request's principal:
// it reads an API key and puts a user record (a struct named User,
// Account, Member, Customer…) or one of its fields into the context
// (context.WithValue, gin's and echo's Context.Set).
//
// Not reported: middleware that resolves a key to a service identity (a
// type named ServiceAccount, Client, App, Integration, Bot…), keys read
// from the Authorization header (bearer tokens are often OAuth access
// tokens), one-time tokens such as ?token= in a magic link or a password
// reset, CSRF, language and other cookies that hold no login, session-ID
// cookies read back after a real login, signed webhooks (the signature
// header is no key), keys used only to count requests, and JSON or CSV
// routes that take a key from the query.
//
// Bad:
//
//	func login(w http.ResponseWriter, r *http.Request) {
//		u, err := users.ByAPIKey(r.FormValue("api_key"))
//		…
//		http.SetCookie(w, &http.Cookie{Name: "session", Value: newSession(u)})
//	}
//
// Good:
//
//	func login(w http.ResponseWriter, r *http.Request) {
//		u, err := users.Authenticate(r.FormValue("email"), r.FormValue("password"))
//		…
//	}
//
// Generated files are not checked, nor _test.go files unless
// -userapikey.tests is set. Suppress a finding with
// //keylint:ignore KL103 <reason> on its line or the line above, or with
// //nolint:keylint.
//
// Limitations: each function (or function literal) is judged alone, so a
// key read in a helper (apiKey := keyFrom(r)) or a session started in a
// function it calls is missed. Keys read through r.Header["X-Api-Key"],
// r.URL.Query()["api_key"] or frameworks other than net/http, gin, echo
// and chi are missed. A person is recognised by its type name: a user
// record named Principal or Identity is not taken for one, and a person
// type whose name also says service, client or app (ServiceUser) is taken
// for a program. Known false positives: a development or kiosk login that
// deliberately accepts an admin API key, and personal access tokens
// resolved to their user from an API-key header, which the rule reports by
// design.
package userapikey
