package scan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ErrBadRange reports a --range that does not name two commits of the
// repository.
var ErrBadRange = errors.New("bad commit range")

// commitRange is a resolved BASE..HEAD.
type commitRange struct {
	base, head string // full SHAs
}

// logOpts returns the git log arguments that select the range's commits,
// as gitleaks takes them (space-separated).
func (r *commitRange) logOpts() string { return r.base + ".." + r.head }

// resolveRange checks spec ("BASE..HEAD") and resolves both ends.
func resolveRange(ctx context.Context, dir, spec string) (*commitRange, error) {
	base, head, ok := strings.Cut(spec, "..")
	if !ok || strings.HasPrefix(head, ".") || base == "" || head == "" {
		return nil, fmt.Errorf("range %q: want BASE..HEAD: %w", spec, ErrBadRange)
	}
	r := &commitRange{}
	for _, end := range []struct {
		name string
		sha  *string
	}{{base, &r.base}, {head, &r.head}} {
		// A name starting with "-" would be read by git as an option.
		if strings.HasPrefix(end.name, "-") || strings.ContainsAny(end.name, " \t\n") {
			return nil, fmt.Errorf("range %q: %q is not a commit: %w", spec, end.name,
				ErrBadRange)
		}
		out, err := git(ctx, dir, nil, "rev-parse", "--verify", "-q", end.name+"^{commit}")
		if err != nil {
			return nil, fmt.Errorf("range %q: %s is not a commit of this clone "+
				"(fetch it first, such as %s): %w", spec, end.name, fetchHint(ctx, dir, end.name),
				ErrBadRange)
		}
		*end.sha = strings.TrimSpace(string(out))
	}
	return r, nil
}

// fetchHint returns the git fetch that brings rev: a remote-tracking name
// such as origin/main is fetched as main from its remote; anything else,
// from origin.
func fetchHint(ctx context.Context, dir, rev string) string {
	if remote, branch, ok := strings.Cut(rev, "/"); ok && branch != "" {
		out, _ := git(ctx, dir, nil, "remote")
		if slices.Contains(strings.Fields(string(out)), remote) {
			return "git fetch " + remote + " " + branch
		}
	}
	return "git fetch origin " + rev
}

// beforeBase finds, for the secrets a range adds, the commits before BASE
// that already added them, so that a secret copied or moved within a pull
// request is dated by its first commit, not by the pull request. Those
// commits become sightings like any other; a shallow boundary among them
// marks the secret Shallow, for the Dater.
//
// BASE's tree is searched for the secrets with one git grep; the history of
// the files that hold one at BASE is then read with one git log, and each
// added line is tested for the secrets in process.
//
// Limitation: only literal secrets are followed (not those gitleaks found
// after decoding, nor path-only ones), and only through the files that
// still hold them at BASE: a secret removed before BASE and added back by
// the range is dated by the range.
func (s *scanner) beforeBase(ctx context.Context, secrets []*Secret) error {
	owners := make(map[string][]*Secret) // needle → secrets
	var needles []string
	for _, sec := range secrets {
		n := Needle(sec.Value)
		if sec.Decoded || sec.PathOnly || n == "" {
			continue
		}
		if _, ok := owners[n]; !ok {
			needles = append(needles, n)
		}
		owners[n] = append(owners[n], sec)
	}
	if len(needles) == 0 {
		return nil
	}

	paths, err := s.grepAt(ctx, s.rng.base, needles)
	if err != nil || len(paths) == 0 {
		return err
	}
	if s.opts.Exclude != nil {
		paths = slices.DeleteFunc(paths, s.opts.Exclude)
	}
	if len(paths) == 0 {
		return nil
	}
	set := newNeedleSet(needles)
	err = s.addedLines(ctx, s.rng.base, paths, func(l Location, text string) {
		set.find(text, func(i int) {
			for _, sec := range owners[needles[i]] {
				if s.pathAllowed(sec.Rule, l.File) {
					continue // gitleaks would not report it there
				}
				if strings.Contains(text, sec.Value) || sec.Value != needles[i] {
					l.Column = strings.Index(text, needles[i]) + 1
					sec.Locations = append(sec.Locations, l)
				}
			}
		})
	})
	if err != nil {
		return fmt.Errorf("read history before %s: %w", short(s.rng.base), err)
	}
	for _, sec := range secrets {
		sec.sortLocations()
	}
	return nil
}

// grepAt returns the files of rev's tree that hold one of needles.
func (s *scanner) grepAt(ctx context.Context, rev string, needles []string) ([]string,
	error) {
	var paths []string
	err := grep(ctx, s.repo.root, rev, needles, func(path string, _ int, _ string, _ int) {
		paths = append(paths, path)
	})
	if err != nil {
		return nil, fmt.Errorf("search %s: %w", short(rev), err)
	}
	slices.Sort(paths)
	return slices.Compact(paths), nil
}

// addedLines calls fn with every line that a commit reachable from rev adds
// to one of paths, with where and by which commit.
func (s *scanner) addedLines(ctx context.Context, rev string, paths []string,
	fn func(Location, string)) error {
	args := append([]string{"log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv",
		"--no-renames", "--src-prefix=a/", "--dst-prefix=b/", "--full-history",
		"--format=%x00" + commitFormat, rev, "--"}, paths...)
	out, err := git(ctx, s.repo.root, nil, args...)
	if err != nil {
		return err
	}
	var c Commit
	var file string
	line := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 1<<20), 1<<30)
	for sc.Scan() {
		text := sc.Text()
		switch {
		case strings.HasPrefix(text, "\x00"):
			c, _ = parseCommitLine(text[1:], false)
			file = ""
		case strings.HasPrefix(text, "+++ "):
			file = newPath(text)
		case strings.HasPrefix(text, "@@ "):
			line = hunkStart(text)
		case strings.HasPrefix(text, "+") && file != "" && c.SHA != "":
			fn(Location{File: file, Line: line, Commit: c.SHA, Date: c.Date,
				Author: c.Author}, text[1:])
			line++
		}
	}
	return sc.Err()
}

// newPath returns the path of a "+++ b/PATH" line, which git quotes in C
// style when the path holds a control character, a quote or a backslash;
// "" for /dev/null or a line it cannot read.
func newPath(line string) string {
	p := strings.TrimPrefix(line, "+++ ")
	if strings.HasPrefix(p, `"`) {
		var err error
		if p, err = strconv.Unquote(p); err != nil {
			return ""
		}
	}
	p, ok := strings.CutPrefix(p, "b/")
	if !ok {
		return ""
	}
	return p
}

// hunkStart reads the first new line of a hunk header "@@ -a,b +c,d @@".
func hunkStart(header string) int {
	f := strings.Fields(header)
	if len(f) < 3 {
		return 0
	}
	start, _, _ := strings.Cut(strings.TrimPrefix(f[2], "+"), ",")
	n, _ := strconv.Atoi(start)
	return n
}

// short abbreviates a commit SHA for messages.
func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
