package scan

import (
	"bufio"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/gitleaks/go-gitdiff/gitdiff"
	"github.com/zricethezav/gitleaks/v8/report"
	"github.com/zricethezav/gitleaks/v8/sources"
)

// detect runs gitleaks over the source the mode names.
func (s *scanner) detect(ctx context.Context, dir string) ([]report.Finding, error) {
	if s.opts.Mode == Files {
		err := s.inspectAll(ctx, &sources.Files{
			Config: &s.detector.Config,
			Path:   dir,
			Sema:   s.detector.Sema,
		})
		return s.detector.Findings(), err
	}
	if s.opts.Mode == Staged {
		err := s.inspectAll(ctx, stagedSource{dir: s.repo.root})
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			return nil, fmt.Errorf("read staged changes of %s: %w", s.repo.root, err)
		}
		return s.detector.Findings(), nil
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
	cmd, err := sources.NewGitLogCmdContext(scanCtx, s.repo.root, s.logOpts())
	if err != nil {
		return nil, fmt.Errorf("run git: %w", err)
	}
	g := &guard{src: &sources.Git{
		Cmd:    cmd,
		Config: &s.detector.Config,
		Remote: &sources.RemoteInfo{},
		Sema:   s.detector.Sema,
	}, cancel: cancel}

	err = s.inspectAll(scanCtx, g)
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case g.failed():
		return nil, s.gitFailure(ctx)
	case err != nil:
		return nil, fmt.Errorf("read git history: %w", err)
	}
	return s.detector.Findings(), nil
}

// inspectAll runs the rules over every fragment src yields, as gitleaks'
// Detector.DetectSource does, but through the engine, and collects the
// findings in s.detector, which applies .gitleaksignore. Errors the source
// yields for single files are logged, as gitleaks does; the git source's
// errors are caught by its guard.
func (s *scanner) inspectAll(ctx context.Context, src sources.Source) error {
	var lines partialLines
	return src.Fragments(ctx, func(f sources.Fragment, err error) error {
		if err != nil {
			s.log.Warn("skipping unreadable file", "file", f.FilePath, "err", err)
			return nil
		}
		if len(f.Raw) == 0 && f.FilePath == "" {
			return nil
		}
		s.opts.Progress.read(f.CommitSHA, len(f.Raw))
		var carried int
		if s.opts.Mode == Files {
			carried = lines.next(f)
		}
		for _, finding := range s.engine.detect(ctx, f) {
			if finding.StartLine > f.StartLine && finding.StartColumn > 1 {
				// On every line but a fragment's first, gitleaks counts
				// columns from the newline that ends the line before.
				finding.StartColumn--
			} else if finding.StartLine == f.StartLine {
				finding.StartColumn += carried
			}
			finding.StartColumn += secretOffset(finding)
			s.detector.AddFinding(finding)
		}
		return nil
	})
}

// secretOffset returns how many bytes into its match a finding's secret
// starts, when both start on the same line: gitleaks' column is the
// match's (apiKey = "…" for its generic rule), keylint's the secret's, as
// a search of HEAD finds it. A decoded secret is not in its match's text.
func secretOffset(f report.Finding) int {
	if slices.ContainsFunc(f.Tags, isDecodedTag) {
		return 0
	}
	i := strings.Index(f.Match, f.Secret)
	if i <= 0 || strings.Contains(f.Match[:i], "\n") {
		return 0
	}
	return i
}

// partialLines follows the files gitleaks' Files source reads in chunks of
// about 100 kB. A chunk ends at a newline where it can, but a longer line
// is cut, and gitleaks counts the columns of the chunk's first line from
// the chunk's start. Each file's chunks come in order, files at once.
type partialLines struct {
	mu   sync.Mutex
	open map[string]int // file → bytes of its last line read so far
}

// next returns how many bytes of f's first line came in earlier chunks of
// its file, and records f's own last line.
func (p *partialLines) next(f sources.Fragment) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open == nil {
		p.open = make(map[string]int)
	}
	// A file reached through a symbolic link is read again under the link.
	key := f.FilePath + "\x00" + f.SymlinkFile
	carried := p.open[key]
	if i := strings.LastIndexByte(f.Raw, '\n'); i >= 0 {
		p.open[key] = len(f.Raw) - i - 1
	} else {
		p.open[key] = carried + len(f.Raw)
	}
	return carried
}

// mayHoldEncoded reports whether s holds something gitleaks' decoder
// would decode: a run of 16 or more characters of the base64 alphabet
// (which contains the hex one), a percent escape (%2F), or a Unicode
// escape (U+00E9, \u00e9). It must be true wherever the decoder's
// patterns match (gitleaks v8 detect/codec), since a false answer skips
// decoding; it may be true where they do not.
func mayHoldEncoded(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+' && i > 0 && s[i-1] == 'U' && hexRun(s[i+1:], 4):
			return true
		case c == '%' && hexRun(s[i+1:], 2):
			return true
		case c == '\\' && unicodeEscape(s[i+1:]):
			return true
		}
		if !isBase64Char(c) {
			run = 0
			continue
		}
		if run++; run >= 16 {
			return true
		}
	}
	return false
}

// isBase64Char reports whether c is in the decoder's base64 class
// [\w/+-], where \w is ASCII letters, digits and underscore.
func isBase64Char(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == '/' || c == '+' || c == '-'
}

// hexRun reports whether s starts with n hex digits.
func hexRun(s string, n int) bool {
	if len(s) < n {
		return false
	}
	for i := range n {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// unicodeEscape reports whether s, which follows a backslash, goes on as
// a \uXXXX escape: an optional second backslash, u in either case, and
// four hex digits.
func unicodeEscape(s string) bool {
	if len(s) > 0 && s[0] == '\\' {
		s = s[1:]
	}
	return len(s) > 0 && (s[0] == 'u' || s[0] == 'U') && hexRun(s[1:], 4)
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
	args := append([]string{"log", "-p", "-U0"}, strings.Fields(s.logOpts())...)
	if msg := firstGitError(ctx, s.repo.root, args); msg != "" {
		return fmt.Errorf("read git history of %s: %s", s.repo.root, msg)
	}
	return fmt.Errorf("read git history of %s: git reported an error (run with --debug to see it)",
		s.repo.root)
}

// logOpts returns the options after git log -p -U0 that gitleaks' git
// source is given: gitleaks' own for the whole history, or the range's
// commits, with textconv off. A diff driver's textconv filter, which git
// log runs by default, rewrites what the patch shows: git-crypt's shows
// the plaintext of files stored encrypted, one that fails stops the scan,
// and one that drops lines hides their secrets. The scan reads what the
// repository stores, as its searches of HEAD and of removals do.
func (s *scanner) logOpts() string {
	commits := "--full-history --all --diff-filter=tuxdb"
	if s.rng != nil {
		commits = s.rng.logOpts()
	}
	return commits + " --no-textconv"
}

// stagedSource yields what the staged changes add, as gitleaks' git
// source does for git diff --staged, with textconv off for the reason
// logOpts gives. Binary files are skipped and archives not opened, as in
// the history scan. Unlike gitleaks' source it fails on git's exit status,
// not on any line git writes to standard error.
type stagedSource struct{ dir string }

func (src stagedSource) Fragments(ctx context.Context, yield sources.FragmentsFunc) error {
	return gitRead(ctx, src.dir, nil, func(r *bufio.Reader) error {
		files, err := gitdiff.Parse(r)
		if err != nil {
			return err
		}
		var yieldErr error
		// Every file is received, after an error too: the parser's
		// goroutine ends only once it has sent them all.
		for f := range files {
			if yieldErr != nil || f.IsDelete || f.IsBinary {
				continue
			}
			for _, tf := range f.TextFragments {
				yieldErr = yield(sources.Fragment{
					FilePath:  f.NewName,
					Raw:       tf.Raw(gitdiff.OpAdd),
					StartLine: int(tf.NewPosition),
				}, nil)
				if yieldErr != nil {
					break
				}
			}
		}
		return yieldErr
	}, "diff", "--staged", "-U0", "--no-ext-diff", "--no-textconv", "--no-color", ".")
}
