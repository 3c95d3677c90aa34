package scan

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/zricethezav/gitleaks/v8/report"

	"github.com/keylint/keylint/internal/redact"
)

// group turns gitleaks findings into distinct secrets, one per rule and
// value, each with its sightings oldest first.
func group(findings []report.Finding, mode Mode, dir string) []*Secret {
	byKey := make(map[[2]string]*Secret)
	var out []*Secret
	for _, f := range findings {
		value, pathOnly := f.Secret, false
		if value == "" {
			// A path-only rule matches a file, not text.
			value, pathOnly = f.Match, true
		}
		k := [2]string{f.RuleID, value}
		sec, ok := byKey[k]
		if !ok {
			sec = &Secret{Rule: f.RuleID, Value: value, PathOnly: pathOnly, Decoded: true,
				Fingerprint: redact.Fingerprint(f.RuleID, value)}
			byKey[k] = sec
			out = append(out, sec)
		}
		if !slices.ContainsFunc(f.Tags, isDecodedTag) {
			sec.Decoded = false
		}
		sec.Locations = append(sec.Locations, location(f, mode, dir))
	}
	for _, sec := range out {
		sec.sortLocations()
	}
	slices.SortFunc(out, func(a, b *Secret) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	return out
}

// isDecodedTag reports whether a finding's tag says gitleaks decoded the
// text before matching it.
func isDecodedTag(tag string) bool { return strings.HasPrefix(tag, "decoded:") }

func location(f report.Finding, mode Mode, dir string) Location {
	l := Location{File: f.File, Line: f.StartLine, Column: f.StartColumn,
		Commit: f.Commit, Author: f.Author}
	if d, err := time.Parse(time.RFC3339, f.Date); err == nil {
		l.Date = d.UTC()
	}
	if mode == Files {
		// Files yields paths under dir as the walk found them.
		if rel, err := filepath.Rel(dir, f.File); err == nil {
			l.File = filepath.ToSlash(rel)
		}
	}
	return l
}

// sortLocations puts the secret's sightings in order, drops repeats and
// sets First, the oldest.
func (sec *Secret) sortLocations() {
	slices.SortFunc(sec.Locations, compareLocations)
	sec.Locations = slices.Compact(sec.Locations)
	sec.First = sec.Locations[0]
}

// compareLocations orders sightings oldest first, then by commit, file and
// position, so that ordering never depends on gitleaks' concurrency.
func compareLocations(a, b Location) int {
	return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Commit, b.Commit),
		cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column))
}

// exclude drops the sightings in excluded files, and the secrets left with
// none. HEAD locations are filtered when they are found (see atHead).
func exclude(secrets []*Secret, excluded func(string) bool) []*Secret {
	if excluded == nil {
		return secrets
	}
	kept := secrets[:0]
	for _, sec := range secrets {
		sec.Locations = slices.DeleteFunc(sec.Locations, func(l Location) bool {
			return excluded(l.File)
		})
		if len(sec.Locations) > 0 {
			sec.First = sec.Locations[0]
			kept = append(kept, sec)
		}
	}
	return kept
}
