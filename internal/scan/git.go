package scan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Errors a scan reports for a directory it cannot read as a repository.
var (
	ErrNotRepository = errors.New("not a git repository")
	ErrNoCommits     = errors.New("repository has no commits")
)

// gitWaitDelay bounds how long a killed git command may hold its pipes open.
const gitWaitDelay = 2 * time.Second

// repo is a git repository being scanned.
type repo struct {
	root       string          // the work tree's top level, or the git dir of a bare repository
	head       *Commit         // nil when HEAD is unborn
	shallow    bool            // a shallow clone
	boundaries map[string]bool // the shallow clone's boundary commits
}

// git runs a git command in dir and returns its standard output. A failure
// is reported with the first line git wrote to standard error.
func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := gitCommand(ctx, dir, args...)
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), gitError(ctx, args, err, stderr.Bytes())
	}
	return stdout.Bytes(), nil
}

func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := append([]string{"-C", dir, "--literal-pathspecs", "-c", "core.quotePath=false"},
		args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.WaitDelay = gitWaitDelay
	// Messages in English: some are recognised by their text.
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd
}

// pinnedGitConfig holds git settings that each change what git log -p or
// git diff prints, and so what gitleaks' diff parser and keylint's own
// readers take from it, set as they are by default. With color.ui=always
// in a user's configuration, gitleaks read colour codes, found no diff at
// all and passed the history as clean; with diff.noprefix it took a
// file's first directory for the a/ of the patch header; log.showRoot
// false hides the first commit's diff; a pretty format, an abbreviated or
// decorated commit line, a date format or a gpg report each garble the
// headers, and diff.submodule=log turns a submodule's change into a log.
// A log output encoding of UTF-16 makes every commit line unreadable, a
// small core.bigFileThreshold turns text files binary, and without rename
// detection a renamed file reads as a second file holding the secret. A
// user's own attributes file (core.attributesFile, by default
// ~/.config/git/attributes) marking *.env or * -diff hides those files'
// patches; the repository's .gitattributes still counts, as in gitleaks.
// core.fsmonitor names a command that git runs when it reads the index:
// a repository handed to keylint must not run its own programs.
var pinnedGitConfig = [][2]string{
	{"color.ui", "false"},
	{"color.diff", "false"},
	{"core.attributesFile", os.DevNull},
	{"core.bigFileThreshold", "512m"},
	{"core.fsmonitor", "false"},
	{"diff.mnemonicPrefix", "false"},
	{"diff.noprefix", "false"},
	{"diff.relative", "false"},
	{"diff.renames", "true"},
	{"diff.submodule", "short"},
	{"format.pretty", "medium"},
	{"i18n.logOutputEncoding", "UTF-8"},
	{"log.abbrevCommit", "false"},
	{"log.date", "default"},
	{"log.decorate", "false"},
	{"log.showRoot", "true"},
	{"log.showSignature", "false"},
}

// pinnedParameters is pinnedGitConfig as git -c passes it on in
// GIT_CONFIG_PARAMETERS.
var pinnedParameters = func() string {
	quoted := make([]string, len(pinnedGitConfig))
	for i, kv := range pinnedGitConfig {
		quoted[i] = "'" + kv[0] + "=" + kv[1] + "'"
	}
	return strings.Join(quoted, " ")
}()

// unsafeGitEnv reports whether the environment variable kv would change
// what the scan's git commands print or accept: a trace written to
// standard error, which gitleaks takes for an error, or a pathspec mode
// other than the literal one keylint asks for.
func unsafeGitEnv(kv string) bool {
	name, value, _ := strings.Cut(kv, "=")
	switch name {
	case "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS", "GIT_ICASE_PATHSPECS":
		return true
	}
	if !strings.HasPrefix(name, "GIT_TRACE") {
		return false
	}
	switch strings.ToLower(value) { // git's names for its standard error
	case "1", "2", "true", "yes", "on":
		return true
	}
	return false
}

var pinMu sync.Mutex

// pinGitConfig sets pinnedGitConfig for the git commands the process
// starts and clears what unsafeGitEnv names: gitleaks starts its git
// commands itself, with the process environment and no other way in. The
// settings go last in GIT_CONFIG_PARAMETERS, where git -c puts its own,
// because git reads that after GIT_CONFIG_COUNT and the last setting wins:
// a pre-commit hook run by git -c color.ui=always commit sees the user's
// setting there. It is called for each scan, since the environment may
// have changed since the last.
func pinGitConfig() {
	pinMu.Lock()
	defer pinMu.Unlock()
	for _, kv := range os.Environ() {
		if unsafeGitEnv(kv) {
			name, _, _ := strings.Cut(kv, "=")
			os.Unsetenv(name)
		}
	}
	switch params := os.Getenv("GIT_CONFIG_PARAMETERS"); {
	case params == "":
		os.Setenv("GIT_CONFIG_PARAMETERS", pinnedParameters)
	case !strings.HasSuffix(params, pinnedParameters):
		os.Setenv("GIT_CONFIG_PARAMETERS", params+" "+pinnedParameters)
	}
}

func gitError(ctx context.Context, args []string, err error, stderr []byte) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return fmt.Errorf("run git: %w", err)
	}
	return &GitError{Command: args[0], Msg: firstLine(stderr), Code: exit.ExitCode()}
}

// GitError is a git command that failed.
type GitError struct {
	Command string // the git subcommand, such as "log"
	Msg     string // the first line git wrote to standard error, if any
	Code    int    // git's exit code
}

// Error returns "git COMMAND: MESSAGE".
func (e *GitError) Error() string {
	if e.Msg == "" {
		return fmt.Sprintf("git %s: exit status %d", e.Command, e.Code)
	}
	return "git " + e.Command + ": " + e.Msg
}

func firstLine(b []byte) string {
	line, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return strings.TrimSpace(line)
}

// openRepo checks that dir is a git repository and reads what the scan needs
// to know about it before reading its history.
func openRepo(ctx context.Context, dir string, needCommits bool) (*repo, error) {
	out, err := git(ctx, dir, nil, "rev-parse", "--is-bare-repository",
		"--is-shallow-repository", "--git-path", "shallow")
	if err != nil {
		var ge *GitError
		if errors.As(err, &ge) && strings.Contains(ge.Msg, "not a git repository") {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		return nil, fmt.Errorf("open repository %s: %w", dir, err)
	}
	fields := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(fields) != 3 {
		return nil, fmt.Errorf("open repository %s: unexpected git rev-parse output", dir)
	}
	r := &repo{root: dir, shallow: fields[1] == "true"}

	// Work from the top level, so that paths are the repository's paths
	// whichever subdirectory was named.
	if fields[0] != "true" {
		top, err := git(ctx, dir, nil, "rev-parse", "--show-toplevel")
		if err != nil {
			return nil, fmt.Errorf("open repository %s: %w", dir, err)
		}
		r.root = strings.TrimSpace(string(top))
	}
	if r.shallow {
		shallowFile := fields[2]
		if !filepath.IsAbs(shallowFile) {
			shallowFile = filepath.Join(dir, shallowFile)
		}
		if r.boundaries, err = readShallow(shallowFile); err != nil {
			return nil, fmt.Errorf("open repository %s: %w", dir, err)
		}
	}

	if r.head, err = headCommit(ctx, r.root); err != nil {
		return nil, fmt.Errorf("read HEAD of %s: %w", dir, err)
	}
	if r.head != nil || !needCommits {
		return r, nil
	}

	// An unborn HEAD is fine while some other branch has commits.
	refs, err := git(ctx, r.root, nil, "for-each-ref", "--count=1", "--format=%(objectname)")
	if err != nil {
		return nil, fmt.Errorf("list refs of %s: %w", dir, err)
	}
	if len(bytes.TrimSpace(refs)) == 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoCommits)
	}
	return r, nil
}

func readShallow(path string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool)
	for _, sha := range strings.Fields(string(b)) {
		m[sha] = true
	}
	return m, nil
}

// headCommit returns the commit HEAD points to, or nil when HEAD is unborn.
func headCommit(ctx context.Context, dir string) (*Commit, error) {
	out, err := git(ctx, dir, nil, "rev-parse", "--verify", "-q", "HEAD^{commit}")
	var ge *GitError
	if errors.As(err, &ge) && ge.Code == 1 {
		return nil, nil // unborn
	}
	if err != nil {
		return nil, err
	}
	sha := strings.TrimSpace(string(out))
	cs, err := showCommits(ctx, dir, []string{sha})
	if err != nil {
		return nil, err
	}
	c, ok := cs[sha]
	if !ok {
		return nil, fmt.Errorf("read commit %s: no such commit", sha)
	}
	return &c, nil
}

// showCommits reads the author date and name of the given commit SHAs with
// one git process.
func showCommits(ctx context.Context, dir string, shas []string) (map[string]Commit, error) {
	m := make(map[string]Commit, len(shas))
	if len(shas) == 0 {
		return m, nil
	}
	stdin := strings.NewReader(strings.Join(shas, "\n") + "\n")
	out, err := git(ctx, dir, stdin, "log", "--no-walk=unsorted", "--stdin", "--no-color",
		"--format="+commitFormat)
	if err != nil {
		return nil, err
	}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		c, ok := parseCommitLine(line, false)
		if ok {
			m[c.SHA] = c
		}
	}
	return m, nil
}

// commitFormat is the --format of the commit lines parseCommitLine reads.
const commitFormat = "%H%x00%at%x00%ct%x00%an"

// parseCommitLine reads "SHA\0AUTHORTIME\0COMMITTIME\0AUTHOR" as written
// by commitFormat. The date is the author's, as gitleaks reports it, or
// with committed the committer's; the other stands in when git prints
// none for one (an author line without its email's brackets, or missing).
// Dates are read as seconds since the epoch: git accepts commits whose
// time zone (+9999) or year makes %aI no valid RFC 3339, and anyone who
// can push can write one; the instant is all an age needs. A commit with
// no date at all keeps the zero time, which reports take for unknown.
func parseCommitLine(line string, committed bool) (Commit, bool) {
	f := strings.SplitN(line, "\x00", 4)
	if len(f) != 4 || !isObjectID(f[0]) {
		return Commit{}, false
	}
	dates := []string{f[1], f[2]}
	if committed {
		dates = []string{f[2], f[1]}
	}
	c := Commit{SHA: f[0], Author: f[3]}
	for _, d := range dates {
		if secs, err := strconv.ParseInt(d, 10, 64); err == nil {
			c.Date = time.Unix(secs, 0).UTC()
			break
		}
	}
	return c, true
}

// isAncestor reports whether commit a is an ancestor of commit b.
func isAncestor(ctx context.Context, dir, a, b string) (bool, error) {
	_, err := git(ctx, dir, nil, "merge-base", "--is-ancestor", a, b)
	var ge *GitError
	if errors.As(err, &ge) && ge.Code == 1 {
		return false, nil
	}
	return err == nil, err
}

// blobs reads the named objects ("HEAD:path") with one git cat-file process
// and calls fn with the content of each that exists and is a blob.
//
// Limitation: git cat-file --batch reads one name a line, so a path that
// contains a newline cannot be read; such paths are skipped.
func blobs(ctx context.Context, dir string, names []string,
	fn func(name string, content []byte)) error {
	var req bytes.Buffer
	var asked []string
	for _, n := range names {
		if !strings.ContainsAny(n, "\n\r") {
			req.WriteString(n + "\n")
			asked = append(asked, n)
		}
	}
	if len(asked) == 0 {
		return nil
	}
	return gitRead(ctx, dir, &req, func(r *bufio.Reader) error {
		return readBatch(r, asked, fn)
	}, "cat-file", "--batch")
}

// errStop, returned by a gitRead reader, ends the read early: git is
// stopped and gitRead succeeds.
var errStop = errors.New("stop reading")

// gitRead runs git with stdin and hands its standard output to read as it
// comes. When read fails, or returns errStop, git is stopped rather than
// left blocked on a full pipe; otherwise the rest of its output is
// discarded. The error is ctx's, read's, or git's own failure, in that
// order.
func gitRead(ctx context.Context, dir string, stdin io.Reader, read func(*bufio.Reader) error,
	args ...string) error {
	cmd := gitCommand(ctx, dir, args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("run git: %w", err)
	}
	readErr := read(bufio.NewReader(stdout))
	if readErr != nil {
		_ = cmd.Process.Kill()
	} else {
		_, _ = io.Copy(io.Discard, stdout)
	}
	waitErr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(readErr, errStop):
		return nil
	case readErr != nil:
		return readErr
	case waitErr != nil:
		return gitError(ctx, args, waitErr, stderr.Bytes())
	}
	return nil
}

func readBatch(r *bufio.Reader, asked []string, fn func(string, []byte)) error {
	for _, name := range asked {
		header, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("read git cat-file output: %w", err)
		}
		f := strings.Fields(header)
		if len(f) < 2 || f[len(f)-1] == "missing" || f[len(f)-1] == "ambiguous" {
			continue
		}
		if len(f) != 3 {
			return fmt.Errorf("read git cat-file output: unexpected header")
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("read git cat-file output: %w", err)
		}
		content := make([]byte, size+1) // the content and its trailing newline
		if _, err := io.ReadFull(r, content); err != nil {
			return fmt.Errorf("read git cat-file output: %w", err)
		}
		if f[1] == "blob" {
			fn(name, content[:size])
		}
	}
	return nil
}

// TopLevel returns the top level of the git work tree that holds dir, or ""
// when dir is not inside one (not a repository, or a bare one). A scan of a
// subdirectory reads the repository's configuration files from there when
// the subdirectory has none.
func TopLevel(ctx context.Context, dir string) string {
	out, err := git(ctx, dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
