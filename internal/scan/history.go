package scan

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// age works out, for each secret found in history, when it was introduced,
// whether HEAD and the other refs still hold it, and when it was last seen.
func (s *scanner) age(ctx context.Context, secrets []*Secret) error {
	start := time.Now()
	if err := s.recommit(ctx, secrets); err != nil {
		return err
	}
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
	if err := s.liveRefs(ctx, secrets); err != nil {
		return err
	}
	s.log.Debug("searched ref tips", "elapsed", since(start))

	start = time.Now()
	err := s.lastSeen(ctx, secrets)
	s.log.Debug("found removals", "elapsed", since(start))
	return err
}

// recommit finds the commits of the sightings that gitleaks reported with
// none. Its diff parser gives up on a commit header that git accepts but
// it cannot read (an author date in the year 3170843, say), and the
// finding then has no commit and no date, which would make the secret
// look introduced in year 1. The files' history is read again with dates
// as git stores them (see parseCommitLine), and each line added there
// that holds the secret stands in for those sightings.
//
// Limitation: a secret that is not on one line as committed (found after
// decoding, or spanning lines) keeps its commitless sightings, and is
// dated by its other ones, if any.
func (s *scanner) recommit(ctx context.Context, secrets []*Secret) error {
	byFile := make(map[string][]*Secret)
	var undated []string // commits gitleaks found no date in
	for _, sec := range secrets {
		for _, l := range sec.Locations {
			switch {
			case l.Commit == "" && !slices.Contains(byFile[l.File], sec):
				byFile[l.File] = append(byFile[l.File], sec)
			case l.Commit != "" && l.Date.IsZero():
				undated = append(undated, l.Commit)
			}
		}
	}
	if err := s.redate(ctx, secrets, undated); err != nil {
		return err
	}
	if len(byFile) == 0 {
		return nil
	}
	found := make(map[*Secret][]Location)
	err := s.addedLines(ctx, "--all", slices.Sorted(maps.Keys(byFile)),
		func(l Location, text string) {
			for _, sec := range byFile[l.File] {
				if i := strings.Index(text, sec.Value); sec.Value != "" && i >= 0 {
					l.Column = i + 1
					found[sec] = append(found[sec], l)
				}
			}
		})
	if err != nil {
		return fmt.Errorf("read the commits gitleaks could not: %w", err)
	}
	for sec, locs := range found {
		sec.Locations = slices.DeleteFunc(sec.Locations, func(l Location) bool {
			return l.Commit == ""
		})
		sec.Locations = append(sec.Locations, locs...)
		sec.sortLocations()
	}
	return nil
}

// redate dates the sightings in the commits named, which gitleaks gave
// no date: an author line without its email's brackets, or none at all.
// git's own reading dates them by the author's or the committer's time.
func (s *scanner) redate(ctx context.Context, secrets []*Secret, commits []string) error {
	if len(commits) == 0 {
		return nil
	}
	slices.Sort(commits)
	info, err := showCommits(ctx, s.repo.root, slices.Compact(commits))
	if err != nil {
		return fmt.Errorf("read commits: %w", err)
	}
	for _, sec := range secrets {
		changed := false
		for i, l := range sec.Locations {
			if c, ok := info[l.Commit]; ok && l.Date.IsZero() {
				sec.Locations[i].Date, changed = c.Date, true
				if l.Author == "" {
					sec.Locations[i].Author = c.Author
				}
			}
		}
		if changed {
			sec.sortLocations()
		}
	}
	return nil
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }

// firstSeen sets the secret's first sighting and whether a shallow clone
// cuts its history.
func (s *scanner) firstSeen(ctx context.Context, sec *Secret) error {
	for _, l := range sec.Locations {
		if s.repo.boundaries[l.Commit] {
			// A boundary commit's diff adds its whole tree: the secret was
			// there before the history that is available.
			sec.AtBoundary = true
		}
	}
	// A secret first added after the boundary may still be older: an
	// earlier commit, cut off with the rest of the history, may have added
	// it and a later one removed it (a revert that brings a key back). The
	// clone cannot show either, so its first visible commit is only a
	// lower bound too.
	sec.Shallow = s.repo.shallow

	// Sightings are sorted by author date, but commits made within the same
	// second (scripts, rebases) tie; then the ancestor is the older one.
	//
	// Limitation: author dates are what gitleaks reports; a rebased or
	// cherry-picked commit keeps the date it was first written, which can be
	// older than when the secret reached the repository.
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
// HEAD, one on another ref at the newest tip that holds it; for one that no
// ref holds, the commit that removed it is looked up.
func (s *scanner) lastSeen(ctx context.Context, secrets []*Secret) error {
	var gone, live []*Secret
	var tips []string
	for _, sec := range secrets {
		switch {
		case sec.AtHead:
			sec.LastSeen = s.repo.head
		case len(sec.LiveRefs) > 0:
			live = append(live, sec)
			for _, ref := range sec.LiveRefs {
				tips = append(tips, s.tipOf[ref])
			}
		default:
			newest := sec.Locations[len(sec.Locations)-1]
			sec.LastSeen = &Commit{SHA: newest.Commit, Date: newest.Date,
				Author: newest.Author}
			gone = append(gone, sec)
		}
	}
	if err := s.lastSeenLive(ctx, live, tips); err != nil {
		return err
	}
	if len(gone) == 0 {
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

// lastSeenLive sets LastSeen of each secret that only refs other than HEAD
// hold: the newest of those refs' tips.
func (s *scanner) lastSeenLive(ctx context.Context, live []*Secret, tips []string) error {
	if len(live) == 0 {
		return nil
	}
	slices.Sort(tips)
	info, err := showCommits(ctx, s.repo.root, slices.Compact(tips))
	if err != nil {
		return fmt.Errorf("read commits: %w", err)
	}
	for _, sec := range live {
		for _, ref := range sec.LiveRefs {
			c, ok := info[s.tipOf[ref]]
			if ok && (sec.LastSeen == nil || c.Date.After(sec.LastSeen.Date)) {
				sec.LastSeen = &c
			}
		}
	}
	return nil
}

// removal is the commit that removed a secret, and the parent its diff
// deletes the secret from: the last commit that held it.
type removal struct {
	commit Commit
	parent string
	// parents are the commit's parents, and file the file it deletes the
	// secret from: for a merge, parent is found by reading that file in
	// each parent.
	parents []string
	file    string
}
