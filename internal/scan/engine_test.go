package scan

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/report"
	"github.com/zricethezav/gitleaks/v8/sources"

	"github.com/keylint/keylint/internal/testrepo"
)

// Made-up secrets of several rules, assembled here so that no test file
// holds one whole.
var (
	fakePAT     = "ghp_" + strings.Repeat("Kq7", 12)
	fakeAWS     = "AKIA" + "QYLPMN5HHHFPZAM2"
	fakeSlack   = "xoxb-" + "263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1"
	fakeGeneric = "Zx8" + "pQ2vL9mT4wR7yB3n"
	fakeStripe  = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
)

// engineFragments are fragments on which the engine and gitleaks could
// disagree if the engine were wrong: matches across lines, keywords far
// from their matches, text to decode, non-ASCII case folding, and generic
// findings that a specific rule's finding supersedes.
func engineFragments() []string {
	b64 := base64.StdEncoding.EncodeToString
	return []string{
		"",
		"package p\n\nfunc F(x int) int { return x }\n",
		"token := \"" + fakePAT + "\"\n",
		"const apiKey = \"" + fakeGeneric + "\"\n",
		"apiKey :=\n\t\"" + fakeGeneric + "\"\n",
		"api_key\n=\n\n" + fakeGeneric + "\n",
		"password = \n\n\n\n\n\n\n\n '" + fakeGeneric + "'\n",
		"// the key is below, far away\n" + strings.Repeat("x = 1\n", 30) + "v := \"" + fakeAWS + "\"\n",
		"secret: " + fakeSlack + "\nother: 1\n",
		"GITHUB_TOKEN=" + fakePAT + " # token\n",
		"config:\n  auth:\n    key: " + fakeGeneric + "\n",
		"encoded = \"" + b64([]byte("aws_access_key_id = "+fakeAWS)) + "\"\n",
		"blob: " + b64([]byte("token: "+fakePAT)) + "\n",
		"pct = \"api%5Fkey%3D" + fakeGeneric + "\"\n",
		"U+0041 U+0042\nU+0043 key = " + fakeGeneric + "\n",
		"\u212Aey = \"" + fakeGeneric + "\"\n",       // Kelvin sign: lowercases to k
		"ſecret = \"" + fakeGeneric + "\"\n",         // long s: folds to s
		"café := 1\nkey = \"" + fakeGeneric + "\"\n", // non-ASCII near a key
		"stripe_key: " + fakeStripe + "\n",
		"-----BEGIN RSA PRIVATE KEY-----\n" + strings.Repeat(b64([]byte(fakeGeneric+fakeGeneric))+"\n", 4) +
			"-----END RSA PRIVATE KEY-----\n",
		"curl -H 'Authorization: Bearer " + fakeGeneric + "' https://api.example.com\n",
		"x := map[string]string{\n\t\"token\":\n\t\t\"" + fakeGeneric + "\",\n}\n",
		"key\n" + strings.Repeat("\n", 20) + "= " + fakeGeneric + "\n",
		"# gitleaks:allow\ntoken = " + fakeGeneric + " // gitleaks:allow\n",
		"x = 1\ntoken = " + fakeGeneric + " // gitleaks:allow",
		"package p\n\nvar apiKey =\n\t\"" + fakeGeneric + "\"",
		"a\nb\nGITHUB_TOKEN=" + testrepo.GitHubPAT(7),
		"a\nb\nGITHUB_TOKEN=" + testrepo.GitHubPAT(8) + " \r x",
		"x\nstripe_key: " + fakeStripe + "\n" + "aws = " + fakeAWS,
		"x\ny\napi_key =\n\n" + fakeGeneric,
		"a\r\nsecret: " + fakeSlack + "\r\n" + "token = " + fakeGeneric,
	}
}

// testEngine builds the engine over gitleaks' default rules, as a scan
// does.
func testEngine(t testing.TB) *engine {
	t.Helper()
	cfg, err := defaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	d, err := newDetector(context.Background(), cfg, []string{t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(context.Background(), d)
	if e.triggers == nil {
		t.Fatal("no rule of the default config can be narrowed")
	}
	return e
}

// sameFindings fails when the engine and gitleaks find different things in
// raw.
func sameFindings(t *testing.T, e *engine, raw string) {
	t.Helper()
	ctx := context.Background()
	f := sources.Fragment{Raw: raw, FilePath: "dir/file.go", CommitSHA: strings.Repeat("c", 40),
		StartLine: 3}
	want := sortFindings(e.full.DetectContext(ctx, detect.Fragment(f)))
	got := sortFindings(e.detect(ctx, f))
	if diff := gocmp.Diff(want, got, cmpopts.IgnoreUnexported(report.Finding{}), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("engine and gitleaks differ on %q (-gitleaks +engine):\n%s", raw, diff)
	}
}

func sortFindings(fs []report.Finding) []report.Finding {
	fs = slices.Clone(fs)
	for i := range fs {
		slices.Sort(fs[i].Tags)
	}
	slices.SortFunc(fs, func(a, b report.Finding) int {
		return cmp.Or(cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.StartLine, b.StartLine),
			cmp.Compare(a.StartColumn, b.StartColumn), cmp.Compare(a.Secret, b.Secret),
			cmp.Compare(a.Match, b.Match))
	})
	return fs
}

func TestEngineMatchesGitleaks(t *testing.T) {
	e := testEngine(t)
	// Every fragment without a final newline through the engine: none
	// holds text the generic rule's line allowlists match.
	defer func(n int) { bigUnterminated = n }(bigUnterminated)
	bigUnterminated = 0
	found := 0
	for i, raw := range engineFragments() {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			sameFindings(t, e, raw)
			// A file without a final newline, whose last line gitleaks
			// locates in a way of its own; and one with CRLF endings.
			sameFindings(t, e, strings.TrimSuffix(raw, "\n"))
			sameFindings(t, e, strings.TrimSuffix(raw, "\n")+"\r")
			sameFindings(t, e, strings.TrimSuffix(raw, "\n")+" \r tail")
			sameFindings(t, e, strings.ReplaceAll(raw, "\n", "\r\n"))
		})
		found += len(e.full.DetectContext(context.Background(),
			detect.Fragment(sources.Fragment{Raw: raw})))
	}
	// The fragments are worth comparing only if gitleaks finds things in
	// them.
	if found < 15 {
		t.Fatalf("gitleaks finds %d secrets in the fragments; the comparison is too weak", found)
	}
}

// TestLinedDetectors checks the detectors of lined rule sets: fragments
// with other keywords get other sets, and past the bound on the cache each
// fragment's detector is built anew, with the same findings.
func TestLinedDetectors(t *testing.T) {
	defer func(n int32) { maxDetectors = n }(maxDetectors)
	maxDetectors = 2
	e := testEngine(t)
	for _, raw := range engineFragments() {
		sameFindings(t, e, raw)
	}
	if n := e.cached.Load(); n != 2 {
		t.Errorf("%d detectors cached, want the bound, 2", n)
	}
	n := 0
	e.detectors.Range(func(any, any) bool { n++; return true })
	if n != 2 {
		t.Errorf("the cache holds %d detectors, want 2", n)
	}
}

func TestNarrowable(t *testing.T) {
	e := testEngine(t)
	// The rules that cost most on source code must be narrowed, or the
	// engine saves nothing.
	for _, id := range []string{"generic-api-key", "github-pat", "aws-access-token",
		"slack-bot-token", "stripe-access-token"} {
		if !slices.ContainsFunc(e.linedRules, func(r config.Rule) bool { return r.RuleID == id }) {
			t.Errorf("rule %s is not narrowed", id)
		}
	}
	if n := len(e.linedRules) + len(e.rest.Config.Rules); n != len(e.full.Config.Rules) {
		t.Errorf("lined and rest hold %d rules, want all %d", n, len(e.full.Config.Rules))
	}
	// A match of the generic rule may continue over lines of spaces and
	// operators, never over words.
	for _, c := range "\t =:'\"" {
		if !e.interior[c] {
			t.Errorf("interior lacks %q", c)
		}
	}
	for _, c := range "aZ09_" {
		if e.interior[c] {
			t.Errorf("interior holds %q", c)
		}
	}
}

// FuzzEngine checks the engine against gitleaks itself on any fragment.
func FuzzEngine(f *testing.F) {
	for _, raw := range engineFragments() {
		f.Add(raw)
	}
	e := testEngine(f)
	defer func(n int) { bigUnterminated = n }(bigUnterminated)
	bigUnterminated = 0
	var lineRegexes []*regexp.Regexp
	for _, r := range e.full.Config.Rules {
		for _, a := range r.Allowlists {
			if a.RegexTarget == "line" {
				lineRegexes = append(lineRegexes, a.Regexes...)
			}
		}
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if len(raw) > 4096 {
			return
		}
		// Where a line allowlist matches, a big fragment without a final
		// newline may differ, as the engine documents.
		if !strings.HasSuffix(raw, "\n") && slices.ContainsFunc(lineRegexes,
			func(re *regexp.Regexp) bool { return re.MatchString(raw) }) {
			return
		}
		sameFindings(t, e, raw)
	})
}

// TestEngineRestGate checks the rules the engine runs only on fragments
// holding their keywords or on matching paths: a path-only rule (a PKCS#12
// file) fires on its path whatever the text, and a fragment without any
// keyword finds nothing, as in gitleaks.
func TestEngineRestGate(t *testing.T) {
	e := testEngine(t)
	if len(e.restPaths) == 0 || e.restAlways {
		t.Fatalf("default rules: %d path rules, always %v; want path rules and no "+
			"keywordless content rule", len(e.restPaths), e.restAlways)
	}
	ctx := context.Background()
	fragments := []sources.Fragment{
		{Raw: "not a certificate\n", FilePath: "deploy/cert.p12", CommitSHA: "c"},
		{Raw: "x := 1\n", FilePath: "main.go", CommitSHA: "c"},
		{Raw: "-----BEGIN PRIVATE KEY-----\n" + strings.Repeat("QUJD", 40) + "\n-----END PRIVATE KEY-----\n",
			FilePath: "k.pem", CommitSHA: "c"},
	}
	// Twice: the second time the paths' answers come from the memo.
	for _, f := range slices.Concat(fragments, fragments) {
		want := sortFindings(e.full.DetectContext(ctx, detect.Fragment(f)))
		got := sortFindings(e.detect(ctx, f))
		if diff := gocmp.Diff(want, got, cmpopts.IgnoreUnexported(report.Finding{}),
			cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: engine and gitleaks differ (-gitleaks +engine):\n%s", f.FilePath, diff)
		}
		if f.FilePath == "deploy/cert.p12" && len(got) != 1 {
			t.Errorf("the PKCS#12 path rule did not fire: %v", got)
		}
	}
}

func TestPathMemo(t *testing.T) {
	var m pathMemo
	calls := 0
	match := func(path, windows string) bool {
		calls++
		return strings.HasSuffix(path, ".p12") || strings.HasSuffix(windows, ".p12")
	}
	for range 3 {
		if !m.get("a.p12", "", match) || m.get("a.go", "", match) || !m.get("a.go", `C:\\a.p12`, match) {
			t.Fatal("wrong answer")
		}
	}
	if calls != 3 {
		t.Errorf("%d matches for 3 distinct paths asked 3 times each; want 3", calls)
	}
	// A full memo still answers, matching each time.
	for i := range maxMemoPaths + 10 {
		m.get(fmt.Sprint(i), "", match)
	}
	calls = 0
	if m.get("late.p12", "", match) != true || m.get("late.p12", "", match) != true || calls != 2 {
		t.Errorf("past the bound: %d matches for one path asked twice; want 2", calls)
	}
	if len(m.m) != maxMemoPaths {
		t.Errorf("memo holds %d paths, want the bound %d", len(m.m), maxMemoPaths)
	}
}
