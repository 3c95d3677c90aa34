package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/report"
	"github.com/keylint/keylint/internal/testrepo"
)

// The hostile-repository tests run keylint scan over repositories that are
// broken or unusual. Each must end, within a time limit, in a one-line error
// and exit 2 or in the right findings; never in a panic, a hang or a secret
// in full. TestScanExitCodes covers a directory that is no repository and a
// repository without commits.

// hostileTimeout bounds one scan of a hostile repository.
const hostileTimeout = 30 * time.Second

// runScanBounded runs keylint scan in-process with a deadline, and fails
// the test on a panic or on a scan that does not return once cancelled.
func runScanBounded(t *testing.T, args ...string) scanResult {
	t.Helper()
	if err := isolateOnce(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeout)
	defer cancel()
	done := make(chan scanResult, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		defer func() {
			if p := recover(); p != nil {
				done <- scanResult{code: -1, stderr: fmt.Sprintf("panic: %v", p)}
			}
		}()
		code := runScanEnv(ctx, args, &stdout, &stderr, testEnv(nil))
		done <- scanResult{code, stdout.String(), stderr.String()}
	}()
	select {
	case r := <-done:
		if r.code == -1 {
			t.Fatalf("keylint scan %s: %s", strings.Join(args, " "), r.stderr)
		}
		if ctx.Err() != nil {
			t.Errorf("keylint scan %s: took over %v", strings.Join(args, " "), hostileTimeout)
		}
		return r
	case <-time.After(hostileTimeout + 10*time.Second):
		t.Fatalf("keylint scan %s: still running 10s after it was cancelled",
			strings.Join(args, " "))
	}
	return scanResult{}
}

// hostileView is what the tests compare of a finding: rule, place, and
// where it still is (HEAD, other refs, or gone).
func hostileView(f report.Finding) string {
	where := "gone"
	switch {
	case f.AtHead:
		where = "HEAD"
	case len(f.LiveRefs) > 0:
		where = "on " + strings.Join(f.LiveRefs, ",")
	case f.Introduced == nil && f.FirstSeen == nil: // staged, or without git
		where = "file"
	}
	return fmt.Sprintf("%s %s:%d:%d %s", f.Rule, f.File, f.Line, f.Column, where)
}

// hostileRepo is a repository built for one case, with the secrets it
// planted.
type hostileRepo struct {
	dir     string
	secrets []string
}

func TestScanHostileRepos(t *testing.T) {
	for _, tc := range []struct {
		name  string
		repo  func(t *testing.T) hostileRepo
		args  []string
		code  int
		err   string   // for exit 2: what the one line of stderr holds
		want  []string // otherwise: the findings, by hostileView
		text  []string // lines the text report holds
		short bool     // skipped under -short: takes seconds
	}{
		{name: "truncated loose object", repo: truncatedObject, code: 2,
			err: "read git history of DIR: error: header for "},
		{name: "zeroed loose object", repo: zeroedObject, code: 2,
			err: "read git history of DIR: error: inflate: data stream error"},
		{name: "corrupt packfile", repo: corruptPack, code: 2,
			err: "read git history of DIR: error: "},
		{name: "missing HEAD file", repo: missingHEAD, code: 2,
			err: "not a git repository (use --no-git to scan its files)"},
		{name: "detached HEAD", repo: detachedHEAD, code: 1, want: []string{
			"github-pat a.env:1:7 HEAD", "github-pat b.env:1:7 on refs/heads/main"}},
		{name: "submodule", repo: submodule, code: 1, want: []string{
			"github-pat a.env:1:7 HEAD"}},
		{name: "submodule without git", repo: submodule, args: []string{"--no-git"}, code: 1,
			want: []string{"github-pat a.env:1:7 file", "github-pat vendor/lib/lib.env:1:7 file"}},
		{name: "LFS pointers", repo: lfsPointers, code: 1, want: []string{
			"github-pat deploy.env:1:7 HEAD"}},
		{name: "binary file", repo: binaryFile, code: 1, want: []string{
			"github-pat deploy.env:1:7 HEAD"}}, // not reported: the secret in the binary file
		{name: "100 MB file", repo: hugeFile, code: 1, short: true, want: []string{
			"github-pat deploy.env:1:7 HEAD"}},
		{name: "100 MB file, secret on its last line", repo: hugeFileSecret, code: 1,
			short: true, want: []string{"github-pat big.txt:1906502:7 HEAD"}},
		{name: "long line without git", repo: longLine, args: []string{"--no-git"}, code: 1,
			want: []string{"github-pat long.txt:1:250007 file"}},
		{name: "long lines without git", repo: longLines, args: []string{"--no-git"}, code: 1,
			want: []string{"github-pat long.txt:2:250001 file", "github-pat long.txt:3:7 file"}},
		{name: "invalid UTF-8", repo: invalidUTF8, code: 1, want: []string{
			"github-pat bad.env:2:7 HEAD", "github-pat na\ufffdme.env:1:7 HEAD"},
			text: []string{`"na\xffme.env":1:7: KL201 github-pat`}},
		{name: "odd paths", repo: oddPaths, code: 1, want: []string{
			"github-pat --output=x.env:1:7 HEAD", "github-pat c:o:lon.env:1:7 HEAD",
			"github-pat dir with space/a b.env:1:7 HEAD", "github-pat new\nline.env:1:7 HEAD"},
			text: []string{`"new\nline.env":1:7: KL201 github-pat`}},
		{name: "newline in a path, on another branch", repo: newlineOnBranch, code: 1,
			want: []string{"github-pat new\nline.env:1:7 on refs/heads/main"}},
		// Commit headers git accepts and prints but that are no valid
		// RFC 3339 date, or that gitleaks' diff parser cannot read.
		{name: "time zone +9999 at HEAD", repo: oddCommit(authorLine(3, "+9999")), code: 1,
			want: []string{"github-pat a.env:1:7 HEAD", "github-pat odd.env:1:7 HEAD"}},
		{name: "author date in year 3170843", repo: oddCommit(fmt.Sprintf("author %s <%s> "+
			"99999999999999 +0000", testrepo.AuthorName, testrepo.AuthorEmail)), code: 1,
			want: []string{"github-pat a.env:1:7 HEAD", "github-pat odd.env:1:7 HEAD"},
			text: []string{"odd.env:1:7: KL201 github-pat ghp_", "is dated 3170843-11-07, in the future"}},
		// No author date git can print: the committer's stands in.
		{name: "no author line", repo: oddCommit(""), code: 1, want: []string{
			"github-pat a.env:1:7 HEAD", "github-pat odd.env:1:7 HEAD"},
			text: []string{"odd.env:1:7: KL201 github-pat ghp_", "3 days old"}},
		{name: "removal with no author line", repo: oddRemoval, code: 1, want: []string{
			"github-pat a.env:1:7 gone"}, text: []string{"removed " +
			testrepo.DaysAgo(3).Format(time.DateOnly)}},
		{name: "author without brackets", repo: oddCommit(fmt.Sprintf("author %s %s %d +0000",
			testrepo.AuthorName, testrepo.AuthorEmail, testrepo.DaysAgo(3).Unix())), code: 1,
			want: []string{"github-pat a.env:1:7 HEAD", "github-pat odd.env:1:7 HEAD"},
			text: []string{"odd.env:1:7: KL201 github-pat ghp_", "3 days old"}},
		{name: "bare repository", repo: bareRepo, code: 1, want: []string{
			"github-pat a.env:1:7 HEAD"}},
		{name: "bare repository, staged", repo: bareRepo, args: []string{"--staged"},
			code: 0}, // a bare repository stages nothing
		{name: "worktree", repo: worktree, code: 1, want: []string{
			"github-pat a.env:1:7 on refs/heads/main", "github-pat wt.env:1:7 HEAD"}},
		{name: "worktree, staged", repo: worktree, args: []string{"--staged"}, code: 1,
			want: []string{"github-pat staged.env:1:7 file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.short && testing.Short() {
				t.Skip("takes seconds")
			}
			r := tc.repo(t)
			args := append(append([]string{"--no-github"}, tc.args...), r.dir)
			res := runScanBounded(t, append([]string{"--format", "json"}, args...)...)
			for _, s := range r.secrets {
				if strings.Contains(res.stdout+res.stderr, s) {
					t.Errorf("the output holds a secret in full:\n%s%s", res.stdout, res.stderr)
				}
			}
			if res.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", res.code, tc.code,
					res.stdout, res.stderr)
			}
			if tc.code == 2 {
				checkOneLineError(t, res.stderr, strings.ReplaceAll(tc.err, "DIR", r.dir))
				return
			}
			if res.stderr != "" {
				t.Errorf("stderr: %s", res.stderr)
			}
			var got []string
			for _, f := range decodeReport(t, res).Findings {
				got = append(got, hostileView(f))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s", diff)
			}
			if len(tc.text) > 0 {
				text := runScanBounded(t, args...).stdout
				for _, want := range tc.text {
					if !strings.Contains(text, want) {
						t.Errorf("text report lacks %q:\n%s", want, text)
					}
				}
			}
		})
	}
}

func checkOneLineError(t *testing.T, stderr, want string) {
	t.Helper()
	line, rest, _ := strings.Cut(stderr, "\n")
	if !strings.HasPrefix(line, "keylint scan: ") || !strings.Contains(line, want) ||
		rest != "" {
		t.Errorf("stderr %q: want one line, keylint scan: …%s…", stderr, want)
	}
}

// withToken commits files, each holding a GitHub token after TOKEN=, and
// returns the repository and the tokens.
func withToken(t *testing.T, seed uint64, paths ...string) (*testrepo.Repo, []string) {
	t.Helper()
	r := testrepo.New(t)
	var tokens []string
	for i, p := range paths {
		tok := testrepo.GitHubPAT(seed + uint64(i))
		r.Write(p, "TOKEN="+tok+"\n")
		tokens = append(tokens, tok)
	}
	r.Commit("add "+strings.Join(paths, ", "), testrepo.DaysAgo(10))
	return r, tokens
}

// looseObject returns the file of a loose object, writable.
func looseObject(t *testing.T, r *testrepo.Repo, rev string) string {
	t.Helper()
	oid := r.Git("rev-parse", rev)
	p := filepath.Join(r.Dir, ".git", "objects", oid[:2], oid[2:])
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func truncatedObject(t *testing.T) hostileRepo {
	r, toks := withToken(t, 900, "a.env")
	p := looseObject(t, r, "HEAD:a.env")
	if err := os.Truncate(p, 10); err != nil {
		t.Fatal(err)
	}
	return hostileRepo{r.Dir, toks}
}

func zeroedObject(t *testing.T) hostileRepo {
	r, toks := withToken(t, 901, "a.env")
	p := looseObject(t, r, "HEAD:a.env")
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, make([]byte, info.Size()), 0o644); err != nil {
		t.Fatal(err)
	}
	return hostileRepo{r.Dir, toks}
}

// corruptPack packs three commits and overwrites the middle of the pack.
func corruptPack(t *testing.T) hostileRepo {
	r, toks := withToken(t, 902, "a.env")
	for i := range 2 {
		tok := testrepo.GitHubPAT(903 + uint64(i))
		r.Write(fmt.Sprintf("b%d.env", i), "TOKEN="+tok+"\n")
		toks = append(toks, tok)
		r.Commit("more", testrepo.DaysAgo(9-i))
	}
	r.Git("repack", "-q", "-a", "-d")
	packs, err := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.pack"))
	if err != nil || len(packs) != 1 {
		t.Fatalf("packs %v: %v", packs, err)
	}
	if err := os.Chmod(packs[0], 0o644); err != nil { // git writes packs read-only
		t.Fatal(err)
	}
	f, err := os.OpenFile(packs[0], os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, 32), info.Size()/2); err != nil {
		t.Fatal(err)
	}
	return hostileRepo{r.Dir, toks}
}

func missingHEAD(t *testing.T) hostileRepo {
	r, toks := withToken(t, 905, "a.env")
	if err := os.Remove(filepath.Join(r.Dir, ".git", "HEAD")); err != nil {
		t.Fatal(err)
	}
	return hostileRepo{r.Dir, toks}
}

// detachedHEAD checks out main's parent: b.env is on main only.
func detachedHEAD(t *testing.T) hostileRepo {
	r, toks := withToken(t, 906, "a.env")
	tok := testrepo.GitHubPAT(907)
	r.Write("b.env", "TOKEN="+tok+"\n")
	r.Commit("b", testrepo.DaysAgo(5))
	r.Git("checkout", "-q", "--detach", "HEAD~1")
	return hostileRepo{r.Dir, append(toks, tok)}
}

// authorLine is a commit's author line for testrepo's author, daysAgo
// days ago in the time zone tz.
func authorLine(daysAgo int, tz string) string {
	return fmt.Sprintf("author %s <%s> %d %s", testrepo.AuthorName, testrepo.AuthorEmail,
		testrepo.DaysAgo(daysAgo).Unix(), tz)
}

// oddCommit returns a repository whose newest commit, which adds a secret
// in odd.env, is written by hand with the author line author ("" for
// none) and a committer three days ago.
func oddCommit(author string) func(t *testing.T) hostileRepo {
	return func(t *testing.T) hostileRepo {
		r, toks := withToken(t, 916, "a.env")
		tok := testrepo.GitHubPAT(917)
		r.Write("odd.env", "TOKEN="+tok+"\n")
		r.Stage("odd.env")
		commitByHand(t, r, author)
		return hostileRepo{r.Dir, append(toks, tok)}
	}
}

// oddRemoval returns a repository whose newest commit, written by hand
// with no author line, deletes the file that holds its secret.
func oddRemoval(t *testing.T) hostileRepo {
	r, toks := withToken(t, 918, "a.env")
	r.Git("rm", "-q", "--cached", "a.env")
	commitByHand(t, r, "")
	r.Git("reset", "-q", "--hard")
	return hostileRepo{r.Dir, toks}
}

// commitByHand commits what is staged onto main, writing the commit object
// itself: its author line is author ("" for none), its committer testrepo's
// author three days ago. git hash-object --literally takes what git commit
// would refuse to write.
func commitByHand(t *testing.T, r *testrepo.Repo, author string) {
	t.Helper()
	if author != "" {
		author += "\n"
	}
	header := fmt.Sprintf("tree %s\nparent %s\n%scommitter %s <%s> %d +0000\n\nodd\n",
		r.Git("write-tree"), r.Git("rev-parse", "HEAD"), author, testrepo.AuthorName,
		testrepo.AuthorEmail, testrepo.DaysAgo(3).Unix())
	f := filepath.Join(t.TempDir(), "commit")
	if err := os.WriteFile(f, []byte(header), 0o644); err != nil {
		t.Fatal(err)
	}
	r.Git("update-ref", "refs/heads/main", r.Git("hash-object", "-t", "commit", "-w",
		"--literally", f))
}

// submodule adds a repository with its own secret as a submodule: its
// history is not the superproject's.
func submodule(t *testing.T) hostileRepo {
	lib, libToks := withToken(t, 908, "lib.env")
	r, toks := withToken(t, 909, "a.env")
	r.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", lib.Dir, "vendor/lib")
	r.Commit("vendor lib", testrepo.DaysAgo(5))
	return hostileRepo{r.Dir, append(toks, libToks...)}
}

// lfsPointers commits Git LFS pointer files (git-lfs itself is not
// needed to commit them) next to a secret.
func lfsPointers(t *testing.T) hostileRepo {
	r, toks := withToken(t, 910, "deploy.env")
	r.Write(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n")
	for i, name := range []string{"model.bin", "weights.bin"} {
		r.Write(name, "version https://git-lfs.github.com/spec/v1\noid sha256:"+
			testrepo.Token(uint64(911+i), "", "0123456789abcdef", 64)+"\nsize 104857600\n")
	}
	r.Commit("lfs", testrepo.DaysAgo(5))
	return hostileRepo{r.Dir, toks}
}

// binaryFile commits a binary file that holds a token: git shows no diff
// of it, so the scan, as gitleaks git, does not read it.
func binaryFile(t *testing.T) hostileRepo {
	r, toks := withToken(t, 913, "deploy.env")
	tok := testrepo.GitHubPAT(914)
	r.Write("app.bin", "\x7fELF\x00\x01\x02\x00TOKEN="+tok+"\x00\xff\xfe\n")
	r.Commit("binary", testrepo.DaysAgo(5))
	return hostileRepo{r.Dir, append(toks, tok)}
}

// fastImportFile commits a file of size bytes of text with git
// fast-import, streamed, and last appended to it; then the repository's
// other commits follow.
func fastImportFile(t *testing.T, r *testrepo.Repo, path string, size int, last string) {
	t.Helper()
	const line = "the quick brown fox jumps over the lazy dog 0123456789\n"
	n := size / len(line)
	cmd := exec.Command("git", "-C", r.Dir, "-c", "pack.compression=1", "fast-import", "--quiet")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	who := fmt.Sprintf("%s <%s> %d +0000", testrepo.AuthorName, testrepo.AuthorEmail,
		testrepo.DaysAgo(20).Unix())
	fmt.Fprintf(stdin, "commit refs/heads/main\ncommitter %s\ndata 3\nbig\n"+
		"M 100644 inline %s\ndata %d\n", who, path, n*len(line)+len(last))
	chunk := []byte(strings.Repeat(line, 1<<14))
	for left := n; left > 0; left -= 1 << 14 {
		if _, err := stdin.Write(chunk[:min(left, 1<<14)*len(line)]); err != nil {
			t.Fatal(err)
		}
	}
	io.WriteString(stdin, last+"\n")
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("git fast-import: %v\n%s", err, stderr.String())
	}
	r.Git("checkout", "-q", "-f", "main")
}

// hugeFile commits a 100 MB text file without secrets, then a secret in
// another file.
func hugeFile(t *testing.T) hostileRepo {
	r := testrepo.New(t)
	fastImportFile(t, r, "big.txt", 100<<20, "")
	tok := testrepo.GitHubPAT(915)
	r.Write("deploy.env", "TOKEN="+tok+"\n")
	r.Commit("deploy", testrepo.DaysAgo(5))
	return hostileRepo{r.Dir, []string{tok}}
}

// hugeFileSecret commits a 100 MB text file whose last line is a secret.
func hugeFileSecret(t *testing.T) hostileRepo {
	r := testrepo.New(t)
	tok := testrepo.GitHubPAT(916)
	fastImportFile(t, r, "big.txt", 100<<20, "TOKEN="+tok)
	return hostileRepo{r.Dir, []string{tok}}
}

// longLine writes, without git, a file whose only line is 250 kB long
// with a secret at its end.
func longLine(t *testing.T) hostileRepo {
	dir := t.TempDir()
	tok := testrepo.GitHubPAT(917)
	content := strings.Repeat("x", 250_000) + "TOKEN=" + tok + "\n"
	if err := os.WriteFile(filepath.Join(dir, "long.txt"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return hostileRepo{dir, []string{tok}}
}

// longLines writes, without git, a file of long lines, each longer than
// gitleaks' chunks, with secrets at the end of one and the start of the
// next.
func longLines(t *testing.T) hostileRepo {
	dir := t.TempDir()
	a, b := testrepo.GitHubPAT(920), testrepo.GitHubPAT(921)
	content := strings.Repeat("y", 150_000) + "\n" + strings.Repeat("x", 250_000) + a + "\n" +
		"TOKEN=" + b + strings.Repeat(" z", 120_000) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "long.txt"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return hostileRepo{dir, []string{a, b}}
}

// invalidUTF8 commits a file whose content is not UTF-8 and one whose name
// is not.
func invalidUTF8(t *testing.T) hostileRepo {
	r := testrepo.New(t)
	a, b := testrepo.GitHubPAT(918), testrepo.GitHubPAT(919)
	r.Write("bad.env", "\xff\xfe\xc3(\x80\n"+"TOKEN="+a+"\n")
	r.Write("na\xffme.env", "TOKEN="+b+"\n")
	r.Commit("latin-1", testrepo.DaysAgo(5))
	return hostileRepo{r.Dir, []string{a, b}}
}

// oddPaths commits files whose names hold spaces, a newline, colons and a
// leading dash.
func oddPaths(t *testing.T) hostileRepo {
	r, toks := withToken(t, 920, "dir with space/a b.env", "new\nline.env", "c:o:lon.env",
		"--output=x.env")
	return hostileRepo{r.Dir, toks}
}

// newlineOnBranch commits a secret in a file whose name holds a newline on
// main, and checks out a branch that forked before it.
func newlineOnBranch(t *testing.T) hostileRepo {
	r := testrepo.New(t)
	r.Write("README.md", "# demo\n")
	r.Commit("readme", testrepo.DaysAgo(20))
	r.Git("branch", "other")
	tok := testrepo.GitHubPAT(928)
	r.Write("new\nline.env", "TOKEN="+tok+"\n")
	r.Commit("token", testrepo.DaysAgo(10))
	r.Git("checkout", "-q", "other")
	return hostileRepo{r.Dir, []string{tok}}
}

func bareRepo(t *testing.T) hostileRepo {
	r, toks := withToken(t, 924, "a.env")
	bare := filepath.Join(t.TempDir(), "bare.git")
	r.Git("clone", "-q", "--bare", r.Dir, bare)
	return hostileRepo{bare, toks}
}

// worktree adds a linked worktree on a new branch, with a commit and a
// staged file of its own.
func worktree(t *testing.T) hostileRepo {
	r, toks := withToken(t, 925, "a.env")
	dir := filepath.Join(t.TempDir(), "wt")
	r.Git("worktree", "add", "-q", "-b", "feature", dir)
	wt := testrepo.Open(t, dir)
	wt.Git("rm", "-q", "a.env")
	tok, staged := testrepo.GitHubPAT(926), testrepo.GitHubPAT(927)
	wt.Write("wt.env", "TOKEN="+tok+"\n")
	wt.Commit("feature", testrepo.DaysAgo(5))
	wt.Write("staged.env", "TOKEN="+staged+"\n")
	wt.Stage("staged.env")
	return hostileRepo{dir, append(toks, tok, staged)}
}
