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
