package github_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/github"
)

func TestParseRemote(t *testing.T) {
	t.Parallel()
	tests := []struct {
		remote      string
		owner, repo string
		err         string // part of the error; "" = no error
	}{
		{remote: "https://github.com/keylint/keylint.git", owner: "keylint", repo: "keylint"},
		{remote: "https://github.com/keylint/keylint", owner: "keylint", repo: "keylint"},
		{remote: "https://github.com/keylint/keylint/", owner: "keylint", repo: "keylint"},
		{remote: "http://github.com/o/r.git", owner: "o", repo: "r"},
		{remote: "  https://github.com/o/r.git\n", owner: "o", repo: "r"},
		{remote: "https://x-access-token:" + "s3cr3t@github.com/o/r.git", owner: "o", repo: "r"},
		{remote: "ssh://git@github.com/o/r.git", owner: "o", repo: "r"},
		{remote: "ssh://git@github.com:22/o/r.git", owner: "o", repo: "r"},
		{remote: "git://github.com/o/r.git", owner: "o", repo: "r"},
		{remote: "git@github.com:o/r.git", owner: "o", repo: "r"},
		{remote: "git@github.com:o/r", owner: "o", repo: "r"},
		{remote: "github.com:o/r.git", owner: "o", repo: "r"},
		{remote: "git@github.com:/o/r.git", owner: "o", repo: "r"},
		{remote: "org-123@github.com:my-org/my.repo_name.git", owner: "my-org", repo: "my.repo_name"},
		{remote: "https://ghe.example.com/team/service.git", owner: "team", repo: "service"},
		{remote: "git@ghe.example.com:team/service.git", owner: "team", repo: "service"},
		{remote: "ssh://git@ghe.example.com:2222/team/service", owner: "team", repo: "service"},

		{remote: "", err: "not a remote URL"},
		{remote: "/home/me/repo", err: "not a remote URL"},
		{remote: "../repo", err: "not a remote URL"},
		{remote: `C:\src\repo`, err: "not a remote URL"},
		{remote: "file:///srv/git/repo.git", err: `scheme "file"`},
		{remote: "https://github.com/onlyowner", err: "want OWNER/REPO"},
		{remote: "https://gitlab.com/group/sub/repo.git", err: "want OWNER/REPO"},
		{remote: "https:///o/r", err: "no host"},
		{remote: "git@github.com:o/r%20x.git", err: "only letters"},
		{remote: "https://github.com/o_o/r", err: "only letters, digits and '-'"},
		{remote: "https://github.com/o/..", err: "not a name"},
		{remote: "https://user:" + "s3cr3t@gitlab.com/a/b/c", err: "want OWNER/REPO"},
	}
	for _, tt := range tests {
		t.Run(tt.remote, func(t *testing.T) {
			t.Parallel()
			owner, repo, err := github.ParseRemote(tt.remote)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseRemote(%q) = %q, %q, %v; want error with %q",
						tt.remote, owner, repo, err, tt.err)
				}
				if strings.Contains(err.Error(), "s3cr3t") {
					t.Errorf("error %q shows the URL's password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseRemote(%q): %v", tt.remote, err)
			}
			if diff := cmp.Diff([2]string{tt.owner, tt.repo}, [2]string{owner, repo}); diff != "" {
				t.Errorf("ParseRemote(%q) (-want +got):\n%s", tt.remote, diff)
			}
		})
	}
}

func TestNewRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts github.Options
		err  string
	}{
		{"no owner", github.Options{Repo: "r"}, "owner and repository are required"},
		{"owner with a slash", github.Options{Owner: "o/x", Repo: "r"}, "only letters"},
		{"API URL without scheme", github.Options{Owner: "o", Repo: "r", APIURL: "ghe.example.com"}, "want https://HOST/api/v3/"},
		{"API URL with credentials", github.Options{Owner: "o", Repo: "r", APIURL: "https://u:" + "pw@ghe.example.com/api/v3/"}, "not the URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.opts.CacheDir = "-"
			_, err := github.New(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("New: %v; want an error with %q", err, tt.err)
			}
			if strings.Contains(err.Error(), "pw@") {
				t.Errorf("error %q shows a password", err)
			}
		})
	}
}
