package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/github"

	"github.com/keylint/keylint/internal/redact"
	"github.com/keylint/keylint/internal/report"
	"github.com/keylint/keylint/internal/testrepo"
)

// The scan tests run one after another, not in parallel: runScan sets
// gitleaks' logger, which is a package-level variable of gitleaks.

var isolateOnce = sync.OnceValue(func() error {
	_, err := testrepo.Isolate() // kept for the life of the test binary
	return err
})

// scanResult is one run of keylint scan.
type scanResult struct {
	code           int
	stdout, stderr string
}

func runScanTest(t *testing.T, args ...string) scanResult {
	t.Helper()
	return runScanTestEnv(t, testEnv(nil), args...)
}

func runScanTestEnv(t *testing.T, env scanEnv, args ...string) scanResult {
	t.Helper()
	if err := isolateOnce(); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := runScanEnv(context.Background(), args, &stdout, &stderr, env)
	return scanResult{code, stdout.String(), stderr.String()}
}

// testEnv is the environment of a test scan: the scenario's present, only
// the given environment variables, and a GitHub client that caches nothing
// on disk and retries without waiting.
func testEnv(vars map[string]string) scanEnv {
	return scanEnv{
		now:    testrepo.Now,
		getenv: func(k string) string { return vars[k] },
		github: func(o *github.Options) {
			o.CacheDir = "-"
			o.RetryBackoff = time.Millisecond
			o.MaxWait = time.Second
		},
	}
}

func decodeReport(t *testing.T, r scanResult) report.Report {
	t.Helper()
	var rep report.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("decode JSON report: %v\nstdout: %s\nstderr: %s", err, r.stdout, r.stderr)
	}
	return rep
}

// findingView is what the scenario test compares of each finding.
type findingView struct {
	IDs         []string
	Rule        string
	File        string
	Introduced  string // commit and date
	AtHead      bool
	AgeDays     *int
	AgeKnown    bool
	Tier        string
	PolicyDays  int
	Verdict     string
	OverdueDays int
	Locations   []string // file:line@commit
	Head        []string
}

func viewFinding(f report.Finding) findingView {
	v := findingView{IDs: f.IDs, Rule: f.Rule, File: f.File, AtHead: f.AtHead,
		AgeDays: f.AgeDays, AgeKnown: f.AgeKnown, Tier: f.Tier, PolicyDays: f.PolicyDays,
		Verdict: f.Verdict, OverdueDays: f.OverdueDays}
	if f.Introduced != nil {
		v.Introduced = f.Introduced.Commit + " " + f.Introduced.Date
	}
	for _, l := range f.Locations {
		v.Locations = append(v.Locations, l.File+":"+strconv.Itoa(l.Line)+"@"+l.Commit)
	}
	for _, l := range f.HeadLocations {
		v.Head = append(v.Head, l.File+":"+strconv.Itoa(l.Line))
	}
	return v
}

func ptr(n int) *int { return &n }

func TestScanScenario(t *testing.T) {
	sc := testrepo.NewScenario(t)
	r := runScanTest(t, "--format", "json", sc.Repo.Dir)
	if r.code != 1 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 1 and no stderr", r.code, r.stderr)
	}
	t.Logf("JSON report:\n%s", r.stdout)
	rep := decodeReport(t, r)

	date := func(d int) string { return testrepo.DaysAgo(d).Format("2006-01-02T15:04:05Z") }
	want := []findingView{
		{IDs: []string{"KL201", "KL202"}, Rule: "prefect-api-token", File: "config/app.env",
			Introduced: sc.C400 + " " + date(400), AtHead: true, AgeDays: ptr(400), AgeKnown: true,
			Tier: "standard", PolicyDays: 365, Verdict: "overdue", OverdueDays: 35,
			Locations: []string{"config/app.env:2@" + sc.C400}, Head: []string{"config/app.env:2"}},
		{IDs: []string{"KL201", "KL202", "KL203"}, Rule: "github-pat", File: "config/dev.env",
			Introduced: sc.C120 + " " + date(120), AtHead: true, AgeDays: ptr(120), AgeKnown: true,
			Tier: "sensitive", PolicyDays: 90, Verdict: "overdue", OverdueDays: 30,
			Locations: []string{"config/dev.env:2@" + sc.C120, "config/prod.env:3@" + sc.C120},
			Head:      []string{"config/dev.env:2", "config/prod.env:3"}},
		{IDs: []string{"KL201"}, Rule: "github-pat", File: "config/legacy.env",
			Introduced: sc.C400 + " " + date(400), AgeDays: ptr(200), AgeKnown: true,
			Tier: "sensitive", PolicyDays: 90, Verdict: "overdue", OverdueDays: 110,
			Locations: []string{"config/legacy.env:1@" + sc.C400}},
		{IDs: []string{"KL201"}, Rule: "aws-access-token", File: "deploy/aws.env",
			Introduced: sc.C80 + " " + date(80), AtHead: true, AgeDays: ptr(80), AgeKnown: true,
			Tier: "sensitive", PolicyDays: 90, Verdict: "due-soon",
			Locations: []string{"deploy/aws.env:1@" + sc.C80}, Head: []string{"deploy/aws.env:1"}},
		{IDs: []string{"KL201"}, Rule: "github-pat", File: "scripts/ci.sh",
			Introduced: sc.C10 + " " + date(10), AtHead: true, AgeDays: ptr(10), AgeKnown: true,
			Tier: "sensitive", PolicyDays: 90, Verdict: "within-policy",
			Locations: []string{"scripts/ci.sh:2@" + sc.C10}, Head: []string{"scripts/ci.sh:2"}},
	}
	var got []findingView
	for _, f := range rep.Findings {
		got = append(got, viewFinding(f))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
	wantSummary := report.Summary{Secrets: 5, Overdue: 2, DueSoon: 1, AtHead: 4}
	if diff := cmp.Diff(wantSummary, rep.Summary); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
	if f := rep.Findings[2]; f.Removed == nil || f.Removed.Commit != sc.C200 {
		t.Errorf("legacy token: removed = %+v, want %s", f.Removed, sc.C200)
	}
}

func TestScanText(t *testing.T) {
	sc := testrepo.NewScenario(t)
	// Flags may follow the directory.
	r := runScanTest(t, sc.Repo.Dir, "--fail-on", "overdue")
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	want := []string{
		"config/app.env:2:17: KL202 prefect-api-token pnu_5l…(40 chars) introduced 2025-03-27 by Alice Example (" + sc.C400[:7] + "), 400 days old, standard policy 365 days: overdue by 35 days",
		"config/dev.env:2:14: KL202 github-pat ",
		"config/legacy.env:1:14: KL201 github-pat ",
		"deploy/aws.env:1:19: KL201 aws-access-token ",
		"scripts/ci.sh:2:17: KL201 github-pat ",
		"keylint: 5 secrets (4 at HEAD): 2 overdue, 1 due soon, 0 of unknown age",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), r.stdout)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d:\n got %s\nwant %s…", i+1, lines[i], w)
		}
	}
}

func TestScanShallowClone(t *testing.T) {
	sc := testrepo.NewScenario(t)
	clone := sc.Repo.Clone(1)
	r := runScanTest(t, "--format=json", clone.Dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	t.Logf("JSON report of a --depth 1 clone:\n%s", r.stdout)
	rep := decodeReport(t, r)
	if len(rep.Findings) != 4 || !rep.Shallow {
		t.Fatalf("%d findings (shallow %v), want 4 in a shallow clone", len(rep.Findings), rep.Shallow)
	}
	for _, f := range rep.Findings {
		bound := testrepo.DaysAgo(1).Format("2006-01-02T15:04:05Z")
		if f.AgeKnown || f.AgeDays != nil || f.Introduced != nil || f.Verdict != "unknown" ||
			f.IntroducedNotAfter != bound || f.MinAgeDays == nil || *f.MinAgeDays != 1 ||
			!f.AtHead || f.IDs[0] != "KL201" || slices.Contains(f.IDs, "KL202") {
			t.Errorf("%s in %s: want unknown age bounded by %s, got %+v", f.Rule, f.File, bound, f)
		}
	}
	want := report.Summary{Secrets: 4, UnknownAge: 4, AtHead: 4}
	if diff := cmp.Diff(want, rep.Summary); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}

	// Unknown is not overdue.
	if r := runScanTest(t, "--fail-on", "overdue", clone.Dir); r.code != 0 {
		t.Errorf("--fail-on overdue on a shallow clone: exit %d, want 0", r.code)
	}
}

func TestScanStaged(t *testing.T) {
	sc := testrepo.NewScenario(t)
	token := testrepo.GitHubPAT(200)
	sc.Repo.Write("new.env", "TOKEN="+token+"\n")
	sc.Repo.Stage("new.env")
	r := runScanTest(t, "--staged", "--format", "json", sc.Repo.Dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	rep := decodeReport(t, r)
	if len(rep.Findings) != 1 || rep.Findings[0].Fingerprint != redact.Fingerprint("github-pat", token) ||
		rep.Findings[0].File != "new.env" || rep.Mode != "staged" {
		t.Errorf("staged scan: want only new.env's token, got %+v", rep.Findings)
	}

	// The summary speaks of the staged changes: nothing staged is at HEAD
	// or has an age yet.
	text := runScanTest(t, "--staged", sc.Repo.Dir).stdout
	if !strings.HasSuffix(text, "\nkeylint: 1 secret in the staged changes\n") {
		t.Errorf("staged text report does not end with its summary:\n%s", text)
	}

	clean := testrepo.NewScenario(t)
	if r := runScanTest(t, "--staged", clean.Repo.Dir); r.code != 0 {
		t.Errorf("nothing staged: exit %d, want 0 (committed secrets are not staged)\n%s",
			r.code, r.stdout)
	}
}

func TestScanExitCodes(t *testing.T) {
	sc := testrepo.NewScenario(t)
	fresh := testrepo.New(t)
	fresh.Write("a.env", "TOKEN="+testrepo.GitHubPAT(201)+"\n")
	fresh.Commit("a", testrepo.DaysAgo(5))
	clean := testrepo.New(t)
	clean.Write("README.md", "hello\n")
	clean.Commit("readme", testrepo.DaysAgo(5))
	empty := testrepo.New(t)
	notRepo := t.TempDir()

	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // a substring of the one-line error, "" for none
	}{
		{"clean repository", []string{clean.Dir}, 0, ""},
		{"findings", []string{sc.Repo.Dir}, 1, ""},
		{"fail on overdue", []string{"--fail-on", "overdue", sc.Repo.Dir}, 1, ""},
		{"fail on none", []string{"--fail-on", "none", sc.Repo.Dir}, 0, ""},
		{"fresh secret, fail on overdue", []string{"--fail-on", "overdue", fresh.Dir}, 0, ""},
		{"fresh secret past a tight policy", []string{"--fail-on", "overdue", "--policy",
			"sensitive=3d", fresh.Dir}, 1, ""},
		{"no git", []string{"--no-git", notRepo}, 0, ""},
		{"not a repository", []string{notRepo}, 2, "not a git repository (use --no-git"},
		{"no commits", []string{empty.Dir}, 2, "repository has no commits"},
		{"missing directory", []string{filepath.Join(notRepo, "nope")}, 2, "no such file"},
		{"a file, not a directory", []string{filepath.Join(fresh.Dir, "a.env")}, 2,
			"a.env is a file; give the directory of a repository"},
		{"unknown flag", []string{"--bogus"}, 2, "flag provided but not defined: -bogus"},
		{"bad format", []string{"--format", "xml"}, 2, `unknown format "xml"`},
		{"bad fail-on", []string{"--fail-on", "some"}, 2, `unknown level "some"`},
		{"bad policy", []string{"--policy", "sensitive=soon"}, 2, "positive number of days"},
		{"two modes", []string{"--staged", "--no-git"}, 2, "cannot be used together"},
		{"two directories", []string{"a", "b"}, 2, "at most one directory"},
		{"empty output", []string{"--output", "", "--show-secrets", fresh.Dir}, 2,
			"--output is empty"},
		{"empty config", []string{"--config=", fresh.Dir}, 2, "--config is empty"},
		{"report over the baseline", []string{"--output", "b.json", "--write-baseline",
			"b.json", fresh.Dir}, 2, "name the same file"},
		{"report over the baseline, spelt otherwise", []string{"--output", "b.json",
			"--write-baseline", "./x/../b.json", fresh.Dir}, 2,
			"--output and --write-baseline name the same file"},
		{"report over the baseline read", []string{"--output", "b.json", "--baseline", "b.json",
			fresh.Dir}, 2, "--output and --baseline name the same file"},
		{"report and baseline apart", []string{"--output", filepath.Join(notRepo, "r.json"),
			"--write-baseline", filepath.Join(notRepo, "b.json"), "--fail-on", "none", fresh.Dir},
			0, ""},
		{"API URL not http", []string{"--github-api-url", "ftp://x", fresh.Dir}, 2,
			`--github-api-url: "ftp://x": want an http or https URL`},
		{"API URL without a host", []string{"--github-api-url", "https:///api/v3/", fresh.Dir},
			2, "no host"},
		{"API URL not a URL", []string{"--github-api-url", "https://x y:z/%zz", fresh.Dir}, 2,
			"--github-api-url: not a URL"},
		{"API URL with a token", []string{"--github-api-url",
			"https://me:tok3n@ghe.example.com/api/v3/", fresh.Dir}, 2, "not the URL"},
		{"API URL over http", []string{"--github-api-url", "http://127.0.0.1:1/api/v3/",
			"--fail-on", "none", clean.Dir}, 0, ""},
		{"show secrets and redact", []string{"--show-secrets", "--redact", fresh.Dir}, 2,
			"--show-secrets=true and --redact=true contradict each other"},
		{"neither show secrets nor redact", []string{"--show-secrets=false", "--redact=false",
			fresh.Dir}, 2, "contradict each other"},
		{"show secrets, no redaction", []string{"--show-secrets", "--redact=false", "--fail-on",
			"none", fresh.Dir}, 0, ""},
		{"help", []string{"--help"}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runScanTest(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			if tc.stderr == "" && r.stderr != "" {
				t.Errorf("unexpected stderr: %s", r.stderr)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q, want it to contain %q", r.stderr, tc.stderr)
			}
			if tc.code == 2 && !strings.HasPrefix(r.stderr, "keylint scan: ") {
				t.Errorf("stderr %q, want a keylint scan: error", r.stderr)
			}
			if strings.Contains(r.stderr, "tok3n") {
				t.Errorf("stderr %q repeats the token of the URL", r.stderr)
			}
		})
	}
}

func TestScanHelp(t *testing.T) {
	r := runScanTest(t, "-h")
	for _, want := range []string{"Usage: keylint scan", "--staged", "--no-git", "--format",
		"--output", "--show-secrets", "--fail-on", "--policy", "--debug", "Exit codes:",
		"due-soon", "unknown"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestScanOutputFile(t *testing.T) {
	sc := testrepo.NewScenario(t)
	out := filepath.Join(t.TempDir(), "report.json")
	r := runScanTest(t, "--format", "json", "--output", out, sc.Repo.Dir)
	if r.code != 1 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 1 and nothing printed", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if rep := decodeReport(t, scanResult{stdout: string(b)}); rep.Summary.Secrets != 5 {
		t.Errorf("report file: %d secrets, want 5", rep.Summary.Secrets)
	}

	// A place keylint cannot write to fails before the scan starts.
	bad := runScanTest(t, "--debug", "--output", filepath.Join(out, "sub", "x"), sc.Repo.Dir)
	if bad.code != 2 || !strings.Contains(bad.stderr, "write report") ||
		strings.Contains(bad.stderr, "gitleaks finished") {
		t.Errorf("unwritable --output: exit %d, stderr %q; want 2 before the scan", bad.code,
			bad.stderr)
	}

	// A scan that fails leaves an earlier report as it was, and no file
	// where there was none.
	if r := runScanTest(t, "--timeout", "1ns", "--output", out, sc.Repo.Dir); r.code != 2 {
		t.Fatalf("--timeout 1ns: exit %d, want 2", r.code)
	}
	if after, err := os.ReadFile(out); err != nil || !bytes.Equal(after, b) {
		t.Errorf("a stopped scan changed the earlier report (err %v)", err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.json")
	if r := runScanTest(t, "--timeout", "1ns", "--output", fresh, sc.Repo.Dir); r.code != 2 {
		t.Fatalf("--timeout 1ns: exit %d, want 2", r.code)
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Error("a stopped scan left a report file behind")
	}

	// A report with secrets in full is readable by its owner alone, even
	// over a file that others could read.
	if err := os.Chmod(out, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runScanTest(t, "--show-secrets", "--output", out, sc.Repo.Dir); r.code != 1 {
		t.Fatalf("--show-secrets: exit %d, want 1: %s", r.code, r.stderr)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("report with secrets in full: mode %v, want 0600", info.Mode())
	}

	// A symbolic link to a file yet to be made is written through, as a
	// shell's > would.
	dir := t.TempDir()
	link, target := filepath.Join(dir, "link.json"), filepath.Join(dir, "target.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if r := runScanTest(t, "--format", "json", "--output", link, sc.Repo.Dir); r.code != 1 {
		t.Fatalf("--output through a dangling link: exit %d, want 1: %s", r.code, r.stderr)
	}
	if b, err := os.ReadFile(target); err != nil || !bytes.Contains(b, []byte(`"findings"`)) {
		t.Errorf("the link's target holds no report (err %v)", err)
	}
}

// TestScanNoLeak runs every kind of scan with default redaction and checks
// that no planted secret appears in full anywhere: stdout, stderr (debug
// logs included) or the report file.
func TestScanNoLeak(t *testing.T) {
	sc := testrepo.NewScenario(t)
	staged := testrepo.GitHubPAT(202)
	sc.Repo.Write("staged.env", "TOKEN="+staged+"\n")
	sc.Repo.Stage("staged.env")
	secrets := append(sc.Secrets(), staged)
	clone := sc.Repo.Clone(1)
	out := filepath.Join(t.TempDir(), "out")

	var runs [][]string
	for _, format := range []string{"text", "json"} {
		for _, extra := range [][]string{
			{sc.Repo.Dir},
			{"--debug", sc.Repo.Dir},
			{"--debug", "--staged", sc.Repo.Dir},
			{"--debug", "--no-git", sc.Repo.Dir},
			{"--debug", clone.Dir},
			{"--debug", "--output", out, sc.Repo.Dir},
		} {
			runs = append(runs, append([]string{"--format", format}, extra...))
		}
	}
	sawIgnored := false
	for _, args := range runs {
		os.Remove(out)
		r := runScanTest(t, args...)
		// gitleaks logs the value of a finding it skips for .gitleaksignore.
		sawIgnored = sawIgnored || strings.Contains(r.stderr, "skipping finding")
		if r.code == 2 {
			t.Errorf("keylint scan %s: exit 2: %s", strings.Join(args, " "), r.stderr)
		}
		file, _ := os.ReadFile(out)
		all := r.stdout + r.stderr + string(file)
		for _, s := range secrets {
			if strings.Contains(all, s) {
				t.Errorf("keylint scan %s: output holds a secret in full:\n%s",
					strings.Join(args, " "), all)
			}
		}
	}

	if !sawIgnored {
		t.Errorf("no debug log of a skipped finding: the test misses gitleaks' leaky log event")
	}

	// The check can fail: --show-secrets prints them.
	for _, flag := range []string{"--show-secrets", "--redact=false"} {
		r := runScanTest(t, flag, sc.Repo.Dir)
		if !strings.Contains(r.stdout, sc.Fresh) {
			t.Errorf("%s does not show the secret:\n%s", flag, r.stdout)
		}
	}
}

func TestScanConfig(t *testing.T) {
	sc := testrepo.NewScenario(t)
	write := func(content string) string {
		path := filepath.Join(t.TempDir(), "keylint.toml")
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}

	// Tiers, policy, excludes and fail-on from the file.
	cfg := write(`[policy]
standard = 500

[tiers]
"aws-access-token" = "standard"

[scan]
exclude = ["scripts/**", "config/legacy.env"]
fail-on = "overdue"
`)
	r := runScanTest(t, "--format", "json", "--config", cfg, sc.Repo.Dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (an overdue token); stderr %s", r.code, r.stderr)
	}
	var got []string
	for _, f := range decodeReport(t, r).Findings {
		got = append(got, fmt.Sprintf("%s %s %d %s", f.File, f.Tier, f.PolicyDays, f.Verdict))
	}
	want := []string{
		"config/app.env standard 500 within-policy",
		"config/dev.env sensitive 90 overdue",
		"deploy/aws.env standard 500 within-policy",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}

	// Flags win over the file.
	r = runScanTest(t, "--config", cfg, "--policy", "sensitive=200d", "--fail-on", "any",
		sc.Repo.Dir)
	if r.code != 1 || !strings.Contains(r.stdout, "0 overdue") {
		t.Errorf("--policy over config: exit %d, want 1 and nothing overdue:\n%s", r.code,
			r.stdout)
	}
	r = runScanTest(t, "--config", write("[scan]\nfail-on = \"none\"\n"), sc.Repo.Dir)
	if r.code != 0 {
		t.Errorf("fail-on none from the file: exit %d, want 0", r.code)
	}

	// DIR/.keylint.toml is read without --config.
	sc.Repo.Write(".keylint.toml", "[scan]\nfail-on = \"none\"\n")
	if r := runScanTest(t, sc.Repo.Dir); r.code != 0 {
		t.Errorf("DIR/.keylint.toml: exit %d, want 0", r.code)
	}

	// Errors name the file and the line, and exit 2.
	for _, tt := range []struct{ content, want string }{
		{"[policy]\nsensitive = 90\n\n[scan]\nfail_on = \"any\"\n",
			":5: unknown key scan.fail_on"},
		{"[policy]\nsensitive = \n", ":2: "},
	} {
		path := write(tt.content)
		r := runScanTest(t, "--config", path, sc.Repo.Dir)
		if r.code != 2 || !strings.HasPrefix(r.stderr, "keylint scan: "+path+tt.want) {
			t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, path+tt.want)
		}
	}
}

func TestScanShared(t *testing.T) {
	repo := testrepo.New(t)
	envs, services := testrepo.GitHubPAT(301), testrepo.AWSAccessKeyID(302)
	twice, moved := testrepo.GitHubPAT(303), testrepo.GitHubPAT(304)
	repo.Write(".env.staging", "TOKEN="+envs+"\n")
	repo.Write(".env.production", "TOKEN="+envs+"\n")
	repo.Write("services/billing/deploy.env", "AWS_ACCESS_KEY_ID="+services+"\n")
	repo.Write("services/search/deploy.env", "AWS_ACCESS_KEY_ID="+services+"\n")
	repo.Write("app.env", "A="+twice+"\nB="+twice+"\n")
	repo.Write("old.env", "TOKEN="+moved+"\n")
	repo.Commit("configs", testrepo.DaysAgo(30))
	repo.Git("mv", "old.env", "new.env")
	repo.Commit("rename", testrepo.DaysAgo(20))

	r := runScanTest(t, "--format", "json", repo.Dir)
	got := map[string]string{}
	for _, f := range decodeReport(t, r).Findings {
		v := strings.Join(f.IDs, ",")
		if f.SharedAcross != nil {
			v += " " + f.SharedAcross.Kind + " " + strings.Join(f.SharedAcross.Groups, ",")
		}
		got[f.File] = v
	}
	want := map[string]string{
		".env.production":             "KL201,KL203 environments production,staging",
		"services/billing/deploy.env": "KL201,KL203 services services/billing,services/search",
		"app.env":                     "KL201", // not reported: twice in one file
		"old.env":                     "KL201", // not reported: renamed, one file at HEAD
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
	text := runScanTest(t, repo.Dir)
	if !strings.Contains(text.stdout, "shared across environments production and staging: "+
		"use one secret per environment") {
		t.Errorf("text output does not explain KL203:\n%s", text.stdout)
	}
}

func TestScanBaseline(t *testing.T) {
	sc := testrepo.NewScenario(t)
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	r := runScanTest(t, "--write-baseline", baseline, sc.Repo.Dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(baseline)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sc.Secrets() {
		if strings.Contains(string(b), s) {
			t.Errorf("the baseline holds a secret:\n%s", b)
		}
	}
	t.Logf("baseline:\n%s", b)

	// Every secret found is baselined, even after a move and a new commit.
	sc.Repo.Git("mv", "deploy/aws.env", "deploy/aws-prod.env")
	sc.Repo.Commit("move the aws key", testrepo.DaysAgo(0))
	r = runScanTest(t, "--format", "json", "--baseline", baseline, sc.Repo.Dir)
	rep := decodeReport(t, r)
	if r.code != 0 || len(rep.Findings) != 0 || rep.Summary.Baselined != 5 {
		t.Errorf("exit %d, %d findings, %d baselined; want 0, 0, 5", r.code,
			len(rep.Findings), rep.Summary.Baselined)
	}

	// A new secret is reported; the text summary counts the baselined ones.
	sc.Repo.Write("new.env", "TOKEN="+testrepo.GitHubPAT(99)+"\n")
	sc.Repo.Commit("new token", testrepo.DaysAgo(0))
	r = runScanTest(t, "--baseline", baseline, sc.Repo.Dir)
	if r.code != 1 || !strings.Contains(r.stdout, "new.env:1:7: KL201") ||
		!strings.HasSuffix(r.stdout, ", 5 baselined\n") {
		t.Errorf("exit %d, want 1, the new secret and 5 baselined:\n%s", r.code, r.stdout)
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{\"version\": 1,\n\"secrets\": [}"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runScanTest(t, "--baseline", bad, sc.Repo.Dir)
	if r.code != 2 || !strings.Contains(r.stderr, bad+": line 2: malformed JSON") {
		t.Errorf("malformed baseline: exit %d, stderr %q; want 2 and the line", r.code,
			r.stderr)
	}
}

// TestScanSubdirectoryConfig checks that a scan of a directory inside a
// repository reads the repository's .keylint.toml unless the directory has
// its own.
func TestScanSubdirectoryConfig(t *testing.T) {
	sc := testrepo.NewScenario(t)
	sc.Repo.Write(".keylint.toml", "[scan]\nexclude = [\"config/**\"]\n")
	sc.Repo.Write("deploy/.keylint.toml", "[scan]\nexclude = [\"deploy/**\"]\n")
	files := func(args ...string) []string {
		t.Helper()
		r := runScanTest(t, append([]string{"--format", "json"}, args...)...)
		if r.code != 1 {
			t.Fatalf("exit %d, want 1; stderr %s", r.code, r.stderr)
		}
		var got []string
		for _, f := range decodeReport(t, r).Findings {
			got = append(got, f.File)
		}
		return got
	}
	all := []string{"deploy/aws.env", "scripts/ci.sh"} // config/** excluded
	for _, tc := range []struct {
		name string
		dir  string
		want []string
	}{
		{"top level", sc.Repo.Dir, all},
		{"subdirectory without a file", filepath.Join(sc.Repo.Dir, "scripts"), all},
		{"subdirectory with its own file", filepath.Join(sc.Repo.Dir, "deploy"),
			[]string{"config/app.env", "config/dev.env", "config/legacy.env",
				"scripts/ci.sh"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, files(tc.dir)); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScanUnknownTierRule checks that a rule name under [tiers] must be a
// rule the detector knows: gitleaks' defaults or one of .gitleaks.toml.
func TestScanUnknownTierRule(t *testing.T) {
	sc := testrepo.NewScenario(t)
	sc.Repo.Write(".keylint.toml", "[policy]\nstandard = 400\n\n[tiers]\n"+
		"\"github-pat\" = \"standard\"\n\"github-pta\" = \"standard\"\n")
	r := runScanTest(t, sc.Repo.Dir)
	want := "keylint scan: " + filepath.Join(sc.Repo.Dir, ".keylint.toml") +
		`:6: unknown rule "github-pta" under [tiers]`
	if r.code != 2 || !strings.HasPrefix(r.stderr, want) || r.stdout != "" {
		t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, want)
	}

	// A custom rule of the repository's .gitleaks.toml may be tiered.
	sc.Repo.Write(".gitleaks.toml", "title = \"custom\"\n[extend]\nuseDefault = true\n"+
		"[[rules]]\nid = \"acme-token\"\ndescription = \"ACME token\"\n"+
		"regex = '''acme_[a-z0-9]{24}'''\nkeywords = [\"acme_\"]\n")
	sc.Repo.Write(".keylint.toml", "[tiers]\n\"acme-token\" = \"standard\"\n"+
		"\"github-pat\" = \"standard\"\n")
	if r := runScanTest(t, sc.Repo.Dir); r.code != 1 || r.stderr != "" {
		t.Errorf("custom rule under [tiers]: exit %d, stderr %q; want 1 and none",
			r.code, r.stderr)
	}

	// A .gitleaks.toml with an allowlist and no [extend] would leave
	// gitleaks with no rule at all: that is an error, not a clean scan.
	sc.Repo.Write(".gitleaks.toml", "[allowlist]\npaths = ['''^docs/''']\n")
	sc.Repo.Write(".keylint.toml", "")
	r = runScanTest(t, sc.Repo.Dir)
	if want := "has no rules: add [extend] useDefault = true"; r.code != 2 ||
		!strings.Contains(r.stderr, want) {
		t.Errorf("config without rules: exit %d, stderr %q; want 2 and %q", r.code, r.stderr, want)
	}
}

// TestScanLiveRefs checks a secret that HEAD does not hold but main does:
// HEAD is on a branch that forked before the secret landed.
func TestScanLiveRefs(t *testing.T) {
	repo := testrepo.New(t)
	token := testrepo.AWSAccessKeyID(340)
	repo.Write("README.md", "# demo\n")
	repo.Commit("readme", testrepo.DaysAgo(300))
	repo.Git("branch", "feature")
	repo.Write("deploy/aws.env", "AWS_ACCESS_KEY_ID="+token+"\n")
	c120 := repo.Commit("aws key", testrepo.DaysAgo(120))
	repo.Git("checkout", "-q", "feature")
	repo.Write("feature.txt", "wip\n")
	repo.Commit("wip", testrepo.DaysAgo(2))

	r := runScanTest(t, "--format", "json", repo.Dir)
	rep := decodeReport(t, r)
	if r.code != 1 || len(rep.Findings) != 1 {
		t.Fatalf("exit %d, %d findings; want 1 and 1; stderr %s", r.code, len(rep.Findings),
			r.stderr)
	}
	f := rep.Findings[0]
	want := findingView{IDs: []string{"KL201"}, Rule: "aws-access-token", File: "deploy/aws.env",
		Introduced: c120 + " " + testrepo.DaysAgo(120).Format(time.RFC3339), AgeDays: ptr(120),
		AgeKnown: true, Tier: "sensitive", PolicyDays: 90, Verdict: "overdue", OverdueDays: 30,
		Locations: []string{"deploy/aws.env:1@" + c120}}
	if diff := cmp.Diff(want, viewFinding(f)); diff != "" {
		t.Errorf("finding mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"refs/heads/main"}, f.LiveRefs); diff != "" {
		t.Errorf("liveRefs mismatch (-want +got):\n%s", diff)
	}
	if s := rep.Summary; s.Overdue != 0 || s.OverdueOnOtherRefs != 1 {
		t.Errorf("summary %+v: want no KL202 and 1 overdue on other refs", s)
	}
	if !strings.Contains(r.stdout, `"liveRefs": [`) {
		t.Errorf("JSON lacks liveRefs:\n%s", r.stdout)
	}

	text := runScanTest(t, repo.Dir).stdout
	for _, want := range []string{"not at HEAD but still on refs/heads/main, 120 days old",
		"overdue by 30 days", "1 overdue on other refs only"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	// KL202 and --fail-on overdue stay about HEAD.
	if r := runScanTest(t, "--fail-on", "overdue", repo.Dir); r.code != 0 {
		t.Errorf("--fail-on overdue: exit %d, want 0 (nothing overdue at HEAD)", r.code)
	}
}

// TestScanRangeMode checks that a range scan says so in its JSON report.
func TestScanRangeMode(t *testing.T) {
	rr := newRangeRepo(t)
	for _, tc := range []struct {
		args  []string
		mode  string
		rng   *report.Range
		label string
	}{
		{[]string{"--range", rr.base + "..HEAD"}, "range",
			&report.Range{Base: rr.base, Head: rr.head}, "range"},
		{nil, "history", nil, "whole history"},
	} {
		r := runScanTest(t, append(append([]string{"--format", "json"}, tc.args...),
			rr.repo.Dir)...)
		rep := decodeReport(t, r)
		if rep.Mode != tc.mode || !cmp.Equal(rep.Range, tc.rng) {
			t.Errorf("%s: mode %q, range %+v; want %q, %+v", tc.label, rep.Mode, rep.Range,
				tc.mode, tc.rng)
		}
	}
}
