package github_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/keylint/keylint/internal/github"
	gt "github.com/keylint/keylint/internal/github/githubtest"
)

// fuzzEndpoints are the routes a fuzzed answer can replace, by index.
var fuzzEndpoints = []gt.Endpoint{
	gt.EndpointCommits, gt.EndpointCommit, gt.EndpointContents, gt.EndpointBlob,
	gt.EndpointAlerts, gt.EndpointLocations,
}

// FuzzAPIAnswer replaces the answers of one endpoint of the fake GitHub
// with arbitrary ones (status, the headers keylint reads, body) and drives
// the production client through a dating and an alert listing. Whatever
// GitHub says, the client returns a result or a *github.Error whose message
// is one line without the secret, and it gives up within its timeout.
func FuzzAPIAnswer(f *testing.F) {
	for _, s := range []struct {
		ep            uint8
		status        int
		link, retry   string
		remain, reset string
		body          string
	}{
		{0, 200, "", "", "", "", `[]`},
		{0, 200, `<http://x/?page=2>; rel="next"`, "", "", "", `[{"sha":1}]`},
		{0, 200, `<:%zz>; rel="last"`, "", "", "", `[{"sha":"` + strings.Repeat("a", 40) + `"}]`},
		{1, 200, "", "", "", "", `{"sha":"x","commit":{"author":{"date":"not a date"}}}`},
		{1, 200, "", "", "", "", `{"files":[{"filename":"a.env","status":"renamed","previous_filename":"../../x"}]}`},
		{2, 200, "", "", "", "", `{"type":"file","encoding":"base64","content":"!!!"}`},
		{2, 200, "", "", "", "", `{"type":"file","encoding":"none","size":5}`},
		{2, 200, "", "", "", "", `[{"type":"dir"}]`},
		{3, 200, "", "", "", "", "\x00\xff"},
		{4, 200, "", "", "", "", `[{"number":-1,"secret":"` + needle + `","locations_url":"::"}]`},
		{5, 200, "", "", "", "", `[{"type":"commit","details":{"commit_sha":""}}]`},
		{0, 403, "", "", "0", "99999999999999999999", `{"message":"API rate limit exceeded"}`},
		{0, 429, "", "-5", "", "", ``},
		{0, 429, "", "1e9", "", "", `{"message":"` + needle + `\nsecond line"}`},
		{2, 500, "", "", "", "", `<html>`},
		{0, 301, "", "", "", "", `{"message":"Moved Permanently","url":"http://127.0.0.1:1/"}`},
		{0, 200, "", "", "", "", `{"message":"` + strings.Repeat("x", 5000) + `"}`},
	} {
		f.Add(s.ep, s.status, s.link, s.retry, s.remain, s.reset, s.body)
	}
	commits := rewrites("app.env", 12, 4)
	f.Fuzz(func(t *testing.T, ep uint8, status int, link, retry, remain, reset, body string) {
		if status < 100 || status > 599 {
			status = 200 + status%400
			if status < 100 {
				status += 400
			}
		}
		header := map[string]string{}
		for k, v := range map[string]string{"Link": link, "Retry-After": retry,
			"X-RateLimit-Remaining": remain, "X-RateLimit-Reset": reset} {
			if v != "" && validHeader(v) {
				header[k] = v
			}
		}
		srv := gt.New(t, gt.Config{Commits: commits, Token: testToken})
		srv.Fail(fuzzEndpoints[int(ep)%len(fuzzEndpoints)], -1, gt.Respond(status, header, body))
		c := newClient(t, srv, &syncBuffer{}, func(o *github.Options) {
			o.Timeout = 2 * time.Second
			o.MaxWait = 10 * time.Millisecond
			o.MaxRequests = 40
		})

		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		// GitHub's own error message is quoted to the user; when the fuzzer
		// wrote the secret into it, it came from GitHub, not from the files
		// keylint read.
		echoed := strings.Contains(body, needle)
		_, err := c.Introduced(ctx, "app.env", srv.SHA(-1), fingerprint, containsNeedle)
		checkAPIError(t, err, echoed)
		alerts, err := c.Alerts(ctx, github.AlertQuery{Head: srv.SHA(-1)})
		checkAPIError(t, err, echoed)
		for i := range alerts {
			checkAPIError(t, c.DateAlert(ctx, &alerts[i]), echoed)
		}
		if ctx.Err() != nil {
			t.Fatalf("the client did not give up within 20s (status %d, body %.60q)", status, body)
		}
	})
}

// checkAPIError checks what the user would be shown of an API failure. The
// fake serves the secret only inside file contents, so unless the fuzzed
// answer itself carries it (echoed), a message with the secret quotes a
// file keylint read.
func checkAPIError(t *testing.T, err error, echoed bool) {
	t.Helper()
	if err == nil {
		return
	}
	var ge *github.Error
	if !errors.As(err, &ge) {
		t.Fatalf("error %v (%T) is not a *github.Error", err, err)
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\r\n") {
		t.Fatalf("error %q is not one line", msg)
	}
	if !echoed && strings.Contains(msg, needle) {
		t.Fatalf("error %q carries the secret", msg)
	}
}

// validHeader reports whether net/http would send v as a header value; the
// fake server cannot answer with anything else.
func validHeader(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}
