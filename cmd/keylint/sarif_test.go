package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/report"
	"github.com/keylint/keylint/internal/report/sariftest"
)

type sarifLog struct {
	Runs []struct {
		AutomationDetails struct{ ID string }
		Results           []struct {
			RuleID              string
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

func readSARIF(t *testing.T, path string) (sarifLog, []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sariftest.Validate(b); err != nil {
		t.Fatalf("%s does not validate against the SARIF 2.1.0 schema: %v", path, err)
	}
	var log sarifLog
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	return log, b
}

func TestSARIFCommand(t *testing.T) {
	bin := buildKeylint(t)
	token := fakeToken()
	src := "package app\n\nconst apiKey = \"" + token + "\"\n"
	dir := writeModule(t, map[string]string{
		"go.mod":     "module example.com/m\n\ngo 1.22\n",
		"app/app.go": src,
	})
	run(t, dir, "git", "init", "-q")

	out := filepath.Join(dir, "analyzers.sarif")
	if r := run(t, dir, bin, "sarif", "-o", out, "./..."); r.code != 3 {
		t.Fatalf("keylint sarif: exit %d, want 3\n%s", r.code, r.stderr)
	}
	log, raw := readSARIF(t, out)
	if strings.Contains(string(raw), token) {
		t.Fatal("SARIF holds the key in full")
	}
	res := log.Runs[0].Results
	if len(res) != 1 {
		t.Fatalf("got %d results, want 1", len(res))
	}
	loc := res[0].Locations[0].PhysicalLocation
	got := []any{log.Runs[0].AutomationDetails.ID, res[0].RuleID, loc.ArtifactLocation.URI,
		loc.ArtifactLocation.URIBaseID, loc.Region.StartLine, loc.Region.StartColumn}
	want := []any{"keylint/analyzer/", "KL101", "app/app.go", "%SRCROOT%", 3, 16}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	if strings.HasSuffix(res[0].Message.Text, "(KL101)") {
		t.Errorf("message keeps the rule suffix: %q", res[0].Message.Text)
	}
	hash := res[0].PartialFingerprints["primaryLocationLineHash"]

	// Lines added above move the finding, not its identity.
	moved := "package app\n\n// A comment.\n\n" + src[len("package app\n\n"):]
	if err := os.WriteFile(filepath.Join(dir, "app/app.go"), []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, bin, "sarif", "-o", out, "./...")
	log, _ = readSARIF(t, out)
	r := log.Runs[0].Results[0]
	if line := r.Locations[0].PhysicalLocation.Region.StartLine; line != 5 {
		t.Errorf("moved finding on line %d, want 5", line)
	}
	if got := r.PartialFingerprints["primaryLocationLineHash"]; got != hash {
		t.Errorf("line hash changed when the line moved: %s, was %s", got, hash)
	}

	// --merge joins the runs of both engines into one valid log.
	scanOut := filepath.Join(dir, "scan.sarif")
	run(t, dir, "git", "add", ".")
	if r := run(t, dir, bin, "scan", "--staged", "--format", "sarif", "--output",
		scanOut); r.code != 1 {
		t.Fatalf("keylint scan --staged: exit %d, want 1\n%s", r.code, r.stderr)
	}
	merged := filepath.Join(dir, "keylint.sarif")
	if r := run(t, dir, bin, "sarif", "--merge", "-o", merged, out, scanOut); r.code != 0 {
		t.Fatalf("keylint sarif --merge: exit %d\n%s", r.code, r.stderr)
	}
	// A missing input, or an output that cannot be written, is exit 2 with
	// one line saying which.
	for _, args := range [][]string{{"-o", merged, out, filepath.Join(dir, "missing.sarif")},
		{"-o", filepath.Join(dir, "no", "such", "dir.sarif"), out}} {
		r := run(t, dir, bin, append([]string{"sarif", "--merge"}, args...)...)
		if r.code != 2 || strings.Count(r.stderr, "\n") != 1 ||
			!strings.Contains(r.stderr, "no such file or directory") {
			t.Errorf("sarif --merge %q: exit %d, stderr %q; want 2 and one line", args,
				r.code, r.stderr)
		}
	}
	log, _ = readSARIF(t, merged)
	var ids []string
	for _, run := range log.Runs {
		ids = append(ids, run.AutomationDetails.ID)
	}
	if diff := cmp.Diff([]string{"keylint/analyzer/", "keylint/scanner/"}, ids); diff != "" {
		t.Errorf("merged runs (-want +got):\n%s", diff)
	}
}

func TestSARIFFlags(t *testing.T) {
	t.Parallel()
	fl, err := parseSARIFFlags([]string{"-o", "x.sarif", "-hardcodedkey.tests", "--root=/r",
		"./..."})
	if err != nil {
		t.Fatal(err)
	}
	if fl.output != "x.sarif" || fl.root != "/r" ||
		!cmp.Equal(fl.pass, []string{"-hardcodedkey.tests", "./..."}) {
		t.Errorf("flags = %+v", fl)
	}
	for _, bad := range [][]string{{}, {"-o"}, {"--merge", "a.sarif"},
		{"--merge", "-o", "x.sarif", "--range", "a..b", "a.sarif"}} {
		if _, err := parseSARIFFlags(bad); err == nil {
			t.Errorf("parseSARIFFlags(%q) succeeded", bad)
		}
	}
}

func TestAnalyzerResults(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	file := filepath.Join(root, "a", "a.go")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("package a\nx := k\nx := k\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	diag := func(line int) map[string]any {
		p := file + ":" + string(rune('0'+line)) + ":1"
		return map[string]any{"category": "KL102", "posn": p, "end": p,
			"message": "m (KL102)"}
	}
	tree := map[string]any{
		"example.com/a": map[string]any{"keyexposure": []any{diag(2), diag(3)}},
		"example.com/a [example.com/a.test]": map[string]any{
			"keyexposure": []any{diag(2)}, "hardcodedkey": map[string]any{"error": "boom"}},
	}
	b, _ := json.Marshal(tree)
	results, failed, err := analyzerResults(b, root)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || len(failed) != 1 || !strings.HasSuffix(failed[0], "boom") {
		t.Fatalf("results %+v, failed %q", results, failed)
	}
	// The same rule on the same text: told apart by occurrence.
	h1, h2 := results[0].LineHash, results[1].LineHash
	if !strings.HasSuffix(h1, ":1") || !strings.HasSuffix(h2, ":2") || h1[:16] != h2[:16] {
		t.Errorf("line hashes %s %s", h1, h2)
	}
	if results[0].File != "a/a.go" || results[0].Message != "m" {
		t.Errorf("result = %+v", results[0])
	}
}

func TestSplitPosn(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][3]any{
		"/a/b.go:3:7":   {"/a/b.go", 3, 7},
		"C:/a/b.go:3:7": {"C:/a/b.go", 3, 7},
		"b.go:3":        {"b.go", 3, 0},
		"b.go":          {"b.go", 0, 0},
	} {
		f, l, c := splitPosn(in)
		if got := [3]any{f, l, c}; got != want {
			t.Errorf("splitPosn(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestAnalyzerSARIFEscapesPaths checks that an analyzer result in a file
// whose path holds URI-reserved characters gets a valid relative URI, and
// that report-github reads the path back from it.
func TestAnalyzerSARIFEscapesPaths(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	rel := "dir with space,comma:colon/prod:eu.go"
	file := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("package a\nconst k = x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]any{"example.com/a": map[string]any{
		"hardcodedkey": []any{map[string]any{"category": "KL101", "posn": file + ":2:7",
			"end": file + ":2:7", "message": "m (KL101)"}}}})
	results, _, err := analyzerResults(b, root)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "a.sarif")
	var buf bytes.Buffer
	if err := report.WriteSARIFLog(&buf, report.NewSARIF(report.EngineAnalyzer,
		results)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	log, _ := readSARIF(t, out)
	uri := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI
	if want := "dir%20with%20space,comma%3Acolon/prod%3Aeu.go"; uri != want {
		t.Errorf("URI = %q, want %q", uri, want)
	}
	fs, err := sarifFindings(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].File != rel || fs[0].Line != 2 {
		t.Errorf("read back %+v, want %s:2", fs, rel)
	}
}
