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
// default rules or the directory's .gitleaks.toml, its .gitleaksignore, the
// gitleaks:allow comment and gitleaks' default decoding depth. Staged mode
// reads the staged changes (git diff --staged), for pre-commit hooks. Files
// mode reads a directory's files without git.
//
// # History
//
// A secret is introduced by the oldest commit, by author date, whose diff
// adds it (commits of the same second are ordered by ancestry). HEAD holds it
// when HEAD's tree contains it anywhere: one git grep over HEAD finds every
// literal secret, renamed files included. A secret HEAD no longer holds was
// removed by the newest commit in HEAD's history that deletes it from a file
// it was committed to.
//
// In a shallow clone, the diff of a boundary commit adds its whole tree, so a
// secret sighted in a boundary commit may be older than anything the clone
// can show. Such a secret is marked Shallow and its introduction is unknown
// unless a Dater (the GitHub API, say) finds it; when the Dater fails, its
// one-line reason is kept in AgeUnknownReason.
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
//   - A secret removed and added again is dated by its first introduction;
//     in a shallow clone whose boundary falls after the removal, only the
//     second introduction is visible, and the secret looks younger than it
//     is.
//   - Merge commits are not scanned (git log shows no diff for them), as in
//     gitleaks: a secret added only in a merge's conflict resolution is
//     missed.
//   - A secret found only after decoding is checked at HEAD in the files it
//     was committed to; if such a file was renamed, the secret is reported
//     as gone from HEAD.
//   - Any message git writes to standard error while the history is read,
//     other than the few gitleaks knows to be harmless, fails the scan:
//     gitleaks stops reading at the first such message, so the result could
//     silently miss the end of the history.
//   - In a range, only literal secrets are followed before BASE, and only
//     through the files that hold them at BASE; BASE and HEAD must be in the
//     clone (a depth-1 pull-request checkout has neither; fetch them).
//   - Environments and services (Sharing) are recognised by path names
//     only.
//   - The removal search follows only the files a secret was committed to
//     (see removals): a file renamed and deleted later shows the rename as
//     the removal.
package scan
