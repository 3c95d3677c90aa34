package github_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/keylint/keylint/internal/github"
	gt "github.com/keylint/keylint/internal/github/githubtest"
)

// TestIntroducedFailures is the failure matrix: each GitHub failure gives
// the right sentinel, a one-line message without the secret, and costs the
// requests it should.
func TestIntroducedFailures(t *testing.T) {
	t.Parallel()
	reset := time.Now().Add(42 * time.Minute).Truncate(time.Second)
	unknownSHA := strings.Repeat("d", 40)
	tests := []struct {
		name   string
		setup  func(*gt.Server)
		opts   func(*github.Options)
		from   string // "" = the newest commit
		kind   error
		msg    string // the whole message, or its start when it ends in "…"
		sent   int    // requests the server received
		assert func(t *testing.T, srv *gt.Server, c *github.Client)
	}{{
		name: "token rejected",
		opts: func(o *github.Options) { o.Token = "wrong-" + testToken },
		kind: github.ErrUnauthorized,
		msg:  "GitHub API: token rejected (401)",
		sent: 1,
	}, {
		name:  "authentication required",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointAny, -1, gt.BadCredentials()) },
		opts:  func(o *github.Options) { o.Token = "" },
		kind:  github.ErrUnauthorized,
		msg:   "GitHub API: authentication required, set GITHUB_TOKEN (401)",
		sent:  1,
	}, {
		name:  "plain 403",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointAny, -1, gt.Forbidden("Resource not accessible by integration")) },
		kind:  github.ErrForbidden,
		msg:   "GitHub API: access forbidden (403): Resource not accessible by integration",
		sent:  1,
	}, {
		name:  "primary rate limit on a content read",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointContents, -1, gt.PrimaryRateLimit(reset)) },
		kind:  github.ErrRateLimited,
		msg:   "GitHub API: rate limit exhausted, resets " + reset.UTC().Format("15:04:05") + " UTC",
		sent:  3,
		assert: func(t *testing.T, srv *gt.Server, c *github.Client) {
			// Once the limit is known, further requests are not even sent.
			_, err := c.Introduced(context.Background(), "other.env", srv.SHA(-1), fingerprint, containsNeedle)
			if !errors.Is(err, github.ErrRateLimited) || srv.Requests(gt.EndpointAny) != 3 {
				t.Errorf("after the limit: %v with %d requests sent; want ErrRateLimited, none sent",
					err, srv.Requests(gt.EndpointAny)-3)
			}
		},
	}, {
		name:   "secondary 403 longer than MaxWait",
		setup:  func(s *gt.Server) { s.Fail(gt.EndpointAny, -1, gt.SecondaryRateLimit(403, 10*time.Minute)) },
		kind:   github.ErrRateLimited,
		msg:    "GitHub API: secondary rate limit, resets …",
		sent:   1,
		assert: assertHeld,
	}, {
		name:   "secondary 429 longer than MaxWait",
		setup:  func(s *gt.Server) { s.Fail(gt.EndpointAny, -1, gt.SecondaryRateLimit(429, 2*time.Minute)) },
		kind:   github.ErrRateLimited,
		msg:    "GitHub API: secondary rate limit, resets …",
		sent:   1,
		assert: assertHeld,
	}, {
		name: "bare 429 without Retry-After",
		setup: func(s *gt.Server) {
			s.Fail(gt.EndpointAny, -1, gt.Respond(429, nil, `{"message":"Too Many Requests"}`))
		},
		kind: github.ErrRateLimited,
		msg:  "GitHub API: secondary rate limit",
		sent: 1,
	}, {
		name: "repository not found",
		opts: func(o *github.Options) { o.Repo = "no-such-repo" },
		kind: github.ErrNotFound,
		msg:  "GitHub API: repository not found or token lacks access (404)",
		sent: 1,
	}, {
		name: "boundary commit unknown to GitHub",
		from: unknownSHA,
		kind: github.ErrNotFound,
		msg:  "GitHub API: commit not found (404): No commit found for SHA: " + unknownSHA,
		sent: 1,
	}, {
		name: "file never touched from the boundary",
		from: "",
		kind: github.ErrNotFound,
		msg:  "GitHub API: no commit touching missing.env from …",
		sent: 1,
	}, {
		name:  "server error 500 on every try",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointCommits, -1, gt.ServerError(500)) },
		kind:  github.ErrServer,
		msg:   "GitHub API: server error 500",
		sent:  3, // the first try and two retries
	}, {
		name:  "bad gateway on a content read",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointContents, -1, gt.ServerError(502)) },
		kind:  github.ErrServer,
		msg:   "GitHub API: server error 502",
		sent:  5, // two list pages, a read and its two retries
	}, {
		name:  "server hangs",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointCommits, 1, gt.Hang()) },
		opts:  func(o *github.Options) { o.Timeout = 200 * time.Millisecond },
		kind:  github.ErrTimeout,
		msg:   "GitHub API: timed out after 200ms",
		sent:  1,
	}, {
		name:  "malformed commit list",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointCommits, 1, gt.Malformed()) },
		kind:  github.ErrMalformed,
		msg:   "GitHub API: malformed response from /repos/octo-org/demo/commits: unexpected EOF",
		sent:  1,
	}, {
		name:  "malformed file content",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointContents, 1, gt.Malformed()) },
		kind:  github.ErrMalformed,
		msg:   "GitHub API: malformed response from /repos/octo-org/demo/contents/{path}: unexpected EOF",
		sent:  3,
	}, {
		name: "content that is not base64",
		setup: func(s *gt.Server) {
			s.Fail(gt.EndpointContents, 1, gt.Respond(200, nil,
				`{"type":"file","encoding":"base64","size":9,"name":"app.env","path":"app.env","sha":"ab","content":"!!not base64!!"}`))
		},
		kind: github.ErrMalformed,
		msg:  "GitHub API: malformed response from /repos/octo-org/demo/contents/{path}: illegal base64 data at input byte 0",
		sent: 3,
	}, {
		name: "commit without date",
		setup: func(s *gt.Server) {
			s.Fail(gt.EndpointCommits, 1, gt.Respond(200, nil, `[{"sha":"abc","commit":{"author":{"name":"x"}}}]`))
		},
		kind: github.ErrMalformed,
		msg:  "GitHub API: malformed response from /repos/octo-org/demo/commits: commit without sha or author date",
		sent: 1,
	}, {
		name: "request budget exhausted",
		opts: func(o *github.Options) { o.MaxRequests = 3 },
		kind: github.ErrBudget,
		msg:  "GitHub API: request budget of 3 exhausted",
		sent: 3,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, rewrites("app.env", 120, 60))
			if tt.setup != nil {
				tt.setup(srv)
			}
			client := newClient(t, srv, nil, func(o *github.Options) {
				if tt.opts != nil {
					tt.opts(o)
				}
			})
			from, path := tt.from, "app.env"
			if from == "" {
				from = srv.SHA(-1)
			}
			if strings.Contains(tt.msg, "missing.env") {
				path = "missing.env"
			}

			got, err := client.Introduced(context.Background(), path, from, fingerprint, containsNeedle)
			checkError(t, err, tt.kind, tt.msg)
			if got.Commit != "" || !got.Date.IsZero() {
				t.Errorf("failed call returned a date: %+v", got)
			}
			if n := srv.Requests(gt.EndpointAny); n != tt.sent || got.Requests != tt.sent {
				t.Errorf("server received %d requests, call reports %d; want %d",
					n, got.Requests, tt.sent)
			}
			assertNeverSent(t, srv, needle)
			if tt.assert != nil {
				tt.assert(t, srv, client)
			}
		})
	}
}

// assertHeld checks that after a rate limit keylint did not wait for, the
// Client sends nothing more until it lifts.
func assertHeld(t *testing.T, srv *gt.Server, c *github.Client) {
	t.Helper()
	_, err := c.Introduced(context.Background(), "other.env", srv.SHA(-1), fingerprint, containsNeedle)
	checkError(t, err, github.ErrRateLimited, "GitHub API: rate limited until …")
	if n := srv.Requests(gt.EndpointAny); n != 1 {
		t.Errorf("%d more requests sent during the limit, want none", n-1)
	}
}

// checkError checks err's kind and its one-line message; a want ending in
// "…" is a prefix.
func checkError(t *testing.T, err, kind error, want string) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("error %v; want kind %v", err, kind)
	}
	var apiErr *github.Error
	if !errors.As(err, &apiErr) {
		t.Errorf("error %T is not a *github.Error", err)
	}
	msg := err.Error()
	if prefix, ok := strings.CutSuffix(want, "…"); ok {
		if !strings.HasPrefix(msg, prefix) {
			t.Errorf("message %q; want it to start %q", msg, prefix)
		}
	} else if msg != want {
		t.Errorf("message %q; want %q", msg, want)
	}
	if strings.ContainsAny(msg, "\r\n") || strings.Contains(msg, needle) || strings.Contains(msg, testToken) {
		t.Errorf("message %q is not one clean line", msg)
	}
}

// TestRateLimitWaits checks that short secondary limits are waited out and
// the request retried, and that short 5xx bursts are retried.
func TestRateLimitWaits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault gt.Fault
		times int
		sent  int // requests to the list endpoint
	}{
		{"429 with Retry-After 1s", gt.SecondaryRateLimit(http.StatusTooManyRequests, time.Second), 1, 2},
		{"403 secondary with Retry-After 1s", gt.SecondaryRateLimit(http.StatusForbidden, time.Second), 1, 2},
		{"two 502 then success", gt.ServerError(http.StatusBadGateway), 2, 3},
		{"one 503 then success", gt.ServerError(http.StatusServiceUnavailable), 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, rewrites("app.env", 20, 5))
			srv.Fail(gt.EndpointCommits, tt.times, tt.fault)
			client := newClient(t, srv, nil)
			got, err := client.Introduced(context.Background(), "app.env", srv.SHA(-1), fingerprint, containsNeedle)
			if err != nil {
				t.Fatalf("Introduced: %v", err)
			}
			if got.Commit != srv.SHA(4) {
				t.Errorf("got %s, want %s", got.Commit, srv.SHA(4))
			}
			if n := srv.Requests(gt.EndpointCommits); n != tt.sent {
				t.Errorf("list endpoint got %d requests, want %d", n, tt.sent)
			}
			if got.Requests != srv.Requests(gt.EndpointAny) {
				t.Errorf("call reports %d requests, server saw %d", got.Requests, srv.Requests(gt.EndpointAny))
			}
		})
	}
}

// TestBudgetSharedAcrossCalls checks that the budget spans the Client, and
// that a request refused for budget is never sent.
func TestBudgetSharedAcrossCalls(t *testing.T) {
	t.Parallel()
	commits := rewrites("app.env", 50, 20)
	for i := range commits {
		commits[i].Changes = append(commits[i].Changes, file("b.env", i, i >= 30))
	}
	srv := newServer(t, commits)
	client := newClient(t, srv, nil, func(o *github.Options) { o.MaxRequests = 8 })
	ctx := context.Background()
	first, err := client.Introduced(ctx, "app.env", srv.SHA(-1), fingerprint, containsNeedle)
	if err != nil {
		t.Fatalf("first call: %v", err)
	}
	// Another file: nothing of the first search answers for it.
	_, err = client.Introduced(ctx, "b.env", srv.SHA(-1), fingerprint, containsNeedle)
	checkError(t, err, github.ErrBudget, "GitHub API: request budget of 8 exhausted")
	if n := srv.Requests(gt.EndpointAny); n != 8 || client.Requests() != 8 {
		t.Errorf("server got %d, client counted %d; want the budget of 8 (first call used %d)",
			n, client.Requests(), first.Requests)
	}
}

// TestCallerContext checks cancellation and the caller's own deadline.
func TestCallerContext(t *testing.T) {
	t.Parallel()
	srv := newServer(t, rewrites("app.env", 10, 5))
	client := newClient(t, srv, nil)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := client.Introduced(ctx, "app.env", srv.SHA(-1), fingerprint, containsNeedle)
	checkError(t, err, context.Canceled, "GitHub API: canceled")

	srv.Fail(gt.EndpointAny, 1, gt.Hang())
	ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = client.Introduced(ctx, "app.env", srv.SHA(-1), fingerprint, containsNeedle)
	checkError(t, err, github.ErrTimeout, "GitHub API: timed out")
}

// TestUnreachable checks a server that is gone.
func TestUnreachable(t *testing.T) {
	t.Parallel()
	srv := newServer(t, rewrites("app.env", 3, 1))
	client := newClient(t, srv, nil)
	srv.Close()
	_, err := client.Introduced(context.Background(), "app.env", srv.SHA(-1), fingerprint, containsNeedle)
	checkError(t, err, github.ErrUnreachable, "GitHub API: cannot connect: …")
}
