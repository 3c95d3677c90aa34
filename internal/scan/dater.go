package scan

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"slices"
)

// A Dater finds when a secret was introduced when local history cannot tell:
// in a shallow clone, a secret first seen in a boundary commit was added at
// or before that commit. keylint's GitHub client is a Dater that searches the
// commits of the hosted repository.
type Dater interface {
	// Name names the Dater in reports, such as "github".
	Name() string

	// Introduced returns the oldest commit that added the secret to one of
	// q.Paths, and whether it found one. It returns false, not an error,
	// when it cannot tell (no such commit, or an API budget spent); an
	// error is logged and the secret's age stays unknown.
	Introduced(ctx context.Context, q DateQuery) (Commit, bool, error)
}

// An Estimator is a Dater that can also say how sure it is: it may find a
// commit that held the secret without being able to tell that the commit
// introduced it. The scanner asks Estimate instead of Introduced when the
// Dater has it.
type Estimator interface {
	Dater

	// Estimate returns what the Dater found about q's secret. An error is
	// handled as Introduced's; an Estimate with no commit is "found
	// nothing".
	Estimate(ctx context.Context, q DateQuery) (Estimate, error)
}

// Estimate is an Estimator's answer.
type Estimate struct {
	// Commit is the oldest commit found holding the secret; its SHA is
	// empty when none was found.
	Commit Commit

	// Exact says Commit introduced the secret. Otherwise it only bounds
	// the introduction: the secret is at least as old, and Reason says, in
	// one line, why it may be older.
	Exact  bool
	Reason string

	// By names the source that found Commit, such as "github-alert";
	// empty means the Dater's Name.
	By string
}

// DateQuery describes one secret to a Dater without giving it the secret.
type DateQuery struct {
	Rule        string
	Fingerprint string

	// Boundary is the shallow boundary commit where the secret was first
	// seen; the secret was introduced at or before it.
	Boundary Commit

	// Paths are the files that held the secret at the boundary.
	Paths []string

	// Contains reports whether a file's content holds the secret. A Dater
	// tests files it fetches with it, so the secret never leaves the
	// process.
	Contains func(content []byte) bool

	// Digest is the SHA-256 of the secret, to match it against records
	// that hold only a digest (GitHub's secret-scanning alerts).
	Digest [sha256.Size]byte

	// Head is the SHA of the commit HEAD is at, empty when it is unborn;
	// a Dater may key what it caches about the repository's present on it.
	Head string
}

// date asks the Dater, if there is one, to date the secrets whose history a
// shallow boundary cuts. A secret first added after the boundary cannot be
// searched for from the boundary, which does not hold it; its age stays a
// lower bound, with that reason.
func (s *scanner) date(ctx context.Context, secrets []*Secret) error {
	for _, sec := range secrets {
		if sec.Shallow && !sec.AtBoundary {
			sec.AgeUnknownReason = "first added after the shallow clone's boundary; " +
				"an earlier copy would be in the history the clone lacks"
		}
	}
	if s.opts.Dater == nil {
		return nil
	}
	for _, sec := range secrets {
		if !sec.AtBoundary {
			continue
		}
		q := DateQuery{Rule: sec.Rule, Fingerprint: sec.Fingerprint, Boundary: *sec.FirstSeen}
		for _, l := range sec.Locations {
			if s.repo.boundaries[l.Commit] {
				q.Paths = append(q.Paths, l.File)
			}
		}
		slices.Sort(q.Paths)
		q.Paths = slices.Compact(q.Paths)
		value := []byte(sec.Value)
		q.Contains = func(content []byte) bool { return bytes.Contains(content, value) }
		q.Digest = sha256.Sum256(value)
		if h := s.repo.head; h != nil {
			q.Head = h.SHA
		}

		est, err := s.estimate(ctx, q)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		name := s.opts.Dater.Name()
		switch {
		case err != nil:
			s.log.Warn("cannot date secret", "dater", name, "fingerprint", sec.Fingerprint,
				"error", err)
			// The reason is shown to the user; scrub it like any message.
			sec.AgeUnknownReason = s.scrub(err).Error()
		case est.Commit.SHA == "":
			sec.AgeUnknownReason = name + " found no commit that introduced it"
		case !est.Exact:
			if est.Commit.Date.Before(sec.FirstSeen.Date) {
				sec.IntroducedNotAfter = &est.Commit
			}
			sec.AgeUnknownReason = s.scrub(errors.New(est.Reason)).Error()
		default:
			sec.Introduced, sec.DatedBy = &est.Commit, cmp.Or(est.By, name)
		}
	}
	return nil
}

// estimate asks the Dater, through Estimate when it has it.
func (s *scanner) estimate(ctx context.Context, q DateQuery) (Estimate, error) {
	if e, ok := s.opts.Dater.(Estimator); ok {
		return e.Estimate(ctx, q)
	}
	c, ok, err := s.opts.Dater.Introduced(ctx, q)
	if err != nil || !ok {
		return Estimate{}, err
	}
	return Estimate{Commit: c, Exact: true}, nil
}
