package scan

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// maxRenames bounds how many renames the removal search follows for one
// secret, which also ends any cycle of renames.
const maxRenames = 16

// removals finds, for each secret that no ref holds any more, the commit
// that removed it: the newest commit, in the history of HEAD or of any ref,
// whose diff deletes a line holding the secret from a file it was committed
// to. One git log reads those files' history, newest first, and stops once
// every secret has a candidate.
//
// A merge counts by its diff against each of its parents. Against the
// first: a secret deleted on a branch stays in the history the branch is
// merged into until the merge, which is then the removal; taking the
// branch's own commit would end the exposure window months early. Against
// another: a branch that forked before the secret was deleted held it
// until it was merged. The parent the diff is against is the last commit
// that held it.
//
// A candidate that renamed the file, and whose new file still holds the
// secret, did not remove it: the secret moved. The new name is followed
// with one more git log, past that commit, until a commit deletes the
// secret for good or maxRenames renames were followed. Renames are found
// with git's default rename detection, as gitleaks reads the history.
//
// Limitation: secrets found only after decoding, and path-only matches,
// are not looked up. A subtree merge, which moves files under a prefix,
// is not followed as a rename.
func (s *scanner) removals(ctx context.Context, gone []*Secret) (map[*Secret]removal, error) {
	found := make(map[*Secret]removal)
	follow := make(map[*Secret][]string) // the files that may hold each secret
	moves := make(map[*Secret]map[string]bool)
	var pending []*Secret
	for _, sec := range gone {
		if sec.Decoded || sec.PathOnly || Needle(sec.Value) == "" {
			continue
		}
		for _, l := range sec.Locations {
			follow[sec] = append(follow[sec], l.File)
		}
		if len(follow[sec]) > 0 {
			moves[sec] = make(map[string]bool)
			pending = append(pending, sec)
		}
	}

	for range maxRenames + 1 {
		if len(pending) == 0 {
			break
		}
		cands, err := s.deletions(ctx, pending, follow, moves)
		if err != nil {
			return nil, err
		}
		moved, err := s.moved(ctx, cands, follow)
		if err != nil {
			return nil, err
		}
		pending = pending[:0]
		for sec, c := range cands {
			to, ok := moved[sec]
			if !ok {
				found[sec] = c
				continue
			}
			s.log.Debug("removal search follows a rename", "fingerprint", sec.Fingerprint,
				"commit", short(c.commit.SHA))
			follow[sec] = append(follow[sec], to...)
			moves[sec][c.commit.SHA] = true
			pending = append(pending, sec)
		}
	}
	// Limitation: past maxRenames the secret keeps no removal, and its
	// report gives its window as a lower bound, to its newest sighting.
	return found, nil
}

// deletions reads the history of every ref (git log --all) for the files
// that may hold the secrets, newest first, and returns for each secret the
// newest commit that deletes a line holding it, skipping the commits known
// to have moved it.
func (s *scanner) deletions(ctx context.Context, secrets []*Secret,
	follow map[*Secret][]string, moves map[*Secret]map[string]bool) (map[*Secret]removal,
	error) {
	found := make(map[*Secret]removal)
	var needles []string
	owners := make(map[string][]*Secret)
	paths := make(map[string]bool)
	for _, sec := range secrets {
		n := Needle(sec.Value)
		if _, ok := owners[n]; !ok {
			needles = append(needles, n)
		}
		owners[n] = append(owners[n], sec)
		for _, p := range follow[sec] {
			paths[p] = true
		}
	}
	specs := pathspecs(paths)
	commits, err := touching(ctx, s.repo.root, specs, paths)
	if err != nil {
		return nil, fmt.Errorf("find removals: %w", err)
	}
	if len(commits) == 0 {
		return found, nil
	}

	var stdin strings.Builder
	for _, c := range commits {
		stdin.WriteString(c + "\n")
	}
	stdin.WriteString("--\n")
	for _, p := range specs {
		stdin.WriteString(p + "\n")
	}
	set := newNeedleSet(needles)
	left := len(secrets)
	// The commits come in the order git log gave them, newest first. The
	// directories again make git's work light (see touching); readRemovals
	// keeps the files of paths.
	err = gitRead(ctx, s.repo.root, strings.NewReader(stdin.String()), func(r *bufio.Reader) error {
		err := readRemovals(r, paths, func(c removal, removed string) bool {
			set.find(removed, func(i int) {
				for _, sec := range owners[needles[i]] {
					if _, ok := found[sec]; !ok && !moves[sec][c.commit.SHA] {
						found[sec] = c
						left--
					}
				}
			})
			return left > 0
		})
		if err == nil && left == 0 {
			return errStop // every secret has a candidate: the rest is not needed
		}
		return err
	}, "log", "-p", "-U0", "--no-renames", "--no-ext-diff", "--no-textconv", "--no-color",
		"--diff-merges=separate", "--src-prefix=a/", "--dst-prefix=b/",
		"--format=%x00%P%x00"+commitFormat, "--no-walk=unsorted", "--stdin")
	if err != nil {
		return nil, fmt.Errorf("find removals: %w", err)
	}
	if err := mergeParents(ctx, s.repo.root, found); err != nil {
		return nil, fmt.Errorf("find removals: %w", err)
	}
	return found, nil
}

// mergeParents sets, for each removal that is a merge, the parent whose
// file held the secret: the one the merge's diff deletes it from. git log
// repeats a merge's header before its diff against each parent, but leaves
// out the header of an empty diff, so the headers cannot tell which parent
// a diff is against; the file can. Where none can be read (a path with a
// line break), the first parent stands.
func mergeParents(ctx context.Context, dir string, found map[*Secret]removal) error {
	var names []string
	for _, r := range found {
		if len(r.parents) > 1 {
			for _, p := range r.parents {
				names = append(names, p+":"+r.file)
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	held := make(map[string][]byte)
	err := blobs(ctx, dir, slices.Compact(names), func(name string, content []byte) {
		held[name] = content
	})
	if err != nil {
		return err
	}
	for sec, r := range found {
		if len(r.parents) < 2 {
			continue
		}
		for _, p := range r.parents {
			if bytes.Contains(held[p+":"+r.file], []byte(Needle(sec.Value))) {
				r.parent = p
				found[sec] = r
				break
			}
		}
	}
	return nil
}

// touching returns, newest first, the commits of every ref whose diff
// against one of its parents adds, changes or deletes one of paths; specs
// are the pathspecs that pathspecs makes of paths.
//
// git matches every entry of a changed tree against each pathspec in turn,
// so a few hundred files, named as such, make git log cost seconds on a
// long history. The search names their directories instead, lists the files
// each commit changes (a cheap listing, without patches), and keeps the
// commits that change one of paths. With --full-history no commit is
// dropped for leaving the directories as a parent had them, which could
// hide a commit that touches the files within.
func touching(ctx context.Context, dir string, specs []string, paths map[string]bool) ([]string,
	error) {
	var stdin strings.Builder
	stdin.WriteString("--\n")
	for _, p := range specs {
		stdin.WriteString(p + "\n")
	}
	var commits []string
	err := gitRead(ctx, dir, strings.NewReader(stdin.String()), func(r *bufio.Reader) error {
		var err error
		commits, err = readTouching(r, paths)
		return err
	}, "log", "--all", "--full-history", "--diff-merges=separate", "--no-renames",
		"--name-only", "-z", "--format=%x00%H", "--stdin")
	return commits, err
}

// readTouching reads git log --name-only -z --format=%x00%H output, in
// which each commit is an empty field, its ID, and the names of the files
// it changes (the first after a newline), and returns the commits that
// change one of paths.
func readTouching(r *bufio.Reader, paths map[string]bool) ([]string, error) {
	var commits []string
	commit, kept, first := "", false, false
	for {
		field, err := r.ReadString(0)
		if errors.Is(err, io.EOF) {
			if field != "" {
				return nil, fmt.Errorf("unexpected git log output")
			}
			return commits, nil
		}
		if err != nil {
			return nil, err
		}
		field = field[:len(field)-1]
		switch {
		case field == "":
			// File names are never empty: a commit follows.
			id, err := r.ReadString(0)
			if err != nil || !isObjectID(id[:len(id)-1]) {
				return nil, fmt.Errorf("unexpected git log output")
			}
			// A merge comes once for each parent it differs from: it is
			// listed once.
			if id = id[:len(id)-1]; id != commit {
				commit, kept = id, false
			}
			first = true
		case commit == "":
			return nil, fmt.Errorf("unexpected git log output")
		default:
			if first {
				field, first = strings.TrimPrefix(field, "\n"), false
			}
			if !kept && paths[field] {
				commits, kept = append(commits, commit), true
			}
		}
	}
}

// pathspecs returns the directories of paths, and the paths at the top
// level, leaving out any directory within another. git reads pathspecs
// from --stdin one a line, so a path with a line break anywhere in its
// directory or top-level name makes the whole tree, ".", the one spec.
func pathspecs(paths map[string]bool) []string {
	var specs []string
	for p := range paths {
		spec := p
		if i := strings.LastIndexByte(p, '/'); i > 0 {
			spec = p[:i]
		}
		if strings.ContainsAny(spec, "\n\r") { // git drops a line's final \r too
			return []string{"."}
		}
		specs = append(specs, spec)
	}
	// Shortest first, so that a directory is kept before those within it.
	slices.SortFunc(specs, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
	})
	kept := make(map[string]bool)
	var out []string
	for _, s := range specs {
		within := kept[s]
		for i := 1; i < len(s) && !within; i++ {
			within = s[i] == '/' && kept[s[:i]]
		}
		if !within {
			kept[s] = true
			out = append(out, s)
		}
	}
	return out
}

// moved returns, for each candidate removal that renamed one of the
// secret's files to a file that still holds the secret, the new names.
// One git diff-tree lists the renames of every candidate commit, and one
// git cat-file reads the renamed files.
func (s *scanner) moved(ctx context.Context, cands map[*Secret]removal,
	follow map[*Secret][]string) (map[*Secret][]string, error) {
	moved := make(map[*Secret][]string)
	var commits []string
	for _, c := range cands {
		commits = append(commits, c.commit.SHA)
	}
	if len(commits) == 0 {
		return moved, nil
	}
	slices.Sort(commits)
	commits = slices.Compact(commits)
	renames, err := renamesIn(ctx, s.repo.root, commits)
	if err != nil {
		return nil, fmt.Errorf("find renames: %w", err)
	}

	targets := make(map[*Secret][]string) // secret → "COMMIT:new path"
	var names []string
	for sec, c := range cands {
		for _, r := range renames[c.commit.SHA] {
			if slices.Contains(follow[sec], r.from) && !slices.Contains(follow[sec], r.to) {
				name := c.commit.SHA + ":" + r.to
				targets[sec] = append(targets[sec], name)
				names = append(names, name)
			}
		}
	}
	if len(names) == 0 {
		return moved, nil
	}
	// git cat-file reads one name a line: a path with a line break in it
	// is looked up with git ls-tree and read by its blob's ID.
	asked := make(map[string][]string) // object name for git cat-file → targets
	for _, name := range names {
		commit, path, _ := strings.Cut(name, ":")
		if !strings.ContainsAny(path, "\n\r") {
			asked[name] = append(asked[name], name)
			continue
		}
		ids, err := treeBlobs(ctx, s.repo.root, commit, []string{path})
		if err != nil {
			return nil, fmt.Errorf("read renamed files: %w", err)
		}
		if id := ids[path]; id != "" {
			asked[id] = append(asked[id], name)
		}
	}
	holding := make(map[string][]byte)
	err = blobs(ctx, s.repo.root, slices.Sorted(maps.Keys(asked)), func(obj string,
		content []byte) {
		for _, name := range asked[obj] {
			holding[name] = content
		}
	})
	if err != nil {
		return nil, fmt.Errorf("read renamed files: %w", err)
	}
	for sec, names := range targets {
		n := []byte(Needle(sec.Value))
		for _, name := range names {
			if content, ok := holding[name]; ok && bytes.Contains(content, n) {
				_, path, _ := strings.Cut(name, ":")
				moved[sec] = append(moved[sec], path)
			}
		}
	}
	return moved, nil
}

// isStatus reports whether a field of git diff-tree --name-status output is
// a status: a letter, with a similarity score after R and C.
func isStatus(field string) bool {
	if field == "" || !strings.ContainsRune("ACDMRTUXB", rune(field[0])) {
		return false
	}
	return strings.Trim(field[1:], "0123456789") == ""
}

// isObjectID reports whether s is a full SHA-1 or SHA-256 object ID.
func isObjectID(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && (len(s) == 40 || len(s) == 64)
}

// rename is a file renamed by a commit.
type rename struct{ from, to string }

// renamesIn lists the files each of the given commits renamed, compared
// with its first parent, with git's default rename detection.
func renamesIn(ctx context.Context, dir string, commits []string) (map[string][]rename,
	error) {
	stdin := strings.NewReader(strings.Join(commits, "\n") + "\n")
	out, err := git(ctx, dir, stdin, "diff-tree", "-r", "-M", "--name-status", "-z",
		"--no-ext-diff", "--diff-merges=separate", "--stdin")
	if err != nil {
		return nil, err
	}
	res := make(map[string][]rename)
	var commit string
	f := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	for i := 0; i < len(f); i++ {
		field := strings.TrimPrefix(f[i], "\n")
		paths := 1
		switch {
		case isStatus(field) && (field[0] == 'R' || field[0] == 'C'):
			paths = 2
		case isStatus(field):
		case isObjectID(field):
			commit = field
			continue
		default:
			return nil, fmt.Errorf("unexpected git diff-tree output")
		}
		if i+paths >= len(f) {
			return nil, fmt.Errorf("unexpected git diff-tree output")
		}
		if field[0] == 'R' {
			res[commit] = append(res[commit], rename{from: f[i+1], to: f[i+2]})
		}
		i += paths
	}
	return res, nil
}

// readRemovals reads git log -p -U0 output with the header format
// "\0PARENTS\0" and commitFormat, and calls fn with each line deleted from
// one of paths and the commit that deletes it, until fn returns false.
func readRemovals(r *bufio.Reader, paths map[string]bool,
	fn func(c removal, removed string) bool) error {
	var cur removal
	inFile, inHunk := false, false
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
			cur, inFile, inHunk = c, false, false
		case strings.HasPrefix(line, "diff --git "):
			path, ok := diffPath(line)
			inFile, inHunk, cur.file = ok && paths[path], false, path
		case strings.HasPrefix(line, "@@"):
			inHunk = inFile
		case inHunk && strings.HasPrefix(line, "-"):
			if !fn(cur, line[1:]) {
				return nil
			}
		}
	}
}

// diffPath returns the path of a "diff --git a/PATH b/PATH" line, as git
// writes it without renames: quoted in C style when the path holds a
// control character, a quote or a backslash.
func diffPath(line string) (string, bool) {
	rest := strings.TrimPrefix(line, "diff --git ")
	if strings.HasPrefix(rest, `"`) {
		q, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return "", false
		}
		p, err := strconv.Unquote(q)
		if err != nil || !strings.HasPrefix(p, "a/") {
			return "", false
		}
		return p[2:], true
	}
	// Both sides name the same path: "a/" P " b/" P.
	n := (len(rest) - len("a/ b/")) / 2
	if n < 1 || rest != "a/"+rest[2:2+n]+" b/"+rest[2:2+n] {
		return "", false
	}
	return rest[2 : 2+n], true
}

// parseRemovalHeader reads "PARENTS\0" and a commitFormat line. A
// removal is dated when it was committed: a deletion written in January
// and rebased onto the main line in June left it in June. Its parent is
// the first; for a merge, mergeParents finds the right one.
func parseRemovalHeader(h string) (removal, bool) {
	parents, rest, ok := strings.Cut(h, "\x00")
	if !ok {
		return removal{}, false
	}
	c, ok := parseCommitLine(rest, true)
	r := removal{commit: c, parents: strings.Fields(parents)}
	if len(r.parents) > 0 {
		r.parent = r.parents[0]
	}
	return r, ok
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
