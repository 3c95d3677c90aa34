package ghreport

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/keylint/keylint/internal/github"
	"github.com/keylint/keylint/internal/github/githubtest"
)

const token = "test-token"

func newClient(t *testing.T, srv *githubtest.Server) *github.Client {
	t.Helper()
	c, err := github.New(github.Options{Owner: srv.Owner(), Repo: srv.Repo(), Token: token,
		APIURL: srv.APIURL(), CacheDir: "-", RetryBackoff: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func findings(n int, file string) []Finding {
	var fs []Finding
	for i := range n {
		fs = append(fs, Finding{RuleID: "KL101", Level: "error", Title: "KL101 hardcoded key",
			Message: fmt.Sprintf("finding %d", i), File: file, Line: i + 1, Column: 3})
	}
	return fs
}

// pull is the pull request the tests report on: app.go gains lines 10–12
// around an unchanged line; README.md is only deleted from.
func pull(readOnly bool) githubtest.PullRequest {
	return githubtest.PullRequest{Number: 7, ReadOnly: readOnly, FilesPerPage: 1, Files: []githubtest.PullFile{
		{Filename: "app.go", Patch: "@@ -8,3 +8,6 @@ func f() {\n a\n b\n-c\n+d\n+e\n f\n+g"},
		{Filename: "README.md", Patch: "@@ -1,2 +1 @@\n-old\n keep"},
	}}
}

func TestCheckRunBatches(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n           int
		wantUpdates []int
		conclusion  string
	}{
		{0, nil, "success"},
		{50, nil, "failure"},
		{51, []int{1}, "failure"},
		{120, []int{50, 20}, "failure"},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			t.Parallel()
			srv, writes := githubtest.NewPull(t, githubtest.Config{}, pull(false))
			res, err := Post(context.Background(), newClient(t, srv), findings(tc.n, "app.go"),
				Options{Mode: Check, HeadSHA: strings.Repeat("a", 40), Summary: "## s"})
			if err != nil {
				t.Fatal(err)
			}
			created := writes.CheckRuns()
			if len(created) != 1 {
				t.Fatalf("%d check runs created, want 1", len(created))
			}
			if got := count(created[0]); got != min(tc.n, 50) {
				t.Errorf("created with %d annotations, want %d", got, min(tc.n, 50))
			}
			var updates []int
			for _, u := range writes.Updates() {
				updates = append(updates, count(u))
			}
			if diff := cmp.Diff(tc.wantUpdates, updates); diff != "" {
				t.Errorf("update batches (-want +got):\n%s", diff)
			}
			if created[0]["conclusion"] != tc.conclusion || created[0]["status"] != "completed" {
				t.Errorf("created %v %v", created[0]["status"], created[0]["conclusion"])
			}
			wantReq := 1 + len(tc.wantUpdates)
			if res.Posted != tc.n || res.Requests != wantReq ||
				srv.Requests(githubtest.EndpointAny) != wantReq {
				t.Errorf("posted %d in %d requests (server saw %d), want %d in %d", res.Posted,
					res.Requests, srv.Requests(githubtest.EndpointAny), tc.n, wantReq)
			}
		})
	}
}

func count(body map[string]any) int {
	out, _ := body["output"].(map[string]any)
	anns, _ := out["annotations"].([]any)
	return len(anns)
}

func TestReviewCommentsOnDiffLinesOnly(t *testing.T) {
	t.Parallel()
	srv, writes := githubtest.NewPull(t, githubtest.Config{}, pull(false))
	fs := []Finding{
		{RuleID: "KL101", Level: "error", Title: "t", Message: "added", File: "app.go", Line: 11},
		{RuleID: "KL101", Level: "error", Title: "t", Message: "context", File: "app.go", Line: 13},
		{RuleID: "KL101", Level: "error", Title: "t", Message: "old", File: "app.go", Line: 2},
		{RuleID: "KL201", Level: "error", Title: "t", Message: "other", File: "x.env", Line: 1},
		{RuleID: "KL201", Level: "error", Title: "t", Message: "x", File: "README.md", Line: 1},
	}
	res, err := Post(context.Background(), newClient(t, srv), fs,
		Options{Mode: Review, Pull: 7, HeadSHA: strings.Repeat("b", 40), Summary: "summary"})
	if err != nil {
		t.Fatal(err)
	}
	reviews := writes.Reviews()
	if len(reviews) != 1 {
		t.Fatalf("%d reviews, want 1", len(reviews))
	}
	var where []string
	for _, c := range reviews[0]["comments"].([]any) {
		c := c.(map[string]any)
		where = append(where, fmt.Sprintf("%s:%v", c["path"], c["line"]))
	}
	if diff := cmp.Diff([]string{"app.go:11", "app.go:13", "README.md:1"}, where); diff != "" {
		t.Errorf("comments (-want +got):\n%s", diff)
	}
	if res.Posted != 3 || res.Omitted != 2 ||
		!strings.Contains(reviews[0]["body"].(string), "2 of 5 findings") {
		t.Errorf("result %+v, body %q", res, reviews[0]["body"])
	}
	// Two pages of files (one file a page), one review.
	if got := srv.Requests(githubtest.EndpointPullFiles); got != 2 {
		t.Errorf("%d requests for the files, want 2", got)
	}
	if got := srv.Requests(githubtest.EndpointCreateReview); got != 1 {
		t.Errorf("%d review requests, want 1", got)
	}
}

// TestReviewText checks what a review says: each comment names its rule
// once, and the body points at what exists in review mode (no check run).
func TestReviewText(t *testing.T) {
	t.Parallel()
	srv, writes := githubtest.NewPull(t, githubtest.Config{}, pull(false))
	fs := []Finding{
		{RuleID: "KL201", Level: "error", Title: "KL201 committed secret: github-pat",
			Message: "ghp_Ab…(40 chars) introduced …", File: "app.go", Line: 10},
		{RuleID: "KL101", Level: "error", Title: "hardcoded key", Message: "m", File: "app.go",
			Line: 11},
		{RuleID: "KL101", Level: "error", Title: "KL101 hardcoded key", Message: "m",
			File: "x.go", Line: 1},
	}
	if _, err := Post(context.Background(), newClient(t, srv), fs,
		Options{Mode: Review, Pull: 7, Summary: "## keylint"}); err != nil {
		t.Fatal(err)
	}
	rev := writes.Reviews()[0]
	var bodies []string
	for _, c := range rev["comments"].([]any) {
		bodies = append(bodies, c.(map[string]any)["body"].(string))
	}
	want := []string{
		"**KL201 committed secret: github-pat**\n\nghp_Ab…(40 chars) introduced …",
		"**KL101 hardcoded key**\n\nm",
	}
	if diff := cmp.Diff(want, bodies); diff != "" {
		t.Errorf("comment bodies (-want +got):\n%s", diff)
	}
	body := rev["body"].(string)
	if strings.Contains(body, "check") || !strings.Contains(body, "1 of 3 findings") ||
		!strings.Contains(body, "job summary") {
		t.Errorf("review body = %q", body)
	}
}

func TestReadOnlyTokenFallsBackToAnnotations(t *testing.T) {
	t.Parallel()
	for _, mode := range []Mode{Check, Review} {
		t.Run(string(mode), func(t *testing.T) {
			t.Parallel()
			srv, writes := githubtest.NewPull(t, githubtest.Config{}, pull(true))
			var out bytes.Buffer
			res, err := Post(context.Background(), newClient(t, srv), findings(12, "app.go"),
				Options{Mode: mode, Pull: 7, HeadSHA: strings.Repeat("c", 40), Stdout: &out})
			if err != nil {
				t.Fatalf("read-only token failed the report: %v", err)
			}
			if !res.FellBack || res.Mode != Annotations || res.Annotated != 10 {
				t.Errorf("result %+v", res)
			}
			if !strings.Contains(res.Reason, "Resource not accessible by integration") {
				t.Errorf("reason %q", res.Reason)
			}
			if n := strings.Count(out.String(), "::error file=app.go,"); n != 10 {
				t.Errorf("%d annotations printed, want 10:\n%s", n, &out)
			}
			if !strings.Contains(out.String(), "2 more findings not annotated") {
				t.Errorf("no count of the rest:\n%s", &out)
			}
			if len(writes.CheckRuns())+len(writes.Reviews()) != 0 {
				t.Error("a write succeeded on a read-only token")
			}
		})
	}
}

func TestOtherErrorsFail(t *testing.T) {
	t.Parallel()
	srv, _ := githubtest.NewPull(t, githubtest.Config{}, pull(false))
	srv.Fail(githubtest.EndpointCreateCheckRun, 5, githubtest.ServerError(502))
	_, err := Post(context.Background(), newClient(t, srv), findings(1, "app.go"),
		Options{Mode: Check, HeadSHA: strings.Repeat("d", 40), Stdout: &bytes.Buffer{}})
	if err == nil || !strings.Contains(err.Error(), "server error 502") {
		t.Errorf("err = %v, want a server error", err)
	}
}

func TestDiffLines(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		patch string
		want  []int
	}{
		{"@@ -8,3 +8,6 @@ func f() {\n a\n b\n-c\n+d\n+e\n f\n+g", []int{8, 9, 10, 11, 12, 13}},
		{"@@ -0,0 +1 @@\n+new", []int{1}},
		{"@@ -1,2 +0,0 @@\n-a\n-b", nil},
		{"@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n", []int{1}},
		{"@@ -1,2 +1,2 @@\n a\n-b\n+c\n@@ -40,2 +40,3 @@\n x\n+y\n z", []int{1, 2, 40, 41, 42}},
		{"", nil},
	} {
		var got []int
		for l := range DiffLines(tc.patch) {
			got = append(got, l)
		}
		if diff := cmp.Diff(tc.want, got, sortInts); diff != "" {
			t.Errorf("DiffLines(%q) (-want +got):\n%s", tc.patch, diff)
		}
	}
}

var sortInts = cmpopts.SortSlices(func(a, b int) bool { return a < b })
