package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"

	"github.com/keylint/keylint/internal/github"
	"github.com/keylint/keylint/internal/scan"
)

// What the clone says about secret-scanning alerts, asked of git directly:
// the scanner's own helpers work on its internal state.

// commitsInClone reports which of the alerts' commits the clone has; in a
// shallow clone, those before the boundary are missing.
func commitsInClone(ctx context.Context, dir string, alerts []*github.Alert) (map[string]bool,
	error) {
	var in bytes.Buffer
	for _, a := range alerts {
		in.WriteString(a.Commit + "^{commit}\n")
	}
	out, err := gitIn(ctx, dir, &in, "cat-file", "--batch-check=%(objectname) %(objecttype)")
	if err != nil {
		return nil, err
	}
	has := map[string]bool{}
	for line := range strings.SplitSeq(string(out), "\n") {
		if sha, typ, ok := strings.Cut(line, " "); ok && typ == "commit" {
			has[sha] = true
		}
	}
	return has, nil
}

// headLocations searches HEAD's tree for the alerts' secrets: git grep for
// each secret's longest line picks the files (the secrets go to git on
// standard input, never on its command line), then each file is read and
// tested for the whole secret.
func headLocations(ctx context.Context, dir string, head *scan.Commit,
	alerts []*github.Alert) (map[*github.Alert][]scan.Location, error) {
	found := map[*github.Alert][]scan.Location{}
	if head == nil || len(alerts) == 0 {
		return found, nil
	}
	var needles []string
	for _, a := range alerts {
		if n := scan.Needle(a.Secret()); n != "" {
			needles = append(needles, n)
		}
	}
	out, err := gitIn(ctx, dir, strings.NewReader(strings.Join(needles, "\n")+"\n"),
		"grep", "-l", "-z", "-I", "-F", "--full-name", "-f", "-", "HEAD", "--", ":/")
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		return found, nil // no file holds any of them
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for name := range strings.SplitSeq(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		names = append(names, name)
	}
	err = readBlobs(ctx, dir, names, func(name string, content []byte) {
		path := strings.TrimPrefix(name, "HEAD:")
		for _, a := range alerts {
			if line, col, ok := scan.Position(content, a.Secret()); ok {
				found[a] = append(found[a], scan.Location{File: path, Line: line,
					Column: col, Commit: head.SHA, Date: head.Date, Author: head.Author})
			}
		}
	})
	return found, err
}

// readBlobs reads the named objects ("HEAD:path") with one git cat-file.
func readBlobs(ctx context.Context, dir string, names []string,
	fn func(name string, content []byte)) error {
	out, err := gitIn(ctx, dir, strings.NewReader(strings.Join(names, "\n")+"\n"),
		"cat-file", "--batch")
	if err != nil {
		return err
	}
	r := bufio.NewReader(bytes.NewReader(out))
	for _, name := range names {
		header, err := r.ReadString('\n')
		f := strings.Fields(header)
		if err != nil || len(f) != 3 {
			return fmt.Errorf("read %s: unexpected git cat-file output", name)
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		content := make([]byte, size+1) // the object and a newline
		if _, err := io.ReadFull(r, content); err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		fn(name, content[:size])
	}
	return nil
}

// gitIn runs git in dir with stdin and returns its standard output; the
// error names the subcommand and git's first line of complaint.
func gitIn(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 1 && stderr.Len() == 0 {
			return nil, err
		}
		line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return nil, fmt.Errorf("git %s: %w: %s", args[0], err, line)
	}
	return stdout.Bytes(), nil
}

// oneLine keeps a file name on one line in a message, escaping control
// characters as Go does.
func oneLine(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}
