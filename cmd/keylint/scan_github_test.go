package main

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	gt "github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/report"
	"github.com/keylint/keylint/internal/testrepo"
)

// The GitHub tests clone a real repository --depth 1 and serve its full
// history from the fake GitHub API, seeded from the real repository so that
// every SHA, date and file content matches.

// testToken is the API token the fake GitHub accepts.
const testToken = "fake-token-for-tests"

// mirror reads the history of main in dir into the fake GitHub's model.
func mirror(t *testing.T, dir string) []gt.Commit {
	t.Helper()
	commits, err := gt.CommitsFromGit(dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	return commits
}

// fastImport builds a repository of one linear branch, main, from commits
// with git fast-import: hundreds of commits in well under a second.
func fastImport(t *testing.T, commits []gt.Commit) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t)
	var b bytes.Buffer
	data := func(s string) { fmt.Fprintf(&b, "data %d\n%s\n", len(s), s) }
	for i, c := range commits {
		who := fmt.Sprintf("%s <%s> %d +0000", testrepo.AuthorName, testrepo.AuthorEmail,
			c.Author.Date.Unix())
		fmt.Fprintf(&b, "commit refs/heads/main\nmark :%d\nauthor %s\ncommitter %s\n", i+1,
			who, who)
		data(fmt.Sprintf("commit %d", i+1))
		for _, ch := range c.Changes {
			if ch.Delete {
				fmt.Fprintf(&b, "D %s\n", ch.Path)
				continue
			}
			fmt.Fprintf(&b, "M 100644 inline %s\n", ch.Path)
			data(ch.Content)
		}
		b.WriteString("\n")
	}
	cmd := exec.Command("git", "-C", r.Dir, "fast-import", "--quiet")
	cmd.Stdin = &b
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git fast-import: %v\n%s", err, out)
	}
	r.Git("checkout", "-q", "-f", "main")
	return r
}

// requestsFor counts the requests that name path: its commit list pages
// and its contents.
func requestsFor(reqs []gt.Request, path string) int {
	n := 0
	for _, r := range reqs {
		u, err := url.Parse(r.URL)
		if err != nil {
			continue
		}
		if u.Query().Get("path") == path || strings.HasSuffix(u.Path, "/contents/"+path) {
			n++
		}
	}
	return n
}

// checkNoSecret fails if any request the fake received holds a secret.
func checkNoSecret(t *testing.T, reqs []gt.Request, secrets ...string) {
	t.Helper()
	for _, r := range reqs {
		var hdr strings.Builder
		for k, v := range r.Header {
			hdr.WriteString(k + ": " + strings.Join(v, ",") + "\n")
		}
		for _, s := range secrets {
			for _, part := range []string{r.URL, hdr.String(), string(r.Body)} {
				if strings.Contains(part, s) || strings.Contains(part, url.QueryEscape(s)) {
					t.Errorf("request %s %s carries a secret", r.Method, r.URL)
				}
			}
		}
	}
}

// bigHistory is a linear history of 520 commits, one every 14 hours up to
// the day before testrepo.Now, with three secrets planted at known commits
// in files that many commits touch.
type bigHistory struct {
	commits []gt.Commit
	secrets []plantedSecret
}

type plantedSecret struct {
	value, path string
	commit      int // index of the commit that introduces it
	touchEvery  int // the file changes every touchEvery commits
}

func newBigHistory() *bigHistory {
	const n = 520
	h := &bigHistory{secrets: []plantedSecret{
		{testrepo.GitHubPAT(101), "config/prod.env", 37, 2},
		{testrepo.AWSAccessKeyID(102), "services/billing/deploy.env", 301, 3},
		{testrepo.PrefectToken(103), "deploy/app.env", 150, 1},
	}}
	start := testrepo.DaysAgo(1).Add(-time.Duration(n-1) * 14 * time.Hour)
	for i := range n {
		c := gt.Commit{Author: gt.Signature{Name: testrepo.AuthorName,
			Email: testrepo.AuthorEmail, Date: start.Add(time.Duration(i) * 14 * time.Hour)}}
		c.Changes = append(c.Changes, gt.Change{Path: "main.go",
			Content: fmt.Sprintf("package main\n\n// rev %d\n", i)})
		for _, s := range h.secrets {
			if i%s.touchEvery != 0 && i != s.commit {
				continue
			}
			content := fmt.Sprintf("# rev %d\nREGION=eu\n", i)
			if i >= s.commit {
				content += "TOKEN=" + s.value + "\n"
			}
			c.Changes = append(c.Changes, gt.Change{Path: s.path, Content: content})
		}
		h.commits = append(h.commits, c)
	}
	return h
}

// touches counts the commits up to and including HEAD that change path.
func (h *bigHistory) touches(path string) int {
	n := 0
	for _, c := range h.commits {
		for _, ch := range c.Changes {
			if ch.Path == path {
				n++
			}
		}
	}
	return n
}

func TestScanShallowDatedByGitHub(t *testing.T) {
	h := newBigHistory()
	origin := fastImport(t, h.commits)
	if n := strings.Count(origin.Git("rev-list", "main"), "\n") + 1; n < 500 {
		t.Fatalf("repository has %d commits, want 500 or more", n)
	}
	clone := origin.Clone(1)
	srv := gt.New(t, gt.Config{Owner: "acme", Repo: "shop", Token: testToken,
		Commits: mirror(t, origin.Dir)})
	shas := strings.Fields(origin.Git("rev-list", "--reverse", "main"))

	env := testEnv(map[string]string{"GITHUB_TOKEN": testToken})
	r := runScanTestEnv(t, env, "--format", "json", "--github", "acme/shop",
		"--github-api-url", srv.APIURL(), clone.Dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	rep := decodeReport(t, r)
	if len(rep.Findings) != len(h.secrets) || !rep.Shallow {
		t.Fatalf("%d findings (shallow %v), want %d", len(rep.Findings), rep.Shallow,
			len(h.secrets))
	}

	reqs := srv.Received()
	total := 0
	for _, s := range h.secrets {
		f := findingIn(t, rep.Findings, s.path)
		date := h.commits[s.commit].Author.Date
		wantAge := int(testrepo.Now.Sub(date) / (24 * time.Hour))
		if !f.AgeKnown || f.AgeDays == nil || *f.AgeDays != wantAge || f.DatedBy != "github" ||
			f.Introduced == nil || f.Introduced.Commit != shas[s.commit] ||
			f.Introduced.Date != date.Format(time.RFC3339) || f.AgeUnknownReason != "" {
			t.Errorf("%s: want %d days old, introduced by %s on %s, dated by github; got %+v",
				s.path, wantAge, shas[s.commit][:7], date.Format(time.DateOnly), f)
		}

		// ⌈N/100⌉ pages of the file's history and a binary search of it.
		n := h.touches(s.path)
		bound := int(math.Ceil(float64(n)/100) + math.Ceil(math.Log2(float64(n))))
		got := requestsFor(reqs, s.path)
		total += got
		t.Logf("%s: %d commits touch it; introduced by commit %d, %d days old; "+
			"%d requests (bound ⌈N/100⌉ + ⌈log₂N⌉ = %d)", s.path, n, s.commit, wantAge, got,
			bound)
		if got == 0 || got > bound {
			t.Errorf("%s: %d requests, want 1 to %d", s.path, got, bound)
		}
	}
	// The rest is the one listing of secret-scanning alerts (there are none).
	if got := len(reqs) - total; got != 1 || srv.Requests(gt.EndpointAlerts) != 1 {
		t.Errorf("%d other requests (%v), want 1 alert listing", got, srv.Counts())
	}
	var values []string
	for _, s := range h.secrets {
		values = append(values, s.value)
	}
	checkNoSecret(t, reqs, values...)

	// The full clone needs no dating: it only lists the alerts, to merge in
	// those about secrets it does not hold (there are none).
	srv.ResetCounts()
	full := runScanTestEnv(t, env, "--format", "json", "--github", "acme/shop",
		"--github-api-url", srv.APIURL(), origin.Dir)
	if full.code != 1 || srv.Requests(gt.EndpointAny) != 1 ||
		srv.Requests(gt.EndpointAlerts) != 1 {
		t.Errorf("full clone: exit %d, requests %v; want 1 and the alert listing only",
			full.code, srv.Counts())
	}
	for _, f := range decodeReport(t, full).Findings {
		d := findingIn(t, rep.Findings, f.File)
		if *f.AgeDays != *d.AgeDays || f.Introduced.Commit != d.Introduced.Commit {
			t.Errorf("%s: full clone says %d days (%s), depth 1 + GitHub %d days (%s)",
				f.File, *f.AgeDays, f.Introduced.Commit[:7], *d.AgeDays,
				d.Introduced.Commit[:7])
		}
	}
}

// findingIn returns the finding introduced in file.
func findingIn(t *testing.T, findings []report.Finding, file string) report.Finding {
	t.Helper()
	for _, f := range findings {
		if f.File == file {
			return f
		}
	}
	t.Fatalf("no finding in %s", file)
	return report.Finding{}
}

// TestScanGitHubFailures runs a --depth 1 scan against a fake GitHub that
// fails in every way the API can: the scan completes, each secret keeps an
// unknown age with the API's reason in JSON and in text, no request carries
// a secret, and the exit code follows --fail-on.
func TestScanGitHubFailures(t *testing.T) {
	sc := testrepo.NewScenario(t)
	clone := sc.Repo.Clone(1)
	commits := mirror(t, sc.Repo.Dir)
	reset := time.Now().Add(time.Hour)

	tests := []struct {
		name   string
		fault  *gt.Fault
		token  string
		args   []string
		reason string // in the JSON ageUnknownReason, after "GitHub API: "
	}{
		{name: "401", token: "wrong-token", reason: "token rejected (401)"},
		{name: "403 rate limit", fault: ptrTo(gt.PrimaryRateLimit(reset)),
			reason: "rate limit exhausted, resets "},
		// The first secret sees the 429, the others the limit being held.
		{name: "429", fault: ptrTo(gt.SecondaryRateLimit(429, time.Hour)),
			reason: "rate limit"},
		{name: "404", fault: ptrTo(gt.NotFound()),
			reason: "repository not found or token lacks access (404)"},
		{name: "500", fault: ptrTo(gt.ServerError(500)), reason: "server error 500"},
		{name: "timeout", fault: ptrTo(gt.Hang()), args: []string{"--github-timeout", "100ms"},
			reason: "timed out after 100ms"},
		{name: "malformed", fault: ptrTo(gt.Malformed()),
			reason: "malformed response from /repos/acme/shop/commits"},
		{name: "budget", args: []string{"--github-max-requests", "1"},
			reason: "request budget of 1 exhausted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := gt.New(t, gt.Config{Owner: "acme", Repo: "shop", Token: testToken,
				Commits: commits})
			if tt.fault != nil {
				srv.Fail(gt.EndpointAny, -1, *tt.fault)
			}
			token := cmpOr(tt.token, testToken)
			env := testEnv(map[string]string{"GH_KEY": token})
			args := append([]string{"--github", "acme/shop", "--github-api-url", srv.APIURL(),
				"--github-token-env", "GH_KEY", clone.Dir}, tt.args...)

			r := runScanTestEnv(t, env, append(args, "--format", "json")...)
			if r.code != 1 {
				t.Fatalf("--fail-on any: exit %d, want 1; stderr %s", r.code, r.stderr)
			}
			rep := decodeReport(t, r)
			if len(rep.Findings) != 4 || rep.Summary.UnknownAge != 4 {
				t.Fatalf("%d findings, %d of unknown age; want 4 and 4",
					len(rep.Findings), rep.Summary.UnknownAge)
			}
			for _, f := range rep.Findings {
				if f.AgeKnown || f.Introduced != nil || f.DatedBy != "" ||
					f.MinAgeDays == nil || f.Verdict != "unknown" ||
					!strings.HasPrefix(f.AgeUnknownReason, "GitHub API: ") ||
					!strings.Contains(f.AgeUnknownReason, tt.reason) ||
					strings.Contains(f.AgeUnknownReason, "\n") {
					t.Errorf("%s: want unknown age, reason %q…; got %+v", f.File, tt.reason, f)
				}
			}
			t.Logf("JSON ageUnknownReason: %q", rep.Findings[0].AgeUnknownReason)

			text := runScanTestEnv(t, env, append(args, "--fail-on", "overdue")...)
			if text.code != 0 {
				t.Errorf("--fail-on overdue: exit %d, want 0", text.code)
			}
			if !strings.Contains(text.stdout, "age unknown (GitHub API: ") ||
				!strings.Contains(text.stdout, tt.reason) {
				t.Errorf("text output does not give the reason %q:\n%s", tt.reason, text.stdout)
			}
			line, _, _ := strings.Cut(text.stdout, "\n")
			t.Logf("text: %s", line)
			checkNoSecret(t, srv.Received(), sc.Secrets()...)
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// TestScanGitHubAlerts checks that a secret-scanning alert dates a secret the
// commit search could not, and that alerts the token may not read are
// skipped quietly.
func TestScanGitHubAlerts(t *testing.T) {
	sc := testrepo.NewScenario(t)
	clone := sc.Repo.Clone(1)
	commits := mirror(t, sc.Repo.Dir)
	alerts := []gt.Alert{{Number: 3, SecretType: "github_personal_access_token",
		Secret: sc.Shared, Locations: []gt.Location{
			{Path: "config/dev.env", StartLine: 2, Commit: sc.C120}}}}
	env := testEnv(map[string]string{"GITHUB_TOKEN": testToken})

	// The commit search fails; the alert still dates the shared token.
	srv := gt.New(t, gt.Config{Owner: "acme", Repo: "shop", Token: testToken,
		Commits: commits, Alerts: alerts})
	srv.Fail(gt.EndpointCommits, -1, gt.ServerError(500))
	r := runScanTestEnv(t, env, "--format", "json", "--github", "acme/shop",
		"--github-api-url", srv.APIURL(), clone.Dir)
	rep := decodeReport(t, r)
	for _, f := range rep.Findings {
		if f.File != "config/dev.env" {
			if f.AgeKnown {
				t.Errorf("%s: dated without an alert: %+v", f.File, f)
			}
			continue
		}
		if !f.AgeKnown || *f.AgeDays != 120 || f.Introduced.Commit != sc.C120 ||
			f.DatedBy != "github-alert" || !slices.Contains(f.IDs, "KL202") {
			t.Errorf("shared token: want 120 days, overdue, dated by its alert; got %+v", f)
		}
	}
	checkNoSecret(t, srv.Received(), sc.Secrets()...)

	// Alerts forbidden: said once at debug level, no warning, and dates come
	// from the commit search. Only the token of the repository's first
	// commit is dated exactly: the other files were created with their
	// secret in them, which the search can only take for a lower bound.
	srv = gt.New(t, gt.Config{Owner: "acme", Repo: "shop", Token: testToken,
		Commits: commits, Alerts: alerts})
	srv.Fail(gt.EndpointAlerts, -1, gt.Forbidden("Resource not accessible by integration"))
	r = runScanTestEnv(t, env, "--format", "json", "--github", "acme/shop",
		"--github-api-url", srv.APIURL(), "--debug", clone.Dir)
	rep = decodeReport(t, r)
	if strings.Contains(r.stderr, "level=WARN") ||
		strings.Count(r.stderr, "secret-scanning alerts unavailable") != 1 ||
		srv.Requests(gt.EndpointAlerts) != 1 {
		t.Errorf("alerts forbidden: want one listing and one debug line, no warning; "+
			"%d listings, stderr:\n%s", srv.Requests(gt.EndpointAlerts), r.stderr)
	}
	full := decodeReport(t, runScanTestEnv(t, env, "--format", "json", sc.Repo.Dir))
	for _, f := range rep.Findings {
		g := findingIn(t, full.Findings, f.File)
		if f.File == "config/app.env" {
			if f.AgeDays == nil || *f.AgeDays != *g.AgeDays || f.DatedBy != "github" {
				t.Errorf("%s: %v days through GitHub, %d in the full history", f.File,
					f.AgeDays, *g.AgeDays)
			}
			continue
		}
		if f.AgeKnown || f.MinAgeDays == nil || *f.MinAgeDays != *g.AgeDays ||
			!strings.Contains(f.AgeUnknownReason, "was created with the secret in it") {
			t.Errorf("%s: want a lower bound of %d days with the reason; got %+v", f.File,
				*g.AgeDays, f)
		}
	}
}

func TestScanNoGitHub(t *testing.T) {
	sc := testrepo.NewScenario(t)
	clone := sc.Repo.Clone(1)
	srv := gt.New(t, gt.Config{Commits: mirror(t, sc.Repo.Dir)})
	r := runScanTestEnv(t, testEnv(nil), "--no-github", "--github", "octo-org/demo",
		"--github-api-url", srv.APIURL(), clone.Dir)
	if r.code != 1 || srv.Requests(gt.EndpointAny) != 0 ||
		!strings.Contains(r.stdout, "age unknown (GitHub dating is off (--no-github))") {
		t.Errorf("exit %d, %d requests; want 1, none and the reason:\n%s", r.code,
			srv.Requests(gt.EndpointAny), r.stdout)
	}
}
