package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/testrepo"
)

// TestReportRangeAddedLocation checks, end to end, where a pull request's
// copy of an old secret is reported: config/dev.env held it before BASE,
// the pull request adds config/prod.env with it. With --range, the review
// comments on config/prod.env (the line the diff shows) and the SARIF
// result is there too, with config/dev.env as a related location.
func TestReportRangeAddedLocation(t *testing.T) {
	if err := isolateOnce(); err != nil {
		t.Fatal(err)
	}
	bin := buildKeylint(t)
	old := testrepo.GitHubPAT(301)
	r := testrepo.New(t)
	r.Write("config/dev.env", "TOKEN="+old+"\n")
	r.Commit("dev config", testrepo.DaysAgo(200))
	base := r.Commit("base", testrepo.DaysAgo(3))
	r.Write("config/prod.env", "TOKEN="+old+"\n")
	head := r.Commit("prod config", testrepo.DaysAgo(1))
	rng := base + ".." + head

	tmp := t.TempDir()
	scanJSON := filepath.Join(tmp, "scan.json")
	srv, writes := githubtest.NewPull(t, githubtest.Config{}, githubtest.PullRequest{
		Number: 7, Files: []githubtest.PullFile{{Filename: "config/prod.env",
			Status: "added", Patch: "@@ -0,0 +1 @@\n+TOKEN=" + old}}})
	event := writeEvent(t, 7, head)
	keylint := func(args ...string) result {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = r.Dir
		cmd.Env = append(os.Environ(), "GITHUB_TOKEN=tok", "GITHUB_REPOSITORY=octo-org/demo",
			"GITHUB_API_URL="+srv.APIURL(), "GITHUB_EVENT_PATH="+event,
			"GITHUB_OUTPUT="+filepath.Join(tmp, "output"),
			"GITHUB_STEP_SUMMARY="+filepath.Join(tmp, "summary.md"))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return result{code, stdout.String(), stderr.String()}
	}
	if res := keylint("scan", "--no-github", "--range", rng, "--format", "json",
		"--output", scanJSON, "."); res.code != 1 {
		t.Fatalf("keylint scan: exit %d, want 1\n%s", res.code, res.stderr)
	}

	if res := keylint("report-github", "--scan-json", scanJSON, "--mode", "review",
		"--range", rng); res.code != 0 {
		t.Fatalf("report-github: exit %d\n%s", res.code, res.stderr)
	}
	reviews := writes.Reviews()
	if len(reviews) != 1 {
		t.Fatalf("%d reviews, want 1", len(reviews))
	}
	var where []string
	comments, _ := reviews[0]["comments"].([]any) // absent when there are none
	for _, c := range comments {
		c := c.(map[string]any)
		where = append(where, c["path"].(string)+" "+
			strings.SplitN(c["body"].(string), "\n", 2)[0])
	}
	want := []string{"config/prod.env **KL202 secret past rotation: github-pat**"}
	if diff := cmp.Diff(want, where); diff != "" {
		t.Errorf("review comments (-want +got):\n%s", diff)
	}

	// The report names its range, so --range may be left out.
	for _, args := range [][]string{{"--range", rng}, nil} {
		merged := filepath.Join(tmp, "keylint.sarif")
		args = append([]string{"sarif", "--merge", "-o", merged, "--scan-json", scanJSON},
			args...)
		if res := keylint(args...); res.code != 0 {
			t.Fatalf("%q: exit %d\n%s", args, res.code, res.stderr)
		}
		log, _ := readSARIF(t, merged)
		var got []string
		for _, res := range log.Runs[0].Results {
			got = append(got, res.RuleID+" "+
				res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		}
		if diff := cmp.Diff([]string{"KL202 config/prod.env", "KL203 config/prod.env"},
			got); diff != "" {
			t.Errorf("%q: SARIF results (-want +got):\n%s", args, diff)
		}
	}
}
