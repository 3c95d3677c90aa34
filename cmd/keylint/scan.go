package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"github.com/zricethezav/gitleaks/v8/logging"

	"github.com/keylint/keylint/internal/age"
	"github.com/keylint/keylint/internal/config"
	"github.com/keylint/keylint/internal/github"
	"github.com/keylint/keylint/internal/report"
	"github.com/keylint/keylint/internal/scan"
)

const scanUsage = `Usage: keylint scan [flags] [DIR]

Scan the git history of DIR (default .) for committed secrets with gitleaks'
rules, and age each secret against its rotation policy.

Every distinct secret (detection rule and value) is reported once: the commit
that introduced it (the oldest whose diff adds it: SHA, author date, author),
every place it was seen, whether HEAD still holds it, its age, its tier and
policy, and a verdict:

  within-policy  younger than its policy
  due-soon       at most 14 days left before its policy runs out
  overdue        older than its policy (KL202, at HEAD only)
  unknown        first seen at a shallow clone's boundary and not dated
                 through GitHub: the lower bound and the reason are shown
                 (git fetch --unshallow gives the full history)

In a shallow clone (the default of actions/checkout), a secret first seen at
the clone's boundary is dated through the GitHub API: keylint lists the
commits that touched its file and reads the file at some of them, testing
the content locally; the secret is never sent. The repository is --github,
or the origin remote's. When the API fails (token, rate limit, budget,
timeout), the age stays unknown with the reason, and the scan goes on. When
the oldest commit found created the file with the secret already in it, the
secret may have lived in a file deleted before then, which the file's
history cannot show: the age is then a lower bound (unknown, at least N
days) unless a secret-scanning alert dates it. A secret first added after
the boundary has an unknown age too, with its first commit as the lower
bound: the missing history may hold an older copy (a key removed and added
back), and the boundary, which does not hold it, gives GitHub nothing to
search from.

With a token that may read them, secret-scanning alerts are merged in, in a
full clone too (one request per 100 alerts; a re-run at the same HEAD
commit within the hour reuses the listing). An alert about a secret the
scan found dates it, resolved or not. An open alert about a secret the scan
did not find (a key removed before the clone's boundary, or of a kind
gitleaks has no rule for) is reported as a finding of its own, rule
"github:TYPE" unless its type matches a gitleaks rule, dated by the alert's
first commit and of unknown age unless HEAD still holds it. Left out:
resolved alerts, alerts outside commits, excluded files, and secrets
gitleaks read and did not report (allowlisted or ignored); --range scans
merge no alert. Answers are cached on disk (never a secret), so a re-run
costs nothing, or one listing when alerts are to be merged.

A secret in more than one file raises KL203 (at HEAD for a secret HEAD
holds, else where it was committed), naming the environments (.env.staging
and .env.production) or services (services/a, services/b) it is shared
across, when the paths tell.

A secret at HEAD is aged from its introduction to now, and so is one that
HEAD no longer holds but the tip of another ref (a branch, a tag, the stash,
another worktree's detached HEAD) still does: the report lists those refs
(liveRefs), and the secret can be due soon or overdue, but only a secret
at HEAD raises KL202. One that no ref holds is aged by its exposure window,
from introduction to removal (the newest commit of any ref that deletes it,
dated when it was committed, renames followed, a merge by its diff against
each parent: a key deleted on a branch leaves the main line when the
branch is merged, and a branch that still held it held it until then); it
is overdue if it stayed longer than its policy. Every secret raises KL201.
Tiers come from the rule catalog: sensitive (cloud, payment, source
hosting, private keys, databases, identity, and any unknown rule) 90 days,
standard 365 days.

gitleaks' default rules apply, or DIR/.gitleaks.toml when it exists, else
the one at the top level of DIR's repository; the .gitleaksignore files of
both and gitleaks:allow comments are honoured. keylint's own settings come
from --config FILE, else DIR/.keylint.toml, else the repository's top-level
.keylint.toml (the nearest file wins; files are not merged; --no-git reads
DIR's only): [policy] sensitive and standard (days), [tiers] "RULE" =
"sensitive" or "standard" (RULE must be a gitleaks default rule or one of
.gitleaks.toml's), [scan] exclude (path patterns, ** for any directories)
and fail-on. Flags override the file.

Flags:
  --staged            scan only the changes staged for commit (for a
                      pre-commit hook); committed secrets are ignored
  --no-git            scan the files under DIR without git (no ages)
  --format FORMAT     text, json, sarif, github (workflow annotations) or
                      markdown (a job summary); default text
  --output FILE       write the report to FILE instead of standard output
  --show-secrets      print secrets in full; by default they are redacted to a
                      prefix and length (ghp_8z…(40 chars)) in every output,
                      error and debug log (--redact=false is the same; giving
                      both flags with opposite meanings is a usage error)
  --fail-on LEVEL     exit 1 when there is any finding (any, the default), an
                      overdue secret at HEAD (overdue), or never (none)
  --policy POLICY     rotation periods, such as sensitive=90d,standard=365d
  --range RANGE       scan only the commits of BASE..HEAD (a pull request),
                      still dating each secret by its first commit, before
                      BASE too, where BASE's tree holds it (in any file: a
                      key copied into a new file keeps its old age);
                      "auto" takes BASE and HEAD from the
                      pull_request event of a GitHub Actions run
                      (GITHUB_EVENT_PATH). Both must be in the clone
                      (actions/checkout with fetch-depth: 0, or fetch them).
                      The JSON report's mode is then "range"
  --config FILE       read settings from FILE instead of .keylint.toml
  --baseline FILE     leave out the secrets whose fingerprints FILE lists
                      (counted as baselined in the summary)
  --write-baseline FILE
                      write the fingerprints of every secret found, before
                      --baseline applies, to FILE for --baseline: one entry
                      a secret, whatever its commits and files, with its
                      rule, first file and redacted value; no secret values.
                      The report and exit code are as without it (add
                      --fail-on none to adopt in a step that must pass)
  --github OWNER/REPO the GitHub repository that dates shallow history
                      (default: the origin remote's)
  --github-token-env NAME
                      the environment variable holding the API token
                      (default GITHUB_TOKEN)
  --github-api-url URL
                      the API root of GitHub Enterprise Server, such as
                      https://ghe.example.com/api/v3/ (default
                      $GITHUB_API_URL, else api.github.com); an http or
                      https URL with a host
  --github-max-requests N
                      send at most N API requests (default 500)
  --github-timeout DURATION
                      give up on one API request after DURATION (default 30s)
  --no-github         never contact GitHub; shallow secrets stay unknown
  --timeout DURATION  stop the scan after DURATION (such as 10m) with exit 2,
                      as Ctrl-C does (default 0: no limit)
  --progress          on a terminal, show on standard error how much has been
                      read, once the scan has run for a second (default true;
                      --progress=false hides it)
  --debug             log what the scan does, and gitleaks' debug log, to
                      standard error
  -h, --help          print this help

Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, or the scan failed (DIR is not a git repository, the
     repository has no commits or is corrupt, the scan was interrupted or
     ran out of --timeout, a bad config or baseline file); GitHub API
     failures are not errors. An interrupted scan writes no report: it
     reads history newest first, so what it found would carry ages from
     the part it read, too young; it says how far it got.

The JSON report is versioned ("version": 1): fields may be added, never
renamed or removed. The README's section on the JSON report lists them.
`

// scanFlags are the parsed command line of keylint scan.
type scanFlags struct {
	dir         string
	mode        scan.Mode
	format      report.Format
	output      string
	showSecrets bool
	failOn      string
	policy      string
	debug       bool

	rangeSpec     string
	configFile    string
	baseline      string
	writeBaseline string

	github      string
	tokenEnv    string
	apiURL      string
	maxRequests int
	timeout     time.Duration // --github-timeout
	noGitHub    bool

	scanTimeout time.Duration
	progress    bool

	explicitFlag map[string]bool // the flags given on the command line
}

// scanEnv is what keylint scan takes from its process: the time, the
// environment, and (for tests) adjustments to the GitHub client.
type scanEnv struct {
	now    time.Time
	getenv func(string) string
	github func(*github.Options)
}

// scanGCPercent is the garbage collector's target for keylint scan. Most of
// a scan's live heap, about 20 MB, is the rules' expressions and automata,
// which stay live to the end; at Go's default of 100, as much garbage again
// gathers between collections. 60 keeps the peak below gitleaks' own for
// about 2% more CPU (BENCHMARKS.md). GOGC, when set, wins.
const scanGCPercent = 60

// runScan runs keylint scan.
func runScan(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(scanGCPercent)
	}
	return runScanEnv(ctx, args, stdout, stderr, scanEnv{now: time.Now(), getenv: os.Getenv})
}

// runScanEnv runs keylint scan in env.
func runScanEnv(ctx context.Context, args []string, stdout, stderr io.Writer, env scanEnv) int {
	fl, err := parseScanFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, scanUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "keylint scan: %v\nRun 'keylint scan --help' for usage.\n", err)
		return 2
	}
	if info, err := os.Stat(fl.dir); err == nil && !info.IsDir() {
		fmt.Fprintf(stderr, "keylint scan: %s is a file; give the directory of a repository "+
			"(or, with --no-git, any directory)\n", fl.dir)
		return 2
	}
	settings, err := loadSettings(ctx, fl, env)
	if err != nil {
		fmt.Fprintf(stderr, "keylint scan: %v\n", err)
		return 2
	}

	out, err := openOutput(fl, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "keylint scan: %v\n", err)
		return 2
	}
	defer out.abandon()

	setGitleaksLogger(stderr, fl.debug, fl.showSecrets)
	logger := slog.New(slog.DiscardHandler)
	if fl.debug {
		logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}

	if fl.scanTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, fl.scanTimeout)
		defer cancel()
	}
	progress := new(scan.Progress)
	start := time.Now()
	stopProgress := func() {}
	if w := progressWriter(stderr, fl); w != nil {
		stopProgress = sync.OnceFunc(showProgress(w, progress, progressAfter))
		defer stopProgress()
	}
	opts := scan.Options{Dir: fl.dir, Mode: fl.mode, Range: settings.rangeSpec,
		Exclude: settings.cfg.Excluded, CheckRules: settings.cfg.CheckTiers, Logger: logger,
		Progress: progress}
	switch {
	case fl.mode != scan.History:
	case fl.noGitHub:
		opts.Dater = offlineDater{}
	default:
		opts.Dater = newGitHubDater(fl, env, logger)
	}
	res, err := runUntilStopped(ctx, func() (*scan.Result, error) { return scan.Run(ctx, opts) })
	stopProgress() // before anything is printed: the line would run into it
	if err != nil {
		msg := describeScanError(err)
		if ctx.Err() != nil {
			msg = describeStop(ctx.Err(), fl, progress.Snapshot(), time.Since(start))
		}
		fmt.Fprintf(stderr, "keylint scan: %s\n", msg)
		return 2
	}
	if d, ok := opts.Dater.(*githubDater); ok {
		d.mergeAlerts(ctx, res, settings.cfg.Excluded)
	}
	if fl.writeBaseline != "" {
		if err := config.WriteBaseline(fl.writeBaseline, baselineEntries(res)); err != nil {
			fmt.Fprintf(stderr, "keylint scan: %v\n", err)
			return 2
		}
	}
	baselined := dropBaselined(res, settings.baseline)
	rep := report.Build(res, report.Options{Policy: settings.policy, Now: env.now,
		ShowSecrets: fl.showSecrets, Tiers: settings.cfg.Tiers})
	rep.Summary.Baselined = baselined

	var buf bytes.Buffer
	if err := report.Write(&buf, fl.format, rep); err != nil {
		fmt.Fprintf(stderr, "keylint scan: write report: %v\n", err)
		return 2
	}
	if err := out.write(buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "keylint scan: %v\n", err)
		return 2
	}
	if failed(rep, settings.failOn) {
		return 1
	}
	return 0
}

func parseScanFlags(args []string) (*scanFlags, error) {
	fl := &scanFlags{dir: "."}
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	staged := fs.Bool("staged", false, "")
	noGit := fs.Bool("no-git", false, "")
	format := fs.String("format", string(report.Text), "")
	fs.StringVar(&fl.output, "output", "", "")
	fs.BoolVar(&fl.showSecrets, "show-secrets", false, "")
	redacted := fs.Bool("redact", true, "")
	fs.StringVar(&fl.failOn, "fail-on", "any", "")
	fs.StringVar(&fl.policy, "policy", "", "")
	fs.BoolVar(&fl.debug, "debug", false, "")
	fs.StringVar(&fl.rangeSpec, "range", "", "")
	fs.StringVar(&fl.configFile, "config", "", "")
	fs.StringVar(&fl.baseline, "baseline", "", "")
	fs.StringVar(&fl.writeBaseline, "write-baseline", "", "")
	fs.StringVar(&fl.github, "github", "", "")
	fs.StringVar(&fl.tokenEnv, "github-token-env", "GITHUB_TOKEN", "")
	fs.StringVar(&fl.apiURL, "github-api-url", "", "")
	fs.IntVar(&fl.maxRequests, "github-max-requests", github.DefaultMaxRequests, "")
	fs.DurationVar(&fl.timeout, "github-timeout", github.DefaultTimeout, "")
	fs.BoolVar(&fl.noGitHub, "no-github", false, "")
	fs.DurationVar(&fl.scanTimeout, "timeout", 0, "")
	fs.BoolVar(&fl.progress, "progress", true, "")

	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	switch {
	case len(dirs) > 1:
		return nil, fmt.Errorf("want at most one directory, got %d: %s", len(dirs),
			strings.Join(dirs, " "))
	case len(dirs) == 1:
		fl.dir = dirs[0]
	}

	fl.explicitFlag = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { fl.explicitFlag[f.Name] = true })
	if fl.explicitFlag["show-secrets"] && fl.explicitFlag["redact"] && fl.showSecrets == *redacted {
		// Guessing which one was meant could print secrets in full.
		return nil, fmt.Errorf("--show-secrets=%v and --redact=%v contradict each other; "+
			"give one of them", fl.showSecrets, *redacted)
	}
	fl.showSecrets = fl.showSecrets || !*redacted

	switch {
	case *staged && *noGit:
		return nil, errors.New("--staged and --no-git cannot be used together")
	case *staged:
		fl.mode = scan.Staged
	case *noGit:
		fl.mode = scan.Files
	}
	if fl.explicitFlag["range"] && strings.TrimSpace(fl.rangeSpec) == "" {
		// An unset variable in a CI script, not a wish to scan everything.
		return nil, errors.New("--range is empty; give BASE..HEAD or auto")
	}
	for _, name := range []string{"output", "write-baseline", "baseline", "config"} {
		// An unset variable again: --output "" would print the report,
		// secrets and all with --show-secrets, to the CI log instead.
		if f := fs.Lookup(name); fl.explicitFlag[name] && f.Value.String() == "" {
			return nil, fmt.Errorf("--%s is empty; give a file name", name)
		}
	}
	for _, name := range []string{"write-baseline", "baseline"} {
		if other := fs.Lookup(name).Value.String(); fl.output != "" && other != "" &&
			sameFile(fl.output, other) {
			return nil, fmt.Errorf("--output and --%s name the same file; the report would "+
				"replace the baseline", name)
		}
	}
	if fl.rangeSpec != "" && fl.mode != scan.History {
		return nil, errors.New("--range scans history; it cannot be used with --staged or --no-git")
	}
	if fl.scanTimeout < 0 {
		return nil, errors.New("--timeout must not be negative")
	}
	if fl.maxRequests <= 0 || fl.timeout <= 0 {
		return nil, errors.New("--github-max-requests and --github-timeout must be positive")
	}
	if fl.github != "" {
		if o, r, ok := strings.Cut(fl.github, "/"); !ok || o == "" || r == "" ||
			strings.Contains(r, "/") {
			return nil, fmt.Errorf("--github %q: want OWNER/REPO", fl.github)
		}
	}
	if fl.apiURL != "" {
		if err := checkAPIURL(fl.apiURL); err != nil {
			return nil, fmt.Errorf("--github-api-url: %w", err)
		}
	}
	if fl.format, err = report.ParseFormat(*format); err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	switch fl.failOn {
	case "any", "overdue", "none":
	default:
		return nil, fmt.Errorf("--fail-on: unknown level %q (want any, overdue or none)",
			fl.failOn)
	}
	if _, err = age.ParsePolicy(fl.policy, age.DefaultPolicy()); err != nil {
		return nil, fmt.Errorf("--policy: %w", err)
	}
	return fl, nil
}

// checkAPIURL checks a GitHub API root given on the command line, so that a
// typo is a usage error rather than a scan whose every shallow secret ends
// up of unknown age. The client makes the same checks on $GITHUB_API_URL
// when it is used.
func checkAPIURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		// The parser's message repeats the URL, which may hold a token.
		return errors.New("not a URL; want https://HOST/api/v3/")
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Errorf("%q: want an http or https URL, such as https://HOST/api/v3/",
			u.Redacted())
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("%q: no host; want https://HOST/api/v3/", u.Redacted())
	case u.User != nil:
		return fmt.Errorf("%q: put the token in GITHUB_TOKEN (or --github-token-env), "+
			"not the URL", u.Redacted())
	}
	return nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments (keylint scan DIR --format json), as the other
// keylint commands and git do; everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// setGitleaksLogger points gitleaks' global logger at stderr with secrets
// redacted when debugging, and silences it otherwise.
func setGitleaksLogger(stderr io.Writer, debug, showSecrets bool) {
	if !debug {
		logging.Logger = zerolog.Nop()
		return
	}
	logging.Logger = zerolog.New(scan.NewLogWriter(stderr, showSecrets)).
		Level(zerolog.DebugLevel)
}

func describeScanError(err error) string {
	switch {
	case errors.Is(err, scan.ErrNotRepository):
		return err.Error() + " (use --no-git to scan its files)"
	case errors.Is(err, scan.ErrNoCommits):
		return err.Error() + " (use --staged to scan what is staged for the first commit)"
	case errors.Is(err, context.Canceled):
		return "scan interrupted"
	}
	return err.Error()
}

// output is where the report goes: standard output, or the --output file.
// The file is opened before the scan, so that a place keylint cannot write
// to fails at once rather than after a long scan, but is truncated only
// when the report is written: a scan that fails leaves an earlier report
// as it was, and removes a file it created.
type output struct {
	stdout  io.Writer
	f       *os.File
	created bool
	secrets bool // the report holds secrets in full
}

// sameFile reports whether the paths a and b name one file: the same path
// once made absolute and clean, or, for files that exist, the same file
// through a link.
func sameFile(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	if errA == nil && errB == nil && absA == absB {
		return true
	}
	infoA, errA := os.Stat(a)
	infoB, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(infoA, infoB)
}

func openOutput(fl *scanFlags, stdout io.Writer) (*output, error) {
	o := &output{stdout: stdout, secrets: fl.showSecrets}
	if fl.output == "" {
		return o, nil
	}
	perm := os.FileMode(0o644)
	if fl.showSecrets {
		perm = 0o600
	}
	f, err := os.OpenFile(fl.output, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	o.created = err == nil
	if errors.Is(err, fs.ErrExist) {
		// A file that is there, or a symbolic link, which may point at a
		// file yet to be made, as a shell's > would make it.
		f, err = os.OpenFile(fl.output, os.O_WRONLY|os.O_CREATE, perm)
	}
	if err != nil {
		return nil, fmt.Errorf("write report: %w", err)
	}
	o.f = f
	return o, nil
}

// write writes the report in place of what the file held.
func (o *output) write(b []byte) error {
	if o.f == nil {
		_, err := o.stdout.Write(b)
		return err
	}
	f := o.f
	o.f = nil
	var err error
	// A device or a pipe (/dev/stdout) is written as it is.
	if info, serr := f.Stat(); serr == nil && info.Mode().IsRegular() {
		if o.secrets {
			// A file that was there keeps its mode when opened.
			err = f.Chmod(0o600)
		}
		if err == nil {
			err = f.Truncate(0)
		}
	}
	if err == nil {
		_, err = f.Write(b)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// abandon closes a report file that was not written, and removes it if
// this run created it.
func (o *output) abandon() {
	if o.f == nil {
		return
	}
	o.f.Close()
	if o.created {
		os.Remove(o.f.Name())
	}
	o.f = nil
}

// failed reports whether the findings reach the --fail-on level.
func failed(r *report.Report, failOn string) bool {
	switch failOn {
	case "any":
		return len(r.Findings) > 0
	case "overdue":
		return r.Summary.Overdue > 0
	}
	return false
}

// stopGrace bounds how long a stopped scan may take to end. gitleaks looks
// for cancellation between rules, and one rule's regular expression over a
// line of many megabytes runs for seconds; the git commands end at once,
// killed by their context.
const stopGrace = time.Second

// runUntilStopped returns run's result, or ctx's error once ctx has been
// done for stopGrace and run has not returned. run goes on in the
// background then, till the process exits.
func runUntilStopped(ctx context.Context, run func() (*scan.Result, error)) (*scan.Result,
	error) {
	type result struct {
		res *scan.Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := run()
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-ctx.Done():
	}
	select {
	case r := <-done:
		return r.res, r.err
	case <-time.After(stopGrace):
		return nil, ctx.Err()
	}
}
