package scan

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// age works out, for each secret found in history, when it was introduced,
// whether HEAD still holds it, and when it was last seen.
func (s *scanner) age(ctx context.Context, secrets []*Secret) error {
	start := time.Now()
	for _, sec := range secrets {
		if err := s.firstSeen(ctx, sec); err != nil {
			return err
		}
	}
	if err := s.date(ctx, secrets); err != nil {
		return err
	}
	s.log.Debug("dated introductions", "secrets", len(secrets), "elapsed", since(start))

	if s.repo.head != nil {
		start = time.Now()
		if err := s.atHead(ctx, secrets); err != nil {
			return err
		}
		s.log.Debug("searched HEAD", "elapsed", since(start))
	}
	start = time.Now()
	err := s.lastSeen(ctx, secrets)
	s.log.Debug("found removals", "elapsed", since(start))
	return err
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }

// firstSeen sets the secret's first sighting and whether a shallow boundary
// cuts its history.
func (s *scanner) firstSeen(ctx context.Context, sec *Secret) error {
	for _, l := range sec.Locations {
		if s.repo.boundaries[l.Commit] {
			// A boundary commit's diff adds its whole tree: the secret was
			// there before the history that is available.
			sec.Shallow = true
		}
	}

	// Sightings are sorted by author date, but commits made within the same
	// second (scripts, rebases) tie; then the ancestor is the older one.
	//
	// Limitation: author dates are what gitleaks reports; a rebased or
	// cherry-picked commit keeps the date it was first written, which can be
	// older than when the secret reached the repository. A secret removed
	// and added again is dated by its first introduction, except in a
	// shallow clone cut after the removal, which shows only the second.
	first := sec.Locations[0]
	for _, l := range sec.Locations[1:] {
		if !l.Date.Equal(first.Date) || l.Commit == first.Commit {
			continue
		}
		older, err := isAncestor(ctx, s.repo.root, l.Commit, first.Commit)
		if err != nil {
			return fmt.Errorf("order commits: %w", err)
		}
		if older {
			first = l
		}
	}
	sec.First = first
	sec.FirstSeen = &Commit{SHA: first.Commit, Date: first.Date, Author: first.Author}
	if !sec.Shallow {
		sec.Introduced = sec.FirstSeen
	}
	return nil
}

// lastSeen sets LastSeen and Removed. A secret at HEAD was last seen at
// HEAD; for one that is not, the commit that removed it is looked up.
func (s *scanner) lastSeen(ctx context.Context, secrets []*Secret) error {
	var gone []*Secret
	for _, sec := range secrets {
		if sec.AtHead {
			sec.LastSeen = s.repo.head
			continue
		}
		newest := sec.Locations[len(sec.Locations)-1]
		sec.LastSeen = &Commit{SHA: newest.Commit, Date: newest.Date, Author: newest.Author}
		gone = append(gone, sec)
	}
	if len(gone) == 0 || s.repo.head == nil {
		return nil
	}
	removals, err := s.removals(ctx, gone)
	if err != nil {
		return err
	}

	// The parent of the removing commit is the last one that held it.
	var parents []string
	for _, r := range removals {
		if r.parent != "" {
			parents = append(parents, r.parent)
		}
	}
	slices.Sort(parents)
	parents = slices.Compact(parents)
	info, err := showCommits(ctx, s.repo.root, parents)
	if err != nil {
		return fmt.Errorf("read commits: %w", err)
	}
	for _, sec := range gone {
		r, ok := removals[sec]
		if !ok {
			continue
		}
		sec.Removed = &r.commit
		if p, ok := info[r.parent]; ok && !p.Date.Before(sec.LastSeen.Date) {
			sec.LastSeen = &p
		}
	}
	return nil
}

// removal is the commit that removed a secret from HEAD's history.
type removal struct {
	commit Commit
	parent string
}
