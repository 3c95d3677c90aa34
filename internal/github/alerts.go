package github

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"time"

	gh "github.com/google/go-github/v75/github"
)

// Alert is a GitHub secret-scanning alert, dated by the commit of its first
// location. It holds no secret: only a digest to match findings against.
type Alert struct {
	Number                int
	State                 string // "open" or "resolved"
	Resolution            string // why it was resolved: "revoked", "false_positive", …
	SecretType            string // GitHub's pattern name, such as "github_personal_access_token"
	SecretTypeDisplayName string
	Validity              string // "active", "inactive" or "unknown"
	HTMLURL               string
	CreatedAt             time.Time
	ResolvedAt            time.Time

	// Path and Line locate the first location; Commit, Author and Date are
	// that location's commit. All are empty when the first location is not
	// in a commit (an issue, a wiki page, …).
	Path   string
	Line   int
	Commit string
	Author string
	Date   time.Time

	secretSum [sha256.Size]byte
	hasSecret bool
}

// Matches reports whether the alert is about secret, comparing digests in
// constant time. It is false when GitHub did not return the secret.
func (a Alert) Matches(secret string) bool {
	sum := sha256.Sum256([]byte(secret))
	return a.hasSecret && subtle.ConstantTimeCompare(sum[:], a.secretSum[:]) == 1
}

// MatchesDigest reports whether the alert is about the secret whose SHA-256
// digest is sum, for callers that keep only the digest at hand.
func (a Alert) MatchesDigest(sum [sha256.Size]byte) bool {
	return a.hasSecret && subtle.ConstantTimeCompare(sum[:], a.secretSum[:]) == 1
}

// Alerts lists the repository's secret-scanning alerts, open and resolved,
// newest first. It needs a token that may read them (the repo or
// security_events scope, or "secret scanning alerts: read"); otherwise it
// fails with ErrNotFound, ErrForbidden or ErrUnauthorized, which callers
// should report as "alerts unavailable". Each first location's commit is
// dated through the commits API, one request per distinct commit.
//
// Limitation: it is all or nothing; a failure while dating one alert fails
// the whole list.
func (c *Client) Alerts(ctx context.Context) ([]Alert, error) {
	raw, err := c.listAlerts(ctx)
	if err != nil {
		return nil, err
	}
	alerts := make([]Alert, 0, len(raw))
	for _, ra := range raw {
		a := toAlert(ra)
		loc, err := c.firstLocation(ctx, ra)
		if err != nil {
			return nil, err
		}
		if loc != nil && loc.GetCommitSHA() != "" {
			ci, err := c.commit(ctx, loc.GetCommitSHA())
			if err != nil {
				return nil, err
			}
			a.Path, a.Line = loc.GetPath(), loc.GetStartline()
			a.Commit, a.Author, a.Date = ci.SHA, ci.Author, ci.Date
		}
		alerts = append(alerts, a)
	}
	return alerts, nil
}

// listAlerts pages through the alert list. GitHub paginates it by page
// number or, on some hosts, by an "after" cursor; both are followed.
func (c *Client) listAlerts(ctx context.Context) ([]*gh.SecretScanningAlert, error) {
	endpoint := c.endpoint("/secret-scanning/alerts")
	opts := &gh.SecretScanningAlertListOptions{ListOptions: gh.ListOptions{PerPage: perPage}}
	var all []*gh.SecretScanningAlert
	for {
		page, resp, err := c.gh.SecretScanning.ListAlertsForRepo(call(ctx), c.owner, c.repo, opts)
		if err != nil {
			return nil, c.fail(err, endpoint)
		}
		for _, a := range page {
			if a.GetNumber() == 0 {
				return nil, malformed(endpoint, "alert without number")
			}
		}
		all = append(all, page...)
		switch {
		case resp.NextPage != 0:
			opts.ListOptions.Page = resp.NextPage
		case resp.After != "":
			opts.ListOptions.Page, opts.After = 0, resp.After
		default:
			return all, nil
		}
	}
}

// firstLocation returns where GitHub first saw the secret: the alert's
// first_location_detected when present, else the first commit location of
// the locations list.
func (c *Client) firstLocation(ctx context.Context, a *gh.SecretScanningAlert) (
	*gh.SecretScanningAlertLocationDetails, error) {
	if d := a.GetFirstLocationDetected(); d.GetCommitSHA() != "" {
		return d, nil
	}
	endpoint := c.endpoint("/secret-scanning/alerts/{number}/locations")
	locs, _, err := c.gh.SecretScanning.ListLocationsForAlert(call(ctx), c.owner, c.repo,
		int64(a.GetNumber()), &gh.ListOptions{PerPage: perPage})
	if err != nil {
		return nil, c.fail(err, endpoint)
	}
	// Limitation: only the first page of locations is read; an alert whose
	// first 100 locations are all outside commits stays undated.
	for _, l := range locs {
		if l.GetType() == "commit" && l.GetDetails().GetCommitSHA() != "" {
			return l.GetDetails(), nil
		}
	}
	return nil, nil
}

func toAlert(ra *gh.SecretScanningAlert) Alert {
	a := Alert{
		Number:                ra.GetNumber(),
		State:                 ra.GetState(),
		Resolution:            ra.GetResolution(),
		SecretType:            ra.GetSecretType(),
		SecretTypeDisplayName: ra.GetSecretTypeDisplayName(),
		Validity:              ra.GetValidity(),
		HTMLURL:               ra.GetHTMLURL(),
		CreatedAt:             ra.GetCreatedAt().UTC(),
		ResolvedAt:            ra.GetResolvedAt().UTC(),
	}
	if s := ra.GetSecret(); s != "" {
		a.secretSum, a.hasSecret = sha256.Sum256([]byte(s)), true
	}
	return a
}
