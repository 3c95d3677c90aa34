// Package scan finds committed secrets with gitleaks and works out their
// history: for each distinct secret (detection rule and value), where and
// when it was introduced, every place it was seen, whether HEAD still holds
// it, and when it was last seen or removed. The age model in package age
// turns that history into verdicts; package report prints it.
//
// # Sources
//
// History mode reads every commit reachable from any ref, exactly as
// gitleaks git does (git log -p -U0 --full-history --all), with gitleaks'
// default rules or the directory's .gitleaks.toml (else the repository's, at
// its top level), the .gitleaksignore of both, the gitleaks:allow comment
// and gitleaks' default decoding depth. Staged mode reads the staged changes
// (git diff --staged), for pre-commit hooks. Files mode reads a directory's
// files without git, with the directory's own files only.
//
// gitleaks itself reads only the scanned directory's .gitleaks.toml; keylint
// falls back to the top level's because a scan of a subdirectory still reads
// the whole repository's history, whose paths that file's allowlists name.
//
// # History
//
// A secret is introduced by the oldest commit, by author date, whose diff
// adds it (commits of the same second are ordered by ancestry). HEAD holds it
// when HEAD's tree contains it anywhere: one git grep over HEAD finds every
// literal secret, renamed files included.
//
// A secret can also live on at the tip of another ref: a branch that
// forked before it was removed, or that HEAD never merged, a tag, the stash.
// Those refs are its LiveRefs: their tips are read in the files the secret
// was seen in (one git cat-file for all the names, then each distinct blob
// once). Such a secret has not left the repository; it is aged to now.
//
// A secret that no ref holds was removed by the newest commit, in the history
// of HEAD or any ref, that deletes it from a file it was committed to; a
// rename that keeps it is followed to the new name instead.
//
// In a shallow clone, the diff of a boundary commit adds its whole tree, so a
// secret sighted in a boundary commit may be older than anything the clone
// can show. Such a secret is AtBoundary and its introduction is unknown
// unless a Dater (the GitHub API, say) finds it; when the Dater fails, or
// finds only a lower bound, its one-line reason is kept in
// AgeUnknownReason. A secret first added after the boundary is of unknown
// age too (Shallow, with that reason): the missing history may have added
// it before and removed it again. Every secret of a shallow clone is
// Shallow; its first visible commit is a lower bound.
//
// # Ranges
//
// With Options.Range ("BASE..HEAD", a pull request) only the range's commits
// are read by gitleaks, so only secrets the range adds are reported. Each is
// still dated by the oldest commit that added it: BASE's tree is searched for
// the secrets, and the history of the files that hold one at BASE is read
// for the commits that added it. Those commits become sightings, so a
// secret copied or moved by a pull request keeps its age.
//
// # Shared secrets
//
// A secret in more than one distinct file (at HEAD when HEAD holds it, else
// where it was committed) gets a Sharing (KL203) that says whether the files
// belong to different environments, different services, or neither.
//
// # Limitations
//
//   - Dates are author dates, as gitleaks reports them: a rebased or
//     cherry-picked commit keeps the date it was first written.
//   - A secret removed and added again is dated by its first introduction.
//     In a shallow clone neither introduction is taken for a date unless a
//     Dater dates it, and a secret first added after the boundary is never
//     given to the Dater: the boundary does not hold it, so there is nothing
//     to search back from. Its age stays a lower bound even when its file is
//     new and the history before the boundary never held it. A Dater is
//     asked about the files that held the secret at the boundary only, so an
//     earlier life in another, since deleted, file escapes it; an Estimator
//     (the GitHub dater) reports a file created with the secret already in
//     it as a lower bound (IntroducedNotAfter), not as the introduction.
//   - Merge commits are not scanned (git log shows no diff for them), as in
//     gitleaks: a secret added only in a merge's conflict resolution is
//     missed, and one removed only in a merge has no removal found.
//   - A secret found only after decoding is checked at HEAD and at other
//     refs' tips in the files it was committed to; if such a file was
//     renamed, the secret is reported as gone from there. Literal secrets
//     are searched in all of HEAD's files, but at other refs' tips only in
//     the files they were seen in.
//   - Any message git writes to standard error while the history is read,
//     other than the few gitleaks knows to be harmless, fails the scan:
//     gitleaks stops reading at the first such message, so the result could
//     silently miss the end of the history.
//   - In a range, only literal secrets are followed before BASE, and only
//     through the files that hold them at BASE; BASE and HEAD must be in the
//     clone (a depth-1 pull-request checkout has neither; fetch them).
//   - A text file that .gitattributes marks binary (-diff, binary, or a
//     diff driver with binary = true) shows no patch and is skipped, as
//     in gitleaks; git 2.39 offers no way to read the patch without also
//     reading every real binary file as text.
//   - Environments and services (Sharing) are recognised by path names
//     only.
//   - The removal search follows renames only through the commit it first
//     takes for the removal, up to 16 renames; a copy made by git's copy
//     detection is not followed (gitleaks' history shows it as an addition,
//     so it is a sighting of its own).
package scan
