package githubtest

import (
	"net/http"
	"strconv"
	"time"
)

// Fault is a failure the server answers with instead of the real answer.
// Build one with the functions below.
type Fault struct {
	status int
	header map[string]string
	body   string
	hang   bool
}

type faultRule struct {
	ep    Endpoint
	times int // < 0: forever
	fault Fault
}

// Fail makes the next times requests to ep (EndpointAny: to any endpoint)
// fail with f; times < 0 makes them fail for good. Rules apply in the order
// given, each until used up.
func (s *Server) Fail(ep Endpoint, times int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faultRule{ep: ep, times: times, fault: f})
}

// takeFault returns the fault for a request to ep; s.mu is held.
func (s *Server) takeFault(ep Endpoint) *Fault {
	for i := range s.faults {
		r := &s.faults[i]
		if r.times == 0 || r.ep != EndpointAny && r.ep != ep {
			continue
		}
		if r.times > 0 {
			r.times--
		}
		f := r.fault
		return &f
	}
	return nil
}

func (f Fault) serve(w http.ResponseWriter, r *http.Request, done <-chan struct{}) {
	if f.hang {
		// Hold the request until the client gives up or the server closes.
		select {
		case <-r.Context().Done():
		case <-done:
		}
		return
	}
	for k, v := range f.header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(f.status)
	w.Write([]byte(f.body))
}

// Respond is a custom failure: status, headers and body as given.
func Respond(status int, header map[string]string, body string) Fault {
	return Fault{status: status, header: header, body: body}
}

// BadCredentials is GitHub's 401 for a rejected token.
func BadCredentials() Fault {
	return Fault{status: http.StatusUnauthorized,
		body: errorBody("Bad credentials", "https://docs.github.com/rest", 401)}
}

// Forbidden is a plain 403, such as a token without the needed permission.
func Forbidden(message string) Fault {
	return Fault{status: http.StatusForbidden,
		body: errorBody(message, "https://docs.github.com/rest", 403)}
}

// NotFound is GitHub's 404.
func NotFound() Fault {
	return Fault{status: http.StatusNotFound,
		body: errorBody("Not Found", "https://docs.github.com/rest", 404)}
}

// PrimaryRateLimit is the 403 GitHub sends once the hourly limit is spent.
func PrimaryRateLimit(reset time.Time) Fault {
	return Fault{status: http.StatusForbidden,
		header: map[string]string{
			"X-RateLimit-Remaining": "0",
			"X-RateLimit-Reset":     strconv.FormatInt(reset.Unix(), 10),
		},
		body: errorBody("API rate limit exceeded for user ID 1001. If you reach out to GitHub "+
			"Support for help, please include the request ID FAKE:0000.",
			"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api", 403)}
}

// SecondaryRateLimit is the 403 or 429 GitHub sends for too many requests
// in a short time, asking to wait retryAfter.
func SecondaryRateLimit(status int, retryAfter time.Duration) Fault {
	return Fault{status: status,
		header: map[string]string{"Retry-After": strconv.Itoa(int(retryAfter.Seconds()))},
		body: errorBody("You have exceeded a secondary rate limit. Please wait a few minutes "+
			"before you try again.",
			"https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api"+
				"#about-secondary-rate-limits", status)}
}

// ServerError is a 5xx. GitHub's 500 has a JSON body; its 502 and 504 come
// from the load balancer as HTML.
func ServerError(status int) Fault {
	if status == http.StatusInternalServerError {
		return Fault{status: status, body: `{"message":"Server Error"}`}
	}
	return Fault{status: status, header: map[string]string{"Content-Type": "text/html"},
		body: "<html><body><h1>" + strconv.Itoa(status) + " " + http.StatusText(status) +
			"</h1></body></html>\n"}
}

// Hang holds the request without answering, until the client gives up.
func Hang() Fault { return Fault{hang: true} }

// Malformed answers 200 with JSON cut off in the middle.
func Malformed() Fault {
	return Fault{status: http.StatusOK, body: `{"sha": "0123456789abcdef", "commit": {"author": `}
}
