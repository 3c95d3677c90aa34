// Package action_test runs the GitHub Action's script (action/run.sh) on a
// simulated pull_request event, and checks action.yml's structure and the
// pre-commit hooks (.pre-commit-hooks.yaml) the way pre-commit runs them.
package action_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/report/sariftest"
	"github.com/keylint/keylint/internal/testrepo"
)

var isolate = sync.OnceValue(func() error {
	_, err := testrepo.Isolate() // kept for the life of the test binary
	return err
})

// gobin holds the keylint the tests share, built once per test binary.
var gobin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "keylint-action-test-")
	if err != nil {
		panic(err)
	}
	gobin = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var install = sync.OnceValues(func() ([]byte, error) {
	cmd := exec.Command("go", "install", "./cmd/keylint")
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "GOBIN="+gobin)
	return cmd.CombinedOutput()
})

// buildKeylint installs keylint into a temporary GOBIN, as go install does
// for the action and for pre-commit's golang hooks, and returns its path.
func buildKeylint(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds keylint")
	}
	if err := isolate(); err != nil {
		t.Fatal(err)
	}
	if out, err := install(); err != nil {
		t.Fatalf("go install ./cmd/keylint: %v\n%s", err, out)
	}
	return filepath.Join(gobin, "keylint")
}

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{code, stdout.String(), stderr.String()}
}

// pullRequest builds a repository whose pull request (base..head) adds a
// hardcoded key to app/app.go, a new token in config/new.env and a copy of
// a 120-day-old token (from before base) in config/prod.env.
func pullRequest(t *testing.T) (repo *testrepo.Repo, base, head string, secrets []string) {
	t.Helper()
	now := time.Now()
	old, fresh, inCode := testrepo.GitHubPAT(101), testrepo.GitHubPAT(102), testrepo.GitHubPAT(103)
	r := testrepo.New(t)
	r.Write("go.mod", "module example.com/shop\n\ngo 1.22\n")
	r.Write("app/app.go", "package app\n\nfunc Name() string { return \"shop\" }\n")
	r.Write("lib/lib.go", "package lib\n\nconst Version = \"1\"\n")
	r.Write("config/dev.env", "TOKEN="+old+"\n")
	r.Commit("start", now.AddDate(0, 0, -120))
	base = r.Commit("base", now.AddDate(0, 0, -3))

	r.Write("app/app.go", "package app\n\nfunc Name() string { return \"shop\" }\n\n"+
		"const apiKey = \""+inCode+"\"\n")
	r.Write("config/new.env", "GITHUB_TOKEN="+fresh+"\n")
	r.Write("config/prod.env", "TOKEN="+old+"\n")
	head = r.Commit("add config", now.AddDate(0, 0, -1))
	return r, base, head, []string{old, fresh, inCode}
}

// event writes a pull_request event, shaped as GitHub sends it.
func event(t *testing.T, base, head string) string {
	t.Helper()
	ev := map[string]any{
		"action": "synchronize", "number": 7,
		"pull_request": map[string]any{
			"number": 7, "state": "open", "title": "Add config",
			"head": map[string]any{"sha": head, "ref": "feature",
				"repo": map[string]any{"full_name": "octo-org/demo", "fork": false}},
			"base": map[string]any{"sha": base, "ref": "main",
				"repo": map[string]any{"full_name": "octo-org/demo"}},
		},
		"repository": map[string]any{"full_name": "octo-org/demo"},
	}
	b, _ := json.Marshal(ev)
	path := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		out[k] = v
	}
	return out
}

func TestActionOnPullRequest(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq (preinstalled on GitHub's runners) is not installed")
	}
	bin := buildKeylint(t)
	repo, base, head, secrets := pullRequest(t)

	for _, tc := range []struct {
		name     string
		readOnly bool
	}{{"check run", false}, {"fork, read-only token", true}} {
		t.Run(tc.name, func(t *testing.T) {
			srv, writes := githubtest.NewPull(t, githubtest.Config{},
				githubtest.PullRequest{Number: 7, ReadOnly: tc.readOnly})
			tmp := t.TempDir()
			outputs, summary := filepath.Join(tmp, "output"), filepath.Join(tmp, "summary.md")
			env := []string{
				"KEYLINT_BIN=" + bin, "KEYLINT_REPORT=check", "KEYLINT_FAIL_ON=any",
				"KEYLINT_SARIF_FILE=" + filepath.Join(tmp, "keylint.sarif"),
				"KEYLINT_WORKING_DIRECTORY=" + repo.Dir,
				"GITHUB_EVENT_PATH=" + event(t, base, head), "GITHUB_EVENT_NAME=pull_request",
				"GITHUB_OUTPUT=" + outputs, "GITHUB_STEP_SUMMARY=" + summary,
				"GITHUB_REPOSITORY=octo-org/demo", "GITHUB_API_URL=" + srv.APIURL(),
				"GITHUB_TOKEN=test-token", "RUNNER_TEMP=" + tmp, "GITHUB_ACTIONS=true",
			}
			r := run(t, repo.Dir, env, "bash", mustAbs(t, "run.sh"))
			t.Logf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			if r.code != 0 {
				t.Fatalf("run.sh: exit %d", r.code)
			}

			out := readOutputs(t, outputs)
			t.Logf("step exit code 0; outputs: %v", out)
			for k, want := range map[string]string{"findings": "4", "overdue": "1",
				"failed": "true", "sarif-file": filepath.Join(tmp, "keylint.sarif")} {
				if out[k] != want {
					t.Errorf("output %s = %q, want %q (all: %v)", k, out[k], want, out)
				}
			}

			sarif, err := os.ReadFile(out["sarif-file"])
			if err != nil {
				t.Fatal(err)
			}
			if err := sariftest.Validate(sarif); err != nil {
				t.Errorf("SARIF does not validate: %v", err)
			}
			md, _ := os.ReadFile(summary)
			t.Logf("job summary:\n%s", md)
			for _, want := range []string{"| rule | secret |", "```mermaid", "and 1 more file",
				"### keylint: analyzers", "KL101"} {
				if !strings.Contains(string(md), want) {
					t.Errorf("job summary lacks %q:\n%s", want, md)
				}
			}
			for _, s := range secrets {
				for name, text := range map[string]string{"stdout": r.stdout,
					"stderr": r.stderr, "SARIF": string(sarif), "summary": string(md)} {
					if strings.Contains(text, s) {
						t.Errorf("%s holds a secret in full", name)
					}
				}
			}

			if tc.readOnly {
				n := strings.Count(r.stdout, "::error file=") +
					strings.Count(r.stdout, "::warning file=")
				if n != 4 {
					t.Errorf("%d annotations on stdout, want 4", n)
				}
				return
			}
			runs := writes.CheckRuns()
			if len(runs) != 1 || runs[0]["head_sha"] != head || runs[0]["conclusion"] != "failure" {
				t.Fatalf("check runs: %v", runs)
			}
			anns := runs[0]["output"].(map[string]any)["annotations"].([]any)
			if len(anns) != 4 {
				t.Errorf("%d annotations in the check run, want 4", len(anns))
			}
		})
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
