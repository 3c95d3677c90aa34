package main

import (
	"context"
	"errors"
	"log/slog"
	"os/exec"
	"strings"
	"sync"

	"github.com/keylint/keylint/internal/github"
	"github.com/keylint/keylint/internal/scan"
)

// githubDater dates shallow-clone secrets through the GitHub API and merges
// in the secret-scanning alerts the scan did not find (see mergeAlerts). It
// is a scan.Estimator that connects on first use: a scan with nothing to
// date and no token to read alerts with sends no request.
type githubDater struct {
	opts github.Options // Owner and Repo empty: read from dir's origin remote
	dir  string
	log  *slog.Logger

	connectOnce sync.Once
	client      *github.Client
	connectErr  error

	mu         sync.Mutex
	listed     bool           // the alerts were asked for (listing or failure)
	alerts     []github.Alert // nil when unavailable
	withValues bool           // alerts came from the API, with their secrets
}

// Name names the dater in reports ("datedBy": "github").
func (d *githubDater) Name() string { return "github" }

// Introduced is Estimate for callers that take exact answers only: a lower
// bound counts as not found.
func (d *githubDater) Introduced(ctx context.Context, q scan.DateQuery) (scan.Commit, bool,
	error) {
	e, err := d.Estimate(ctx, q)
	if err != nil || !e.Exact || e.Commit.SHA == "" {
		return scan.Commit{}, false, err
	}
	return e.Commit, true, nil
}

// Estimate asks GitHub, per path that held the secret at the boundary, for
// the commit that introduced it, and takes the oldest answer.
//
// That answer is exact unless its file was created with the secret already
// in it: the secret may then have lived in another file before, deleted
// before the boundary, which the file's history does not show. A
// secret-scanning alert for the same secret settles it (GitHub scans the
// whole history, every file), and dates the secret when the search fails.
// Without one the date is a lower bound. Any failure without an alert
// leaves the age unknown with the API's one-line reason.
func (d *githubDater) Estimate(ctx context.Context, q scan.DateQuery) (scan.Estimate, error) {
	c, err := d.connect(ctx)
	if err != nil {
		return scan.Estimate{}, err
	}
	var oldest *github.Introduction
	for _, p := range q.Paths {
		intro, ierr := c.Introduced(ctx, p, q.Boundary.SHA, q.Fingerprint, q.Contains)
		d.log.Debug("asked GitHub when a secret was introduced", "fingerprint", q.Fingerprint,
			"path", p, "requests", intro.Requests, "added", intro.Added, "error", ierr)
		if ierr != nil {
			// Limitation: one path that cannot be dated leaves the secret
			// undated, even when another path was: the unanswered one may
			// hold an older copy.
			err, oldest = ierr, nil
			break
		}
		if oldest == nil || intro.Date.Before(oldest.Date) {
			oldest = &intro
		}
	}

	alert, ok := d.alertFor(ctx, c, q)
	switch {
	case ok && (oldest == nil || !alert.Date.After(oldest.Date)):
		// GitHub's first location is a commit that held the secret, in any
		// file, as old as what the search found or older (or the search
		// failed).
		d.log.Debug("dated by a secret-scanning alert", "fingerprint", q.Fingerprint,
			"alert", alert.Number)
		return scan.Estimate{Commit: scan.Commit{SHA: alert.Commit, Date: alert.Date,
			Author: alert.Author}, Exact: true, By: alertSource}, nil
	case oldest == nil:
		return scan.Estimate{}, err
	}
	e := scan.Estimate{Commit: scan.Commit{SHA: oldest.Commit, Date: oldest.Date.UTC(),
		Author: oldest.Author}, Exact: !oldest.Added}
	if oldest.Added {
		e.Reason = "GitHub: " + oneLine(oldest.Path) + " was created with the secret in " +
			"it; an earlier copy in a file deleted before then would not show"
	}
	return e, nil
}

// connect resolves the repository and builds the client, once.
func (d *githubDater) connect(ctx context.Context) (*github.Client, error) {
	d.connectOnce.Do(func() {
		opts := d.opts
		if opts.Owner == "" {
			remote, err := originURL(ctx, d.dir)
			if err != nil {
				d.connectErr = err
				return
			}
			if opts.Owner, opts.Repo, err = github.ParseRemote(remote); err != nil {
				d.log.Debug("origin is not a GitHub remote", "error", err)
				d.connectErr = errors.New("no GitHub repository: origin is not a GitHub " +
					"remote (use --github OWNER/REPO)")
				return
			}
		}
		d.log.Debug("using the GitHub API", "repository",
			opts.Owner+"/"+opts.Repo, "token", opts.Token != "")
		d.client, d.connectErr = github.New(opts)
	})
	return d.client, d.connectErr
}

// originURL returns the URL of dir's origin remote.
func originURL(ctx context.Context, dir string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "remote", "get-url", "origin")
	out, err := cmd.Output()
	if err != nil {
		return "", errors.New("no GitHub repository: no origin remote " +
			"(use --github OWNER/REPO)")
	}
	return strings.TrimSpace(string(out)), nil
}

// alertSource names secret-scanning alerts in reports ("datedBy").
const alertSource = "github-alert"

// alertFor returns the secret-scanning alert about q's secret, dated by its
// first location's commit, if there is one. Resolved alerts count: how an
// alert was resolved does not change when its secret was committed.
func (d *githubDater) alertFor(ctx context.Context, c *github.Client,
	q scan.DateQuery) (github.Alert, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.listAlerts(ctx, c, q.Head, false)
	var best github.Alert
	found := false
	for i := range d.alerts {
		a := &d.alerts[i]
		if !a.MatchesDigest(q.Digest) {
			continue
		}
		if err := c.DateAlert(ctx, a); err != nil {
			d.log.Debug("cannot date secret-scanning alert", "alert", a.Number, "error", err)
			continue
		}
		if a.Commit != "" && !a.Date.IsZero() && (!found || a.Date.Before(best.Date)) {
			best, found = *a, true
		}
	}
	return best, found
}

// listAlerts lists the secret-scanning alerts once per scan, or again when
// values asks for the secrets and the first listing came from the cache.
// The caller holds d.mu. Alerts need a token: without one nothing is asked.
// A token that may not read them, or a repository without secret scanning
// (403, 404), costs the alerts only, said once at debug level; any other
// failure is a warning.
func (d *githubDater) listAlerts(ctx context.Context, c *github.Client, head string,
	values bool) {
	if d.listed && (!values || d.withValues || d.alerts == nil) {
		return
	}
	d.listed = true
	if d.opts.Token == "" {
		d.log.Debug("secret-scanning alerts not read: they need a token")
		return
	}
	alerts, err := c.Alerts(ctx, github.AlertQuery{Head: head, Secrets: values})
	switch {
	case errors.Is(err, github.ErrForbidden), errors.Is(err, github.ErrNotFound):
		d.log.Debug("secret-scanning alerts unavailable", "error", err)
	case err != nil:
		d.log.Warn("cannot list secret-scanning alerts", "error", err)
	default:
		d.log.Debug("listed secret-scanning alerts", "alerts", len(alerts),
			"with secrets", values)
		d.alerts, d.withValues = alerts, values || hasValues(alerts)
	}
}

// hasValues reports whether alerts came with their secrets, as a listing
// from the API (not the cache) does.
func hasValues(alerts []github.Alert) bool {
	for _, a := range alerts {
		if a.Secret() != "" {
			return true
		}
	}
	return len(alerts) == 0
}

// offlineDater dates nothing; it gives --no-github as the reason an age is
// unknown.
type offlineDater struct{}

// Name names the dater in reports.
func (offlineDater) Name() string { return "offline" }

// Introduced declines to date the secret.
func (offlineDater) Introduced(context.Context, scan.DateQuery) (scan.Commit, bool, error) {
	return scan.Commit{}, false, errors.New("GitHub dating is off (--no-github)")
}
