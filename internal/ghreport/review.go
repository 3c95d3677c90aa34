package ghreport

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	gh "github.com/google/go-github/v75/github"

	"github.com/keylint/keylint/internal/github"
)

// maxComments bounds one review: GitHub times out on very large reviews,
// and a hundred comments already bury a pull request.
const maxComments = 100

// postReview creates one review with a comment on each finding whose line
// the pull request's diff shows; the others are counted in the body.
func postReview(ctx context.Context, c *github.Client, fs []Finding, opts Options) (Result, error) {
	if opts.Pull <= 0 {
		return Result{}, fmt.Errorf("review: no pull request number")
	}
	lines, err := commentable(ctx, c, opts.Pull)
	if err != nil {
		return Result{Mode: Review}, err
	}

	var comments []*gh.DraftReviewComment
	omitted := 0
	for _, f := range fs {
		if _, ok := lines[f.File][f.Line]; !ok || len(comments) == maxComments {
			omitted++
			continue
		}
		body := fmt.Sprintf("**%s**\n\n%s", commentTitle(f), f.Message)
		comments = append(comments, &gh.DraftReviewComment{Path: gh.Ptr(f.File),
			Line: gh.Ptr(f.Line), Side: gh.Ptr("RIGHT"), Body: gh.Ptr(body)})
	}
	res := Result{Mode: Review, Posted: len(comments), Omitted: omitted}
	if len(fs) == 0 {
		// Nothing to say: a review without findings is noise.
		return res, nil
	}

	body := opts.Summary
	if omitted > 0 {
		// Review mode makes no check run, so the job summary is where the
		// rest can be read.
		body += fmt.Sprintf("\n\n%d of %d findings are not on lines this pull request "+
			"changes, so they have no comment here; the job summary lists every finding.",
			omitted, len(fs))
	}
	req := &gh.PullRequestReviewRequest{Body: gh.Ptr(strings.TrimSpace(body)),
		Event: gh.Ptr("COMMENT"), Comments: comments}
	if opts.HeadSHA != "" {
		req.CommitID = gh.Ptr(opts.HeadSHA)
	}
	rev, _, err := c.Raw().PullRequests.CreateReview(github.Context(ctx), c.Owner(), c.Repo(),
		opts.Pull, req)
	if err != nil {
		return res, c.Classify(err, fmt.Sprintf("/pulls/%d/reviews", opts.Pull))
	}
	res.ReviewID = rev.GetID()
	return res, nil
}

// commentTitle is a comment's first line: the finding's title, which
// names the rule already when it comes from an annotation, else the rule
// and the title.
func commentTitle(f Finding) string {
	if f.RuleID == "" || strings.HasPrefix(f.Title, f.RuleID) {
		return f.Title
	}
	return f.RuleID + " " + f.Title
}

// commentable returns, per file, the lines a review may comment on.
func commentable(ctx context.Context, c *github.Client, pull int) (map[string]map[int]struct{}, error) {
	out := map[string]map[int]struct{}{}
	opt := &gh.ListOptions{PerPage: 100}
	for {
		files, resp, err := c.Raw().PullRequests.ListFiles(github.Context(ctx), c.Owner(),
			c.Repo(), pull, opt)
		if err != nil {
			return nil, c.Classify(err, fmt.Sprintf("/pulls/%d/files", pull))
		}
		for _, f := range files {
			out[f.GetFilename()] = DiffLines(f.GetPatch())
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opt.Page = resp.NextPage
	}
}

// DiffLines returns the line numbers of the new file that a unified diff's
// hunks show, added or unchanged: the lines a review comment may sit on
// (side RIGHT).
func DiffLines(patch string) map[int]struct{} {
	lines := map[int]struct{}{}
	line := 0 // the next new-file line; 0 before the first hunk
	for _, l := range strings.Split(patch, "\n") {
		if strings.HasPrefix(l, "@@") {
			line = hunkStart(l)
			continue
		}
		if line == 0 || l == "" { // before a hunk, or the end of the patch
			continue
		}
		switch {
		case strings.HasPrefix(l, "-"), strings.HasPrefix(l, `\`):
			// removed, or "\ No newline at end of file"
		default:
			lines[line] = struct{}{}
			line++
		}
	}
	return lines
}

// hunkStart reads the new file's first line from "@@ -a,b +c,d @@", or 0.
func hunkStart(header string) int {
	_, after, ok := strings.Cut(header, " +")
	if !ok {
		return 0
	}
	num, _, _ := strings.Cut(after, ",")
	num, _, _ = strings.Cut(num, " ")
	n, err := strconv.Atoi(num)
	if err != nil {
		return 0
	}
	return n
}
