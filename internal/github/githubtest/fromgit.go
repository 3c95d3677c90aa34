package githubtest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// CommitsFromGit reads the first-parent history of rev in the git
// repository at dir into Commits, oldest first, with the repository's own
// SHAs, authors, dates and file contents: a server started with them
// answers for the commits of a clone of that repository, such as the
// boundary of a --depth 1 clone.
//
// Renames are read as a deletion and an addition, and merges by their
// first parent only, so the fake's per-file history can be shorter than
// GitHub's for the same repository.
func CommitsFromGit(dir, rev string) ([]Commit, error) {
	out, err := gitOutput(dir, nil, "log", "--reverse", "--first-parent", "--no-renames",
		"--root", "--raw", "--no-abbrev", "--format=C%x00%H%x00%an%x00%ae%x00%aI", rev, "--")
	if err != nil {
		return nil, err
	}
	var commits []Commit
	var blobs []string
	type slot struct{ commit, change int }
	var slots []slot
	for line := range strings.SplitSeq(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "C\x00"):
			f := strings.Split(line, "\x00")
			date, err := time.Parse(time.RFC3339, f[4])
			if err != nil {
				return nil, fmt.Errorf("read commit %s: %w", f[1], err)
			}
			sig := Signature{Name: f[2], Email: f[3], Date: date.UTC()}
			commits = append(commits, Commit{SHA: f[1], Author: sig})
		case strings.HasPrefix(line, ":") && len(commits) > 0:
			// :MODE MODE OLD NEW STATUS\tPATH
			meta, path, _ := strings.Cut(line, "\t")
			f := strings.Fields(meta)
			c := &commits[len(commits)-1]
			if len(f) < 5 || f[4] == "D" {
				c.Changes = append(c.Changes, Change{Path: path, Delete: true})
				continue
			}
			c.Changes = append(c.Changes, Change{Path: path})
			slots = append(slots, slot{len(commits) - 1, len(c.Changes) - 1})
			blobs = append(blobs, f[3])
		}
	}
	contents, err := catBlobs(dir, blobs)
	if err != nil {
		return nil, err
	}
	for i, s := range slots {
		commits[s.commit].Changes[s.change].Content = contents[i]
	}
	return commits, nil
}

// catBlobs reads blobs by SHA with one git cat-file process.
func catBlobs(dir string, shas []string) ([]string, error) {
	if len(shas) == 0 {
		return nil, nil
	}
	out, err := gitOutput(dir, strings.NewReader(strings.Join(shas, "\n")+"\n"),
		"cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(bytes.NewReader(out))
	contents := make([]string, 0, len(shas))
	for _, sha := range shas {
		header, err := r.ReadString('\n')
		f := strings.Fields(header)
		if err != nil || len(f) != 3 {
			return nil, fmt.Errorf("read blob %s: unexpected git cat-file output", sha)
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("read blob %s: %w", sha, err)
		}
		b := make([]byte, size+1) // the content and a newline
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("read blob %s: %w", sha, err)
		}
		contents = append(contents, string(b[:size]))
	}
	return contents, nil
}

func gitOutput(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, line)
	}
	return stdout.Bytes(), nil
}
