package github_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/keylint/keylint/internal/github"
	gt "github.com/keylint/keylint/internal/github/githubtest"
)

// The scanner's use: a secret found at the shallow boundary of a CI
// checkout is dated through the API, or reported with an unknown age and
// the reason.
func ExampleClient_Introduced() {
	key := "EXAMPLE-" + strings.Repeat("k", 16)
	var commits []gt.Commit
	for i := range 12 {
		content := fmt.Sprintf("# rev %d\n", i)
		if i >= 4 {
			content += "KEY=" + key + "\n"
		}
		commits = append(commits, gt.Commit{
			Author:  gt.Signature{Name: "Ada", Date: time.Date(2025, 1, 1+i, 9, 0, 0, 0, time.UTC)},
			Changes: []gt.Change{{Path: "deploy/prod.env", Content: content}},
		})
	}
	srv, err := gt.Start(gt.Config{Owner: "acme", Repo: "shop", Commits: commits})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	owner, repo, _ := github.ParseRemote("git@github.com:acme/shop.git")
	client, err := github.New(github.Options{
		APIURL: srv.APIURL(), Owner: owner, Repo: repo, CacheDir: "-",
	})
	if err != nil {
		panic(err)
	}
	contains := func(b []byte) bool { return bytes.Contains(b, []byte(key)) }
	intro, err := client.Introduced(context.Background(), "deploy/prod.env", srv.SHA(-1),
		"fp-of-rule-and-key", contains)
	if err != nil {
		fmt.Println("age unknown:", err)
		return
	}
	fmt.Println(intro.Commit == srv.SHA(4), intro.Author, intro.Date.Format(time.DateOnly), intro.Requests)
	// Output: true Ada 2025-01-05 5
}

// TestEnterpriseURLForms checks that an Enterprise API URL may be given
// with or without /api/v3/ and the trailing slash.
func TestEnterpriseURLForms(t *testing.T) {
	t.Parallel()
	srv := newServer(t, rewrites("app.env", 5, 2))
	root := strings.TrimSuffix(srv.APIURL(), "/api/v3/")
	for _, api := range []string{srv.APIURL(), root + "/api/v3", root, root + "/"} {
		client := newClient(t, srv, nil, func(o *github.Options) { o.APIURL = api })
		got, err := client.Introduced(context.Background(), "app.env", srv.SHA(-1), fingerprint, containsNeedle)
		if err != nil || got.Commit != srv.SHA(1) {
			t.Errorf("APIURL %q: %+v, %v", api, got, err)
		}
	}
}

// TestRedirectToOtherHost checks that the token never follows a redirect to
// another host.
func TestRedirectToOtherHost(t *testing.T) {
	t.Parallel()
	srv := newServer(t, rewrites("app.env", 5, 2))
	elsewhere := newServer(t, rewrites("app.env", 5, 2))
	srv.Fail(gt.EndpointCommits, 1, gt.Respond(301,
		map[string]string{"Location": strings.Replace(elsewhere.APIURL(), "127.0.0.1", "localhost", 1) +
			"repos/octo-org/demo/commits"}, `{"message":"Moved Permanently"}`))
	client := newClient(t, srv, nil)
	_, err := client.Introduced(context.Background(), "app.env", srv.SHA(-1), fingerprint, containsNeedle)
	checkError(t, err, github.ErrUnreachable, "GitHub API: refused a redirect to another host …")
	if !errors.Is(err, github.ErrUnreachable) || elsewhere.Requests(gt.EndpointAny) != 0 {
		t.Errorf("the other host got %d requests", elsewhere.Requests(gt.EndpointAny))
	}
}
