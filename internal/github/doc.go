// Package github answers, through the GitHub REST API, what a shallow CI
// checkout cannot: when a secret was first committed, and which
// secret-scanning alerts GitHub already holds.
//
// A Client works on one repository. Introduced lists the commits that touched
// a file (100 a page), binary-searches them by reading the file at a commit
// and testing it locally for the secret, and follows renames back; it costs
// about ⌈N/100⌉ + log₂N requests for N commits. The secret never leaves the
// process: only file contents come in. Alerts lists secret-scanning alerts
// and dates each by its first location's commit.
//
// Every answer is about immutable commits, so it is cached by commit SHA in
// memory and on disk (JSON files, no file contents, no secrets): a second run,
// or one that restored the cache with actions/cache, sends no request.
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
//   - Presence is assumed monotonic: a secret removed and added back again
//     may be dated from a later run of commits than the first one.
//   - History is GitHub's per-path commit list, which simplifies merges as
//     `git log -- path` does and does not follow renames by itself; renames
//     are followed through the commit's file list, one request each, up to
//     16 renames.
//   - Files over 100 MB cannot be read through the API and count as not
//     holding the secret; files over 1 MB cost a second request (blob API).
//   - A path component that is "." or ".." cannot be asked about.
//   - Concurrent Introduced calls for the same file do not share requests in
//     flight, only answers already cached.
//   - Alerts is all or nothing, and reads only the first 100 locations of an
//     alert that has no first_location_detected.
//   - Secondary rate limits without GitHub's documented body are not waited
//     for; they fail with ErrRateLimited. A limit that is not waited for
//     holds every later request of the Client until it lifts.
//   - Timeouts are not retried: a hanging API costs Options.Timeout once
//     per call, not three times.
package github
