// Package chiapp holds handlers routed with chi.
package chiapp

import (
	"context"
	"html/template"
	"net/http"

	"github.com/go-chi/chi/v5"

	"userapikeytest/model"
)

var (
	users model.UserStore
	tmpl  = template.Must(template.New("t").Parse("{{.}}"))
)

type ctxKey int

func Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(customerMiddleware)
	r.Get("/report", func(w http.ResponseWriter, r *http.Request) {
		_, _ = users.ByAPIKey(r.Context(), r.URL.Query().Get("api_key")) // want `API key taken from the URL \(query parameter "api_key"\)`
		_ = tmpl.Execute(w, nil)
	})
	r.Get("/keys/{apiKey}", func(w http.ResponseWriter, r *http.Request) {
		_ = chi.URLParam(r, "apiKey") // a path parameter names a key to manage
		_ = tmpl.Execute(w, nil)
	})
	r.Get("/v1/items", func(w http.ResponseWriter, r *http.Request) {
		_ = users.ServiceByKey(r.Header.Get("X-API-Key"))
		w.Header().Set("Content-Type", "application/json")
	})
	r.Get("/api/report", func(w http.ResponseWriter, r *http.Request) {
		_, _ = users.ByAPIKey(r.Context(), r.URL.Query().Get("api_key"))
		w.Header().Set("Content-Type", "application/json")
	})
	return r
}

func customerMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cu := users.CustomerByKey(r.Header.Get("X-API-Key")) // want `resolves to Customer`
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey(1), cu)))
	})
}

func storeMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.Header.Get("X-API-Key")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey(2), users)))
	})
}
