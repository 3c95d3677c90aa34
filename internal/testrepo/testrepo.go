// Package testrepo builds real git repositories for tests: fixed authors,
// fixed dates, no signing and no influence from the user's git configuration,
// so the commits and their SHAs are the same on every run.
//
// A test binary that runs git itself (through the code under test) should
// call Isolate from TestMain, so that those git processes do not read the
// user's configuration either.
package testrepo

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/keylint/keylint/internal/redact"
)

// The identity of every commit a Repo makes.
const (
	AuthorName  = "Alice Example"
	AuthorEmail = "alice@example.com"
)

// Isolate points git's global configuration at an empty file, turns off the
// system configuration and stops repository discovery at the temporary
// directory, for the whole process. Call it once before tests run git
// indirectly (from TestMain, or through a sync.Once); it leaves HOME alone,
// since the go command finds its caches there. The returned function removes
// the empty configuration.
func Isolate() (cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "testrepo-config-")
	if err != nil {
		return nil, err
	}
	for k, v := range map[string]string{
		"GIT_CONFIG_NOSYSTEM": "1",
		"GIT_CONFIG_GLOBAL":   filepath.Join(dir, "gitconfig"),
		"GIT_TERMINAL_PROMPT": "0",
		// Never find a repository above the temporary directory.
		"GIT_CEILING_DIRECTORIES": os.TempDir(),
	} {
		if err := os.Setenv(k, v); err != nil {
			return nil, err
		}
	}
	return func() { os.RemoveAll(dir) }, nil
}

// Repo is a git repository in a test's temporary directory.
type Repo struct {
	t    testing.TB
	Dir  string
	home string // an empty HOME for git

	// Sign makes Commit sign commits with gpg, which must find a key for
	// the author (GNUPGHOME).
	Sign bool
}

// New initialises an empty repository with branch main.
func New(t testing.TB) *Repo {
	t.Helper()
	r := Open(t, t.TempDir())
	r.Git("init", "-q", "-b", "main")
	return r
}

// Open wraps an existing repository, such as a clone.
func Open(t testing.TB, dir string) *Repo {
	return &Repo{t: t, Dir: dir, home: t.TempDir()}
}

// env is the environment of every git command a Repo runs: the process
// environment without the user's identity and configuration.
func env(home string, when time.Time) []string {
	var e []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "HOME=") {
			e = append(e, kv)
		}
	}
	date := when.UTC().Format(time.RFC3339)
	return append(e,
		"HOME="+home,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+filepath.Join(home, ".gitconfig"),
		"GIT_AUTHOR_NAME="+AuthorName, "GIT_AUTHOR_EMAIL="+AuthorEmail,
		"GIT_COMMITTER_NAME="+AuthorName, "GIT_COMMITTER_EMAIL="+AuthorEmail,
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date,
	)
}

// Git runs git in the repository and returns its trimmed standard output;
// a failure fails the test.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	return r.gitAt(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), args...)
}

func (r *Repo) gitAt(when time.Time, args ...string) string {
	r.t.Helper()
	full := append([]string{"-c", fmt.Sprintf("commit.gpgsign=%t", r.Sign), "-c", "tag.gpgsign=false",
		"-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"}, args...)
	cmd := exec.Command("git", full...)
	cmd.Dir = r.Dir
	cmd.Env = env(r.home, when)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(stdout.String())
}

// Write creates or replaces a file, creating its directories.
func (r *Repo) Write(path, content string) {
	r.t.Helper()
	p := filepath.Join(r.Dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// Remove deletes a file from the working tree.
func (r *Repo) Remove(path string) {
	r.t.Helper()
	if err := os.Remove(filepath.Join(r.Dir, filepath.FromSlash(path))); err != nil {
		r.t.Fatal(err)
	}
}

// Commit stages every change and commits it with author and committer date
// when, returning the commit's SHA.
func (r *Repo) Commit(msg string, when time.Time) string {
	r.t.Helper()
	r.Git("add", "-A")
	r.gitAt(when, "commit", "-q", "--allow-empty", "-m", msg)
	return r.Git("rev-parse", "HEAD")
}

// GitAt runs git as Git does, with author and committer date when: for a
// command that commits (cherry-pick, revert), when is the committer date.
func (r *Repo) GitAt(when time.Time, args ...string) string {
	r.t.Helper()
	return r.gitAt(when, args...)
}

// Merge merges branch into the current branch with a merge commit (never
// a fast-forward) dated when, returning its SHA. Extra arguments go to git
// merge, before the branch: -X ours, --no-commit.
func (r *Repo) Merge(branch, msg string, when time.Time, args ...string) string {
	r.t.Helper()
	r.gitAt(when, append(append([]string{"merge", "-q", "--no-ff", "-m", msg}, args...),
		branch)...)
	return r.Git("rev-parse", "HEAD")
}

// Stage stages the named paths without committing.
func (r *Repo) Stage(paths ...string) {
	r.t.Helper()
	r.Git(append([]string{"add", "--"}, paths...)...)
}

// Clone clones the repository through file:// (so --depth is honoured) into a
// new temporary directory; depth 0 clones everything.
func (r *Repo) Clone(depth int) *Repo {
	r.t.Helper()
	dst := filepath.Join(r.t.TempDir(), "clone")
	args := []string{"clone", "-q", "--no-local"}
	if depth > 0 {
		args = append(args, "--depth", fmt.Sprint(depth))
	}
	Open(r.t, filepath.Dir(dst)).Git(append(args, "file://"+filepath.ToSlash(r.Dir), dst)...)
	return Open(r.t, dst)
}

// Token returns a random string of n characters from alphabet, seeded so the
// same seed gives the same token. Tests build secrets with it at run time, so
// that no test file holds a value a secret scanner would flag.
func Token(seed uint64, prefix, alphabet string, n int) string {
	rng := rand.New(rand.NewPCG(seed, 0x6b65796c696e74))
	b := []byte(prefix)
	for range n {
		b = append(b, alphabet[rng.IntN(len(alphabet))])
	}
	return string(b)
}

// Alphabets for Token.
const (
	Alnum       = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	UpperBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
)

// GitHubPAT returns a fake GitHub personal access token (gitleaks rule
// github-pat, sensitive tier).
func GitHubPAT(seed uint64) string { return Token(seed, "ghp_", Alnum, 36) }

// AWSAccessKeyID returns a fake AWS access key ID (gitleaks rule
// aws-access-token, sensitive tier).
func AWSAccessKeyID(seed uint64) string { return Token(seed, "AKIA", UpperBase32, 16) }

// PrefectToken returns a fake Prefect API token (gitleaks rule
// prefect-api-token, standard tier).
func PrefectToken(seed uint64) string { return Token(seed, "pnu_", Alnum, 36) }

// WriteTree writes files, by slash-separated path, under a new temporary
// directory and returns the directory: a module or a tree to scan without
// git.
func WriteTree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// NoSecretInDir fails the test when a file under dir holds one of the
// forbidden strings, or when dir holds no file at all: a cache that was
// never written proves nothing. Failures show each string redacted.
func NoSecretInDir(t testing.TB, dir string, forbidden ...string) {
	t.Helper()
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, f := range forbidden {
			if bytes.Contains(data, []byte(f)) {
				t.Errorf("file %s holds %s", p, redact.Secret(f))
			}
		}
		return nil
	})
	if err != nil || files == 0 {
		t.Errorf("%s: %d files, %v", dir, files, err)
	}
}
