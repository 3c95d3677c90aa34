package nethttp

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"

	"userapikeytest/model"
)

// Negative shapes: programs calling programs, and people with sessions.
// Every function here carries a "not reported" reason.

type integrationKey struct{}

func integrationMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// not reported: a service-to-service key yields an integration, a program
		in, err := users.IntegrationByKey(r.Header.Get("X-API-Key"))
		if err != nil {
			http.Error(w, "denied", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), integrationKey{}, in)))
	})
}

func botMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// not reported: a bot is a program's identity
		b := users.BotByKey(r.Header.Get("Api-Key"))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, b)))
	})
}

func bearerJSON(w http.ResponseWriter, r *http.Request) {
	// not reported: an Authorization bearer on a JSON API is the usual place for a key
	key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	u, err := users.ByAPIKey(r.Context(), key)
	if err != nil {
		http.Error(w, "denied", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(u)
}

func sessionIDMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// not reported: the cookie holds a session ID, the person signed in
		c, err := r.Cookie("session_id")
		if err != nil {
			http.Redirect(w, r, "/login", http.StatusFound)
			return
		}
		u, _ := users.BySession(r.Context(), c.Value)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, u)))
	})
}

func queryKeyJSON(w http.ResponseWriter, r *http.Request) {
	// not reported: a JSON-only route; no browser history or Referer is involved
	data, err := users.Report(r.Context(), r.URL.Query().Get("api_key"))
	if err != nil {
		http.Error(w, "denied", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(data)
}

func queryKeyCSV(w http.ResponseWriter, r *http.Request) {
	// not reported: a CSV export fetched by a script, not a page
	data, _ := users.Report(r.Context(), r.URL.Query().Get("apikey"))
	w.Header().Set("Content-Type", "text/csv")
	_, _ = w.Write(data)
}

var webhookSecret = []byte("whsec")

func githubWebhook(w http.ResponseWriter, r *http.Request) {
	// not reported: a webhook proves itself with a signature, no session follows
	body, _ := io.ReadAll(r.Body)
	if !model.VerifySignature(webhookSecret, body, r.Header.Get("X-Hub-Signature-256")) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func stripeWebhook(w http.ResponseWriter, r *http.Request) {
	// not reported: the signing secret is ours, the header carries a signature
	body, _ := io.ReadAll(r.Body)
	if !model.VerifySignature(webhookSecret, body, r.Header.Get("Stripe-Signature")) {
		w.WriteHeader(http.StatusBadRequest)
	}
}

func createKeyForUser(w http.ResponseWriter, r *http.Request) {
	// not reported: a person signed in with a session creates a key for their programs
	c, _ := r.Cookie("session")
	u, _ := users.BySession(r.Context(), c.Value)
	key, _ := users.NewAPIKey(r.Context(), u)
	_ = json.NewEncoder(w).Encode(map[string]string{"api_key": key})
}

var (
	limitsMu sync.Mutex
	limits   = map[string]int{}
)

func rateLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// not reported: the key only counts requests, nobody is signed in
		limitsMu.Lock()
		limits[r.Header.Get("X-API-Key")]++
		limitsMu.Unlock()
		next.ServeHTTP(w, r)
	})
}

func keyRevokedPage(w http.ResponseWriter, r *http.Request) {
	// not reported: the page is reached with a session; the key is in a header
	_, _ = users.ByAPIKey(r.Context(), r.Header.Get("X-API-Key"))
	_, _ = r.Cookie("session")
	w.Header().Set("Content-Type", "text/html")
	_, _ = io.WriteString(w, "<p>revoked</p>")
}
