package scan

import (
	"context"
	"fmt"
	"sync"

	"github.com/zricethezav/gitleaks/v8/report"
	"github.com/zricethezav/gitleaks/v8/sources"
)

// detect runs gitleaks over the source the mode names.
func (s *scanner) detect(ctx context.Context, dir string) ([]report.Finding, error) {
	if s.opts.Mode == Files {
		return s.detector.DetectSource(ctx, &sources.Files{
			Config: &s.detector.Config,
			Path:   dir,
			Sema:   s.detector.Sema,
		})
	}

	// The git source swallows git's errors after logging them; the guard
	// keeps the first one and stops git, so a broken repository fails the
	// scan instead of passing it with whatever was read.
	//
	// Limitation: the git source stops at any message git writes to
	// standard error except a few it knows to be harmless, dropping the
	// diffs not yet read, so keylint fails on a mere git warning rather
	// than report a history it may not have read in full. Merge commits show
	// no diff in git log -p, so a secret added only while resolving a merge
	// is missed, as in gitleaks.
	scanCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		cmd *sources.GitCmd
		err error
	)
	switch {
	case s.opts.Mode == Staged:
		cmd, err = sources.NewGitDiffCmdContext(scanCtx, s.repo.root, true)
	case s.rng != nil:
		cmd, err = sources.NewGitLogCmdContext(scanCtx, s.repo.root, s.rng.logOpts())
	default:
		cmd, err = sources.NewGitLogCmdContext(scanCtx, s.repo.root, "")
	}
	if err != nil {
		return nil, fmt.Errorf("run git: %w", err)
	}
	g := &guard{src: &sources.Git{
		Cmd:    cmd,
		Config: &s.detector.Config,
		Remote: &sources.RemoteInfo{},
		Sema:   s.detector.Sema,
	}, cancel: cancel}

	findings, err := s.detector.DetectSource(scanCtx, g)
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case g.failed():
		return nil, s.gitFailure(ctx)
	case err != nil:
		return nil, fmt.Errorf("read git history: %w", err)
	}
	return findings, nil
}

// guard wraps a source and stops the scan at the first error it yields.
type guard struct {
	src    sources.Source
	cancel context.CancelFunc

	mu  sync.Mutex
	err error
}

// Fragments yields the wrapped source's fragments and stops the scan at
// its first error.
func (g *guard) Fragments(ctx context.Context, yield sources.FragmentsFunc) error {
	return g.src.Fragments(ctx, func(f sources.Fragment, err error) error {
		if err != nil {
			g.mu.Lock()
			if g.err == nil {
				g.err = err
			}
			g.mu.Unlock()
			g.cancel()
			return err
		}
		return yield(f, nil)
	})
}

// failed reports whether the source yielded an error.
func (g *guard) failed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err != nil
}

// gitFailure explains why git failed during a scan. gitleaks logs git's
// messages and reports only that there were some, so the command is run
// again, its output discarded, until git says what is wrong.
func (s *scanner) gitFailure(ctx context.Context) error {
	args := []string{"log", "-p", "-U0", "--full-history", "--all", "--diff-filter=tuxdb"}
	what := "read git history"
	if s.rng != nil {
		args = []string{"log", "-p", "-U0", s.rng.logOpts()}
	}
	if s.opts.Mode == Staged {
		args = []string{"diff", "-U0", "--no-ext-diff", "--staged", "."}
		what = "read staged changes"
	}
	if msg := firstGitError(ctx, s.repo.root, args); msg != "" {
		return fmt.Errorf("%s of %s: %s", what, s.repo.root, msg)
	}
	return fmt.Errorf("%s of %s: git reported an error (run with --debug to see it)",
		what, s.repo.root)
}
