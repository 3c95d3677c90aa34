package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/report"
)

// writeInputs writes a scanner JSON report with two secrets and an analyzer
// SARIF log with one result, as the action hands them over.
func writeInputs(t *testing.T) (scanJSON, sarifFile string) {
	t.Helper()
	dir := t.TempDir()
	days := 120
	rep := &report.Report{Version: 1, Mode: "history", Findings: []report.Finding{
		{IDs: []string{"KL201", "KL202"}, Rule: "github-pat", Secret: "ghp_ab…(40 chars)",
			Fingerprint: "0123456789abcdef", Message: "overdue by 30 days", File: "config/app.env",
			Line: 2, Column: 5, AtHead: true, Introduced: &report.Commit{
				Commit: strings.Repeat("1", 40), Date: "2026-01-01T10:00:00Z", Author: "a"}, AgeDays: &days, AgeKnown: true, Tier: "sensitive",
			PolicyDays: 90, Verdict: "overdue", OverdueDays: 30},
		{IDs: []string{"KL201"}, Rule: "github-pat", Secret: "ghp_cd…(40 chars)",
			Fingerprint: "fedcba9876543210", Message: "staged", File: "app.go", Line: 10,
			Column: 3, Tier: "sensitive", PolicyDays: 90, Verdict: "unknown"},
	}, Summary: report.Summary{Secrets: 2, Overdue: 1, AtHead: 1}}
	var js, sarif bytes.Buffer
	if err := report.WriteJSON(&js, rep); err != nil {
		t.Fatal(err)
	}
	log := report.NewSARIF(report.EngineAnalyzer, []report.SARIFResult{{RuleID: "KL102",
		Message: "full key logged", File: "app.go", Line: 11, Column: 2}})
	if err := report.WriteSARIFLog(&sarif, log); err != nil {
		t.Fatal(err)
	}
	scanJSON, sarifFile = filepath.Join(dir, "scan.json"), filepath.Join(dir, "an.sarif")
	for name, b := range map[string][]byte{scanJSON: js.Bytes(), sarifFile: sarif.Bytes()} {
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return scanJSON, sarifFile
}

func writeEvent(t *testing.T, number int, head string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "event.json")
	ev := `{"action": "synchronize", "number": 7, "pull_request": {"number": ` +
		strconv.Itoa(number) + `, "head": {"sha": "` + head + `", "ref": "feature"},
		"base": {"sha": "` + strings.Repeat("0", 40) + `", "ref": "main"}}}`
	if err := os.WriteFile(path, []byte(ev), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReportGitHub(t *testing.T) {
	t.Parallel()
	scanJSON, sarifFile := writeInputs(t)
	head := strings.Repeat("e", 40)
	pr := githubtest.PullRequest{Number: 7, Files: []githubtest.PullFile{
		{Filename: "app.go", Patch: "@@ -9,2 +9,4 @@\n a\n+b\n+c\n d"}}}

	for _, tc := range []struct {
		mode, wantStderr string
		readOnly         bool
		wantStdout       string
	}{
		{"check", "check run 1001 with 3 annotations (1 requests)", false, ""},
		{"review", "review with 2 comments, 1 findings outside the diff", false, ""},
		{"check", "the token may not write", true, "::error file=config/app.env,line=2,col=5"},
		{"annotations", "", false, "::error file=app.go,line=11,col=2,title=KL102"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			t.Parallel()
			pr := pr
			pr.ReadOnly = tc.readOnly
			srv, writes := githubtest.NewPull(t, githubtest.Config{}, pr)
			env := map[string]string{"GITHUB_REPOSITORY": srv.Owner() + "/" + srv.Repo(),
				"GITHUB_API_URL": srv.APIURL(), "GITHUB_EVENT_PATH": writeEvent(t, 7, head)}
			fl, err := parseReportGitHubFlags([]string{"--scan-json", scanJSON, "--sarif",
				sarifFile, "--mode", tc.mode}, func(k string) string { return env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if fl.pull != 7 || fl.sha != head {
				t.Errorf("pull %d sha %s from the event", fl.pull, fl.sha)
			}
			var stdout, stderr bytes.Buffer
			if err := reportGitHub(context.Background(), fl, "tok", &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stderr.String(), tc.wantStderr) ||
				!strings.Contains(stdout.String(), tc.wantStdout) {
				t.Errorf("stdout:\n%s\nstderr:\n%s", &stdout, &stderr)
			}
			if tc.mode == "check" && !tc.readOnly {
				run := writes.CheckRuns()[0]
				if run["head_sha"] != head || run["conclusion"] != "failure" {
					t.Errorf("check run %v", run)
				}
				summary := run["output"].(map[string]any)["summary"].(string)
				if !strings.Contains(summary, "```mermaid") ||
					!strings.Contains(summary, "1 finding in the SARIF logs") {
					t.Errorf("summary:\n%s", summary)
				}
			}
		})
	}
}

func TestReportGitHubFlags(t *testing.T) {
	t.Parallel()
	none := func(string) string { return "" }
	for _, args := range [][]string{
		{},
		{"--sarif", "a", "--mode", "poke"},
		{"--sarif", "a", "--mode", "review", "--repo", "o/r"},
		{"--sarif", "a"},
	} {
		if _, err := parseReportGitHubFlags(args, none); err == nil {
			t.Errorf("parseReportGitHubFlags(%q) succeeded", args)
		}
	}
	if _, err := parseReportGitHubFlags([]string{"--sarif", "a", "--mode", "annotations"},
		none); err != nil {
		t.Errorf("annotations need no repository: %v", err)
	}
}
