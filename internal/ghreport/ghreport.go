// Package ghreport reports keylint's findings on a GitHub pull request
// through the REST API: as a check run with annotations, or as one pull
// request review with a comment on each finding in the diff.
//
// A token that may not write (GITHUB_TOKEN on a pull request from a fork
// gets 403 "Resource not accessible by integration") is not a failure:
// the findings are then printed as workflow-command annotations, which
// the runner turns into annotations without any permission.
//
// # Limitations
//
// GitHub shows at most 50 annotations a check-run request, so a check run
// with more is created with the first 50 and updated with the rest, 50 at
// a time; the run's page shows them all. A review comments only on lines
// the pull request's diff shows (added or context lines): findings
// elsewhere are counted in the review's body. Files whose diff GitHub
// does not send (binary, too large) get no comments.
package ghreport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/keylint/keylint/internal/github"
	"github.com/keylint/keylint/internal/report"
)

// Finding is one thing to report.
type Finding struct {
	RuleID  string
	Level   string // error, warning or notice
	Title   string
	Message string
	File    string // slash-separated, relative to the repository root
	Line    int
	EndLine int
	Column  int
}

// Mode says how to report.
type Mode string

// The modes.
const (
	Check       Mode = "check"       // a check run with annotations
	Review      Mode = "review"      // one pull request review
	Annotations Mode = "annotations" // workflow commands on stdout
)

// ParseMode returns the mode named s.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case Check, Review, Annotations:
		return m, nil
	}
	return "", fmt.Errorf("unknown report mode %q (want check, review or annotations)", s)
}

// Options configure Post.
type Options struct {
	Mode Mode
	// HeadSHA is the commit to report on: the pull request's head.
	HeadSHA string
	// Pull is the pull request's number; Review needs it.
	Pull int
	// Name is the check run's name; empty means "keylint".
	Name string
	// Summary is Markdown for the check run's summary or the review body.
	Summary string
	// Stdout receives the annotations of the Annotations mode and of the
	// fallback.
	Stdout io.Writer
	// Logger receives what happened; nil discards it.
	Logger *slog.Logger
}

// Result says what Post did.
type Result struct {
	Mode      Mode // what was done: Annotations after a fallback
	FellBack  bool // the token could not write; annotations were printed
	Posted    int  // annotations or comments sent or printed
	Omitted   int  // findings not posted (outside the diff, over a cap)
	CheckRun  int64
	ReviewID  int64
	Requests  int // API requests sent for this report
	Reason    string
	Annotated int // workflow-command annotations GitHub will show
}

// Post reports findings as opts.Mode says. When the token may not write,
// it prints annotations instead and returns no error.
func Post(ctx context.Context, c *github.Client, fs []Finding, opts Options) (Result, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Name == "" {
		opts.Name = "keylint"
	}
	before := 0
	if c != nil {
		before = c.Requests()
	}
	var res Result
	var err error
	switch opts.Mode {
	case Check:
		res, err = postCheck(ctx, c, fs, opts)
	case Review:
		res, err = postReview(ctx, c, fs, opts)
	case Annotations:
		return annotate(fs, opts.Stdout, "")
	default:
		return Result{}, fmt.Errorf("unknown report mode %q", opts.Mode)
	}
	if c != nil {
		res.Requests = c.Requests() - before
	}
	if errors.Is(err, github.ErrForbidden) && res.CheckRun == 0 {
		// Nothing was written: a read-only token, as on a fork's pull
		// request. Annotations need no permission.
		opts.Logger.Warn("token may not write; printing annotations instead", "err", err)
		fb, aerr := annotate(fs, opts.Stdout, err.Error())
		fb.Requests = res.Requests
		return fb, aerr
	}
	return res, err
}

// annotate prints fs as workflow-command annotations.
func annotate(fs []Finding, w io.Writer, reason string) (Result, error) {
	anns := make([]report.Annotation, 0, len(fs))
	for _, f := range fs {
		anns = append(anns, report.Annotation{Level: f.Level, File: f.File, Line: f.Line,
			Column: f.Column, EndLine: f.EndLine, Title: f.Title, Message: f.Message})
	}
	n, err := report.WriteAnnotations(w, anns)
	return Result{Mode: Annotations, FellBack: reason != "", Reason: reason,
		Posted: len(fs), Annotated: n, Omitted: len(fs) - n}, err
}
