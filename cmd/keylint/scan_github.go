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

// githubDater dates shallow-clone secrets through the GitHub API. It is a
// scan.Dater that connects on first use: a scan with nothing to date (a full
// clone, or no secret at a shallow boundary) sends no request.
type githubDater struct {
	opts github.Options // Owner and Repo empty: read from dir's origin remote
	dir  string
	log  *slog.Logger

	connectOnce sync.Once
	client      *github.Client
	connectErr  error

	alertsOnce sync.Once
	alerts     []github.Alert
}

// Name names the dater in reports ("datedBy": "github").
func (d *githubDater) Name() string { return "github" }

// Introduced asks GitHub, per path that held the secret at the boundary,
// for the commit that introduced it, and takes the oldest answer. Any
// failure leaves the age unknown with the API's one-line reason, unless a
// secret-scanning alert for the same secret gives GitHub's own first
// sighting.
func (d *githubDater) Introduced(ctx context.Context, q scan.DateQuery) (scan.Commit, bool,
	error) {
	c, err := d.connect(ctx)
	if err != nil {
		return scan.Commit{}, false, err
	}
	var oldest *github.Introduction
	for _, p := range q.Paths {
		intro, ierr := c.Introduced(ctx, p, q.Boundary.SHA, q.Fingerprint, q.Contains)
		d.log.Debug("asked GitHub when a secret was introduced", "fingerprint", q.Fingerprint,
			"path", p, "requests", intro.Requests, "error", ierr)
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
	case ok && (oldest == nil || alert.Date.Before(oldest.Date)):
		// GitHub's secret scanning reads the whole history; its first
		// location is a commit that held the secret, older than what the
		// search found (or the search failed).
		d.log.Debug("dated by a secret-scanning alert", "fingerprint", q.Fingerprint,
			"alert", alert.Number)
		return scan.Commit{SHA: alert.Commit, Date: alert.Date, Author: alert.Author},
			true, nil
	case oldest != nil:
		return scan.Commit{SHA: oldest.Commit, Date: oldest.Date.UTC(),
			Author: oldest.Author}, true, nil
	}
	return scan.Commit{}, false, err
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
		d.log.Debug("dating shallow history through GitHub", "repository",
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

// alertFor returns the secret-scanning alert about q's secret that has a
// dated commit location. Alerts are listed once per scan; a token that may
// not read them (403, 404) or any other failure only costs the alerts.
func (d *githubDater) alertFor(ctx context.Context, c *github.Client,
	q scan.DateQuery) (github.Alert, bool) {
	d.alertsOnce.Do(func() {
		alerts, err := c.Alerts(ctx)
		switch {
		case errors.Is(err, github.ErrForbidden), errors.Is(err, github.ErrNotFound):
			d.log.Debug("secret-scanning alerts unavailable", "error", err)
		case err != nil:
			d.log.Warn("cannot list secret-scanning alerts", "error", err)
		default:
			d.log.Debug("listed secret-scanning alerts", "alerts", len(alerts))
			d.alerts = alerts
		}
	})
	for _, a := range d.alerts {
		if a.Commit != "" && !a.Date.IsZero() && a.MatchesDigest(q.Digest) {
			return a, true
		}
	}
	return github.Alert{}, false
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
