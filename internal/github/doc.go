// Package github answers, through the GitHub REST API, what a shallow CI
// checkout cannot: when a secret was first committed, and which
// secret-scanning alerts GitHub already holds.
//
// A Client works on one repository. Introduced lists the commits that touched
// a file (100 a page), binary-searches them by reading the file at a commit
// and testing it locally for the secret, and follows renames back; it costs
// about ⌈N/100⌉ + log₂N requests for N commits. The secret never leaves the
// process: only file contents come in. When the oldest commit found created
// the file with the secret already in it, Introduction.Added says so: the
// secret may have lived in another file before, and the date is only a
// lower bound.
//
// Alerts lists secret-scanning alerts, with their secrets (which callers
// must redact); LocateAlert and DateAlert find and date an alert's first
// location only for the alerts a caller needs. Alert.Rule maps GitHub's
// secret types to gitleaks rule IDs where one rule clearly matches.
//
// Answers about commits are about immutable objects, so they are cached by
// commit SHA in memory and on disk (JSON files, no file contents, no
// secrets): a second run, or one that restored the cache with actions/cache,
// sends no request. File contents and commit file lists are kept in memory
// for the Client's life, so that the searches for several files or secrets
// share them. An alert listing is cached per HEAD commit for an hour,
// without the secrets (only their SHA-256 digests): matching findings
// against it costs nothing, but a caller that needs the secrets themselves
// lists again.
//
// Requests go through go-github with a transport chain that handles primary
// and secondary rate limits (github.com/gofri/go-github-ratelimit), retries
// 5xx answers twice, bounds each request by a timeout and the whole Client by
// a request budget. Every failure is an *Error with a one-line reason for the
// user and a sentinel kind (ErrUnauthorized, ErrRateLimited, ErrBudget, …)
// for errors.Is. Package githubtest serves a fake GitHub API for tests of
// this package and of its callers. The caller reports an unknown age with that reason; this
// package never invents a date.
//
// # Limitations
//
//   - Only the history of the files asked about is read. A secret that
//     lived in another file first, deleted before the file at hand was
//     created, is dated by that creation (Added tells the caller so); one
//     edited into an existing file after such an earlier life is taken for
//     introduced there. A secret-scanning alert, which GitHub computes over
//     the whole history, is the one source that sees across files.
//   - Presence is otherwise assumed monotonic: a secret edited out of a
//     file and back in may be dated from a later run of commits than the
//     first one. A file deleted and re-created is searched before its
//     deletion when it held the secret then.
//   - History is GitHub's per-path commit list, which simplifies merges as
//     `git log -- path` does and does not follow renames by itself; renames
//     are followed through the commit's file list, one request each, up to
//     16 renames.
//   - Files over 100 MB cannot be read through the API and count as not
//     holding the secret; files over 1 MB cost a second request (blob API).
//   - A path component that is "." or ".." cannot be asked about.
//   - Concurrent Introduced calls share file reads and commit file lists in
//     flight, but not commit listings or single-commit lookups, which they
//     share only once answered.
//   - Alerts is all or nothing; LocateAlert reads only the first 100
//     locations of an alert that has no first_location_detected, and takes
//     GitHub's first location for the oldest.
//   - A cached alert listing misses alerts opened within the hour for the
//     same HEAD commit (GitHub scans a push shortly after it lands).
//   - Secondary rate limits without GitHub's documented body are not waited
//     for; they fail with ErrRateLimited. A limit that is not waited for
//     holds every later request of the Client until it lifts.
//   - Timeouts are not retried: a hanging API costs Options.Timeout once
//     per call, not three times.
package github
