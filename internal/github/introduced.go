package github

import (
	"context"
	"sync/atomic"
	"time"
)

// maxRenames bounds how many renames Introduced follows back, which also
// ends any cycle in a malformed history.
const maxRenames = 16

// Introduction is the commit that brought a secret into a file.
type Introduction struct {
	// Commit is the SHA of the oldest commit of the run of commits whose
	// file holds the secret.
	Commit string
	// Author is the commit's author name.
	Author string
	// Path is the file's name at that commit, which differs from the name
	// asked about when the file was renamed since.
	Path string
	// Date is the commit's author date, in UTC.
	Date time.Time
	// Added says Commit created the file, or re-created it after a
	// deletion, with the secret already in it. The secret may then have
	// lived in another file before, since deleted, which the file's history
	// cannot show: Date only bounds the introduction. When the file existed
	// before Commit without the secret, or Commit is the repository's first,
	// Added is false.
	Added bool
	// Requests is how many HTTP requests the answer cost; 0 when it came
	// from the cache.
	Requests int
}

// Introduced finds the oldest commit that introduced a secret into path,
// searching the history of path backwards from the commit from, where the
// secret is known to be present (the shallow boundary of a CI checkout).
//
// contains reports whether a file's content holds the secret; the secret is
// never sent anywhere, only file contents are fetched and tested locally.
// fingerprint is a stable hash of rule and secret (redact.Fingerprint); it
// keys cached answers, which hold no content. With an empty fingerprint
// presence answers are not cached on disk.
//
// The cost is about ⌈N/100⌉ + log₂N requests for N commits touching path,
// plus one per rename followed, one when the file's first commit holds the
// secret (shared by every file that commit added), and one per deletion of
// the file that the secret outlived. On error the Introduction is empty but
// for Requests.
//
// When the file was deleted and later re-created with the secret, the
// search goes on before the deletion if the file held the secret then.
//
// Limitation: otherwise presence is assumed to be monotonic: the secret,
// once added, stays until from. If it was edited out and back in, the
// binary search finds the start of one of the runs, not necessarily the
// first.
//
// Limitation: the history is GitHub's list for path, which simplifies merges
// the way `git log -- path` does; a secret brought in by a merge is dated by
// the commit on the merged branch that added it, when that branch touched
// the file under the same name.
//
// Limitation: only this file's history is read. A secret that lived in
// another file first, deleted before the file at hand was created, is dated
// by that creation; Added then says so, and the caller must take Date as a
// lower bound. A secret edited into an existing file after it lived in a
// deleted one is not noticed at all.
func (c *Client) Introduced(ctx context.Context, path, from, fingerprint string,
	contains func([]byte) bool) (Introduction, error) {
	var n atomic.Int64
	intro, err := c.introduced(withCounter(ctx, &n), path, from, fingerprint, contains)
	if err != nil {
		intro = Introduction{}
	}
	intro.Requests = int(n.Load())
	return intro, err
}

// search is the state of one Introduced call.
type search struct {
	c           *Client
	fingerprint string
	contains    func([]byte) bool
}

func (c *Client) introduced(ctx context.Context, path, from, fingerprint string,
	contains func([]byte) bool) (Introduction, error) {
	s := search{c: c, fingerprint: fingerprint, contains: contains}

	// Each round searches one name of the file; a rename starts a new round
	// under the old name, from the parent of the renaming commit.
	name, start := path, from
	var renamedAt *commitInfo // the commit that gave the file its later name
	renamedTo := ""
	for range maxRenames + 1 {
		commits, err := c.history(ctx, name, start)
		if err != nil {
			return Introduction{}, err
		}
		if len(commits) == 0 {
			if renamedAt != nil {
				// GitHub knows no commit of the old name: nothing tells
				// where the file came from.
				return intro(*renamedAt, renamedTo, true), nil
			}
			return Introduction{}, &Error{Kind: ErrNotFound,
				Reason: "no commit touching " + oneLine(path) + " from " + short(from)}
		}

		// At from the secret is known to be there; after a rename it is not.
		if renamedAt != nil {
			p, err := s.present(ctx, commits[0].SHA, name)
			if err != nil {
				return Introduction{}, err
			}
			if !p.Holds {
				// The renaming commit also wrote the secret in.
				return intro(*renamedAt, renamedTo, false), nil
			}
		}
		oldest, recreated, err := s.oldestPresent(ctx, commits, name)
		if err != nil {
			return Introduction{}, err
		}
		first := commits[oldest]
		if oldest < len(commits)-1 || len(first.Parents) == 0 {
			return intro(first, name, recreated), nil
		}

		// The file's first commit under this name holds the secret: it was
		// either added or renamed there.
		prev, err := c.renamedFrom(ctx, first.SHA, name)
		if err != nil {
			return Introduction{}, err
		}
		if prev == "" {
			return intro(first, name, true), nil
		}
		c.log.Debug("following rename", "from", prev, "to", name, "commit", short(first.SHA))
		renamedAt, renamedTo = &first, name
		name, start = prev, first.Parents[0]
	}
	// Limitation: past maxRenames the last rename found is reported, as a
	// lower bound.
	return intro(*renamedAt, renamedTo, true), nil
}

// oldestPresent binary-searches commits (newest first, the first known to
// hold the secret) for the oldest of the leading run that holds it.
//
// When that run begins by re-creating a file that the commit before it
// deleted, and the file held the secret before the deletion, the search
// goes on in that older run: one request, and only for files that were
// deleted. recreated says the run found begins with a re-creation.
func (s *search) oldestPresent(ctx context.Context, commits []commitInfo,
	path string) (oldest int, recreated bool, err error) {
	top := 0 // commits[top] holds the secret
	for {
		lo, hi := top, len(commits) // commits[lo] holds it; commits[hi] would not
		hiExists := true
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			p, err := s.present(ctx, commits[mid].SHA, path)
			if err != nil {
				return 0, false, err
			}
			if p.Holds {
				lo = mid
			} else {
				hi, hiExists = mid, p.Exists
			}
		}
		if hi == len(commits) || hiExists {
			return lo, false, nil
		}

		// commits[hi] deleted the file, and commits[lo] brought it back.
		if hi+1 == len(commits) {
			return lo, true, nil
		}
		p, err := s.present(ctx, commits[hi+1].SHA, path)
		if err != nil {
			return 0, false, err
		}
		if !p.Holds {
			return lo, true, nil
		}
		s.c.log.Debug("secret held before the file was deleted; searching on",
			"path", path, "deleted", short(commits[hi].SHA))
		top = hi + 1
	}
}

// presence is what one version of a file says about a secret. It is cached
// on disk as is, keyed by the secret's fingerprint.
type presence struct {
	Exists bool `json:"exists"` // the file is there (and a regular file)
	Holds  bool `json:"holds"`  // it holds the secret
}

// present reads path at commit sha and tests it for the secret.
func (s *search) present(ctx context.Context, sha, path string) (presence, error) {
	var p presence
	if s.fingerprint != "" && s.c.cache.load(&p, kindPresence, sha, path, s.fingerprint) {
		return p, nil
	}
	data, found, err := s.c.fileAt(ctx, path, sha)
	if err != nil {
		return presence{}, err
	}
	p = presence{Exists: found, Holds: found && s.contains(data)}
	if s.fingerprint != "" {
		s.c.cache.store(p, kindPresence, sha, path, s.fingerprint)
	}
	return p, nil
}

func intro(ci commitInfo, path string, added bool) Introduction {
	return Introduction{Commit: ci.SHA, Author: ci.Author, Path: path, Date: ci.Date,
		Added: added}
}

// short abbreviates a commit SHA for messages.
func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
