package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/scan"
	"github.com/keylint/keylint/internal/testrepo"
)

// TestBuildLiveRefs checks secrets that HEAD no longer holds: one that
// another ref still holds is aged to now, one that no ref holds by its
// window.
func TestBuildLiveRefs(t *testing.T) {
	t.Parallel()
	onMain := func(d int, refs ...string) scan.Secret {
		s := secret("github-pat", testrepo.GitHubPAT(uint64(20+d)), d, loc("a.env", 1, 7, d))
		s.LiveRefs, s.LastSeen = refs, commitAt(2)
		return s
	}
	removed := onMain(120)
	removed.Removed, removed.LastSeen = commitAt(100), commitAt(101)
	for _, tc := range []struct {
		name    string
		sec     scan.Secret
		want    summaryView
		message string
		summary Summary
	}{
		{"overdue on another branch", onMain(120, "refs/heads/main"),
			summaryView{[]string{"KL201"}, "a.env", false, ptr(120), true, "sensitive", 90,
				"overdue", 30, nil},
			"introduced 2026-01-01 by Alice Example (qqqqqqq), not at HEAD but still on " +
				"refs/heads/main, 120 days old, sensitive policy 90 days: overdue by 30 days; " +
				"rotate it and delete it from those refs",
			Summary{Secrets: 1, OverdueOnOtherRefs: 1}},
		{"due soon on a tag", onMain(80, "refs/tags/v1"),
			summaryView{[]string{"KL201"}, "a.env", false, ptr(80), true, "sensitive", 90,
				"due-soon", 0, ptr(10)},
			"introduced 2026-02-10 by Alice Example (ccccccc), not at HEAD but still on " +
				"refs/tags/v1, 80 days old, sensitive policy 90 days: due in 10 days",
			Summary{Secrets: 1, DueSoon: 1}},
		{"within policy on many refs",
			onMain(10, "refs/heads/a", "refs/heads/b", "refs/stash", "refs/tags/v1"),
			summaryView{[]string{"KL201"}, "a.env", false, ptr(10), true, "sensitive", 90,
				"within-policy", 0, ptr(80)},
			"introduced 2026-04-21 by Alice Example (kkkkkkk), not at HEAD but still on " +
				"refs/heads/a, refs/heads/b, refs/stash and 1 more, 10 days old, sensitive " +
				"policy 90 days: within policy, due in 80 days",
			Summary{Secrets: 1}},
		{"on no ref: a closed window", removed,
			summaryView{[]string{"KL201"}, "a.env", false, ptr(20), true, "sensitive", 90,
				"within-policy", 0, nil},
			"introduced 2026-01-01 by Alice Example (qqqqqqq), removed 2026-01-21 (wwwwwww), " +
				"exposed 20 days, sensitive policy 90 days: within policy; history still holds it",
			Summary{Secrets: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := Build(&scan.Result{Mode: scan.History, Secrets: []scan.Secret{tc.sec}},
				Options{Now: testrepo.Now})
			f := rep.Findings[0]
			if diff := cmp.Diff(tc.want, viewOf(f)); diff != "" {
				t.Errorf("finding mismatch (-want +got):\n%s", diff)
			}
			if f.Message != tc.message {
				t.Errorf("message\n got %q\nwant %q", f.Message, tc.message)
			}
			if diff := cmp.Diff(tc.sec.LiveRefs, f.LiveRefs); diff != "" {
				t.Errorf("liveRefs mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.summary, rep.Summary); diff != "" {
				t.Errorf("summary mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestShallowAfterBoundary checks the message of a secret first added after
// a shallow clone's boundary: a lower bound, not a date.
func TestShallowAfterBoundary(t *testing.T) {
	t.Parallel()
	s := secret("github-pat", testrepo.GitHubPAT(30), 4, loc("re2.env", 1, 3, 4))
	s.Introduced, s.Shallow, s.AtHead = nil, true, true
	s.AgeUnknownReason = "first added after the shallow clone's boundary"
	rep := Build(&scan.Result{Mode: scan.History, Shallow: true, Secrets: []scan.Secret{s}},
		Options{Now: testrepo.Now})
	f := rep.Findings[0]
	want := "first seen 2026-04-27 by Alice Example (eeeeeee) in a shallow clone, at least " +
		"4 days old, sensitive policy 90 days: age unknown (first added after the shallow " +
		"clone's boundary); fetch full history (git fetch --unshallow) to date it"
	if f.Message != want || f.AgeKnown || f.AgeDays != nil || *f.MinAgeDays != 4 ||
		f.FirstSeen == nil {
		t.Errorf("got %+v\nmessage %q\nwant %q", f, f.Message, want)
	}
}

func TestBuildRangeMode(t *testing.T) {
	t.Parallel()
	res := scenario()
	res.Range = &scan.Range{Base: sha(100), Head: sha(1)}
	rep := Build(res, Options{Now: testrepo.Now})
	if rep.Mode != "range" || rep.Range == nil || rep.Range.Base != sha(100) ||
		rep.Range.Head != sha(1) {
		t.Errorf("mode %q, range %+v; want range %s..%s", rep.Mode, rep.Range, sha(100), sha(1))
	}
	if rep := Build(scenario(), Options{Now: testrepo.Now}); rep.Mode != "history" ||
		rep.Range != nil {
		t.Errorf("whole history: mode %q, range %+v", rep.Mode, rep.Range)
	}
}

// TestTextEscapes checks that file names and other text with control
// characters cannot split a finding's line or reach the terminal raw.
func TestTextEscapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file, also, author string
		want                     string // the start of the finding's line
	}{
		{"plain", "config/app.env", "", "Alice", "config/app.env:1:7: KL201 "},
		{"spaces and unicode stay", "dir with spaces/ünï.env", "", "Alice",
			"dir with spaces/ünï.env:1:7: KL201 "},
		{"newline", "nl\nfile.env", "", "Alice", `"nl\nfile.env":1:7: KL201 `},
		{"escape sequence", "x\x1b[31mRED\x1b[0m.env", "", "Alice",
			`"x\x1b[31mRED\x1b[0m.env":1:7: KL201 `},
		{"invalid UTF-8", "bad\xff.env", "", "Alice", `"bad\xff.env":1:7: KL201 `},
		{"right-to-left override", "a\u202ecod.env", "", "Alice", `"a\u202ecod.env":1:7: KL201 `},
		{"also in a control-character file", "a.env", "b\tc.env", "Alice", "a.env:1:7: KL201 "},
		{"author with an escape sequence", "a.env", "", "Eve\x1b]0;pwned\x07",
			"a.env:1:7: KL201 "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			locs := []scan.Location{loc(tc.file, 1, 7, 10)}
			if tc.also != "" {
				locs = append(locs, loc(tc.also, 1, 7, 10))
			}
			s := secret("github-pat", testrepo.GitHubPAT(31), 10, locs...)
			s.Introduced.Author = tc.author
			s.Removed, s.LastSeen = commitAt(5), commitAt(6)
			var out bytes.Buffer
			rep := Build(&scan.Result{Mode: scan.History, Secrets: []scan.Secret{s}},
				Options{Now: testrepo.Now})
			if err := WriteText(&out, rep); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], tc.want) {
				t.Fatalf("output %q: want 2 lines, the first starting %q", out.String(), tc.want)
			}
			if !printable(lines[0]) {
				t.Errorf("line %q holds unprintable characters", lines[0])
			}
			if tc.also != "" && !strings.Contains(lines[0], `(also in "b\tc.env")`) {
				t.Errorf("line %q does not quote the other file", lines[0])
			}
		})
	}
}
