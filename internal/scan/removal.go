package scan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
)

// removals finds, for each secret that HEAD no longer holds, the commit that
// removed it: the newest commit in HEAD's history whose diff deletes a line
// holding the secret in one of the files it was committed to. One git log
// reads those files' history, newest first, and stops once every secret has
// its removal.
//
// Limitation: only the files the secret was committed to are followed. A
// file renamed and deleted later shows the rename as the removal, which
// makes the exposure window too short; a secret removed in a merge's
// conflict resolution, or only ever on other branches, has no removal found
// (LastSeen is then its newest sighting). Secrets found only after decoding,
// and path-only matches, are not looked up.
func (s *scanner) removals(ctx context.Context, gone []*Secret) (map[*Secret]removal, error) {
	found := make(map[*Secret]removal)
	var needles []string
	owners := make(map[string][]*Secret)
	paths := make(map[string]bool)
	for _, sec := range gone {
		n := needle(sec.Value)
		if sec.Decoded || sec.PathOnly || n == "" {
			continue
		}
		if _, ok := owners[n]; !ok {
			needles = append(needles, n)
		}
		owners[n] = append(owners[n], sec)
		for _, l := range sec.Locations {
			if !strings.ContainsAny(l.File, "\n\r") {
				paths[l.File] = true
			}
		}
	}
	if len(needles) == 0 || len(paths) == 0 {
		return found, nil
	}

	logCtx, stop := context.WithCancel(ctx)
	defer stop()
	var stdin strings.Builder
	stdin.WriteString("HEAD\n--\n")
	for p := range paths {
		stdin.WriteString(p + "\n")
	}
	cmd := gitCommand(logCtx, s.repo.root, "log", "-p", "-U0", "--no-renames",
		"--no-ext-diff", "--no-textconv", "--no-color",
		"--format=%x00%H%x00%P%x00%aI%x00%an", "--stdin")
	cmd.Stdin = strings.NewReader(stdin.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("run git: %w", err)
	}

	trie := ahocorasick.NewTrieBuilder().AddStrings(needles).Build()
	left := len(gone)
	readErr := readRemovals(bufio.NewReader(stdout), func(c removal, removed string) bool {
		for _, m := range trie.MatchString(removed) {
			for _, sec := range owners[needles[m.Pattern()]] {
				if _, ok := found[sec]; !ok {
					found[sec] = c
					left--
				}
			}
		}
		return left > 0
	})
	if readErr != nil || left == 0 {
		// Every removal is found (or the output is unreadable): the rest of
		// the history is not needed, and git must not block on a full pipe.
		stop()
	}
	waitErr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case readErr != nil:
		return nil, fmt.Errorf("find removals: %w", readErr)
	case waitErr != nil && logCtx.Err() == nil:
		return nil, fmt.Errorf("find removals: %w", gitError(ctx, []string{"log"}, waitErr,
			stderr.Bytes()))
	}
	return found, nil
}

// readRemovals reads git log -p -U0 output with the header format
// "\0SHA\0PARENTS\0DATE\0AUTHOR" and calls fn with each deleted line and the
// commit that deletes it, until fn returns false.
func readRemovals(r *bufio.Reader, fn func(c removal, removed string) bool) error {
	var cur removal
	inHunk := false
	for {
		line, err := r.ReadString('\n')
		if errors.Is(err, io.EOF) && line == "" {
			return nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "\x00"):
			c, ok := parseRemovalHeader(line[1:])
			if !ok {
				return fmt.Errorf("unexpected git log output")
			}
			cur, inHunk = c, false
		case strings.HasPrefix(line, "diff --git "):
			inHunk = false
		case strings.HasPrefix(line, "@@"):
			inHunk = true
		case inHunk && strings.HasPrefix(line, "-"):
			if !fn(cur, line[1:]) {
				return nil
			}
		}
	}
}

func parseRemovalHeader(h string) (removal, bool) {
	f := strings.SplitN(h, "\x00", 4)
	if len(f) != 4 {
		return removal{}, false
	}
	c, ok := parseCommitLine(f[0] + "\x00" + f[2] + "\x00" + f[3])
	parent, _, _ := strings.Cut(f[1], " ")
	return removal{commit: c, parent: parent}, ok
}

// firstGitError runs a git command with its output discarded and returns
// the first line it writes to standard error that gitleaks would also take
// for an error, stopping git as soon as there is one.
func firstGitError(ctx context.Context, dir string, args []string) string {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCommand(ctx, dir, args...)
	cmd.Stdout = io.Discard
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return ""
	}
	if err := cmd.Start(); err != nil {
		return ""
	}
	defer func() { _ = cmd.Wait() }() // the message is what matters, not the status
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !benignGitMessage(line) {
			cancel()
			return line
		}
	}
	return ""
}

// benignGitMessage reports whether gitleaks lets git write line to standard
// error without taking it for a failure.
func benignGitMessage(line string) bool {
	for _, s := range []string{
		"exhaustive rename detection was skipped",
		"inexact rename detection was skipped",
		"you may want to set your diff.renameLimit",
		`See "git help gc" for manual housekeeping`,
		"Auto packing the repository in background for optimum performance",
	} {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}
