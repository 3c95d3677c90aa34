package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"

	"github.com/keylint/keylint/internal/github"
	"github.com/keylint/keylint/internal/redact"
	"github.com/keylint/keylint/internal/scan"
)

// mergeAlerts adds to res, each as a secret of its own, the open
// secret-scanning alerts about secrets the scan did not find: typically a
// key removed before a shallow clone's boundary, or one of a kind gitleaks
// has no rule for. It runs after a history scan of the whole repository
// (not of a range: a pull request is judged by what it adds), when a token
// may read alerts. Nothing it meets fails the scan.
//
// What is merged, and why:
//   - Only open alerts. A resolved alert (revoked, false positive, used in
//     tests, won't fix) was dealt with on GitHub and is not reported again;
//     it still dates a secret the scan found (see Estimate).
//   - Only alerts whose secret GitHub returned: without it the alert cannot
//     be told apart from the scan's findings, nor searched for at HEAD.
//   - Only alerts located in a commit, and not in a file the configuration
//     excludes.
//   - Not a secret that gitleaks could have reported and did not: one whose
//     type maps to a gitleaks rule and whose commit is in the clone or that
//     HEAD holds. gitleaks read those, so its silence is an allowlist, a
//     gitleaks:allow comment or a .gitleaksignore entry, which win.
//
// A merged secret's rule is the gitleaks rule for its type, or "github:"
// and the type; its fingerprint is redact.Fingerprint of that rule and the
// secret, so a baseline entry for it is the one a local finding would
// have. It is introduced by the commit of the alert's first location,
// dated through the commits API ("datedBy": "github-alert"). Whether HEAD
// holds it is decided by searching HEAD's tree for it; when HEAD does not,
// its age is unknown, since the alert does not say when it left the tree.
//
// The secrets are listed again, once, when the listing came from the cache
// (which never holds them) and some alert is to be merged.
func (d *githubDater) mergeAlerts(ctx context.Context, res *scan.Result,
	excluded func(string) bool) {
	if res.Mode != scan.History || res.Range != nil || d.opts.Token == "" {
		return
	}
	c, err := d.connect(ctx)
	if err != nil {
		d.log.Debug("secret-scanning alerts not merged", "error", err)
		return
	}
	head := ""
	if res.Head != nil {
		head = res.Head.SHA
	}

	d.mu.Lock()
	defer d.mu.Unlock()
	d.listAlerts(ctx, c, head, false)
	known := make([][sha256.Size]byte, 0, len(res.Secrets))
	for _, sec := range res.Secrets {
		known = append(known, sha256.Sum256([]byte(sec.Value)))
	}
	wanted := unmatched(d.alerts, known)
	if len(wanted) > 0 && !d.withValues {
		d.listAlerts(ctx, c, head, true)
		wanted = unmatched(d.alerts, known)
	}
	if len(wanted) == 0 {
		return
	}

	m := alertMerge{d: d, c: c, res: res, excluded: excluded}
	added, err := m.merge(ctx, wanted)
	if err != nil {
		d.log.Warn("cannot merge secret-scanning alerts", "error", err)
		return
	}
	if len(added) == 0 {
		return
	}
	d.log.Debug("merged secret-scanning alerts", "secrets", len(added))
	res.Secrets = append(res.Secrets, added...)
	slices.SortFunc(res.Secrets, func(a, b scan.Secret) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
}

// unmatched returns the open alerts whose secret the scan did not find.
func unmatched(alerts []github.Alert, known [][sha256.Size]byte) []*github.Alert {
	var out []*github.Alert
	for i := range alerts {
		a := &alerts[i]
		// An alert without its secret matches nothing; merge says why it
		// is left out.
		if a.Open() && !slices.ContainsFunc(known, func(sum [sha256.Size]byte) bool {
			return a.MatchesDigest(sum)
		}) {
			out = append(out, a)
		}
	}
	return out
}

// alertMerge is the state of one mergeAlerts call.
type alertMerge struct {
	d        *githubDater
	c        *github.Client
	res      *scan.Result
	excluded func(string) bool
}

func (m *alertMerge) merge(ctx context.Context, wanted []*github.Alert) ([]scan.Secret, error) {
	log := m.d.log
	var kept []*github.Alert
	for _, a := range wanted {
		if err := m.c.LocateAlert(ctx, a); err != nil {
			return nil, err
		}
		switch {
		case a.Secret() == "":
			log.Debug("secret-scanning alert without its secret; not merged", "alert", a.Number)
		case a.Commit == "":
			log.Debug("secret-scanning alert outside commits; not merged", "alert", a.Number)
		case m.excluded != nil && m.excluded(a.Path):
			log.Debug("secret-scanning alert in an excluded file", "alert", a.Number)
		default:
			kept = append(kept, a)
		}
	}
	if len(kept) == 0 {
		return nil, nil
	}

	dir := m.d.dir
	inClone, err := commitsInClone(ctx, dir, kept)
	if err != nil {
		return nil, err
	}
	var searchable []*github.Alert
	for _, a := range kept {
		if !a.Base64 {
			searchable = append(searchable, a)
		}
	}
	atHead, err := headLocations(ctx, dir, m.res.Head, searchable)
	if err != nil {
		return nil, err
	}

	var out []scan.Secret
	var dateErr error // the first failure to date an alert; the others are not tried
	for _, a := range kept {
		rule := a.Rule()
		locs := m.headOnly(atHead[a])
		if github.Mapped(rule) && (inClone[a.Commit] || len(atHead[a]) > 0) {
			// Searching HEAD is not limited by the exclusions: a copy at
			// HEAD, excluded or not, was read by gitleaks.
			log.Debug("secret-scanning alert about a secret gitleaks read and did not "+
				"report (allowlisted or ignored); not merged", "alert", a.Number, "rule", rule)
			continue
		}
		sec := m.secret(a, rule, locs)
		if dateErr == nil {
			dateErr = m.c.DateAlert(ctx, a)
		}
		m.date(&sec, a, dateErr)
		out = append(out, sec)
	}
	if dateErr != nil {
		log.Warn("cannot date secret-scanning alerts; their ages stay unknown", "error", dateErr)
	}
	return out, nil
}

// headOnly drops HEAD locations in excluded files.
func (m *alertMerge) headOnly(locs []scan.Location) []scan.Location {
	if m.excluded == nil {
		return locs
	}
	return slices.DeleteFunc(slices.Clone(locs), func(l scan.Location) bool {
		return m.excluded(l.File)
	})
}

// secret builds the scan's record of an alert's secret, undated.
func (m *alertMerge) secret(a *github.Alert, rule string, head []scan.Location) scan.Secret {
	value := a.Secret()
	first := scan.Location{File: a.Path, Line: a.Line, Column: a.Column, Commit: a.Commit}
	sec := scan.Secret{
		Rule: rule, Value: value, Fingerprint: redact.Fingerprint(rule, value),
		Locations: []scan.Location{first}, First: first,
		Shallow: m.res.Shallow,
		External: &scan.External{Source: alertSource, ID: strconv.Itoa(a.Number),
			Title:       fmt.Sprintf("GitHub secret-scanning alert #%d", a.Number),
			URL:         a.HTMLURL,
			HeadUnknown: a.Base64},
		AtHead: len(head) > 0, HeadLocations: head,
	}
	if sec.AtHead {
		sec.LastSeen = m.res.Head
	}
	return sec
}

// date dates sec by its alert's commit; when that failed (the budget, say),
// the alert's creation bounds the introduction instead: GitHub saw the
// secret by then.
func (m *alertMerge) date(sec *scan.Secret, a *github.Alert, err error) {
	c := scan.Commit{SHA: a.Commit, Date: a.Date, Author: a.Author}
	if err != nil || a.Date.IsZero() {
		c.Date = a.CreatedAt
		sec.FirstSeen = &c
		sec.AgeUnknownReason = "the alert's commit could not be dated"
		if err != nil {
			sec.AgeUnknownReason += ": " + err.Error()
		}
	} else {
		sec.FirstSeen, sec.Introduced, sec.DatedBy = &c, &c, alertSource
	}
	sec.First.Date, sec.First.Author = c.Date, c.Author
	sec.Locations[0] = sec.First
	switch {
	case sec.AtHead:
	case sec.External.HeadUnknown:
		sec.AgeUnknownReason = cmp.Or(sec.AgeUnknownReason,
			"GitHub found it base64-encoded, so HEAD was not searched for it")
	default:
		sec.LastSeen = &c
		sec.AgeUnknownReason = cmp.Or(sec.AgeUnknownReason,
			"not at HEAD, and GitHub's alert does not say when it left the tree")
	}
}
