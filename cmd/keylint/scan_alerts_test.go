package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/github"
	gt "github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/redact"
	"github.com/keylint/keylint/internal/report"
	"github.com/keylint/keylint/internal/testrepo"
)

// alertsRepo is a history whose secrets a --depth 1 clone shows only in
// part, with the secret-scanning alerts GitHub would hold for it.
type alertsRepo struct {
	repo                    *testrepo.Repo
	gone, local, allowed    string // GitHub tokens
	revoked, acme, excluded string
	c300, c150, c100, c50   string
	alerts                  []gt.Alert
}

// newAlertsRepo builds, counting days back from testrepo.Now:
//
//	300  a.env        gone: a token, deleted at 200 (alert #1, open)
//	150  notes.txt    acme: a key of a kind gitleaks has no rule for (#3)
//	100  c.env        local: a token the clone shows (#4)
//	 50  d.env        allowed: a token marked gitleaks:allow (#5)
//	     vendor/x.txt excluded: another acme key, in a file .keylint.toml
//	                  excludes (#7)
//	  1  README.md    (HEAD)
//
// plus #2, resolved, about a token never in the repository, and #6, whose
// only location is an issue comment.
func newAlertsRepo(t *testing.T) *alertsRepo {
	t.Helper()
	r := testrepo.New(t)
	a := &alertsRepo{repo: r, gone: testrepo.GitHubPAT(201), local: testrepo.GitHubPAT(202),
		allowed: testrepo.GitHubPAT(203), revoked: testrepo.GitHubPAT(204),
		// Low entropy and no keyword gitleaks knows: only GitHub's pattern
		// (a custom one) sees these.
		acme:     "acmepat_" + strings.Repeat("ab", 12),
		excluded: "acmepat_" + strings.Repeat("cd", 12)}
	r.Write("README.md", "# demo\n")
	r.Write(".keylint.toml", "[scan]\nexclude = [\"vendor/**\"]\n")
	r.Write("a.env", "GITHUB_TOKEN="+a.gone+"\n")
	a.c300 = r.Commit("add a token", testrepo.DaysAgo(300))
	r.Remove("a.env")
	r.Commit("drop it", testrepo.DaysAgo(200))
	r.Write("notes.txt", "deploy with\n  "+a.acme+"\n")
	a.c150 = r.Commit("notes", testrepo.DaysAgo(150))
	r.Write("c.env", "GITHUB_TOKEN="+a.local+"\n")
	a.c100 = r.Commit("add c", testrepo.DaysAgo(100))
	r.Write("d.env", "GITHUB_TOKEN="+a.allowed+" # gitleaks:allow\n")
	r.Write("vendor/x.txt", a.excluded+"\n")
	a.c50 = r.Commit("add d", testrepo.DaysAgo(50))
	r.Write("README.md", "# demo\n\nsee notes\n")
	r.Commit("docs", testrepo.DaysAgo(1))

	pat := "github_personal_access_token"
	at := func(path string, line int, commit string) []gt.Location {
		return []gt.Location{{Path: path, StartLine: line, Commit: commit}}
	}
	a.alerts = []gt.Alert{
		{Number: 1, SecretType: pat, Secret: a.gone, Locations: at("a.env", 1, a.c300)},
		{Number: 2, SecretType: pat, Secret: a.revoked, State: "resolved",
			Resolution: "revoked", Locations: at("a.env", 1, a.c300)},
		{Number: 3, SecretType: "acme_pat", Secret: a.acme, Locations: at("notes.txt", 2, a.c150)},
		{Number: 4, SecretType: pat, Secret: a.local, Locations: at("c.env", 1, a.c100)},
		{Number: 5, SecretType: pat, Secret: a.allowed, Locations: at("d.env", 1, a.c50)},
		{Number: 6, SecretType: pat, Secret: testrepo.GitHubPAT(205), Locations: []gt.Location{{}}},
		{Number: 7, SecretType: "acme_pat", Secret: a.excluded,
			Locations: at("vendor/x.txt", 1, a.c50)},
	}
	return a
}

func (a *alertsRepo) secrets() []string {
	return []string{a.gone, a.local, a.allowed, a.revoked, a.acme, a.excluded}
}

// alertView is what TestScanGitHubAlertsMerged compares of a finding.
type alertView struct {
	File, Rule, Fingerprint, Verdict, DatedBy, Alert string
	AtHead, AgeKnown                                 bool
	AgeDays                                          int
}

func viewAlerts(findings []report.Finding) []alertView {
	var out []alertView
	for _, f := range findings {
		v := alertView{File: f.File, Rule: f.Rule, Fingerprint: f.Fingerprint,
			Verdict: f.Verdict, DatedBy: f.DatedBy, AtHead: f.AtHead, AgeKnown: f.AgeKnown}
		if f.AgeDays != nil {
			v.AgeDays = *f.AgeDays
		}
		if f.External != nil {
			v.Alert = f.External.Source + " " + f.External.ID
		}
		out = append(out, v)
	}
	return out
}

// TestScanGitHubAlertsMerged checks that open alerts about secrets the scan
// did not find become findings of their own, and that every other alert is
// left out for its reason, within a counted number of requests; that a
// re-run with the disk cache asks only for the listing that holds the
// secrets; and that nothing leaks a secret.
func TestScanGitHubAlertsMerged(t *testing.T) {
	a := newAlertsRepo(t)
	clone := a.repo.Clone(1)
	srv := gt.New(t, gt.Config{Owner: "acme", Repo: "shop", Token: testToken,
		Commits: mirror(t, a.repo.Dir), Alerts: a.alerts, FirstLocationDetected: true})
	env := testEnv(map[string]string{"GITHUB_TOKEN": testToken})
	cacheDir := t.TempDir()
	env.github = func(o *github.Options) {
		o.CacheDir, o.RetryBackoff = cacheDir, time.Millisecond
	}
	args := []string{"--format", "json", "--github", "acme/shop", "--github-api-url",
		srv.APIURL(), "--debug", clone.Dir}

	r := runScanTestEnv(t, env, args...)
	rep := decodeReport(t, r)
	want := []alertView{{
		// #1: removed before the clone's boundary; its removal is unknown.
		File: "a.env", Rule: "github-pat", Fingerprint: redact.Fingerprint("github-pat", a.gone),
		Verdict: "unknown", DatedBy: "github-alert", Alert: "github-alert 1",
	}, {
		// #4 dates the clone's own finding: c.env was created with the
		// token, which the commit search alone takes for a lower bound.
		File: "c.env", Rule: "github-pat", Fingerprint: redact.Fingerprint("github-pat", a.local),
		Verdict: "overdue", DatedBy: "github-alert", AtHead: true, AgeKnown: true, AgeDays: 100,
	}, {
		// #3: gitleaks has no rule for it; HEAD still holds it.
		File: "notes.txt", Rule: "github:acme_pat",
		Fingerprint: redact.Fingerprint("github:acme_pat", a.acme), Verdict: "overdue",
		DatedBy: "github-alert", AtHead: true, AgeKnown: true, AgeDays: 150,
		Alert: "github-alert 3",
	}}
	if diff := cmp.Diff(want, viewAlerts(rep.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	gone := findingIn(t, rep.Findings, "a.env")
	if gone.Introduced == nil || gone.Introduced.Commit != a.c300 || gone.MinAgeDays == nil ||
		!strings.Contains(gone.AgeUnknownReason, "does not say when it left") ||
		!strings.Contains(gone.Message, "reported by GitHub secret-scanning alert #1") {
		t.Errorf("a.env: want introduced by %s, age unknown with the reason; got %+v",
			a.c300[:7], gone)
	}
	if notes := findingIn(t, rep.Findings, "notes.txt"); len(notes.HeadLocations) != 1 ||
		notes.HeadLocations[0].Line != 2 || notes.HeadLocations[0].Column != 3 ||
		notes.Tier != "sensitive" {
		t.Errorf("notes.txt: want sensitive, at HEAD at 2:3; got %+v", notes)
	}

	// One listing; the boundary secret's file list and the commit that
	// added it (which #4's location shares); the two merged alerts' commits;
	// #6's locations (its first location is an issue comment).
	wantCounts := map[gt.Endpoint]int{gt.EndpointAlerts: 1, gt.EndpointCommits: 1,
		gt.EndpointCommit: 3, gt.EndpointLocations: 1}
	if diff := cmp.Diff(wantCounts, srv.Counts()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	for _, why := range []string{"gitleaks read and did not report", "outside commits",
		"in an excluded file"} {
		if !strings.Contains(r.stderr, why) {
			t.Errorf("debug log does not say an alert was left out as %q", why)
		}
	}
	checkNoSecret(t, srv.Received(), a.secrets()...)
	assertNoSecretIn(t, "stdout and stderr", r.stdout+r.stderr, a.secrets()...)
	testrepo.NoSecretInDir(t, cacheDir, a.secrets()...)

	// Again with the cache: the merged alerts need their secrets, which the
	// cache does not keep, so the listing is asked for again; nothing else.
	srv.ResetCounts()
	again := decodeReport(t, runScanTestEnv(t, env, args...))
	if diff := cmp.Diff(want, viewAlerts(again.Findings)); diff != "" {
		t.Errorf("warm re-run findings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[gt.Endpoint]int{gt.EndpointAlerts: 1}, srv.Counts()); diff != "" {
		t.Errorf("warm re-run requests (-want +got):\n%s", diff)
	}

	// The full clone finds the removed token itself; #3 is still merged, as
	// gitleaks has no rule for it.
	srv.ResetCounts()
	full := decodeReport(t, runScanTestEnv(t, testEnv(map[string]string{
		"GITHUB_TOKEN": testToken}), "--format", "json", "--github", "acme/shop",
		"--github-api-url", srv.APIURL(), a.repo.Dir))
	var files []string
	for _, f := range full.Findings {
		files = append(files, f.File)
		if (f.External != nil) != (f.File == "notes.txt") {
			t.Errorf("full clone: %s external %+v", f.File, f.External)
		}
	}
	if !slices.Equal(files, []string{"a.env", "c.env", "notes.txt"}) {
		t.Errorf("full clone: findings in %v", files)
	}

	// A range scan judges what the range adds: no alert is merged.
	srv.ResetCounts()
	rng := decodeReport(t, runScanTestEnv(t, testEnv(map[string]string{
		"GITHUB_TOKEN": testToken}), "--format", "json", "--github", "acme/shop",
		"--github-api-url", srv.APIURL(), "--range", "HEAD~1..HEAD", a.repo.Dir))
	if len(rng.Findings) != 0 || srv.Requests(gt.EndpointAny) != 0 {
		t.Errorf("range scan: %d findings, %d requests; want none", len(rng.Findings),
			srv.Requests(gt.EndpointAny))
	}
}

// TestScanGitHubAlertsWithoutToken checks that alerts are not asked for
// without a token: GitHub serves them to none.
func TestScanGitHubAlertsWithoutToken(t *testing.T) {
	a := newAlertsRepo(t)
	srv := gt.New(t, gt.Config{Owner: "acme", Repo: "shop", Commits: mirror(t, a.repo.Dir),
		Alerts: a.alerts})
	r := runScanTestEnv(t, testEnv(nil), "--format", "json", "--github", "acme/shop",
		"--github-api-url", srv.APIURL(), a.repo.Dir)
	if n := srv.Requests(gt.EndpointAny); n != 0 || len(decodeReport(t, r).Findings) != 2 {
		t.Errorf("full clone without a token: %d requests, want none; stdout %s", n, r.stdout)
	}
}

// TestScanGitHubWarmCache runs a --depth 1 scan twice on one disk cache: the
// second run sends no request at all, the alert listing included, and
// reports the same. Along the way it counts the commits fetched: the one
// that added the shared token to two files is fetched once.
func TestScanGitHubWarmCache(t *testing.T) {
	sc := testrepo.NewScenario(t)
	clone := sc.Repo.Clone(1)
	srv := gt.New(t, gt.Config{Owner: "acme", Repo: "shop", Token: testToken,
		Commits: mirror(t, sc.Repo.Dir), FirstLocationDetected: true,
		Alerts: []gt.Alert{{Number: 9, SecretType: "aws_access_key_id", Secret: sc.DueSoon,
			Locations: []gt.Location{{Path: "deploy/aws.env", StartLine: 1, Commit: sc.C80}}}}})
	env := testEnv(map[string]string{"GITHUB_TOKEN": testToken})
	cacheDir := t.TempDir()
	env.github = func(o *github.Options) { o.CacheDir = cacheDir }
	args := []string{"--format", "json", "--github", "acme/shop", "--github-api-url",
		srv.APIURL(), clone.Dir}

	first := decodeReport(t, runScanTestEnv(t, env, args...))
	// Four secrets at the boundary in five files: five file histories; the
	// commits that created a file with its secret (C120 for two files, C80,
	// C10; C400 is the root), each once; one alert listing. Dating the
	// alert needs C80, fetched already.
	want := map[gt.Endpoint]int{gt.EndpointCommits: 5, gt.EndpointCommit: 3,
		gt.EndpointAlerts: 1}
	if diff := cmp.Diff(want, srv.Counts()); diff != "" {
		t.Errorf("first run requests (-want +got):\n%s", diff)
	}
	seen := map[string]bool{}
	for _, req := range srv.Received() {
		if req.Endpoint == gt.EndpointCommit && seen[req.URL] {
			t.Errorf("%s fetched twice", req.URL)
		}
		seen[req.URL] = true
	}
	if f := findingIn(t, first.Findings, "deploy/aws.env"); !f.AgeKnown || *f.AgeDays != 80 ||
		f.DatedBy != "github-alert" {
		t.Errorf("deploy/aws.env: want 80 days, dated by its alert; got %+v", f)
	}

	srv.ResetCounts()
	second := decodeReport(t, runScanTestEnv(t, env, args...))
	if n := srv.Requests(gt.EndpointAny); n != 0 {
		t.Errorf("warm re-run sent %d requests (%v), want none", n, srv.Counts())
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("warm re-run reports differently (-first +second):\n%s", diff)
	}
	testrepo.NoSecretInDir(t, cacheDir, sc.Secrets()...)
}

// TestScanGitHubEarlierLife is the audit's bug: a secret that lived in a
// file deleted long before the clone's boundary, then came back in another
// file. The file's history shows only the second life, so without an alert
// its age is a lower bound, not a too-young exact age; an alert, which
// GitHub computes over every file, dates it exactly.
func TestScanGitHubEarlierLife(t *testing.T) {
	r := testrepo.New(t)
	key := testrepo.AWSAccessKeyID(301)
	r.Write("main.txt", "rev 0\n")
	r.Write("d.env", "K="+key+"\n")
	c400 := r.Commit("add d", testrepo.DaysAgo(400))
	r.Remove("d.env")
	r.Commit("drop d", testrepo.DaysAgo(300))
	r.Write("d2/d.env", "K="+key+"\n")
	c20 := r.Commit("add d2", testrepo.DaysAgo(20))
	r.Write("main.txt", "rev 1\n")
	r.Commit("edit", testrepo.DaysAgo(1))
	clone := r.Clone(1)
	commits := mirror(t, r.Dir)
	env := testEnv(map[string]string{"GITHUB_TOKEN": testToken})

	tests := []struct {
		name    string
		alerts  []gt.Alert
		want    report.Finding
		wantReq int
	}{{
		name: "no alert",
		want: report.Finding{File: "d2/d.env", Verdict: "unknown", MinAgeDays: ptrTo(20),
			IntroducedNotAfter: testrepo.DaysAgo(20).Format(time.RFC3339),
			OldestKnown: &report.Commit{Commit: c20,
				Date: testrepo.DaysAgo(20).Format(time.RFC3339), Author: testrepo.AuthorName},
			AgeUnknownReason: "GitHub: d2/d.env was created with the secret in it; an " +
				"earlier copy in a file deleted before then would not show"},
		// The file's history, its first commit, the alert listing.
		wantReq: 3,
	}, {
		name: "alert with the first location",
		alerts: []gt.Alert{{Number: 1, SecretType: "aws_access_key_id", Secret: key,
			Locations: []gt.Location{{Path: "d.env", StartLine: 1, Commit: c400}}}},
		want: report.Finding{File: "d2/d.env", Verdict: "overdue", AgeKnown: true,
			AgeDays: ptrTo(400), DatedBy: "github-alert",
			Introduced: &report.Commit{Commit: c400,
				Date: testrepo.DaysAgo(400).Format(time.RFC3339), Author: testrepo.AuthorName}},
		// And the alert's commit.
		wantReq: 4,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := gt.New(t, gt.Config{Owner: "acme", Repo: "shop", Token: testToken,
				Commits: commits, Alerts: tt.alerts, FirstLocationDetected: true})
			rep := decodeReport(t, runScanTestEnv(t, env, "--format", "json", "--github",
				"acme/shop", "--github-api-url", srv.APIURL(), clone.Dir))
			if len(rep.Findings) != 1 {
				t.Fatalf("%d findings, want 1", len(rep.Findings))
			}
			f := rep.Findings[0]
			got := report.Finding{File: f.File, Verdict: f.Verdict, AgeKnown: f.AgeKnown,
				AgeDays: f.AgeDays, MinAgeDays: f.MinAgeDays, DatedBy: f.DatedBy,
				Introduced: f.Introduced, IntroducedNotAfter: f.IntroducedNotAfter,
				OldestKnown: f.OldestKnown, AgeUnknownReason: f.AgeUnknownReason}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("finding (-want +got):\n%s", diff)
			}
			if n := srv.Requests(gt.EndpointAny); n != tt.wantReq {
				t.Errorf("%d requests (%v), want %d", n, srv.Counts(), tt.wantReq)
			}
			t.Logf("message: %s", f.Message)
		})
	}
}

// assertNoSecretIn fails when text holds one of the secrets.
func assertNoSecretIn(t *testing.T, what, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("%s hold the secret %s", what, redact.Secret(s))
		}
	}
}
