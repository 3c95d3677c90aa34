package ghreport

import (
	"context"
	"fmt"
	"time"

	gh "github.com/google/go-github/v75/github"

	"github.com/keylint/keylint/internal/github"
)

// annotationsPerRequest is GitHub's limit for one check-run request.
const annotationsPerRequest = 50

// maxSummary is GitHub's limit for a check run's summary, in characters.
const maxSummary = 65535

// postCheck creates a completed check run with the first 50 annotations and
// updates it with the rest, 50 at a time: GitHub appends the annotations
// of each update to the run's.
func postCheck(ctx context.Context, c *github.Client, fs []Finding, opts Options) (Result, error) {
	if opts.HeadSHA == "" {
		return Result{}, fmt.Errorf("check run: no head commit")
	}
	anns := make([]*gh.CheckRunAnnotation, 0, len(fs))
	for _, f := range fs {
		anns = append(anns, checkAnnotation(f))
	}
	title := checkTitle(fs)
	output := func(batch []*gh.CheckRunAnnotation) *gh.CheckRunOutput {
		return &gh.CheckRunOutput{Title: gh.Ptr(title), Summary: gh.Ptr(truncate(opts.Summary,
			maxSummary)), Annotations: batch}
	}

	first := anns[:min(len(anns), annotationsPerRequest)]
	run, _, err := c.Raw().Checks.CreateCheckRun(github.Context(ctx), c.Owner(), c.Repo(),
		gh.CreateCheckRunOptions{Name: opts.Name, HeadSHA: opts.HeadSHA,
			Status: gh.Ptr("completed"), Conclusion: gh.Ptr(conclusion(fs)),
			CompletedAt: &gh.Timestamp{Time: time.Now()}, Output: output(first)})
	if err != nil {
		return Result{Mode: Check}, c.Classify(err, "/check-runs")
	}
	res := Result{Mode: Check, CheckRun: run.GetID(), Posted: len(first)}
	for rest := anns[len(first):]; len(rest) > 0; {
		batch := rest[:min(len(rest), annotationsPerRequest)]
		rest = rest[len(batch):]
		_, _, err := c.Raw().Checks.UpdateCheckRun(github.Context(ctx), c.Owner(), c.Repo(),
			res.CheckRun, gh.UpdateCheckRunOptions{Name: opts.Name, Output: output(batch)})
		if err != nil {
			return res, c.Classify(err, fmt.Sprintf("/check-runs/%d", res.CheckRun))
		}
		res.Posted += len(batch)
	}
	return res, nil
}

func checkAnnotation(f Finding) *gh.CheckRunAnnotation {
	end := max(f.EndLine, f.Line)
	a := &gh.CheckRunAnnotation{
		Path: gh.Ptr(f.File), StartLine: gh.Ptr(max(f.Line, 1)), EndLine: gh.Ptr(max(end, 1)),
		AnnotationLevel: gh.Ptr(checkLevel(f.Level)), Title: gh.Ptr(f.Title),
		Message: gh.Ptr(f.Message),
	}
	// Columns are only allowed on a one-line annotation.
	if end == f.Line && f.Column > 0 {
		a.StartColumn, a.EndColumn = gh.Ptr(f.Column), gh.Ptr(f.Column)
	}
	return a
}

// checkLevel maps an annotation level to a check run's: notice, warning or
// failure.
func checkLevel(level string) string {
	switch level {
	case "error":
		return "failure"
	case "warning":
		return "warning"
	}
	return "notice"
}

// conclusion fails the run on any error-level finding; warnings and notes
// leave it neutral, no findings make it a success.
func conclusion(fs []Finding) string {
	out := "success"
	for _, f := range fs {
		if f.Level == "error" {
			return "failure"
		}
		out = "neutral"
	}
	return out
}

func checkTitle(fs []Finding) string {
	switch len(fs) {
	case 0:
		return "keylint: no findings"
	case 1:
		return "keylint: 1 finding"
	}
	return fmt.Sprintf("keylint: %d findings", len(fs))
}

// truncate keeps s under n characters, saying so when it cuts.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	const cut = "\n\n…(truncated)"
	return string(r[:n-len([]rune(cut))]) + cut
}
