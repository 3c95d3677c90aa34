package github

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofri/go-github-ratelimit/v2/github_ratelimit/github_primary_ratelimit"
	gh "github.com/google/go-github/v75/github"
)

// Sentinel errors classify every failure of a Client method. Test with
// errors.Is; the error itself is an *Error whose message is fit for the user.
var (
	// ErrUnauthorized means GitHub rejected the token or wants one (401).
	ErrUnauthorized = errors.New("github: unauthorized")
	// ErrForbidden means the token may not do this (403, not a rate limit).
	ErrForbidden = errors.New("github: forbidden")
	// ErrNotFound means the repository, commit or feature is not there, or
	// the token may not see it: GitHub answers 404 for both.
	ErrNotFound = errors.New("github: not found")
	// ErrRateLimited means a primary or secondary rate limit that keylint
	// would have to wait too long for.
	ErrRateLimited = errors.New("github: rate limited")
	// ErrBudget means the Client's request budget (Options.MaxRequests) is
	// spent; the request was not sent.
	ErrBudget = errors.New("github: request budget exhausted")
	// ErrServer means GitHub answered 5xx, also after retries.
	ErrServer = errors.New("github: server error")
	// ErrTimeout means a request got no complete answer in time.
	ErrTimeout = errors.New("github: timed out")
	// ErrMalformed means an answer that does not have the documented shape.
	ErrMalformed = errors.New("github: malformed response")
	// ErrRejected means GitHub refused the request itself (4xx other than
	// 401, 403, 404 and 429), such as 422 for an unknown ref.
	ErrRejected = errors.New("github: request rejected")
	// ErrUnreachable means the API could not be reached at all: DNS,
	// connection refused, TLS, a redirect to another host.
	ErrUnreachable = errors.New("github: unreachable")
)

// Error is the error every Client method returns when the GitHub API fails.
// Its message is one line, starts with "GitHub API:" and never holds a
// secret, a token or file content.
type Error struct {
	// Kind is one of the sentinel errors above, or context.Canceled.
	Kind error
	// Reason is the one-line explanation after "GitHub API: ".
	Reason string
	// Reset is when a rate limit lifts; zero when unknown or not a limit.
	Reset time.Time

	err error
}

// Error returns the one-line reason, prefixed with "GitHub API: ".
func (e *Error) Error() string { return "GitHub API: " + e.Reason }

// Unwrap returns the kind and the underlying cause, so that errors.Is works
// with both the sentinels and, for example, context.Canceled.
func (e *Error) Unwrap() []error {
	if e.err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.err}
}

// budgetError is returned by the meter instead of sending a request.
type budgetError struct{ limit int64 }

func (e *budgetError) Error() string {
	return fmt.Sprintf("request budget of %d exhausted", e.limit)
}

// timeoutError is returned when one HTTP exchange outlives Options.Timeout.
type timeoutError struct{ after time.Duration }

func (e *timeoutError) Error() string { return "timed out after " + e.after.String() }

// Timeout marks the error as a timeout for net.Error users.
func (e *timeoutError) Timeout() bool { return true }

// holdError refuses a request while a rate limit keylint gave up on lasts.
type holdError struct{ until time.Time }

func (e *holdError) Error() string { return "rate limited until " + e.until.String() }

// redirectError refuses a redirect that would carry the token elsewhere.
type redirectError struct{ host string }

func (e *redirectError) Error() string {
	return "refused a redirect to another host (" + e.host + ")"
}

// malformed reports an answer of the wrong shape from endpoint.
func malformed(endpoint string, detail string) *Error {
	return &Error{Kind: ErrMalformed,
		Reason: "malformed response from " + endpoint + ": " + oneLine(detail)}
}

// classify turns whatever go-github, the rate limiter or the transport
// returned into an *Error. endpoint names the API path for messages, such as
// "/repos/o/r/commits"; hasToken tunes the 401 wording.
func classify(err error, endpoint string, hasToken bool) error {
	if err == nil {
		return nil
	}
	var done *Error
	if errors.As(err, &done) {
		return done
	}
	// Rate limits first: the limiter's error arrives inside a *url.Error,
	// which the transport checks would take for a connection failure.
	if e := classifyRateLimit(err); e != nil {
		return e
	}
	if e := classifyTransport(err); e != nil {
		return e
	}
	var resp *gh.ErrorResponse
	if errors.As(err, &resp) && resp.Response != nil {
		return classifyStatus(resp, endpoint, hasToken)
	}
	var tfa *gh.TwoFactorAuthError
	if errors.As(err, &tfa) {
		return &Error{Kind: ErrUnauthorized, err: err,
			Reason: "token needs two-factor authentication (401)"}
	}
	if isDecodeError(err) {
		return &Error{Kind: ErrMalformed, err: err,
			Reason: "malformed response from " + endpoint + ": " + oneLine(err.Error())}
	}
	return &Error{Kind: ErrUnreachable, err: err,
		Reason: "request failed: " + oneLine(innermost(err))}
}

// classifyTransport handles failures before any HTTP status was seen.
func classifyTransport(err error) *Error {
	var budget *budgetError
	var timeout *timeoutError
	var redirect *redirectError
	var opErr *net.OpError
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &budget):
		return &Error{Kind: ErrBudget, Reason: budget.Error(), err: err}
	case errors.As(err, &timeout):
		return &Error{Kind: ErrTimeout, Reason: timeout.Error(), err: err}
	case errors.Is(err, context.DeadlineExceeded):
		// The caller's own deadline, not the per-request timeout.
		return &Error{Kind: ErrTimeout, Reason: "timed out", err: err}
	case errors.Is(err, context.Canceled):
		return &Error{Kind: context.Canceled, Reason: "canceled", err: err}
	case errors.As(err, &redirect):
		return &Error{Kind: ErrUnreachable, Reason: redirect.Error(), err: err}
	case errors.As(err, &opErr), errors.As(err, &dnsErr):
		return &Error{Kind: ErrUnreachable, err: err,
			Reason: "cannot connect: " + oneLine(innermost(err))}
	}
	return nil
}

// classifyRateLimit handles the rate limiter's and go-github's typed errors.
func classifyRateLimit(err error) *Error {
	var primary *github_primary_ratelimit.RateLimitReachedError
	var core *gh.RateLimitError
	var secondary *gh.AbuseRateLimitError
	var hold *holdError
	switch {
	case errors.As(err, &hold):
		return &Error{Kind: ErrRateLimited, Reset: hold.until, err: err,
			Reason: "rate limited until " + clock(hold.until) + ", request not sent"}
	case errors.As(err, &primary):
		var reset time.Time
		if primary.ResetTime != nil {
			reset = *primary.ResetTime
		}
		return rateLimited("rate limit exhausted", reset, err)
	case errors.As(err, &core):
		return rateLimited("rate limit exhausted", core.Rate.Reset.Time, err)
	case errors.As(err, &secondary):
		return rateLimited("secondary rate limit", retryAt(secondary.Response), err)
	}
	return nil
}

func rateLimited(what string, reset time.Time, err error) *Error {
	reason := what
	if !reset.IsZero() {
		reason += ", resets " + clock(reset)
	}
	return &Error{Kind: ErrRateLimited, Reason: reason, Reset: reset, err: err}
}

// classifyStatus maps an HTTP error status to a kind and a reason.
func classifyStatus(resp *gh.ErrorResponse, endpoint string, hasToken bool) *Error {
	code := resp.Response.StatusCode
	msg := oneLine(resp.Message)
	switch {
	case code == http.StatusUnauthorized && hasToken:
		return &Error{Kind: ErrUnauthorized, Reason: "token rejected (401)", err: resp}
	case code == http.StatusUnauthorized:
		return &Error{Kind: ErrUnauthorized, err: resp,
			Reason: "authentication required, set GITHUB_TOKEN (401)"}
	case code == http.StatusTooManyRequests ||
		code == http.StatusForbidden && isRateLimitMessage(resp):
		// The limiter already waited when the wait was short enough.
		return rateLimited("secondary rate limit", retryAt(resp.Response), resp)
	case code == http.StatusForbidden:
		return &Error{Kind: ErrForbidden, err: resp,
			Reason: withMessage("access forbidden (403)", msg)}
	case code == http.StatusNotFound && strings.HasPrefix(msg, "No commit found"):
		return &Error{Kind: ErrNotFound, Reason: "commit not found (404): " + msg, err: resp}
	case code == http.StatusNotFound && strings.Contains(endpoint, "/secret-scanning/"):
		return &Error{Kind: ErrNotFound, err: resp,
			Reason: "secret scanning alerts not found: not enabled, or token lacks access (404)"}
	case code == http.StatusNotFound:
		return &Error{Kind: ErrNotFound, err: resp,
			Reason: "repository not found or token lacks access (404)"}
	case code >= 500:
		return &Error{Kind: ErrServer, Reason: "server error " + strconv.Itoa(code), err: resp}
	}
	return &Error{Kind: ErrRejected, err: resp,
		Reason: withMessage("request rejected ("+strconv.Itoa(code)+")", msg)}
}

func isRateLimitMessage(resp *gh.ErrorResponse) bool {
	return resp.Response.Header.Get("Retry-After") != "" ||
		strings.Contains(strings.ToLower(resp.Message), "rate limit")
}

// retryAt reads when a limit lifts from Retry-After (seconds) or, with no
// requests remaining, X-RateLimit-Reset (epoch seconds).
func retryAt(resp *http.Response) time.Time {
	if resp == nil {
		return time.Time{}
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
		return time.Now().Add(time.Duration(s) * time.Second)
	}
	// X-RateLimit-Reset is the primary limit's reset, on every answer; it
	// only says when to retry once that limit is spent.
	if resp.Header.Get("X-RateLimit-Remaining") != "0" {
		return time.Time{}
	}
	if s, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
		return time.Unix(s, 0)
	}
	return time.Time{}
}

// clock formats a reset time briefly: the time of day when it is within a
// day, with the date otherwise.
func clock(t time.Time) string {
	t = t.UTC()
	if d := time.Until(t); d > -time.Hour && d < 20*time.Hour {
		return t.Format("15:04:05 UTC")
	}
	return t.Format("2006-01-02 15:04 UTC")
}

func withMessage(reason, msg string) string {
	if msg == "" {
		return reason
	}
	return reason + ": " + msg
}

// isDecodeError reports a JSON or base64 decoding failure.
func isDecodeError(err error) bool {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var b64 base64.CorruptInputError
	return errors.As(err, &syntax) || errors.As(err, &typ) || errors.As(err, &b64) ||
		errors.Is(err, io.ErrUnexpectedEOF)
}

// innermost returns the deepest single-wrapped message, which drops the URL
// that *url.Error adds (the URL may carry a file path but says nothing new).
func innermost(err error) string {
	var u *url.Error
	if errors.As(err, &u) {
		err = u.Err
	}
	return err.Error()
}

// oneLine keeps a message to one short line.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 160
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return s
}
