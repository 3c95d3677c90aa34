// Package nethttp holds net/http handlers, with gorilla/sessions and scs.
package nethttp

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/golang-jwt/jwt/v5"
	"github.com/gorilla/sessions"

	"userapikeytest/model"
)

var (
	users model.UserStore
	store = sessions.NewCookieStore([]byte("k"))
	sm    = scs.New()
	page  = template.Must(template.New("p").Parse("<p>{{.}}</p>"))
)

type ctxKey struct{}

// Positive shapes.

func loginWithKey(w http.ResponseWriter, r *http.Request) {
	u, err := users.ByAPIKey(r.Context(), r.FormValue("api_key")) // want `API key from the form or query value "api_key" logs a person in \(cookie "session"\); sign people in with a password, SSO or a passkey and give them session tokens; keep API keys for programs \(KL103\)`
	if err != nil {
		http.Error(w, "denied", http.StatusUnauthorized)
		return
	}
	_ = u
	http.SetCookie(w, &http.Cookie{Name: "session", Value: model.NewSessionID(), HttpOnly: true})
}

func gorillaLogin(w http.ResponseWriter, r *http.Request) {
	u, _ := users.ByAPIKey(r.Context(), r.Header.Get("X-API-Key")) // want `API key from the header "X-API-Key" logs a person in \(a session\)`
	s, _ := store.Get(r, "app")
	s.Values["user_id"] = u.ID
	_ = s.Save(r, w)
}

func scsLogin(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Query().Get("apikey") // want `API key from the query parameter "apikey" logs a person in \(a session\)`
	u, _ := users.ByAPIKey(r.Context(), key)
	sm.Put(r.Context(), "userID", u.ID)
}

func scsRenew(w http.ResponseWriter, r *http.Request) {
	if _, err := users.ByAPIKey(r.Context(), r.Header.Get("X-Api-Key")); err != nil { // want `logs a person in \(a session\)`
		return
	}
	_ = sm.RenewToken(r.Context())
}

func jwtLogin(w http.ResponseWriter, r *http.Request) {
	u, _ := users.ByAPIKey(r.Context(), r.PostFormValue("api_key")) // want `API key from the form field "api_key" logs a person in \(a User JWT\)`
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": u.ID})
	s, _ := t.SignedString([]byte("k"))
	_ = json.NewEncoder(w).Encode(map[string]string{"token": s})
}

func keyCookie(w http.ResponseWriter, k string) {
	http.SetCookie(w, &http.Cookie{Name: "api_key", Value: k}) // want `API key stored in cookie "api_key": browsers keep it and send it with every request; give people a session cookie and keep API keys for programs`
}

func keyValueCookie(w http.ResponseWriter, u *model.User) {
	http.SetCookie(w, &http.Cookie{Name: "auth", Value: u.APIKey}) // want `API key stored in cookie "auth"`
}

func keyVarCookie(w http.ResponseWriter, name, apiKey string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: apiKey}) // want `API key stored in a cookie`
}

func keyFromCookie(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("api_key") // want `API key read from cookie "api_key": a key in a cookie is a login that never ends`
	if err == nil {
		_, _ = users.ByAPIKey(r.Context(), c.Value)
	}
}

func headerNamedCookie(r *http.Request) {
	_, _ = r.Cookie("X-Api-Key") // want `API key read from cookie "X-Api-Key"`
}

func dashboard(w http.ResponseWriter, r *http.Request) {
	u, _ := users.ByAPIKey(r.Context(), r.URL.Query().Get("api_key")) // want `API key taken from the URL \(query parameter "api_key"\) on a route that serves browsers: URLs end up in logs, history and Referer headers; take it from a header`
	_ = page.Execute(w, u)
}

func keyRedirect(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if _, err := users.ByAPIKey(r.Context(), q.Get("apiKey")); err == nil { // want `API key taken from the URL \(query parameter "apiKey"\)`
		http.Redirect(w, r, "/home", http.StatusFound)
	}
}

func keyHTML(w http.ResponseWriter, r *http.Request) {
	_, _ = users.ByAPIKey(r.Context(), r.FormValue("api-key")) // want `API key taken from the URL \(form or query value "api-key"\)`
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte("<h1>hi</h1>"))
}

func userMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := users.ByAPIKey(r.Context(), r.Header.Get("X-API-Key")) // want `API key from the header "X-API-Key" resolves to User, stored as the request's principal; people should sign in for a session; keep API keys for programs and service accounts`
		if err != nil {
			http.Error(w, "denied", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, u)))
	})
}

func userIDMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := users.ByAPIKey(r.Context(), r.Header.Get("X-API-Key")) // want `resolves to User`
		ctx := context.WithValue(r.Context(), ctxKey{}, u.ID)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func accountMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, _ := users.AccountByKey(r.Context(), r.Header.Get("Api-Key")) // want `resolves to Account`
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, a)))
	})
}

// Negative shapes.

func serviceMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sa := users.ServiceByKey(r.Header.Get("X-API-Key"))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, sa)))
	})
}

func clientMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := users.ClientByKey(r.Header.Get("X-API-Key"))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, c)))
	})
}

func keyIDMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		keyID := r.Header.Get("X-API-Key")[:8]
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, keyID)))
	})
}

func principalMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// not reported: a Principal may be a person or a program
		p := users.PrincipalByKey(r.Header.Get("X-API-Key"))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, p)))
	})
}

func jsonAPI(w http.ResponseWriter, r *http.Request) {
	u, _ := users.ByAPIKey(r.Context(), r.URL.Query().Get("api_key"))
	_ = json.NewEncoder(w).Encode(u)
}

func bearerSession(w http.ResponseWriter, r *http.Request) {
	// not reported: an Authorization bearer is often an OAuth access token
	_ = r.Header.Get("Authorization")
	http.SetCookie(w, &http.Cookie{Name: "session", Value: model.NewSessionID()})
}

func magicLink(w http.ResponseWriter, r *http.Request) {
	u := users.ByMagicToken(r.URL.Query().Get("token"))
	_ = u
	http.SetCookie(w, &http.Cookie{Name: "session", Value: model.NewSessionID()})
	http.Redirect(w, r, "/", http.StatusFound)
}

func passwordLogin(w http.ResponseWriter, r *http.Request) {
	u, _ := users.ByPassword(r.Context(), r.FormValue("email"), r.FormValue("password"))
	s, _ := store.Get(r, "app")
	s.Values["user_id"] = u.ID
	_ = s.Save(r, w)
}

func csrfCookie(w http.ResponseWriter, r *http.Request) {
	_ = r.Header.Get("X-API-Key")
	http.SetCookie(w, &http.Cookie{Name: "_csrf", Value: "t"})
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: "en"})
}

func sessionCookie(w http.ResponseWriter, sessionToken string) {
	http.SetCookie(w, &http.Cookie{Name: "session", Value: sessionToken})
}

func readSession(r *http.Request) {
	_, _ = r.Cookie("session")
	_, _ = r.Cookie("theme")
}

func keyIDQuery(w http.ResponseWriter, r *http.Request) {
	_ = r.URL.Query().Get("api_key_id")
	_ = r.URL.Query().Get("key")
	_ = page.Execute(w, nil)
}

func headerPage(w http.ResponseWriter, r *http.Request) {
	_, _ = users.ByAPIKey(r.Context(), r.Header.Get("X-API-Key"))
	_ = page.Execute(w, nil) // the key is not in the URL
}

func postFormPage(w http.ResponseWriter, r *http.Request) {
	_, _ = users.ByAPIKey(r.Context(), r.PostFormValue("api_key"))
	_ = page.Execute(w, nil) // the key is in the body
}

func responseHeader(w http.ResponseWriter, r *http.Request) {
	_ = w.Header().Get("X-API-Key")
	http.Redirect(w, r, "/", http.StatusFound)
}

func outbound(key string) *http.Request {
	v := url.Values{}
	v.Set("api_key", key)
	req, _ := http.NewRequest("GET", "https://api.example.com/?"+v.Encode(), nil)
	req.Header.Set("X-API-Key", key)
	return req
}

func serviceToken(w http.ResponseWriter, r *http.Request) {
	// not reported: exchanging a program's key for a short-lived token
	sa := users.ServiceByKey(r.Header.Get("X-API-Key"))
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": sa.Name, "exp": time.Now().Add(5 * time.Minute).Unix(),
	})
	s, _ := t.SignedString([]byte("k"))
	_ = json.NewEncoder(w).Encode(map[string]string{"token": s})
}

func keyFrom(r *http.Request) string { return r.Header.Get("X-API-Key") }

func helperRead(w http.ResponseWriter, r *http.Request) {
	// not reported: Limitation, the key is read in a helper
	apiKey := keyFrom(r)
	_, _ = users.ByAPIKey(r.Context(), apiKey)
	sm.Put(r.Context(), "user", apiKey)
}

func split(w http.ResponseWriter, r *http.Request) {
	k := r.Header.Get("X-API-Key")
	func() {
		// not reported: Limitation, each function literal is judged alone
		sm.Put(r.Context(), "k", 1)
	}()
	_ = k
}

func oauthCallback(w http.ResponseWriter, r *http.Request) {
	u := users.ByCode(r.URL.Query().Get("code"))
	_ = u
	_ = sm.RenewToken(r.Context())
}

func requestID(w http.ResponseWriter, r *http.Request) {
	_ = r.Header.Get("X-Request-ID")
	http.Redirect(w, r, "/", http.StatusFound)
}
