package report

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/keylint/keylint/internal/age"
	"github.com/keylint/keylint/rules"
)

// Annotation is one GitHub Actions workflow-command annotation.
type Annotation struct {
	RuleID  string // not printed: the title names it
	Level   string // error, warning or notice
	File    string // relative to the repository root
	Line    int
	Column  int
	EndLine int
	Title   string
	Message string
}

// MaxAnnotationsPerLevel is how many annotations of one level GitHub shows
// for a step: it drops the rest silently, so keylint counts them instead.
const MaxAnnotationsPerLevel = 10

// AnnotationLevel maps a catalog severity to an annotation level.
func AnnotationLevel(severity string) string {
	switch severity {
	case "error", "warning":
		return severity
	}
	return "notice"
}

// WriteAnnotations writes anns as workflow commands, at most
// MaxAnnotationsPerLevel a level, then one line counting those left out.
// It returns how many were written.
func WriteAnnotations(w io.Writer, anns []Annotation) (int, error) {
	var b strings.Builder
	shown := map[string]int{}
	written, left := 0, 0
	for _, a := range anns {
		if shown[a.Level] >= MaxAnnotationsPerLevel {
			left++
			continue
		}
		shown[a.Level]++
		written++
		b.WriteString(a.command())
	}
	if left > 0 {
		fmt.Fprintf(&b, "keylint: %d more findings not annotated (GitHub shows %d "+
			"annotations of each level a step); see the job summary or the SARIF report\n",
			left, MaxAnnotationsPerLevel)
	}
	_, err := io.WriteString(w, b.String())
	return written, err
}

// command formats a as one workflow command line, such as
// "::error file=a.go,line=3,col=7,title=KL101 hardcoded key::message".
func (a Annotation) command() string {
	var props []string
	add := func(k, v string) {
		if v != "" && v != "0" {
			props = append(props, k+"="+escapeProperty(v))
		}
	}
	add("file", a.File)
	add("line", fmt.Sprint(a.Line))
	add("col", fmt.Sprint(a.Column))
	if a.EndLine > a.Line {
		add("endLine", fmt.Sprint(a.EndLine))
	}
	add("title", a.Title)
	return "::" + a.Level + " " + strings.Join(props, ",") + "::" + escapeData(a.Message) + "\n"
}

// escapeData escapes a workflow command's message, as the runner reads it.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, which also
// ends at a comma and may not hold a colon.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A",
		",", "%2C").Replace(s)
}

// ScanAnnotations returns an annotation per finding, at the same place the
// text report gives, the most urgent first: overdue secrets at HEAD, other
// overdue ones, those due soon, those of unknown age, then the rest, each
// in the report's order. GitHub shows only the first 10 of a level, so the order
// decides which survive.
func ScanAnnotations(r *Report) []Annotation {
	findings := slices.Clone(r.Findings)
	slices.SortStableFunc(findings, func(a, b Finding) int {
		return cmp.Compare(urgency(a), urgency(b))
	})
	var anns []Annotation
	for _, f := range findings {
		res := scanResult(f)
		rule, _ := rules.Lookup(res.RuleID)
		anns = append(anns, Annotation{
			RuleID: res.RuleID, Level: AnnotationLevel(rule.Severity), File: res.File, Line: res.Line,
			Column: res.Column, Title: res.RuleID + " " + rule.Title + ": " + f.Rule,
			Message: f.Secret + " " + f.Message + elsewhere(f, res.File),
		})
	}
	return anns
}

// urgency ranks a finding for ScanAnnotations: lower is more urgent.
func urgency(f Finding) int {
	switch {
	case slices.Contains(f.IDs, "KL202"):
		return 0
	case f.Verdict == string(age.Overdue): // gone from HEAD, but history holds it
		return 1
	case f.Verdict == string(age.DueSoon):
		return 2
	case f.Verdict == string(age.Unknown):
		return 3
	}
	return 4
}

// GitHubOptions control WriteGitHub.
type GitHubOptions struct {
	// StepSummary is a file to append the Markdown summary to: the value
	// of $GITHUB_STEP_SUMMARY in a workflow step. Empty skips it.
	StepSummary string
}

// WriteGitHub writes the findings as workflow-command annotations and the
// summary line, and appends the Markdown summary to opts.StepSummary.
func WriteGitHub(w io.Writer, r *Report, opts GitHubOptions) error {
	if _, err := WriteAnnotations(w, ScanAnnotations(r)); err != nil {
		return err
	}
	if _, err := io.WriteString(w, summaryLine(r)+"\n"); err != nil {
		return err
	}
	if opts.StepSummary == "" {
		return nil
	}
	f, err := os.OpenFile(opts.StepSummary, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("open step summary: %w", err)
	}
	if err := WriteMarkdown(f, r); err != nil {
		f.Close()
		return fmt.Errorf("write step summary: %w", err)
	}
	return f.Close()
}

// writeGitHubEnv is the github format's writer: in a workflow step it also
// fills the job summary.
func writeGitHubEnv(w io.Writer, r *Report) error {
	return WriteGitHub(w, r, GitHubOptions{StepSummary: os.Getenv("GITHUB_STEP_SUMMARY")})
}
