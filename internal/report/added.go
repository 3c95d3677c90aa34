package report

import (
	"cmp"
	"slices"
)

// PreferAdded puts first, in each finding's HeadLocations, the places
// where one of a range's commits added the secret; added says whether a
// commit is the range's. The order is otherwise kept.
//
// Writers report a secret at its first HEAD location, and HeadLocations
// is sorted by file and line. On a pull request that copies an old secret
// into a new file, or into a new line of a file that already held it,
// that would be the old place, which the diff does not show; after
// PreferAdded it is the copy the pull request made, which a review can
// comment on.
func PreferAdded(r *Report, added func(commit string) bool) {
	type place struct {
		file string
		line int
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		files, lines := map[string]bool{}, map[place]bool{}
		for _, l := range f.Locations {
			if l.Commit != "" && added(l.Commit) {
				files[l.File] = true
				lines[place{l.File, l.Line}] = true
			}
		}
		if len(files) == 0 {
			continue
		}
		// A commit's line is HEAD's unless a later commit moved it; the
		// file alone is the fallback for that case.
		rank := func(l Location) int {
			switch {
			case lines[place{l.File, l.Line}]:
				return 0
			case files[l.File]:
				return 1
			}
			return 2
		}
		slices.SortStableFunc(f.HeadLocations, func(a, b Location) int {
			return cmp.Compare(rank(a), rank(b))
		})
	}
}
