package github

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strconv"
	"time"

	gh "github.com/google/go-github/v75/github"
)

// alertsMaxAge is how long a cached alert listing answers for its HEAD
// commit. Alerts change without a push (GitHub's scan of a push lands a
// little after it, people resolve alerts), so a listing is kept for a
// re-run of the same commit, not for good.
const alertsMaxAge = time.Hour

// Alert is a GitHub secret-scanning alert. Its first location is filled in
// by the listing when GitHub gives first_location_detected, else by
// LocateAlert; DateAlert dates that location's commit.
//
// An alert listed from the API holds its secret, behind Secret: it is kept
// out of the struct's fields so that printing an Alert (%v, %+v, %#v, a
// log line) never shows it. One listed from the cache holds only the
// secret's digest, enough for Matches.
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

	// Base64 says GitHub found the secret base64-encoded: the file holds
	// the encoding, not the secret itself.
	Base64 bool

	// Path, Line and Column locate the first location, Commit is its
	// commit; all are empty when the location is not known yet or is not in
	// a commit (an issue, a wiki page, …). Author and Date are the commit's,
	// once DateAlert dated it.
	Path   string
	Line   int
	Column int
	Commit string
	Author string
	Date   time.Time

	located   bool // Path, Line, Column and Commit are what GitHub says
	secretSum [sha256.Size]byte
	hasSecret bool
	secret    *alertSecret // nil when listed from the cache
}

// alertSecret holds an alert's secret behind a pointer: fmt prints a
// pointer inside a struct as an address, never what it points to.
type alertSecret struct{ value string }

// Open reports whether the alert is open: not resolved as revoked, a false
// positive, used in tests or won't fix.
func (a Alert) Open() bool { return a.State == "open" }

// Secret returns the alert's secret, or "" when GitHub did not return it or
// the alert was listed from the cache. Redact it before showing it.
func (a Alert) Secret() string {
	if a.secret == nil {
		return ""
	}
	return a.secret.value
}

// Matches reports whether the alert is about secret, comparing digests in
// constant time. It is false when GitHub did not return the secret.
func (a Alert) Matches(secret string) bool {
	return a.MatchesDigest(sha256.Sum256([]byte(secret)))
}

// MatchesDigest reports whether the alert is about the secret whose SHA-256
// digest is sum, for callers that keep only the digest at hand.
func (a Alert) MatchesDigest(sum [sha256.Size]byte) bool {
	return a.hasSecret && subtle.ConstantTimeCompare(sum[:], a.secretSum[:]) == 1
}

// AlertQuery says which listing Alerts may answer with.
type AlertQuery struct {
	// Head is the commit the scan is at. A listing made for it less than
	// an hour ago is answered from the cache, without a request; a push
	// (another HEAD) asks again. Empty lists without the cache.
	Head string

	// Secrets asks for the alerts' secrets, which the cache never holds:
	// the API is asked even when a listing is cached (and the cache is
	// refreshed).
	Secrets bool
}

// Alerts lists the repository's secret-scanning alerts, open and resolved,
// newest first. It needs a token that may read them (the repo or
// security_events scope, or "secret scanning alerts: read"); otherwise it
// fails with ErrNotFound, ErrForbidden or ErrUnauthorized, which callers
// should report as "alerts unavailable". It costs a request per 100 alerts,
// none when q.Head's listing is cached; no alert is dated yet.
func (c *Client) Alerts(ctx context.Context, q AlertQuery) ([]Alert, error) {
	if q.Head != "" && !q.Secrets {
		if alerts, ok := c.cachedAlerts(q.Head); ok {
			return alerts, nil
		}
	}
	raw, err := c.listAlerts(ctx)
	if err != nil {
		return nil, err
	}
	alerts := make([]Alert, 0, len(raw))
	for _, ra := range raw {
		alerts = append(alerts, toAlert(ra))
	}
	if q.Head != "" {
		c.storeAlerts(q.Head, alerts)
	}
	return alerts, nil
}

// LocateAlert fills in where GitHub first saw a's secret: the listing's
// first_location_detected when it had one, else the first commit location
// of the alert's locations (one request, cached per alert).
//
// Limitation: only the first page of locations is read; an alert whose
// first 100 locations are all outside commits stays without a location.
func (c *Client) LocateAlert(ctx context.Context, a *Alert) error {
	if a.located {
		return nil
	}
	key := strconv.Itoa(a.Number)
	var loc alertLocation
	if !c.cache.load(&loc, kindAlertLocation, key) {
		d, err := c.firstCommitLocation(ctx, a.Number)
		if err != nil {
			return err
		}
		loc = locationOf(d)
		c.cache.store(loc, kindAlertLocation, key)
	}
	a.Path, a.Line, a.Column, a.Commit = loc.Path, loc.Line, loc.Column, loc.Commit
	a.located = true
	return nil
}

// DateAlert locates a and dates its first location's commit through the
// commits API: one request per distinct commit, none when cached. An alert
// outside commits is left undated.
func (c *Client) DateAlert(ctx context.Context, a *Alert) error {
	if err := c.LocateAlert(ctx, a); err != nil {
		return err
	}
	if a.Commit == "" || !a.Date.IsZero() {
		return nil
	}
	ci, err := c.commit(ctx, a.Commit)
	if err != nil {
		return err
	}
	a.Commit, a.Author, a.Date = ci.SHA, ci.Author, ci.Date
	return nil
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

// firstCommitLocation returns the first commit location of the alert's
// locations list, or nil when its first page has none.
func (c *Client) firstCommitLocation(ctx context.Context, number int) (
	*gh.SecretScanningAlertLocationDetails, error) {
	endpoint := c.endpoint("/secret-scanning/alerts/{number}/locations")
	locs, _, err := c.gh.SecretScanning.ListLocationsForAlert(call(ctx), c.owner, c.repo,
		int64(number), &gh.ListOptions{PerPage: perPage})
	if err != nil {
		return nil, c.fail(err, endpoint)
	}
	for _, l := range locs {
		if l.GetType() == "commit" && l.GetDetails().GetCommitSHA() != "" {
			return l.GetDetails(), nil
		}
	}
	return nil, nil
}

// alertLocation is an alert's first commit location as cached.
type alertLocation struct {
	Path   string `json:"path,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Commit string `json:"commit,omitempty"`
}

func locationOf(d *gh.SecretScanningAlertLocationDetails) alertLocation {
	if d.GetCommitSHA() == "" {
		return alertLocation{}
	}
	return alertLocation{Path: d.GetPath(), Line: d.GetStartline(),
		Column: d.GetStartColumn(), Commit: d.GetCommitSHA()}
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
		Base64:                ra.GetIsBase64Encoded(),
	}
	// A first location outside commits (an issue) says nothing of the
	// commits; LocateAlert then looks through the locations list.
	if d := ra.GetFirstLocationDetected(); d.GetCommitSHA() != "" {
		loc := locationOf(d)
		a.Path, a.Line, a.Column, a.Commit = loc.Path, loc.Line, loc.Column, loc.Commit
		a.located = true
	}
	if s := ra.GetSecret(); s != "" {
		a.secretSum, a.hasSecret = sha256.Sum256([]byte(s)), true
		a.secret = &alertSecret{value: s}
	}
	return a
}

// alertListing is an alert listing as cached: the alerts without their
// secrets, each with the digest of its secret.
type alertListing struct {
	Listed time.Time     `json:"listed"`
	Alerts []cachedAlert `json:"alerts"`
}

type cachedAlert struct {
	Alert
	Located bool   `json:"located,omitempty"`
	Digest  string `json:"digest,omitempty"` // hex SHA-256 of the secret
}

// cachedAlerts returns the listing cached for head, if it is recent enough.
func (c *Client) cachedAlerts(head string) ([]Alert, bool) {
	var l alertListing
	if !c.cache.load(&l, kindAlerts, head) {
		return nil, false
	}
	if age := c.now().Sub(l.Listed); age < 0 || age >= alertsMaxAge {
		c.log.Debug("cached alert listing is stale", "head", short(head), "listed", l.Listed)
		return nil, false
	}
	alerts := make([]Alert, 0, len(l.Alerts))
	for _, ca := range l.Alerts {
		a := ca.Alert
		a.located = ca.Located
		if sum, err := hex.DecodeString(ca.Digest); err == nil && len(sum) == sha256.Size {
			copy(a.secretSum[:], sum)
			a.hasSecret = true
		}
		alerts = append(alerts, a)
	}
	c.log.Debug("secret-scanning alerts from the cache", "head", short(head),
		"alerts", len(alerts))
	return alerts, true
}

func (c *Client) storeAlerts(head string, alerts []Alert) {
	l := alertListing{Listed: c.now().UTC(), Alerts: make([]cachedAlert, 0, len(alerts))}
	for _, a := range alerts {
		ca := cachedAlert{Alert: a, Located: a.located}
		// Dates come from the commit cache; the listing keeps GitHub's answer.
		ca.Author, ca.Date = "", time.Time{}
		if a.hasSecret {
			ca.Digest = hex.EncodeToString(a.secretSum[:])
		}
		l.Alerts = append(l.Alerts, ca)
	}
	c.cache.store(l, kindAlerts, head)
}
