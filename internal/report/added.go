package report

import (
	"cmp"
	"slices"
)

// PreferAdded puts first, in each finding's HeadLocations, the places in
// files where one of a range's commits added the secret; added says
// whether a commit is the range's. The order is otherwise kept.
//
// Writers report a secret at its first HEAD location, and HeadLocations
// is sorted by file. On a pull request that copies an old secret into a
// new file, that would be the old file, which the diff does not show;
// after PreferAdded it is the copy the pull request made, which a review
// can comment on.
func PreferAdded(r *Report, added func(commit string) bool) {
	for i := range r.Findings {
		f := &r.Findings[i]
		files := map[string]bool{}
		for _, l := range f.Locations {
			if l.Commit != "" && added(l.Commit) {
				files[l.File] = true
			}
		}
		if len(files) == 0 {
			continue
		}
		slices.SortStableFunc(f.HeadLocations, func(a, b Location) int {
			return cmp.Compare(rank(files[a.File]), rank(files[b.File]))
		})
	}
}

// rank orders added places (true) before the others.
func rank(added bool) int {
	if added {
		return 0
	}
	return 1
}
