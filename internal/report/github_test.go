package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/testrepo"
)

func TestAnnotationEscaping(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		a    Annotation
		want string
	}{
		{"plain", Annotation{Level: "error", File: "a.go", Line: 3, Column: 7, Title: "KL101",
			Message: "hardcoded key"},
			"::error file=a.go,line=3,col=7,title=KL101::hardcoded key\n"},
		{"data", Annotation{Level: "warning", File: "a.go", Line: 1,
			Message: "100% sure\r\nsecond: line, still"},
			"::warning file=a.go,line=1::100%25 sure%0D%0Asecond: line, still\n"},
		{"properties", Annotation{Level: "notice", File: "dir,1/a:b%.go", Line: 2,
			EndLine: 4, Title: "KL104 a: b, c\nd", Message: "m"},
			"::notice file=dir%2C1/a%3Ab%25.go,line=2,endLine=4,title=KL104 a%3A b%2C c%0Ad::m\n"},
	} {
		if got := tc.a.command(); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestAnnotationCap(t *testing.T) {
	t.Parallel()
	var anns []Annotation
	for i := range 25 {
		anns = append(anns, Annotation{Level: "error", File: "a.go", Line: i + 1, Message: "e"})
	}
	for i := range 3 {
		anns = append(anns, Annotation{Level: "warning", File: "b.go", Line: i + 1, Message: "w"})
	}
	var out bytes.Buffer
	n, err := WriteAnnotations(&out, anns)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if n != 13 || len(lines) != 14 {
		t.Fatalf("wrote %d annotations in %d lines, want 13 and 14:\n%s", n, len(lines), &out)
	}
	if got := strings.Count(out.String(), "::error "); got != MaxAnnotationsPerLevel {
		t.Errorf("%d error annotations, want %d", got, MaxAnnotationsPerLevel)
	}
	if !strings.HasPrefix(lines[13], "keylint: 15 more findings not annotated") {
		t.Errorf("summary line = %q", lines[13])
	}
}

func TestGitHubStepSummary(t *testing.T) {
	t.Parallel()
	rep := Build(scenario(), Options{Now: testrepo.Now})
	summary := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteGitHub(&out, rep, GitHubOptions{StepSummary: summary}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, rep); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("earlier step\n"+md.String(), string(got)); diff != "" {
		t.Errorf("step summary (-want +got):\n%s", diff)
	}
	for _, s := range scenarioSecrets() {
		if strings.Contains(out.String()+string(got), s) {
			t.Errorf("GitHub output holds a secret in full")
		}
	}
}

func TestMarkdown(t *testing.T) {
	t.Parallel()
	var empty bytes.Buffer
	rep := Build(scenario(), Options{Now: testrepo.Now})
	rep.Findings, rep.Summary = nil, Summary{}
	if err := WriteMarkdown(&empty, rep); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(empty.String(), "mermaid") || strings.Contains(empty.String(), "|") {
		t.Errorf("empty summary has a table or chart:\n%s", &empty)
	}

	// A secret with no date (staged) is in the table, not in the chart.
	rep = Build(scenario(), Options{Now: testrepo.Now})
	rep.Findings[0].Introduced, rep.Findings[0].IntroducedNotAfter = nil, ""
	var out bytes.Buffer
	if err := WriteMarkdown(&out, rep); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), ":milestone"); n != 4 {
		t.Errorf("%d milestones, want 4:\n%s", n, &out)
	}
	for _, want := range []string{"config/app.env:2", "| — |", "```mermaid\ngantt"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, &out)
		}
	}
}

func TestMarkdownCells(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"ab":    "`ab`",
		"a|b":   "`a\\|b`",
		"a`b":   "``a`b``",
		"`a``":  "``` `a`` ```",
		"x\ny":  "`x y`",
		"a:b#c": "`a:b#c`",
	} {
		if got := code(in); got != want {
			t.Errorf("code(%q) = %q, want %q", in, got, want)
		}
	}
	if got := mermaidText("zz\r```\r<b>x</b>\n\u2028a.env"); strings.ContainsAny(got, "\r\n\u2028") {
		t.Errorf("mermaidText kept a line ending: %q", got)
	}
	if got := mermaidText("KL201 a:b #c;d"); got != "KL201 a b  c d" {
		t.Errorf("mermaidText = %q", got)
	}
}

// TestAnnotationsMostSevereFirst checks that GitHub's cap of 10 a level
// drops in-policy secrets before an overdue one: annotations are ordered
// by verdict, then by place.
func TestAnnotationsMostSevereFirst(t *testing.T) {
	t.Parallel()
	var r Report
	for i := range 12 {
		r.Findings = append(r.Findings, Finding{IDs: []string{"KL201"}, Rule: "github-pat",
			Verdict: "within-policy", AtHead: true, File: fmt.Sprintf("a%02d.env", i), Line: 1})
	}
	r.Findings = append(r.Findings,
		Finding{IDs: []string{"KL201"}, Rule: "github-pat", Verdict: "unknown", AtHead: true,
			File: "x.env", Line: 1},
		Finding{IDs: []string{"KL201"}, Rule: "github-pat", Verdict: "due-soon", AtHead: true,
			File: "y.env", Line: 1},
		Finding{IDs: []string{"KL201"}, Rule: "github-pat", Verdict: "overdue",
			File: "w.env", Line: 1},
		Finding{IDs: []string{"KL201", "KL202"}, Rule: "github-pat", Verdict: "overdue",
			AtHead: true, File: "z.env", Line: 1})
	var files []string
	for _, a := range ScanAnnotations(&r) {
		files = append(files, a.File)
	}
	want := []string{"z.env", "w.env", "y.env", "x.env", "a00.env", "a01.env"}
	if diff := cmp.Diff(want, files[:6]); diff != "" {
		t.Errorf("annotation order (-want +got):\n%s", diff)
	}
	var out bytes.Buffer
	if _, err := WriteAnnotations(&out, ScanAnnotations(&r)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "::error file=z.env,line=1,title=KL202 ") ||
		strings.Contains(out.String(), "a06.env") {
		t.Errorf("the cap kept the wrong annotations:\n%s", &out)
	}
}
