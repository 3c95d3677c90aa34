package report

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// copiedSecret is a pull request's report of an old secret it copied from
// config/dev.env (added by commit "old", before the range) into
// config/prod.env (commit "pr", in the range).
func copiedSecret() *Report {
	days := 246
	return &Report{Version: Version, Mode: "history", Findings: []Finding{{
		IDs: []string{"KL201", "KL202", "KL203"}, Rule: "github-pat", Secret: "ghp_Lq…(40 chars)",
		Fingerprint: "4b0e3aa8db754fad", Message: "overdue by 156 days", File: "config/dev.env",
		Line: 1, Column: 7, AtHead: true, AgeDays: &days, AgeKnown: true, Verdict: "overdue",
		Locations: []Location{
			{File: "config/dev.env", Line: 1, Column: 7, Commit: "old"},
			{File: "config/prod.env", Line: 1, Column: 7, Commit: "pr"},
		},
		HeadLocations: []Location{
			{File: "config/dev.env", Line: 1, Column: 7, Commit: "head"},
			{File: "config/prod.env", Line: 1, Column: 7, Commit: "head"},
		},
	}}}
}

func TestPreferAdded(t *testing.T) {
	t.Parallel()
	r := copiedSecret()
	PreferAdded(r, func(c string) bool { return c == "pr" || c == "head" })

	if got := ScanAnnotations(r)[0].File; got != "config/prod.env" {
		t.Errorf("annotation at %s, want config/prod.env", got)
	}
	var out bytes.Buffer
	if err := WriteSARIF(&out, r); err != nil {
		t.Fatal(err)
	}
	var where []string
	for _, res := range decodeSARIF(t, out.Bytes()).Runs[0].Results {
		where = append(where, res.RuleID+" "+
			res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	want := []string{"KL202 config/prod.env", "KL203 config/prod.env"}
	if diff := cmp.Diff(want, where); diff != "" {
		t.Errorf("SARIF results (-want +got):\n%s", diff)
	}

	// Outside the range nothing moves: the first file stays first.
	r = copiedSecret()
	PreferAdded(r, func(string) bool { return false })
	if got := ScanAnnotations(r)[0].File; got != "config/dev.env" {
		t.Errorf("annotation at %s without range commits, want config/dev.env", got)
	}
}

// TestPreferAddedLine: a pull request that adds a second copy of a secret
// to a file that already holds it is reported at the line it added.
func TestPreferAddedLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		added Location // the range commit's sighting
		want  Location
	}{
		{"same line at HEAD", Location{File: ".env", Line: 6, Commit: "pr"},
			Location{File: ".env", Line: 6}},
		// A later commit moved the line: the file is all that is known.
		{"line moved since", Location{File: ".env", Line: 5, Commit: "pr"},
			Location{File: ".env", Line: 3}},
	} {
		r := &Report{Findings: []Finding{{
			Locations: []Location{{File: ".env", Line: 3, Commit: "old"}, tc.added},
			HeadLocations: []Location{
				{File: ".env", Line: 3, Commit: "head"}, {File: ".env", Line: 6, Commit: "head"}},
		}}}
		PreferAdded(r, func(c string) bool { return c == "pr" })
		got := r.Findings[0].HeadLocations[0]
		if got.File != tc.want.File || got.Line != tc.want.Line {
			t.Errorf("%s: reported at %s:%d, want %s:%d", tc.name, got.File, got.Line,
				tc.want.File, tc.want.Line)
		}
	}
}
