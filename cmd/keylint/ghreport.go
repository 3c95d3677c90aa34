package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/keylint/keylint/internal/ghreport"
	"github.com/keylint/keylint/internal/github"
)

const reportGitHubUsage = `Usage: keylint report-github [flags]

Report keylint's findings on a GitHub pull request: the scanner's JSON
report (keylint scan --format json) and SARIF logs (keylint sarif, keylint
scan --format sarif), as a check run with annotations, one review with a
comment on each finding in the diff, or workflow-command annotations.

When the token may not write (a pull request from a fork gets a read-only
GITHUB_TOKEN), the findings are printed as annotations instead, and the
command still succeeds. Secrets are reported as the inputs hold them:
redacted, unless the scan ran with --show-secrets.

Flags:
  --scan-json FILE   the scanner's JSON report
  --sarif FILE       a SARIF log; repeat for more
  --mode MODE        check (default), review, annotations, or none (only
                     the job summary and the step outputs)
  --summary FILE     Markdown for the check run's summary or the review's
                     body; by default the scanner report's summary
  --range BASE..HEAD the range the scan covered (default the report's own,
                     from keylint scan --range): a secret HEAD holds in
                     several files is reported where the range added it,
                     so that a review can comment on the pull request's
                     own line
  --step-summary FILE
                     append the Markdown summary to FILE (default
                     $GITHUB_STEP_SUMMARY)
  --github-output FILE
                     append the step outputs findings=N and overdue=N to
                     FILE (default $GITHUB_OUTPUT)
  --repo OWNER/REPO  the repository (default $GITHUB_REPOSITORY)
  --pull N           the pull request (default from $GITHUB_EVENT_PATH)
  --sha SHA          the commit to report on (default the pull request's
                     head, else $GITHUB_SHA)
  --api-url URL      the REST API root (default $GITHUB_API_URL, else
                     https://api.github.com/)
  --debug            log the API requests to standard error
  -h, --help         print this help

The token comes from GITHUB_TOKEN.

Exit codes: 0 reported (or fell back to annotations), 2 usage error or
the report could not be made.
`

type reportGitHubFlags struct {
	scanJSON, summary, repo, sha, apiURL string
	rangeSpec                            string
	stepSummary, outputs                 string
	sarif                                []string
	mode                                 ghreport.Mode
	pull                                 int
	debug                                bool
}

// runReportGitHub runs keylint report-github.
func runReportGitHub(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl, err := parseReportGitHubFlags(args, os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, reportGitHubUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "keylint report-github: %v\n"+
			"Run 'keylint report-github --help' for usage.\n", err)
		return 2
	}
	if err := reportGitHub(ctx, fl, os.Getenv("GITHUB_TOKEN"), stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "keylint report-github: %v\n", err)
		return 2
	}
	return 0
}

func parseReportGitHubFlags(args []string, getenv func(string) string) (*reportGitHubFlags, error) {
	fl := &reportGitHubFlags{}
	fs := flag.NewFlagSet("report-github", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&fl.scanJSON, "scan-json", "", "")
	fs.Func("sarif", "", func(s string) error { fl.sarif = append(fl.sarif, s); return nil })
	mode := fs.String("mode", string(ghreport.Check), "")
	fs.StringVar(&fl.summary, "summary", "", "")
	fs.StringVar(&fl.rangeSpec, "range", "", "")
	fs.StringVar(&fl.repo, "repo", getenv("GITHUB_REPOSITORY"), "")
	fs.IntVar(&fl.pull, "pull", 0, "")
	fs.StringVar(&fl.sha, "sha", "", "")
	fs.StringVar(&fl.apiURL, "api-url", getenv("GITHUB_API_URL"), "")
	fs.BoolVar(&fl.debug, "debug", false, "")
	fs.StringVar(&fl.stepSummary, "step-summary", getenv("GITHUB_STEP_SUMMARY"), "")
	fs.StringVar(&fl.outputs, "github-output", getenv("GITHUB_OUTPUT"), "")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if *mode == string(modeNone) {
		fl.mode = modeNone
	} else if fl.mode, err = ghreport.ParseMode(*mode); err != nil {
		return nil, fmt.Errorf("--mode: %w", err)
	}
	if fl.scanJSON == "" && len(fl.sarif) == 0 {
		return nil, errors.New("nothing to report: give --scan-json or --sarif")
	}

	// The pull request and its head come from the workflow's event.
	if path := getenv("GITHUB_EVENT_PATH"); path != "" && (fl.pull == 0 || fl.sha == "") {
		ev, err := readEvent(path)
		if err != nil {
			return nil, err
		}
		fl.pull = orElse(fl.pull, ev.Number)
		fl.sha = orElse(fl.sha, ev.Head)
	}
	fl.sha = orElse(fl.sha, getenv("GITHUB_SHA"))
	if fl.mode == ghreport.Review && fl.pull == 0 {
		return nil, errors.New("--mode review needs a pull request (--pull or a pull_request event)")
	}
	if fl.mode != ghreport.Annotations && fl.mode != modeNone && fl.repo == "" {
		return nil, errors.New("no repository: set --repo or GITHUB_REPOSITORY")
	}
	return fl, nil
}

// modeNone posts nothing: report-github then only writes the job summary
// and the step outputs.
const modeNone ghreport.Mode = "none"

func orElse[T comparable](a, b T) T {
	var zero T
	if a != zero {
		return a
	}
	return b
}

func reportGitHub(ctx context.Context, fl *reportGitHubFlags, token string,
	stdout, stderr io.Writer) error {
	findings, summary, overdue, err := loadFindings(ctx, fl)
	if err != nil {
		return err
	}
	if err := appendFile(fl.stepSummary, summary); err != nil {
		return fmt.Errorf("write step summary: %w", err)
	}
	if err := appendFile(fl.outputs, fmt.Sprintf("findings=%d\noverdue=%d\n",
		len(findings), overdue)); err != nil {
		return fmt.Errorf("write step outputs: %w", err)
	}
	if fl.mode == modeNone {
		return nil
	}
	logger := slog.New(slog.DiscardHandler)
	if fl.debug {
		logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	var client *github.Client
	if fl.mode == ghreport.Check || fl.mode == ghreport.Review {
		owner, repo, _ := strings.Cut(fl.repo, "/")
		client, err = github.New(github.Options{Owner: owner, Repo: repo, Token: token,
			APIURL: fl.apiURL, CacheDir: "-", Logger: logger})
		if err != nil {
			return err
		}
	}
	res, err := ghreport.Post(ctx, client, findings, ghreport.Options{Mode: fl.mode,
		HeadSHA: fl.sha, Pull: fl.pull, Summary: summary, Stdout: stdout, Logger: logger})
	if err != nil {
		return err
	}
	switch {
	case res.FellBack:
		fmt.Fprintf(stderr, "keylint report-github: the token may not write (%s); "+
			"printed %d annotations instead\n", res.Reason, res.Annotated)
	case res.Mode == ghreport.Check:
		fmt.Fprintf(stderr, "keylint report-github: check run %d with %d annotations "+
			"(%d requests)\n", res.CheckRun, res.Posted, res.Requests)
	case res.Mode == ghreport.Review:
		fmt.Fprintf(stderr, "keylint report-github: review with %d comments, %d findings "+
			"outside the diff\n", res.Posted, res.Omitted)
	}
	return nil
}
