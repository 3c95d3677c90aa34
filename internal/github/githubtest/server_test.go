package githubtest_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	gt "github.com/keylint/keylint/internal/github/githubtest"
)

var auth = "tok-" + strings.Repeat("x", 6)

// get sends a GET to the fake and decodes a JSON answer into v (if not nil).
func get(t *testing.T, s *gt.Server, path string, header map[string]string, v any) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.APIURL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+auth)
	for k, val := range header {
		req.Header.Set(k, val)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, body)
		}
	}
	return resp, body
}

func history(n int) []gt.Commit {
	var cs []gt.Commit
	for i := range n {
		cs = append(cs, gt.Commit{Changes: []gt.Change{{Path: "dir/a.txt", Content: fmt.Sprint("rev ", i, "\n")}}})
	}
	return cs
}

func TestContentsShape(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("0123456789", 20) + "\n"
	s := gt.New(t, gt.Config{Token: auth, LargeFileSize: 1000, Commits: []gt.Commit{{
		Changes: []gt.Change{{Path: "a.txt", Content: long}, {Path: "big.bin", Content: strings.Repeat("x", 1000)}},
	}}})

	var file map[string]any
	resp, _ := get(t, s, "repos/octo-org/demo/contents/a.txt?ref="+s.SHA(0), nil, &file)
	if resp.StatusCode != 200 || file["type"] != "file" || file["encoding"] != "base64" ||
		file["size"] != float64(len(long)) || file["name"] != "a.txt" {
		t.Fatalf("contents: %d %v", resp.StatusCode, file)
	}
	content := file["content"].(string)
	for _, line := range strings.Split(strings.TrimSuffix(content, "\n"), "\n")[:3] {
		if len(line) != 60 {
			t.Errorf("base64 line of %d chars, want 60", len(line))
		}
	}
	decoded, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(content, "\n", ""))
	if err != nil || string(decoded) != long {
		t.Errorf("content decodes to %q, %v", decoded, err)
	}

	_, raw := get(t, s, "repos/octo-org/demo/contents/a.txt", map[string]string{"Accept": "application/vnd.github.raw+json"}, nil)
	if string(raw) != long {
		t.Errorf("raw contents = %q", raw)
	}

	var big map[string]any
	get(t, s, "repos/octo-org/demo/contents/big.bin", nil, &big)
	if big["encoding"] != "none" || big["content"] != "" {
		t.Errorf("large file: encoding %v, content %q", big["encoding"], big["content"])
	}
	var blob map[string]any
	get(t, s, "repos/octo-org/demo/git/blobs/"+big["sha"].(string), nil, &blob)
	if blob["encoding"] != "base64" || blob["size"] != float64(1000) {
		t.Errorf("blob: %v", blob)
	}

	var missing map[string]string
	resp, _ = get(t, s, "repos/octo-org/demo/contents/nope.txt", nil, &missing)
	if resp.StatusCode != 404 || missing["message"] != "Not Found" || missing["documentation_url"] == "" {
		t.Errorf("missing file: %d %v", resp.StatusCode, missing)
	}

	var dir []map[string]any
	get(t, s, "repos/octo-org/demo/contents/", nil, &dir)
	if len(dir) != 2 || dir[0]["name"] != "a.txt" {
		t.Errorf("root listing: %v", dir)
	}
}

func TestListCommitsPagination(t *testing.T) {
	t.Parallel()
	s := gt.New(t, gt.Config{Token: auth, Commits: history(250)})
	var page []map[string]any
	resp, _ := get(t, s, "repos/octo-org/demo/commits?sha="+s.SHA(-1)+"&path=dir/a.txt&per_page=100", nil, &page)
	if len(page) != 100 || page[0]["sha"] != s.SHA(-1) {
		t.Fatalf("page 1: %d commits, first %v", len(page), page[0]["sha"])
	}
	link := resp.Header.Get("Link")
	re := regexp.MustCompile(`<[^>]*[?&]page=(\d+)[^>]*>; rel="(\w+)"`)
	got := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(link, -1) {
		got[m[2]] = m[1]
	}
	if diff := cmp.Diff(map[string]string{"next": "2", "last": "3"}, got); diff != "" {
		t.Errorf("Link %q (-want +got):\n%s", link, diff)
	}

	resp, _ = get(t, s, "repos/octo-org/demo/commits?sha="+s.SHA(-1)+"&path=dir/a.txt&per_page=100&page=2", nil, &page)
	got = map[string]string{}
	for _, m := range re.FindAllStringSubmatch(resp.Header.Get("Link"), -1) {
		got[m[2]] = m[1]
	}
	if diff := cmp.Diff(map[string]string{"prev": "1", "next": "3", "last": "3", "first": "1"}, got); diff != "" {
		t.Errorf("page 2 Link (-want +got):\n%s", diff)
	}

	c := page[0]
	commit := c["commit"].(map[string]any)
	author := commit["author"].(map[string]any)
	parents := c["parents"].([]any)
	if author["name"] == "" || author["date"] == "" || len(parents) != 1 || c["html_url"] == "" {
		t.Errorf("commit shape: %v", c)
	}

	for _, h := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Used",
		"X-RateLimit-Reset", "X-RateLimit-Resource"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	if resp.Header.Get("X-RateLimit-Remaining") != "4998" {
		t.Errorf("remaining %s after two requests, want 4998", resp.Header.Get("X-RateLimit-Remaining"))
	}
	if n := s.Requests(gt.EndpointCommits); n != 2 {
		t.Errorf("counted %d list requests, want 2", n)
	}
}

func TestCommitFiles(t *testing.T) {
	t.Parallel()
	s := gt.New(t, gt.Config{Token: auth, Commits: []gt.Commit{
		{Changes: []gt.Change{{Path: "old.txt", Content: "x\n"}, {Path: "gone.txt", Content: "y\n"}}},
		{Changes: []gt.Change{{Path: "new.txt", From: "old.txt"}, {Path: "gone.txt", Delete: true}}},
	}})
	var c struct {
		SHA   string `json:"sha"`
		Files []struct {
			Filename         string `json:"filename"`
			Status           string `json:"status"`
			PreviousFilename string `json:"previous_filename"`
		} `json:"files"`
	}
	get(t, s, "repos/octo-org/demo/commits/"+s.SHA(1), nil, &c)
	got := fmt.Sprint(c.Files)
	if want := "[{gone.txt removed } {new.txt renamed old.txt}]"; got != want {
		t.Errorf("files %s, want %s", got, want)
	}
	var touched []map[string]any
	get(t, s, "repos/octo-org/demo/commits?path=old.txt", nil, &touched)
	if len(touched) != 2 {
		t.Errorf("%d commits touch old.txt, want 2 (added, renamed away)", len(touched))
	}
}

func TestAuthAndLimits(t *testing.T) {
	t.Parallel()
	s := gt.New(t, gt.Config{Token: auth, RateLimit: 2, Commits: history(1)})
	req, _ := http.NewRequest(http.MethodGet, s.APIURL()+"repos/octo-org/demo/commits", nil)
	req.Header.Set("Authorization", "Bearer wrong")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("wrong token: %d, want 401", resp.StatusCode)
	}

	var body map[string]string
	resp, _ = get(t, s, "repos/octo-org/demo/commits", nil, nil)
	if resp.StatusCode != 200 {
		t.Errorf("second request: %d", resp.StatusCode)
	}
	resp, _ = get(t, s, "repos/octo-org/demo/commits", nil, &body)
	if resp.StatusCode != 403 || resp.Header.Get("X-RateLimit-Remaining") != "0" ||
		!strings.HasPrefix(body["message"], "API rate limit exceeded") {
		t.Errorf("past the limit: %d remaining=%s %v", resp.StatusCode,
			resp.Header.Get("X-RateLimit-Remaining"), body)
	}

	other := gt.New(t, gt.Config{Token: auth, Commits: history(1)})
	other.Fail(gt.EndpointCommits, 1, gt.SecondaryRateLimit(429, 30*time.Second))
	resp, _ = get(t, other, "repos/octo-org/demo/commits", nil, &body)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "30" ||
		!strings.Contains(body["documentation_url"], "secondary-rate-limits") {
		t.Errorf("secondary limit: %d Retry-After=%s %v", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	resp, _ = get(t, other, "repos/someone/else/commits", nil, nil)
	if resp.StatusCode != 404 {
		t.Errorf("another repository: %d, want 404", resp.StatusCode)
	}
}
