// Package action_test runs the GitHub Action's script (action/run.sh) on a
// simulated pull_request event, and checks action.yml's structure and the
// pre-commit hooks (.pre-commit-hooks.yaml) the way pre-commit runs them.
package action_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

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

// event writes a pull_request event, shaped as GitHub sends it, for a pull
// request of one commit.
func event(t *testing.T, base, head string) string {
	t.Helper()
	ev := map[string]any{
		"action": "synchronize", "number": 7,
		"pull_request": map[string]any{
			"number": 7, "state": "open", "title": "Add config", "commits": 1,
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

// actionEnv is the environment of run.sh's step, with every variable a
// workflow sets given here, so that none leaks in from a workflow the
// tests run in; vars are added last and win.
func actionEnv(bin, tmp string, vars ...string) []string {
	return append([]string{
		"KEYLINT_BIN=" + bin, "KEYLINT_REPORT=annotations", "KEYLINT_FAIL_ON=any",
		"KEYLINT_SCAN=true", "KEYLINT_ANALYZERS=true", "KEYLINT_SARIF_FILE=",
		"KEYLINT_WORKING_DIRECTORY=.", "KEYLINT_BASE=", "KEYLINT_HEAD=",
		"GITHUB_EVENT_PATH=", "GITHUB_EVENT_NAME=pull_request",
		"GITHUB_OUTPUT=" + filepath.Join(tmp, "output"),
		"GITHUB_STEP_SUMMARY=" + filepath.Join(tmp, "summary.md"),
		"GITHUB_REPOSITORY=octo-org/demo", "GITHUB_API_URL=", "GITHUB_TOKEN=",
		"RUNNER_TEMP=" + tmp, "GITHUB_ACTIONS=true",
	}, vars...)
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

// mergedPullRequest builds the repository of a pull request that branched
// from main 10 days ago, while main moved on by three commits to BASE:
//
//	120 days  start        config/dev.env holds an old token
//	100–60    three README edits
//	 10       fork point
//	  5–3     main moves on; BASE is the last
//	  1       HEAD, on the branch: a hardcoded key in app/app.go, a new
//	          token in config/new.env, the old token copied to config/prod.env
//
// and GitHub's merge commit of HEAD into BASE, under refs/pull/7/merge.
func mergedPullRequest(t *testing.T) (r *testrepo.Repo, base, head, merge string,
	secrets []string) {
	t.Helper()
	now := time.Now()
	old, fresh, inCode := testrepo.GitHubPAT(111), testrepo.GitHubPAT(112),
		testrepo.GitHubPAT(113)
	r = testrepo.New(t)
	r.Write("go.mod", "module example.com/shop\n\ngo 1.22\n")
	r.Write("app/app.go", "package app\n\nfunc Name() string { return \"shop\" }\n")
	r.Write("config/dev.env", "TOKEN="+old+"\n")
	r.Commit("start", now.AddDate(0, 0, -120))
	for _, d := range []int{100, 80, 60, 10} {
		r.Write("README.md", fmt.Sprintf("# shop, %d days ago\n", d))
		r.Commit("readme", now.AddDate(0, 0, -d))
	}
	r.Git("branch", "feature")
	for _, d := range []int{5, 4, 3} {
		r.Write("NOTES.md", fmt.Sprintf("main, %d days ago\n", d))
		base = r.Commit("notes", now.AddDate(0, 0, -d))
	}

	r.Git("checkout", "-q", "feature")
	r.Write("app/app.go", "package app\n\nfunc Name() string { return \"shop\" }\n\n"+
		"const apiKey = \""+inCode+"\"\n")
	r.Write("config/new.env", "GITHUB_TOKEN="+fresh+"\n")
	r.Write("config/prod.env", "TOKEN="+old+"\n")
	head = r.Commit("add config", now.AddDate(0, 0, -1))

	r.Git("checkout", "-q", "--detach", base)
	r.Git("merge", "-q", "--no-ff", "--no-commit", head)
	merge = r.Commit("Merge "+head+" into "+base, now)
	r.Git("update-ref", "refs/pull/7/head", head)
	r.Git("update-ref", "refs/pull/7/merge", merge)
	r.Git("checkout", "-q", "main")
	return r, base, head, merge, []string{old, fresh, inCode}
}

// checkout clones origin as actions/checkout does by default for a pull
// request: an empty repository, origin set, the merge commit fetched at
// depth 1 and checked out detached. file:// makes git honour the depth.
func checkout(t *testing.T, origin *testrepo.Repo, merge string) *testrepo.Repo {
	t.Helper()
	c := testrepo.Open(t, t.TempDir())
	c.Git("init", "-q")
	c.Git("remote", "add", "origin", "file://"+filepath.ToSlash(origin.Dir))
	c.Git("fetch", "-q", "--no-tags", "--depth=1", "origin",
		"+"+merge+":refs/remotes/pull/7/merge")
	c.Git("checkout", "-q", "--detach", "refs/remotes/pull/7/merge")
	return c
}

// TestActionOnShallowMergeCheckout runs the action on actions/checkout's
// default clone, which holds neither end of the range: run.sh must fetch
// both, deepen to the fork point, and leave the older secret to be dated
// through the API.
func TestActionOnShallowMergeCheckout(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq (preinstalled on GitHub's runners) is not installed")
	}
	bin := buildKeylint(t)
	origin, base, head, merge, secrets := mergedPullRequest(t)
	commits, err := githubtest.CommitsFromGit(origin.Dir, base)
	if err != nil {
		t.Fatal(err)
	}
	srv, writes := githubtest.NewPull(t, githubtest.Config{Commits: commits},
		githubtest.PullRequest{Number: 7})
	clone := checkout(t, origin, merge)
	if got := clone.Git("rev-list", "--count", "HEAD"); got != "1" {
		t.Fatalf("the checkout holds %s commits, want 1", got)
	}

	tmp := t.TempDir()
	env := actionEnv(bin, tmp, "KEYLINT_REPORT=check", "KEYLINT_SARIF_FILE=keylint.sarif",
		"GITHUB_EVENT_PATH="+event(t, base, head), "GITHUB_API_URL="+srv.APIURL(),
		"GITHUB_TOKEN=test-token")
	r := run(t, clone.Dir, env, "bash", mustAbs(t, "run.sh"))
	t.Logf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	if r.code != 0 {
		t.Fatalf("run.sh: exit %d", r.code)
	}
	if !strings.Contains(r.stderr, "deepening the clone") {
		t.Errorf("run.sh did not deepen the clone to the fork point")
	}
	if clone.Git("rev-parse", "--is-shallow-repository") != "true" {
		t.Errorf("run.sh fetched the whole history; the test wants the API to date the old token")
	}

	out := readOutputs(t, filepath.Join(tmp, "output"))
	for k, want := range map[string]string{"findings": "4", "overdue": "1", "failed": "true",
		"sarif-file": filepath.Join(clone.Dir, "keylint.sarif")} {
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
	for _, s := range secrets {
		if strings.Contains(r.stdout+r.stderr+string(sarif), s) {
			t.Error("the output holds a secret in full")
		}
	}

	// The old token is dated through the API (the clone stops short of its
	// commit) and reported where the pull request copied it.
	runs := writes.CheckRuns()
	if len(runs) != 1 || runs[0]["head_sha"] != head {
		t.Fatalf("check runs: %v", runs)
	}
	var got []string
	for _, a := range runs[0]["output"].(map[string]any)["annotations"].([]any) {
		a := a.(map[string]any)
		got = append(got, fmt.Sprint(a["path"], " ", strings.Fields(a["title"].(string))[0]))
		if a["path"] == "config/prod.env" && !strings.Contains(a["message"].(string),
			"dated by github") {
			t.Errorf("old token not dated through the API: %s", a["message"])
		}
	}
	want := []string{"config/prod.env KL202", "app/app.go KL201", "config/new.env KL201",
		"app/app.go KL101"}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("check-run annotations (-want +got):\n%s", diff)
	}
}

// TestActionFetchFailure checks that a clone whose origin cannot be reached
// ends with an error annotation and the failed and error outputs, not a
// bare git error.
func TestActionFetchFailure(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq (preinstalled on GitHub's runners) is not installed")
	}
	bin := buildKeylint(t)
	origin, base, head, merge, _ := mergedPullRequest(t)
	clone := checkout(t, origin, merge)
	clone.Git("remote", "set-url", "origin", "file://"+filepath.ToSlash(t.TempDir())+"/gone")

	tmp := t.TempDir()
	r := run(t, clone.Dir, actionEnv(bin, tmp, "GITHUB_EVENT_PATH="+event(t, base, head)),
		"bash", mustAbs(t, "run.sh"))
	if r.code != 2 {
		t.Errorf("run.sh: exit %d, want 2\nstderr:\n%s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "::error title=keylint::could not fetch") {
		t.Errorf("stdout = %q, want an error annotation about the fetch", r.stdout)
	}
	out := readOutputs(t, filepath.Join(tmp, "output"))
	if out["failed"] != "true" || !strings.Contains(out["error"], "could not fetch") {
		t.Errorf("outputs = %v, want failed=true and the error", out)
	}
}

// TestActionFailOn checks what decides the failed output and where the
// SARIF goes, with the scanner off: analyzer errors and warnings fail
// fail-on any even when another changed package cannot be loaded, and
// notes never do.
func TestActionFailOn(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq (preinstalled on GitHub's runners) is not installed")
	}
	bin := buildKeylint(t)
	now := time.Now()
	for _, tc := range []struct {
		name    string
		files   map[string]string // the pull request's files
		workdir string            // working-directory, relative
		want    map[string]string // outputs
		stderr  string
	}{{
		// tools/ is a module of its own: go list cannot load it from the
		// root, which used to turn the analyzers' exit code into a warning.
		name: "nested module",
		files: map[string]string{
			"app/app.go": "package app\n\nconst githubToken = \"" + testrepo.GitHubPAT(121) +
				"\"\n",
			"tools/t.go": "package tools\n\n// Tool is changed.\nconst Tool = 2\n",
		},
		want:   map[string]string{"failed": "true", "findings": "1"},
		stderr: "skipping ./tools: it belongs to the module in ./tools",
	}, {
		name: "note only",
		files: map[string]string{"app/billing.go": `package app

import (
	"net/http"
	"os"
)

// Charges lists the charges.
func Charges() (*http.Response, error) {
	req, err := http.NewRequest("GET", "https://api.billing.example/v1/charges", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Api-Key", os.Getenv("BILLING_KEY"))
	return http.DefaultClient.Do(req)
}
`},
		want: map[string]string{"failed": "false", "findings": "1"},
	}, {
		name:    "working directory",
		workdir: "svc",
		files: map[string]string{"svc/app/app.go": "package app\n\nconst githubToken = \"" +
			testrepo.GitHubPAT(122) + "\"\n"},
		want: map[string]string{"failed": "true", "findings": "1",
			"sarif-file": filepath.Join("svc", "keylint.sarif")},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			r := testrepo.New(t)
			mod := filepath.Join(tc.workdir, "go.mod")
			r.Write(mod, "module example.com/root\n\ngo 1.22\n")
			r.Write(filepath.Join(tc.workdir, "app", "name.go"), "package app\n\n"+
				"// Name is the service's name.\nconst Name = \"shop\"\n")
			r.Write("tools/go.mod", "module example.com/tools\n\ngo 1.22\n")
			r.Write("tools/t.go", "package tools\n\n// Tool is a tool.\nconst Tool = 1\n")
			base := r.Commit("base", now.AddDate(0, 0, -2))
			for name, content := range tc.files {
				r.Write(name, content)
			}
			head := r.Commit("change", now.AddDate(0, 0, -1))

			tmp := t.TempDir()
			env := actionEnv(bin, tmp, "KEYLINT_SCAN=false", "KEYLINT_BASE="+base,
				"KEYLINT_HEAD="+head, "KEYLINT_SARIF_FILE=keylint.sarif",
				"KEYLINT_WORKING_DIRECTORY="+cmp.Or(tc.workdir, "."))
			res := run(t, r.Dir, env, "bash", mustAbs(t, "run.sh"))
			t.Logf("stdout:\n%s\nstderr:\n%s", res.stdout, res.stderr)
			if res.code != 0 {
				t.Fatalf("run.sh: exit %d", res.code)
			}
			out := readOutputs(t, filepath.Join(tmp, "output"))
			for k, want := range tc.want {
				if k == "sarif-file" {
					want = filepath.Join(r.Dir, want)
				}
				if out[k] != want {
					t.Errorf("output %s = %q, want %q (all: %v)", k, out[k], want, out)
				}
			}
			if !filepath.IsAbs(out["sarif-file"]) {
				t.Errorf("sarif-file %q is not absolute", out["sarif-file"])
			}
			if _, err := os.Stat(out["sarif-file"]); err != nil {
				t.Errorf("sarif-file: %v", err)
			}
			if !strings.Contains(res.stderr, tc.stderr) {
				t.Errorf("stderr lacks %q", tc.stderr)
			}
		})
	}
}

// TestActionBuildsItsOwnSource runs the step with no version and no binary,
// as a workflow's uses: line does by default: keylint is built from the
// action's own checkout (GITHUB_ACTION_PATH), so the pinned ref is the
// version that runs, whether or not a release of it was published.
func TestActionBuildsItsOwnSource(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq (preinstalled on GitHub's runners) is not installed")
	}
	if testing.Short() {
		t.Skip("builds keylint")
	}
	if err := isolate(); err != nil {
		t.Fatal(err)
	}
	repo, base, head, secrets := pullRequest(t)
	tmp := t.TempDir()
	env := actionEnv("", tmp, "KEYLINT_VERSION=", "GITHUB_ACTION_PATH="+mustAbs(t, ".."),
		"KEYLINT_BASE="+base, "KEYLINT_HEAD="+head, "KEYLINT_ANALYZERS=false")
	r := run(t, repo.Dir, env, "bash", mustAbs(t, "run.sh"))
	if !strings.Contains(r.stderr, "building keylint from ") {
		t.Errorf("stderr does not say keylint was built from the action:\n%s", r.stderr)
	}
	if out := readOutputs(t, filepath.Join(tmp, "output")); out["findings"] == "" ||
		out["findings"] == "0" {
		t.Errorf("outputs %v: want the scan's findings (exit %d)\nstderr:\n%s", out, r.code, r.stderr)
	}
	for _, s := range secrets {
		if strings.Contains(r.stdout+r.stderr, s) {
			t.Error("the step's output holds a secret in full")
		}
	}

	// No version and no source to build: a clear error, not a go install of
	// a version that may not exist.
	tmp = t.TempDir()
	env = actionEnv("", tmp, "KEYLINT_VERSION=", "GITHUB_ACTION_PATH="+t.TempDir(),
		"KEYLINT_BASE="+base, "KEYLINT_HEAD="+head)
	if r := run(t, repo.Dir, env, "bash", mustAbs(t, "run.sh")); r.code != 2 ||
		!strings.Contains(r.stdout+r.stderr, "holds no keylint source; give a version") {
		t.Errorf("without source: exit %d, want 2 and an error naming the fix\nstdout: %s\nstderr: %s",
			r.code, r.stdout, r.stderr)
	}
}
