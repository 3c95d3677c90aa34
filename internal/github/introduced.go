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
// presence answers are not cached.
//
// The cost is about ⌈N/100⌉ + log₂N requests for N commits touching path,
// plus one per rename followed and one when the file's first commit holds
// the secret. On error the Introduction is empty but for Requests.
//
// Limitation: presence is assumed to be monotonic: the secret, once added,
// stays until from. If it was removed and added back, the binary search
// finds the start of one of the runs, not necessarily the first.
//
// Limitation: the history is GitHub's list for path, which simplifies merges
// the way `git log -- path` does; a secret brought in by a merge is dated by
// the commit on the merged branch that added it, when that branch touched
// the file under the same name.
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
				return intro(*renamedAt, renamedTo), nil
			}
			return Introduction{}, &Error{Kind: ErrNotFound,
				Reason: "no commit touching " + oneLine(path) + " from " + short(from)}
		}

		// At from the secret is known to be there; after a rename it is not.
		if renamedAt != nil {
			ok, err := s.present(ctx, commits[0].SHA, name)
			if err != nil {
				return Introduction{}, err
			}
			if !ok {
				return intro(*renamedAt, renamedTo), nil
			}
		}
		oldest, err := s.oldestPresent(ctx, commits, name)
		if err != nil {
			return Introduction{}, err
		}
		if oldest < len(commits)-1 || len(commits[oldest].Parents) == 0 {
			return intro(commits[oldest], name), nil
		}

		// The file's first commit under this name holds the secret: it was
		// either added or renamed there.
		first := commits[oldest]
		prev, err := c.renamedFrom(ctx, first.SHA, name)
		if err != nil {
			return Introduction{}, err
		}
		if prev == "" {
			return intro(first, name), nil
		}
		c.log.Debug("following rename", "from", prev, "to", name, "commit", short(first.SHA))
		renamedAt, renamedTo = &first, name
		name, start = prev, first.Parents[0]
	}
	// Limitation: past maxRenames the last rename found is reported.
	return intro(*renamedAt, renamedTo), nil
}

// oldestPresent binary-searches commits (newest first, the first known to
// hold the secret) for the oldest of the leading run that holds it.
func (s *search) oldestPresent(ctx context.Context, commits []commitInfo,
	path string) (int, error) {
	lo, hi := 0, len(commits) // commits[lo] holds it; commits[hi] would not
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		ok, err := s.present(ctx, commits[mid].SHA, path)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, nil
}

// present reports whether path at commit sha holds the secret.
func (s *search) present(ctx context.Context, sha, path string) (bool, error) {
	var ok bool
	if s.fingerprint != "" && s.c.cache.load(&ok, kindPresence, sha, path, s.fingerprint) {
		return ok, nil
	}
	data, found, err := s.c.fileAt(ctx, path, sha)
	if err != nil {
		return false, err
	}
	ok = found && s.contains(data)
	if s.fingerprint != "" {
		s.c.cache.store(ok, kindPresence, sha, path, s.fingerprint)
	}
	return ok, nil
}

func intro(ci commitInfo, path string) Introduction {
	return Introduction{Commit: ci.SHA, Author: ci.Author, Path: path, Date: ci.Date}
}

// short abbreviates a commit SHA for messages.
func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
