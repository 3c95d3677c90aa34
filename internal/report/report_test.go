package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/age"
	"github.com/keylint/keylint/internal/redact"
	"github.com/keylint/keylint/internal/scan"
	"github.com/keylint/keylint/internal/testrepo"
	"github.com/keylint/keylint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sha returns a fake commit SHA for the commit made d days ago.
func sha(d int) string {
	return strings.Repeat(string(rune('a'+d%26)), 40)
}

func commitAt(d int) *scan.Commit {
	return &scan.Commit{SHA: sha(d), Date: testrepo.DaysAgo(d), Author: "Alice Example"}
}

func loc(file string, line, col, d int) scan.Location {
	return scan.Location{File: file, Line: line, Column: col, Commit: sha(d),
		Date: testrepo.DaysAgo(d), Author: "Alice Example"}
}

func headLoc(file string, line, col int) scan.Location {
	return loc(file, line, col, 1)
}

// secret builds a history secret first committed d days ago.
func secret(rule, value string, d int, locs ...scan.Location) scan.Secret {
	c := commitAt(d)
	return scan.Secret{Rule: rule, Value: value, Fingerprint: redact.Fingerprint(rule, value),
		Locations: locs, First: locs[0], FirstSeen: c, Introduced: c}
}

// scenario mirrors testrepo.Scenario as the scanner reports it.
func scenario() *scan.Result {
	old := secret("prefect-api-token", testrepo.PrefectToken(1), 400,
		loc("config/app.env", 2, 17, 400))
	old.AtHead, old.HeadLocations, old.LastSeen = true,
		[]scan.Location{headLoc("config/app.env", 2, 17)}, commitAt(1)

	removed := secret("github-pat", testrepo.GitHubPAT(2), 400, loc("config/legacy.env", 1, 14, 400))
	removed.Removed, removed.LastSeen = commitAt(200), commitAt(400)

	shared := secret("github-pat", testrepo.GitHubPAT(3), 120,
		loc("config/dev.env", 2, 14, 120), loc("config/prod.env", 3, 14, 120))
	shared.AtHead, shared.LastSeen = true, commitAt(1)
	shared.HeadLocations = []scan.Location{headLoc("config/dev.env", 2, 14),
		headLoc("config/prod.env", 3, 14)}

	dueSoon := secret("aws-access-token", testrepo.AWSAccessKeyID(4), 80,
		loc("deploy/aws.env", 1, 19, 80))
	dueSoon.AtHead, dueSoon.HeadLocations, dueSoon.LastSeen = true,
		[]scan.Location{headLoc("deploy/aws.env", 1, 19)}, commitAt(1)

	fresh := secret("github-pat", testrepo.GitHubPAT(5), 10, loc("scripts/ci.sh", 2, 17, 10))
	fresh.AtHead, fresh.HeadLocations, fresh.LastSeen = true,
		[]scan.Location{headLoc("scripts/ci.sh", 2, 17)}, commitAt(1)

	return &scan.Result{Mode: scan.History, Head: commitAt(1),
		Secrets: []scan.Secret{old, removed, shared, dueSoon, fresh}}
}

// summaryView is the part of a finding most tests compare.
type summaryView struct {
	IDs         []string
	File        string
	AtHead      bool
	AgeDays     *int
	AgeKnown    bool
	Tier        string
	PolicyDays  int
	Verdict     string
	OverdueDays int
	DueInDays   *int
}

func viewOf(f Finding) summaryView {
	return summaryView{f.IDs, f.File, f.AtHead, f.AgeDays, f.AgeKnown, f.Tier, f.PolicyDays,
		f.Verdict, f.OverdueDays, f.DueInDays}
}

func ptr(n int) *int { return &n }

func TestBuildScenario(t *testing.T) {
	t.Parallel()
	rep := Build(scenario(), Options{Now: testrepo.Now})
	var got []summaryView
	for _, f := range rep.Findings {
		got = append(got, viewOf(f))
	}
	want := []summaryView{
		{[]string{"KL201", "KL202"}, "config/app.env", true, ptr(400), true, "standard", 365,
			"overdue", 35, nil},
		{[]string{"KL201", "KL202"}, "config/dev.env", true, ptr(120), true, "sensitive", 90,
			"overdue", 30, nil},
		// No longer at HEAD: aged by its 200-day exposure window, KL201 only.
		{[]string{"KL201"}, "config/legacy.env", false, ptr(200), true, "sensitive", 90,
			"overdue", 110, nil},
		{[]string{"KL201"}, "deploy/aws.env", true, ptr(80), true, "sensitive", 90,
			"due-soon", 0, ptr(10)},
		{[]string{"KL201"}, "scripts/ci.sh", true, ptr(10), true, "sensitive", 90,
			"within-policy", 0, ptr(80)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
	wantSummary := Summary{Secrets: 5, Overdue: 2, UnknownAge: 0, DueSoon: 1, AtHead: 4}
	if diff := cmp.Diff(wantSummary, rep.Summary); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
}

func TestBuildPolicyOverride(t *testing.T) {
	t.Parallel()
	policy := age.Policy{rules.Sensitive: 20, rules.Standard: 500}
	rep := Build(scenario(), Options{Now: testrepo.Now, Policy: policy})
	verdicts := map[string]string{}
	for _, f := range rep.Findings {
		verdicts[f.File] = f.Verdict
	}
	want := map[string]string{
		"config/app.env":    "within-policy", // 400 days, standard 500
		"config/dev.env":    "overdue",
		"config/legacy.env": "overdue",
		"deploy/aws.env":    "overdue",  // 80 days, sensitive 20
		"scripts/ci.sh":     "due-soon", // 10 days: 10 left
	}
	if diff := cmp.Diff(want, verdicts); diff != "" {
		t.Errorf("verdicts mismatch (-want +got):\n%s", diff)
	}
}

func TestBuildModes(t *testing.T) {
	t.Parallel()
	value := testrepo.GitHubPAT(9)
	shallow := secret("github-pat", value, 1, loc("a.env", 1, 7, 1))
	shallow.Introduced, shallow.Shallow, shallow.AtHead = nil, true, true
	shallow.AtBoundary = true
	shallow.HeadLocations = []scan.Location{headLoc("a.env", 1, 7)}

	plain := scan.Secret{Rule: "github-pat", Value: value, Fingerprint: "f",
		Locations: []scan.Location{{File: "a.env", Line: 1, Column: 7}},
		First:     scan.Location{File: "a.env", Line: 1, Column: 7}}

	for _, tc := range []struct {
		name        string
		res         *scan.Result
		want        summaryView
		message     string
		notAfter    string
		minAge      *int
		wantSummary Summary
	}{
		{"shallow boundary", &scan.Result{Mode: scan.History, Shallow: true,
			Secrets: []scan.Secret{shallow}},
			summaryView{[]string{"KL201"}, "a.env", true, nil, false, "sensitive", 90,
				"unknown", 0, nil},
			"first seen in shallow clone boundary bbbbbbb (2026-04-30), at least 1 day old, " +
				"sensitive policy 90 days: age unknown; fetch full history (git fetch --unshallow) to date it",
			"2026-04-30T12:00:00Z", ptr(1), Summary{Secrets: 1, UnknownAge: 1, AtHead: 1}},
		{"staged", &scan.Result{Mode: scan.Staged, Secrets: []scan.Secret{plain}},
			summaryView{[]string{"KL201"}, "a.env", false, ptr(0), true, "sensitive", 90,
				"within-policy", 0, nil},
			"staged for commit, sensitive policy 90 days: remove it before committing",
			"", nil, Summary{Secrets: 1}},
		{"files", &scan.Result{Mode: scan.Files, Secrets: []scan.Secret{plain}},
			summaryView{[]string{"KL201"}, "a.env", false, nil, false, "sensitive", 90,
				"unknown", 0, nil},
			"in a file, sensitive policy 90 days: age unknown without git history",
			"", nil, Summary{Secrets: 1, UnknownAge: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := Build(tc.res, Options{Now: testrepo.Now})
			f := rep.Findings[0]
			if diff := cmp.Diff(tc.want, viewOf(f)); diff != "" {
				t.Errorf("finding mismatch (-want +got):\n%s", diff)
			}
			if f.Message != tc.message {
				t.Errorf("message\n got %q\nwant %q", f.Message, tc.message)
			}
			if f.IntroducedNotAfter != tc.notAfter || !cmp.Equal(f.MinAgeDays, tc.minAge) {
				t.Errorf("bounds: introducedNotAfter %q minAgeDays %v, want %q %v",
					f.IntroducedNotAfter, f.MinAgeDays, tc.notAfter, tc.minAge)
			}
			if f.Introduced != nil {
				t.Errorf("introduced = %+v, want null", f.Introduced)
			}
			if diff := cmp.Diff(tc.wantSummary, rep.Summary); diff != "" {
				t.Errorf("summary mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMessages(t *testing.T) {
	t.Parallel()
	rep := Build(scenario(), Options{Now: testrepo.Now})
	got := map[string]string{}
	for _, f := range rep.Findings {
		got[f.File] = f.Message
	}
	want := map[string]string{
		"config/app.env": "introduced 2025-03-27 by Alice Example (kkkkkkk), 400 days old, " +
			"standard policy 365 days: overdue by 35 days",
		"config/dev.env": "introduced 2026-01-01 by Alice Example (qqqqqqq), 120 days old, " +
			"sensitive policy 90 days: overdue by 30 days",
		"config/legacy.env": "introduced 2025-03-27 by Alice Example (kkkkkkk), removed " +
			"2025-10-13 (sssssss), exposed 200 days, sensitive policy 90 days: exposed 110 days " +
			"past policy; history still holds it",
		"deploy/aws.env": "introduced 2026-02-10 by Alice Example (ccccccc), 80 days old, " +
			"sensitive policy 90 days: due in 10 days",
		"scripts/ci.sh": "introduced 2026-04-21 by Alice Example (kkkkkkk), 10 days old, " +
			"sensitive policy 90 days: within policy, due in 80 days",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages mismatch (-want +got):\n%s", diff)
	}
}

func TestRedaction(t *testing.T) {
	t.Parallel()
	res := scenario()
	for _, show := range []bool{false, true} {
		rep := Build(res, Options{Now: testrepo.Now, ShowSecrets: show})
		var out bytes.Buffer
		for _, f := range Formats() {
			if err := Write(&out, f, rep); err != nil {
				t.Fatal(err)
			}
		}
		for _, s := range res.Secrets {
			if got := strings.Contains(out.String(), s.Value); got != show {
				t.Errorf("ShowSecrets=%v: output holds %s in full: %v", show, s.Rule, got)
			}
			if !strings.Contains(out.String(), redact.Secret(s.Value)) && !show {
				t.Errorf("redacted output lacks %s", redact.Secret(s.Value))
			}
		}
	}
}

// TestJSONContract checks the field names the README and the package doc
// promise.
func TestJSONContract(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := WriteJSON(&out, Build(scenario(), Options{Now: testrepo.Now})); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version  *int
		Findings []map[string]json.RawMessage
		Summary  map[string]json.RawMessage
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version == nil || *doc.Version != 1 {
		t.Errorf("version = %v, want 1", doc.Version)
	}
	for _, key := range []string{"ids", "rule", "secret", "fingerprint", "file", "line",
		"introduced", "atHead", "ageDays", "ageKnown", "tier", "policyDays", "verdict",
		"overdueDays", "locations"} {
		if _, ok := doc.Findings[0][key]; !ok {
			t.Errorf("finding lacks %q", key)
		}
	}
	var intro map[string]any
	if err := json.Unmarshal(doc.Findings[0]["introduced"], &intro); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"commit", "date", "author"} {
		if _, ok := intro[key]; !ok {
			t.Errorf("introduced lacks %q", key)
		}
	}
	var locs []map[string]any
	if err := json.Unmarshal(doc.Findings[0]["locations"], &locs); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"file", "line", "commit"} {
		if _, ok := locs[0][key]; !ok {
			t.Errorf("location lacks %q", key)
		}
	}
	for _, key := range []string{"secrets", "overdue", "unknownAge"} {
		if _, ok := doc.Summary[key]; !ok {
			t.Errorf("summary lacks %q", key)
		}
	}
}

// TestGolden compares both formats with testdata; go test -update rewrites
// the files.
func TestGolden(t *testing.T) {
	t.Parallel()
	rep := Build(scenario(), Options{Now: testrepo.Now})
	for _, f := range Formats() {
		var out bytes.Buffer
		if err := Write(&out, f, rep); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "scenario."+string(f))
		if *update {
			if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), out.String()); diff != "" {
			t.Errorf("%s output mismatch (-want +got):\n%s", f, diff)
		}
	}
}

func TestEmpty(t *testing.T) {
	t.Parallel()
	rep := Build(&scan.Result{Mode: scan.History}, Options{Now: time.Now()})
	var text, js bytes.Buffer
	if err := WriteText(&text, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, rep); err != nil {
		t.Fatal(err)
	}
	if text.String() != "keylint: no secrets found\n" {
		t.Errorf("text = %q", text.String())
	}
	if !strings.Contains(js.String(), `"findings": []`) {
		t.Errorf("JSON findings not an empty array:\n%s", js.String())
	}
}

func TestParseFormat(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Format{"text": Text, "JSON": JSON} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || err.Error() != `unknown format "xml" (want github, json, markdown, sarif or text)` {
		t.Errorf("ParseFormat(xml) error = %v", err)
	}
}

// TestExposureWindowEnd checks that a copy of a secret seen after its removal
// from HEAD's history (on another branch) keeps the window open.
func TestExposureWindowEnd(t *testing.T) {
	t.Parallel()
	s := secret("github-pat", testrepo.GitHubPAT(11), 100, loc("a.env", 1, 7, 100),
		loc("b.env", 1, 7, 50))
	s.Removed, s.LastSeen = commitAt(90), commitAt(50)
	rep := Build(&scan.Result{Mode: scan.History, Secrets: []scan.Secret{s}},
		Options{Now: testrepo.Now})
	if f := rep.Findings[0]; f.AgeDays == nil || *f.AgeDays != 50 || f.Verdict != "within-policy" {
		t.Errorf("window: ageDays %v verdict %s, want 50 days within policy", f.AgeDays, f.Verdict)
	}
}

// TestRemovalNotFound checks a secret that no ref holds and whose removal
// the scan did not find: its window is a lower bound, not a zero-day one.
func TestRemovalNotFound(t *testing.T) {
	t.Parallel()
	s := secret("github-pat", testrepo.GitHubPAT(12), 400, loc("a.env", 1, 7, 400),
		loc("b.env", 1, 7, 350))
	s.LastSeen = commitAt(350)
	rep := Build(&scan.Result{Mode: scan.History, Secrets: []scan.Secret{s}},
		Options{Now: testrepo.Now})
	f := rep.Findings[0]
	if f.AgeKnown || f.AgeDays != nil || f.MinAgeDays == nil || *f.MinAgeDays != 50 ||
		f.Verdict != "unknown" || f.AgeUnknownReason != removalUnknownReason {
		t.Errorf("ageKnown %v, ageDays %v, minAgeDays %v, verdict %s, reason %q; want a 50-day "+
			"lower bound of unknown verdict and why", f.AgeKnown, f.AgeDays, f.MinAgeDays,
			f.Verdict, f.AgeUnknownReason)
	}
	want := "not at HEAD, last seen " + day(commitAt(350).Date.Format(time.RFC3339)) +
		" (" + short(commitAt(350).SHA) + "), exposed at least 50 days, sensitive policy " +
		"90 days: exposure window unknown (the commit that removed it was not found); " +
		"history still holds it"
	if !strings.HasSuffix(f.Message, want) {
		t.Errorf("message %q\nwant it to end %q", f.Message, want)
	}
}

// TestFutureDated checks that a commit dated in the future does not make
// its secret read as new: its age is unknown, and the message says why.
func TestFutureDated(t *testing.T) {
	t.Parallel()
	s := secret("github-pat", testrepo.GitHubPAT(13), -800, loc("a.env", 1, 7, -800))
	s.AtHead, s.LastSeen = true, commitAt(-800)
	rep := Build(&scan.Result{Mode: scan.History, Secrets: []scan.Secret{s}},
		Options{Now: testrepo.Now})
	f := rep.Findings[0]
	if f.AgeKnown || f.Verdict != "unknown" || !strings.Contains(f.AgeUnknownReason, "future") {
		t.Errorf("ageKnown %v, verdict %s, reason %q; want an unknown age and why", f.AgeKnown,
			f.Verdict, f.AgeUnknownReason)
	}
	want := "age unknown (its commit " + short(s.Introduced.SHA) + " is dated " +
		s.Introduced.Date.Format(time.DateOnly) + ", in the future)"
	if !strings.HasSuffix(f.Message, want) {
		t.Errorf("message %q\nwant it to end %q", f.Message, want)
	}

	// A clock a few hours fast is not the future.
	s = secret("github-pat", testrepo.GitHubPAT(14), 0, loc("b.env", 1, 7, 0))
	s.AtHead, s.LastSeen = true, commitAt(0)
	s.Introduced.Date = testrepo.Now.Add(3 * time.Hour)
	rep = Build(&scan.Result{Mode: scan.History, Secrets: []scan.Secret{s}},
		Options{Now: testrepo.Now})
	if f := rep.Findings[0]; !f.AgeKnown {
		t.Errorf("a commit dated 3 hours ahead: age unknown (%s)", f.AgeUnknownReason)
	}
}

// TestDaterBoundsAndAlerts renders what the GitHub dater adds: a lower bound
// older than the clone's first sighting, and secrets reported by a
// secret-scanning alert, at HEAD and not.
func TestDaterBoundsAndAlerts(t *testing.T) {
	t.Parallel()
	bounded := secret("github-pat", testrepo.GitHubPAT(21), 3, loc("d2/d.env", 1, 3, 3))
	bounded.Introduced, bounded.Shallow, bounded.AtBoundary = nil, true, true
	bounded.AtHead, bounded.LastSeen = true, commitAt(1)
	bounded.IntroducedNotAfter = commitAt(20)
	bounded.AgeUnknownReason = "GitHub: d2/d.env was created with it"

	alert := func(value, rule string, d int, atHead bool) scan.Secret {
		s := secret(rule, value, d, loc("old.env", 4, 1, d))
		s.Shallow, s.LastSeen = true, commitAt(d)
		s.External = &scan.External{Source: "github-alert", ID: "7",
			Title: "GitHub secret-scanning alert #7", URL: "https://example.com/7"}
		s.DatedBy = "github-alert"
		if atHead {
			s.AtHead, s.HeadLocations, s.LastSeen = true,
				[]scan.Location{headLoc("old.env", 4, 1)}, commitAt(1)
		} else {
			s.AgeUnknownReason = "not at HEAD, and GitHub's alert does not say when it left"
		}
		return s
	}
	gone := alert(testrepo.GitHubPAT(22), "github-pat", 300, false)
	here := alert("acme_live_0123456789abcdef", "github:acme_key", 100, true)
	here.First.File, here.Locations[0].File, here.HeadLocations[0].File = "acme.txt",
		"acme.txt", "acme.txt"

	rep := Build(&scan.Result{Mode: scan.History, Shallow: true, Head: commitAt(1),
		Secrets: []scan.Secret{bounded, gone, here}}, Options{Now: testrepo.Now})
	type view struct {
		File, Verdict, DatedBy, Message string
		AgeKnown                        bool
		MinAgeDays                      *int
		NotAfter                        string
		OldestKnown                     *Commit
		External                        *External
	}
	var got []view
	for _, f := range rep.Findings {
		got = append(got, view{f.File, f.Verdict, f.DatedBy, f.Message, f.AgeKnown,
			f.MinAgeDays, f.IntroducedNotAfter, f.OldestKnown, f.External})
	}
	ext := &External{Source: "github-alert", ID: "7", Title: "GitHub secret-scanning alert #7",
		URL: "https://example.com/7"}
	want := []view{{
		File: "acme.txt", Verdict: "overdue", DatedBy: "github-alert", AgeKnown: true,
		External: ext,
		Message: "introduced 2026-01-21 by Alice Example (wwwwwww, dated by github-alert), " +
			"not in the scanned history, reported by GitHub secret-scanning alert #7, " +
			"100 days old, sensitive policy 90 days: overdue by 10 days",
	}, {
		File: "d2/d.env", Verdict: "unknown", MinAgeDays: ptr(20),
		NotAfter: formatTime(testrepo.DaysAgo(20)), OldestKnown: commit(commitAt(20)),
		Message: "first seen in shallow clone boundary ddddddd (2026-04-28), held since " +
			"at least 2026-04-11 (uuuuuuu), at least 20 days old, sensitive policy 90 days: " +
			"age unknown (GitHub: d2/d.env was created with it); fetch full history " +
			"(git fetch --unshallow) to date it",
	}, {
		File: "old.env", Verdict: "unknown", DatedBy: "github-alert", MinAgeDays: ptr(0),
		NotAfter: formatTime(testrepo.DaysAgo(300)), External: ext,
		Message: "introduced 2025-07-05 by Alice Example (ooooooo, dated by github-alert), " +
			"not in the scanned history, reported by GitHub secret-scanning alert #7, " +
			"not at HEAD, last seen 2025-07-05 (ooooooo), exposed at least 0 days, " +
			"sensitive policy 90 days: age unknown (not at HEAD, and GitHub's alert does " +
			"not say when it left)",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestSharedGroupsQuoted checks that the file and directory names KL203
// lists reach a message quoted when they hold control characters: the
// message goes into workflow annotations as it is.
func TestSharedGroupsQuoted(t *testing.T) {
	f := Finding{SharedAcross: &SharedAcross{Kind: "files",
		Groups: []string{"a b.env", "esc\x1b[31mred.env", "tab\there.env"}}}
	got := shared(f)
	want := `; shared across files a b.env, "esc\x1b[31mred.env" and "tab\there.env": use one secret per consumer`
	if got != want {
		t.Errorf("shared:\n got %q\nwant %q", got, want)
	}
}

// TestSummaryLineModes: only a history scan speaks of HEAD and ages.
func TestSummaryLineModes(t *testing.T) {
	t.Parallel()
	s := Summary{Secrets: 2, Overdue: 1, AtHead: 1, Baselined: 1}
	for mode, want := range map[string]string{
		"history": "keylint: 2 secrets (1 at HEAD): 1 overdue, 0 due soon, 0 of unknown age, 1 baselined",
		"range":   "keylint: 2 secrets (1 at HEAD): 1 overdue, 0 due soon, 0 of unknown age, 1 baselined",
		"staged":  "keylint: 2 secrets in the staged changes, 1 baselined",
		"files":   "keylint: 2 secrets in files read without git, of unknown age, 1 baselined",
	} {
		if got := summaryLine(&Report{Mode: mode, Summary: s}); got != want {
			t.Errorf("%s: %q, want %q", mode, got, want)
		}
	}
}

// TestElsewhereNotRepeated: a KL203 message that lists the files sharing a
// secret is not followed by the same files again.
func TestElsewhereNotRepeated(t *testing.T) {
	t.Parallel()
	f := Finding{
		Locations: []Location{{File: ".env"}, {File: "a.go"}, {File: "b.go"}},
		HeadLocations: []Location{{File: ".env"}, {File: "a.go"}, {File: "b.go"},
			{File: "vendor/c.go"}},
	}
	if got, want := elsewhere(f, ".env"), " (also in a.go, b.go, vendor/c.go)"; got != want {
		t.Errorf("no KL203: %q, want %q", got, want)
	}
	f.SharedAcross = &SharedAcross{Kind: "files", Groups: []string{".env", "a.go", "b.go"}}
	if got, want := elsewhere(f, ".env"), " (also in vendor/c.go)"; got != want {
		t.Errorf("KL203 across files: %q, want %q", got, want)
	}
	f.SharedAcross = &SharedAcross{Kind: "environments", Groups: []string{"production", "staging"}}
	if got, want := elsewhere(f, ".env"), " (also in a.go, b.go, vendor/c.go)"; got != want {
		t.Errorf("KL203 across environments: %q, want %q", got, want)
	}
}

// TestBadlyDated: a removal dated in the future, or a commit with no date
// git can read, leaves the age unknown and says why.
func TestBadlyDated(t *testing.T) {
	t.Parallel()
	future := secret("github-pat", testrepo.GitHubPAT(14), 100, loc("a.env", 1, 7, 100))
	future.LastSeen, future.Removed = commitAt(100), commitAt(-800)
	undated := secret("github-pat", testrepo.GitHubPAT(15), 100, loc("a.env", 1, 7, 100))
	undated.AtHead, undated.LastSeen = true, commitAt(100)
	undated.Introduced.Date = time.Time{}
	for _, tc := range []struct {
		name string
		s    scan.Secret
		want string
	}{
		{"removal in the future", future, "its commit " + short(future.Removed.SHA) +
			" is dated " + future.Removed.Date.Format(time.DateOnly) + ", in the future"},
		{"no date", undated, "its commit " + short(undated.Introduced.SHA) +
			" carries no date git can read"},
	} {
		rep := Build(&scan.Result{Mode: scan.History, Secrets: []scan.Secret{tc.s}},
			Options{Now: testrepo.Now})
		f := rep.Findings[0]
		if f.AgeKnown || f.Verdict != "unknown" || f.AgeUnknownReason != tc.want {
			t.Errorf("%s: ageKnown %v, verdict %s, reason %q; want unknown, %q", tc.name,
				f.AgeKnown, f.Verdict, f.AgeUnknownReason, tc.want)
		}
	}
}
