package scan

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// tip is the commit at the end of one or more refs.
type tip struct {
	commit string
	refs   []string // full ref names, such as refs/heads/main
}

// refTips lists the commits that the repository's refs point to: every ref
// that git log --all reads (branches, tags, remote-tracking branches, the
// stash), one entry a commit. Symbolic refs (refs/remotes/origin/HEAD) are
// left out, since the ref they point to is listed, and so are tags of trees
// or blobs, which hold no history. A tag of a tag is peeled to its commit.
// The detached HEADs of the repository's other worktrees count too, as
// git names them (worktrees/NAME/HEAD, main-worktree/HEAD): git log --all
// reads their history, and what they hold is still checked out somewhere.
func (s *scanner) refTips(ctx context.Context) ([]tip, error) {
	out, err := git(ctx, s.repo.root, nil, "for-each-ref",
		"--format=%(refname)%00%(symref)%00%(objecttype)%00%(objectname)%00"+
			"%(*objecttype)%00%(*objectname)")
	if err != nil {
		return nil, fmt.Errorf("list refs: %w", err)
	}
	byCommit := make(map[string]*tip)
	var tips []*tip
	var nested [][2]string // ref, tag: tags of tags, peeled below
	add := func(ref, commit string) {
		t, ok := byCommit[commit]
		if !ok {
			t = &tip{commit: commit}
			byCommit[commit] = t
			tips = append(tips, t)
		}
		t.refs = append(t.refs, ref)
	}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\x00")
		if len(f) != 6 || f[1] != "" {
			continue
		}
		switch {
		case f[2] == "commit":
			add(f[0], f[3])
		case f[2] == "tag" && f[4] == "commit":
			add(f[0], f[5])
		case f[2] == "tag" && f[4] == "tag":
			nested = append(nested, [2]string{f[0], f[3]})
		}
	}
	if len(nested) > 0 {
		names := make([]string, len(nested))
		for i, n := range nested {
			names[i] = n[1] + "^{commit}"
		}
		commits, err := objectIDs(ctx, s.repo.root, names, "commit")
		if err != nil {
			return nil, fmt.Errorf("peel tags: %w", err)
		}
		for i, c := range commits {
			if c != "" { // "" for a tag that ends at a tree or a blob
				add(nested[i][0], c)
			}
		}
	}
	heads, err := otherWorktreeHeads(ctx, s.repo.root)
	if err != nil {
		return nil, err
	}
	for _, h := range heads {
		add(h[0], h[1])
	}
	res := make([]tip, len(tips))
	for i, t := range tips {
		res[i] = *t
	}
	return res, nil
}

// otherWorktreeHeads returns the name and commit of the detached HEAD of
// every worktree of the repository but the one around dir. A HEAD on a
// branch is left out: the branch is a ref of its own.
func otherWorktreeHeads(ctx context.Context, dir string) ([][2]string, error) {
	common, err := git(ctx, dir, nil, "rev-parse", "--path-format=absolute", "--git-common-dir")
	if err != nil {
		return nil, fmt.Errorf("find worktrees: %w", err)
	}
	own, err := git(ctx, dir, nil, "rev-parse", "--absolute-git-dir")
	if err != nil {
		return nil, fmt.Errorf("find worktrees: %w", err)
	}
	commonDir := strings.TrimSuffix(string(common), "\n")
	ownDir := filepath.Clean(strings.TrimSuffix(string(own), "\n"))
	var heads [][2]string
	detached := func(name, gitDir string) {
		b, err := os.ReadFile(filepath.Join(gitDir, "HEAD"))
		if id := strings.TrimSpace(string(b)); err == nil && filepath.Clean(gitDir) != ownDir &&
			isObjectID(id) {
			heads = append(heads, [2]string{name, id})
		}
	}
	detached("main-worktree/HEAD", commonDir)
	entries, _ := os.ReadDir(filepath.Join(commonDir, "worktrees")) // none: no worktrees
	for _, e := range entries {
		if e.IsDir() {
			detached("worktrees/"+e.Name()+"/HEAD", filepath.Join(commonDir, "worktrees", e.Name()))
		}
	}
	return heads, nil
}

// liveRefs finds, for each secret, the refs whose tip still holds it, and
// sets LiveRefs. A secret that some ref holds has not left the repository,
// whatever HEAD says: its exposure window is still open.
//
// HEAD's tree was searched in full (see atHead); a ref whose tip is HEAD's
// commit holds exactly what HEAD holds. For the other tips only the files
// each secret was seen in (committed to, or at HEAD) are read: one git
// cat-file names the blob of each such file at each tip, and each distinct
// blob is read once and tested like a file at HEAD.
//
// The cost is one object lookup per ref tip and candidate file: about a
// second for 1,000 tips of distinct commits and 100 files.
//
// Limitation: a file renamed on another branch after the secret was
// committed is not followed there, so that branch is not counted as holding
// the secret.
func (s *scanner) liveRefs(ctx context.Context, secrets []*Secret) error {
	tips, err := s.refTips(ctx)
	if err != nil || len(tips) == 0 {
		return err
	}
	s.tipOf = make(map[string]string)
	for _, t := range tips {
		for _, ref := range t.refs {
			s.tipOf[ref] = t.commit
		}
	}

	var others []tip
	for _, t := range tips {
		if s.repo.head != nil && t.commit == s.repo.head.SHA {
			for _, sec := range secrets {
				if sec.AtHead {
					sec.LiveRefs = append(sec.LiveRefs, t.refs...)
				}
			}
			continue
		}
		others = append(others, t)
	}
	if len(others) > 0 {
		if err := s.liveAtTips(ctx, others, secrets); err != nil {
			return err
		}
	}
	for _, sec := range secrets {
		slices.Sort(sec.LiveRefs)
		sec.LiveRefs = slices.Compact(sec.LiveRefs)
	}
	return nil
}

// liveAtTips tests the candidate files of each secret at each tip.
func (s *scanner) liveAtTips(ctx context.Context, tips []tip, secrets []*Secret) error {
	// Every secret's candidate files, and which secrets each file may hold.
	wanted := make(map[string][]*Secret)
	var paths []string
	for _, sec := range secrets {
		var files []string
		for _, l := range append(slices.Clone(sec.Locations), sec.HeadLocations...) {
			files = append(files, l.File)
		}
		slices.Sort(files)
		for _, f := range slices.Compact(files) {
			if _, ok := wanted[f]; !ok {
				paths = append(paths, f)
			}
			wanted[f] = append(wanted[f], sec)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	slices.Sort(paths)

	// Name each file's blob at each tip; tips share most of them.
	oids, err := tipObjectIDs(ctx, s.repo.root, tips, paths)
	if err != nil {
		return fmt.Errorf("read ref tips: %w", err)
	}
	type filed struct{ blob, path string }
	holders := make(map[filed][]tip)
	var blobNames []string
	for i, oid := range oids {
		if oid == "" {
			continue // no such file at that tip
		}
		t := tips[i/len(paths)]
		k := filed{oid, paths[i%len(paths)]}
		holders[k] = append(holders[k], t)
		blobNames = append(blobNames, oid)
	}
	slices.Sort(blobNames)
	blobNames = slices.Compact(blobNames)

	// Read each blob once and test it under every name it has at a tip.
	byBlob := make(map[string][]string)
	for k := range holders {
		byBlob[k.blob] = append(byBlob[k.blob], k.path)
	}
	err = blobs(ctx, s.repo.root, blobNames, func(oid string, content []byte) {
		for _, path := range byBlob[oid] {
			var found []detectedAt
			for _, sec := range wanted[path] {
				if !s.holds(ctx, sec, path, content, &found) {
					continue
				}
				for _, t := range holders[filed{oid, path}] {
					sec.LiveRefs = append(sec.LiveRefs, t.refs...)
				}
			}
		}
	})
	if err != nil {
		return fmt.Errorf("read ref tips: %w", err)
	}
	return nil
}

// holds reports whether a file's content holds the secret: a path-only
// match by the file's existence, a decoded secret through the detector
// (run once per file, into found), any other as text.
func (s *scanner) holds(ctx context.Context, sec *Secret, path string, content []byte,
	found *[]detectedAt) bool {
	switch {
	case sec.PathOnly:
		return true
	case sec.Decoded:
		if *found == nil {
			*found = s.redetect(ctx, path, content)
		}
		return slices.ContainsFunc(*found, func(f detectedAt) bool {
			return f.rule == sec.Rule && f.value == sec.Value
		})
	}
	_, _, ok := Position(content, sec.Value)
	return ok
}

// tipObjectIDs returns the ID of the blob at each of paths in each tip's
// commit, tip by tip, "" where there is none. git cat-file reads one name
// a line, so a path with a line break in it is looked up with git ls-tree,
// one run per tip.
func tipObjectIDs(ctx context.Context, dir string, tips []tip, paths []string) ([]string, error) {
	isOdd := func(p string) bool { return strings.ContainsAny(p, "\n\r") }
	var names, odd []string
	for _, p := range paths {
		if isOdd(p) {
			odd = append(odd, p)
		}
	}
	for _, t := range tips {
		for _, p := range paths {
			if !isOdd(p) {
				names = append(names, t.commit+":"+p)
			}
		}
	}
	plain, err := objectIDs(ctx, dir, names, "blob")
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(tips)*len(paths))
	for _, t := range tips {
		var found map[string]string
		if len(odd) > 0 {
			if found, err = treeBlobs(ctx, dir, t.commit, odd); err != nil {
				return nil, err
			}
		}
		for _, p := range paths {
			if isOdd(p) {
				ids = append(ids, found[p])
			} else {
				ids, plain = append(ids, plain[0]), plain[1:]
			}
		}
	}
	return ids, nil
}

// treeBlobs returns the blob IDs of those of paths that commit's tree has,
// by path.
func treeBlobs(ctx context.Context, dir, commit string, paths []string) (map[string]string, error) {
	args := append([]string{"ls-tree", "-z", "--full-tree", commit, "--"}, paths...)
	cmd := gitCommand(ctx, dir, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, gitError(ctx, args, err, stderr.Bytes())
	}
	found := make(map[string]string)
	for entry := range strings.SplitSeq(string(out), "\x00") {
		// "MODE TYPE OID\tPATH"
		meta, path, ok := strings.Cut(entry, "\t")
		if f := strings.Fields(meta); ok && len(f) == 3 && f[1] == "blob" {
			found[path] = f[2]
		}
	}
	return found, nil
}

// objectIDs resolves object names ("COMMIT:path", "TAG^{commit}") with one
// git cat-file --batch-check (buffered: the answers are read only at the
// end) and returns the ID of each object of type want, in the order of
// names; "" for a name that does not exist or is of another type.
func objectIDs(ctx context.Context, dir string, names []string, want string) ([]string,
	error) {
	var req bytes.Buffer
	for _, n := range names {
		req.WriteString(n + "\n")
	}
	ids := make([]string, 0, len(names))
	err := gitRead(ctx, dir, &req, func(r *bufio.Reader) error {
		for range names {
			line, err := r.ReadString('\n')
			if err != nil {
				return fmt.Errorf("read git cat-file output: %w", err)
			}
			f := strings.Fields(line)
			if len(f) == 2 && f[1] == want {
				ids = append(ids, f[0])
			} else {
				ids = append(ids, "") // "NAME missing", or a tree
			}
		}
		return nil
	}, "cat-file", "--buffer", "--batch-check=%(objectname) %(objecttype)")
	return ids, err
}
