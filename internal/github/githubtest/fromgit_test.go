package githubtest_test

import (
	"io"
	"net/http"
	"testing"

	gt "github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/testrepo"
)

func TestCommitsFromGit(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t)
	r.Write("a.txt", "one\n")
	r.Write("b.txt", "bee\n")
	first := r.Commit("first", testrepo.DaysAgo(3))
	r.Git("mv", "b.txt", "c.txt")
	r.Remove("a.txt")
	r.Commit("rename and delete", testrepo.DaysAgo(2))
	r.Write("c.txt", "sea\n")
	head := r.Commit("edit", testrepo.DaysAgo(1))

	commits, err := gt.CommitsFromGit(r.Dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	srv := gt.New(t, gt.Config{Commits: commits})
	if srv.SHA(0) != first || srv.SHA(-1) != head {
		t.Fatalf("SHAs %s…%s, want %s…%s", srv.SHA(0), srv.SHA(-1), first, head)
	}
	if !commits[0].Author.Date.Equal(testrepo.DaysAgo(3)) ||
		commits[0].Author.Name != testrepo.AuthorName {
		t.Errorf("first commit author %+v", commits[0].Author)
	}
	for ref, want := range map[string]string{first: "bee\n", head: "sea\n"} {
		path := "c.txt"
		if ref == first {
			path = "b.txt"
		}
		req, _ := http.NewRequest("GET", srv.APIURL()+"repos/octo-org/demo/contents/"+path+
			"?ref="+ref, nil)
		req.Header.Set("Accept", "application/vnd.github.raw")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != want {
			t.Errorf("%s at %s: %q, want %q", path, ref[:7], b, want)
		}
	}
	resp, err := http.Get(srv.APIURL() + "repos/octo-org/demo/contents/a.txt?ref=" + head)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleted a.txt at HEAD: status %d, want 404", resp.StatusCode)
	}
}
