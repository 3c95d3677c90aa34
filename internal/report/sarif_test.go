package report

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/report/sariftest"
	"github.com/keylint/keylint/internal/testrepo"
)

func scenarioSARIF(t *testing.T) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := WriteSARIF(&out, Build(scenario(), Options{Now: testrepo.Now})); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	t.Parallel()
	if err := sariftest.Validate(scenarioSARIF(t)); err != nil {
		t.Errorf("scanner SARIF does not validate: %v", err)
	}
	var empty bytes.Buffer
	if err := WriteSARIFLog(&empty, NewSARIF(EngineAnalyzer, nil)); err != nil {
		t.Fatal(err)
	}
	if err := sariftest.Validate(empty.Bytes()); err != nil {
		t.Errorf("empty analyzer SARIF does not validate: %v", err)
	}

	// The validator must be able to fail: an unknown version and a
	// result with a negative line are both invalid.
	for _, bad := range []string{
		`{"version": "2.0.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "k"}}, "results": [
		  {"message": {"text": "m"}, "locations": [{"physicalLocation": {
		    "artifactLocation": {"uri": "a"}, "region": {"startLine": -3}}}]}]}]}`,
	} {
		if err := sariftest.Validate([]byte(bad)); err == nil {
			t.Errorf("invalid log validated: %s", bad)
		}
	}
}

// sarifView is the part of a SARIF log GitHub code scanning reads.
type sarifView struct {
	Runs []struct {
		AutomationDetails struct{ ID string }
		Tool              struct {
			Driver struct {
				Name  string
				Rules []struct {
					ID               string
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text, Markdown string }
					HelpURI          string
					Properties       map[string]any
				}
			}
		}
		Results []struct {
			RuleID              string
			RuleIndex           int
			Level               string
			Message             struct{ Text string }
			PartialFingerprints map[string]string
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           struct{ StartLine, StartColumn int }
				}
			}
		}
	}
}

func decodeSARIF(t *testing.T, b []byte) sarifView {
	t.Helper()
	var v sarifView
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode SARIF: %v", err)
	}
	if len(v.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(v.Runs))
	}
	return v
}

func TestSARIFScanner(t *testing.T) {
	t.Parallel()
	out := scenarioSARIF(t)
	for _, s := range scenarioSecrets() {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("SARIF holds a secret in full")
		}
	}
	run := decodeSARIF(t, out).Runs[0]
	if run.AutomationDetails.ID != "keylint/scanner/" || run.Tool.Driver.Name != "keylint" {
		t.Errorf("run identity = %q %q", run.AutomationDetails.ID, run.Tool.Driver.Name)
	}

	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" ||
			!strings.HasPrefix(r.Help.Markdown, "# "+r.ID) || r.HelpURI == "" {
			t.Errorf("rule %s lacks descriptions or help: %+v", r.ID, r)
		}
		if r.Properties["security-severity"] == nil || r.Properties["precision"] == nil ||
			r.Properties["tags"] == nil {
			t.Errorf("rule %s properties = %v", r.ID, r.Properties)
		}
	}
	if diff := cmp.Diff([]string{"KL201", "KL202", "KL203"}, ids); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}

	type resultView struct{ Rule, Level, URI, Base string }
	var got []resultView
	for _, r := range run.Results {
		loc := r.Locations[0].PhysicalLocation
		got = append(got, resultView{r.RuleID, r.Level, loc.ArtifactLocation.URI,
			loc.ArtifactLocation.URIBaseID})
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s has ruleIndex %d", r.RuleID, r.RuleIndex)
		}
		if !strings.HasSuffix(r.PartialFingerprints["primaryLocationLineHash"], ":1") {
			t.Errorf("result %s fingerprints = %v", r.RuleID, r.PartialFingerprints)
		}
	}
	want := []resultView{
		{"KL202", "error", "config/app.env", "%SRCROOT%"},
		{"KL202", "error", "config/dev.env", "%SRCROOT%"},
		{"KL201", "error", "config/legacy.env", "%SRCROOT%"},
		{"KL201", "error", "deploy/aws.env", "%SRCROOT%"},
		{"KL201", "error", "scripts/ci.sh", "%SRCROOT%"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

// TestScanLineHashStable checks that a secret keeps its code-scanning
// identity when it moves to another line, file or commit.
func TestScanLineHashStable(t *testing.T) {
	t.Parallel()
	a := scenario()
	b := scenario()
	b.Secrets[0].HeadLocations[0].Line += 40
	b.Secrets[0].HeadLocations[0].File = "config/moved.env"
	b.Secrets[0].HeadLocations[0].Commit = sha(7)
	ha := scanResult(Build(a, Options{Now: testrepo.Now}).Findings[0]).LineHash
	hb := ""
	for _, f := range Build(b, Options{Now: testrepo.Now}).Findings {
		if f.Fingerprint == a.Secrets[0].Fingerprint {
			hb = scanResult(f).LineHash
		}
	}
	if ha != hb {
		t.Errorf("line hash changed with the location: %s, %s", ha, hb)
	}
	if other := ScanLineHash("KL201", a.Secrets[1].Fingerprint); other == ha {
		t.Errorf("two secrets share a line hash")
	}
}

func TestAnalyzerLineHash(t *testing.T) {
	t.Parallel()
	base := AnalyzerLineHash("KL101", `	const apiKey = "x"`, 1)
	for _, tc := range []struct {
		rule, line string
		occ        int
		same       bool
	}{
		{"KL101", `const   apiKey = "x"   `, 1, true},
		{"KL101", `const apiKey = "x"`, 2, false},
		{"KL102", `const apiKey = "x"`, 1, false},
		{"KL101", `const apiKey = "y"`, 1, false},
	} {
		got := AnalyzerLineHash(tc.rule, tc.line, tc.occ)
		if (got == base) != tc.same {
			t.Errorf("AnalyzerLineHash(%s, %q, %d) = %s, base %s; want same=%v", tc.rule,
				tc.line, tc.occ, got, base, tc.same)
		}
	}
}

// scenarioSecrets returns the values scenario plants.
func scenarioSecrets() []string {
	return []string{testrepo.PrefectToken(1), testrepo.GitHubPAT(2), testrepo.GitHubPAT(3),
		testrepo.AWSAccessKeyID(4), testrepo.GitHubPAT(5)}
}

// TestSARIFURIEscaping checks that a path with characters a URI reserves
// stays one relative path: a colon in the first segment would otherwise
// read as a scheme ("prod:eu.env"), and the schema's uri-reference format
// rejects what is left unescaped.
func TestSARIFURIEscaping(t *testing.T) {
	t.Parallel()
	for file, want := range map[string]string{
		"prod:eu.env":                          "prod%3Aeu.env",
		"dir with space,comma:colon/100%%.txt": "dir%20with%20space,comma%3Acolon/100%25%25.txt",
		"./a/b.go":                             "a/b.go",
		"q?#[x]/é.env":                         "q%3F%23%5Bx%5D/%C3%A9.env",
		"keep/-._~!$&'()*+;=@.txt":             "keep/-._~!$&'()*+;=@.txt",
		"a\\b\"c<d>e^f`g{h}i|j":                "a%5Cb%22c%3Cd%3Ee%5Ef%60g%7Bh%7Di%7Cj",
	} {
		if got := uri(file); got != want {
			t.Errorf("uri(%q) = %q, want %q", file, got, want)
		}
		if back, err := url.PathUnescape(want); err != nil ||
			back != strings.TrimPrefix(file, "./") {
			t.Errorf("%q unescapes to %q (%v), want the path back", want, back, err)
		}
		for _, engine := range []string{EngineScanner, EngineAnalyzer} {
			var out bytes.Buffer
			log := NewSARIF(engine, []SARIFResult{{RuleID: "KL201", Message: "m",
				File: file, Line: 1}})
			if err := WriteSARIFLog(&out, log); err != nil {
				t.Fatal(err)
			}
			if err := sariftest.Validate(out.Bytes()); err != nil {
				t.Errorf("%s SARIF for %q does not validate: %v", engine, file, err)
			}
		}
	}
}
