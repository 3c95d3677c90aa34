package github_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/keylint/keylint/internal/github"
	"github.com/keylint/keylint/internal/github/githubtest"
)

// needle stands in for a secret. It is assembled at run time and has low
// entropy so that keylint's own scan of this repository does not flag it.
var needle = "NEEDLE-" + strings.Repeat("kl", 12)

// testToken is what the fake server expects in Authorization.
var testToken = "tok-" + strings.Repeat("t", 8)

// fingerprint keys cached presence answers in these tests.
const fingerprint = "0123456789abcdef"

func containsNeedle(b []byte) bool { return bytes.Contains(b, []byte(needle)) }

// rewrites returns n commits that each rewrite path; from commit intro on
// (1-based) the file holds the needle. intro 0 never adds it.
func rewrites(path string, n, intro int) []githubtest.Commit {
	commits := make([]githubtest.Commit, n)
	for i := range commits {
		content := fmt.Sprintf("# revision %d\nLOG_LEVEL=debug\n", i+1)
		if intro > 0 && i+1 >= intro {
			content += "API_TOKEN=" + needle + "\n"
		}
		commits[i] = githubtest.Commit{
			Author: githubtest.Signature{Name: fmt.Sprintf("Dev %d", i+1),
				Email: "dev@example.com", Date: day(i)},
			Changes: []githubtest.Change{{Path: path, Content: content}},
		}
	}
	return commits
}

// day is the author date of the i-th commit built by rewrites.
func day(i int) time.Time {
	return time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(i) * 24 * time.Hour)
}

// newServer starts a fake GitHub for commits that wants testToken.
func newServer(t *testing.T, commits []githubtest.Commit) *githubtest.Server {
	t.Helper()
	return githubtest.New(t, githubtest.Config{Commits: commits, Token: testToken})
}

// newClient returns a Client for srv through the production code path, with
// a private disk cache, fast retries and a debug log into logs (may be nil).
func newClient(t *testing.T, srv *githubtest.Server, logs *syncBuffer, edit ...func(*github.Options)) *github.Client {
	t.Helper()
	var out interface{ Write([]byte) (int, error) } = t.Output()
	if logs != nil {
		out = logs
	}
	opts := github.Options{
		Token:        testToken,
		APIURL:       srv.APIURL(),
		Owner:        srv.Owner(),
		Repo:         srv.Repo(),
		CacheDir:     t.TempDir(),
		Logger:       slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Timeout:      5 * time.Second,
		RetryBackoff: time.Millisecond,
	}
	for _, e := range edit {
		e(&opts)
	}
	c, err := github.New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// assertNeverSent fails when any request srv received carries s.
func assertNeverSent(t *testing.T, srv *githubtest.Server, s string) {
	t.Helper()
	for _, r := range srv.Received() {
		if strings.Contains(r.URL, s) || bytes.Contains(r.Body, []byte(s)) {
			t.Errorf("request %s %s carries the secret", r.Method, r.URL)
		}
		for k, vs := range r.Header {
			for _, v := range vs {
				if strings.Contains(v, s) {
					t.Errorf("request %s %s: header %s carries the secret", r.Method, r.URL, k)
				}
			}
		}
	}
}
