package github

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"
)

// The transport chain, outermost first: go-github's token injector, the
// secondary and primary rate limiters, retrier (5xx), meter (rate-limit
// hold, budget, count, timeout), the base transport. The meter sits at the bottom so that every
// request that really leaves, retries included, is counted and budgeted.

// counterKey carries the per-call request counter through the context.
type counterKey struct{}

// withCounter makes requests sent with ctx also count into n.
func withCounter(ctx context.Context, n *atomic.Int64) context.Context {
	return context.WithValue(ctx, counterKey{}, n)
}

// errAttemptTimeout is the context cause the meter sets on its own deadline,
// to tell it apart from the caller's cancellation.
var errAttemptTimeout = errors.New("github: request attempt timed out")

// meter enforces the request budget and the per-request timeout, and counts
// every request it lets through.
type meter struct {
	next    http.RoundTripper
	limit   int64
	timeout time.Duration
	log     *slog.Logger

	used atomic.Int64
	// hold is when a rate limit that keylint chose not to wait for lifts
	// (Unix nanoseconds); until then nothing is sent, since hitting a
	// secondary limit again only prolongs it.
	hold atomic.Int64
}

// holdUntil stops sending until t, keeping the later of two holds.
func (m *meter) holdUntil(t time.Time) {
	for {
		cur := m.hold.Load()
		if t.UnixNano() <= cur || m.hold.CompareAndSwap(cur, t.UnixNano()) {
			return
		}
	}
}

// take reserves one request of the budget, or reports that none is left.
func (m *meter) take() bool {
	for {
		n := m.used.Load()
		if n >= m.limit {
			return false
		}
		if m.used.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// RoundTrip sends req if the budget allows, under the per-request timeout.
func (m *meter) RoundTrip(req *http.Request) (*http.Response, error) {
	if until := m.hold.Load(); time.Now().UnixNano() < until {
		return nil, &holdError{until: time.Unix(0, until)}
	}
	if !m.take() {
		m.log.Debug("GitHub API request not sent: budget exhausted",
			"path", req.URL.Path, "budget", m.limit)
		return nil, &budgetError{limit: m.limit}
	}
	if n, ok := req.Context().Value(counterKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}

	ctx, cancel := context.WithTimeoutCause(req.Context(), m.timeout, errAttemptTimeout)
	start := time.Now()
	resp, err := m.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		if context.Cause(ctx) == errAttemptTimeout {
			err = &timeoutError{after: m.timeout}
		}
		m.log.Debug("GitHub API request failed", "path", req.URL.Path, "err", err)
		return nil, err
	}
	m.log.Debug("GitHub API request", "method", req.Method, "path", req.URL.Path,
		"query", req.URL.RawQuery, "status", resp.StatusCode,
		"remaining", resp.Header.Get("X-RateLimit-Remaining"),
		"elapsed", time.Since(start).Round(time.Millisecond))

	// The deadline must outlive RoundTrip: the body is read afterwards.
	resp.Body = &timedBody{ReadCloser: resp.Body, ctx: ctx, cancel: cancel, after: m.timeout}
	return resp, nil
}

// timedBody ends the request's deadline when the body is closed, and turns a
// read cut short by that deadline into a timeoutError.
type timedBody struct {
	io.ReadCloser
	ctx    context.Context
	cancel context.CancelFunc
	after  time.Duration
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF && context.Cause(b.ctx) == errAttemptTimeout {
		err = &timeoutError{after: b.after}
	}
	return n, err
}

func (b *timedBody) Close() error {
	defer b.cancel()
	return b.ReadCloser.Close()
}

// retrier resends idempotent requests that met a 5xx answer, a bounded number
// of times with doubling waits: GitHub's 502 and 503 are often momentary.
type retrier struct {
	next    http.RoundTripper
	retries int
	backoff time.Duration
	log     *slog.Logger
}

// maxErrorBody bounds how much of a 5xx body is kept while retrying.
const maxErrorBody = 64 << 10

// RoundTrip sends req, retrying on 500, 502, 503 and 504.
func (r *retrier) RoundTrip(req *http.Request) (*http.Response, error) {
	wait := r.backoff
	var prev *http.Response
	for attempt := 0; ; attempt++ {
		resp, err := r.next.RoundTrip(req)
		var budget *budgetError
		if errors.As(err, &budget) && prev != nil {
			// The 5xx says more about what went wrong than the budget does.
			return prev, nil
		}
		if err != nil || !retryable(resp.StatusCode) || attempt == r.retries ||
			req.Method != http.MethodGet {
			return resp, err
		}

		// Keep the failed answer in memory so it can still be returned.
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		prev = resp

		r.log.Debug("GitHub API server error, retrying", "path", req.URL.Path,
			"status", resp.StatusCode, "wait", wait)
		if err := sleep(req.Context(), wait); err != nil {
			return nil, err
		}
		wait *= 2
	}
}

func retryable(code int) bool {
	switch code {
	case http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// sameHost refuses redirects to another host: go-github adds the token to
// every request its transport sees, redirected ones included.
func sameHost(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if req.URL.Host != via[0].URL.Host {
		return &redirectError{host: req.URL.Host}
	}
	return nil
}
