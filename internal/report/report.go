// Package report turns scan results into what keylint prints: one report
// model, the JSON contract (below, and in the README), and a writer per
// output format.
//
// Build applies the age model and redaction; writers only format. A writer
// never sees a secret's value unless the report was built with ShowSecrets,
// so no format can leak one by accident. New formats (SARIF, GitHub
// annotations, Markdown) are new writers over the same Report.
//
// # JSON
//
// The JSON format is Report as encoded by encoding/json, with Version 1.
// Field names are a contract: fields may be added, never renamed or removed.
// Findings are sorted by file, line, column, rule and fingerprint.
//
// Per finding: ids are every keylint rule the secret triggers (KL201 always,
// KL202 when it is at HEAD and overdue, KL203 when it is in more than one
// file, described by sharedAcross); file, line and column are where it
// was introduced (for a shallow-clone secret of unknown age, where it was
// first seen); introduced is null when the secret's commit is unknown or it
// is not in a commit (staged, --no-git). ageDays is the age of a secret at
// HEAD and the exposure window of one no longer there (from its
// introduction to its removal from HEAD's history, or to its newest sighting
// when that is later); it is null when the age is unknown, when no ref
// holds the secret and its removal was not found, or when its commit is
// dated more than a day in the future, and minAgeDays then holds
// the lower bound and ageUnknownReason, when the scanner tried to date it,
// says why it could not; oldestKnown, when set, is the commit that
// bound comes from (one outside a shallow clone, found through GitHub, that
// may not be the first to hold the secret). external is set for a secret
// the scanned history does not show, reported by a GitHub secret-scanning
// alert: its location and introduced commit are the alert's first location,
// atHead comes from a search of HEAD's tree, and when HEAD does not hold it
// its age is unknown (the alert does not say when it was removed).
// summary.overdue counts KL202 findings:
// overdue secrets at HEAD; summary.baselined, when not zero, the secrets
// left out by a baseline file.
//
// # Limitations
//
// Text output has no colour yet, even on a terminal.
package report

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/keylint/keylint/internal/age"
	"github.com/keylint/keylint/internal/redact"
	"github.com/keylint/keylint/internal/scan"
	"github.com/keylint/keylint/rules"
)

// Version is the version of the JSON schema.
const Version = 1

// Report is one scan's findings.
type Report struct {
	Version int    `json:"version"`
	Mode    string `json:"mode"`            // history, range, staged or files
	Range   *Range `json:"range,omitempty"` // the commits of a range scan
	Shallow bool   `json:"shallow"`         // the repository is a shallow clone

	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
}

// Range is the range a range scan read, BASE..HEAD, as commit SHAs.
type Range struct {
	Base string `json:"base"`
	Head string `json:"head"`
}

// Finding is one distinct secret.
type Finding struct {
	IDs         []string `json:"ids"`
	Rule        string   `json:"rule"`
	Secret      string   `json:"secret"` // redacted unless built with ShowSecrets
	Fingerprint string   `json:"fingerprint"`
	Message     string   `json:"message"`
	File        string   `json:"file"`
	Line        int      `json:"line"`
	Column      int      `json:"column"`
	Introduced  *Commit  `json:"introduced"`
	AtHead      bool     `json:"atHead"`
	AgeDays     *int     `json:"ageDays"`
	AgeKnown    bool     `json:"ageKnown"`
	Tier        string   `json:"tier"`
	PolicyDays  int      `json:"policyDays"`
	Verdict     string   `json:"verdict"`
	OverdueDays int      `json:"overdueDays"`

	// DueInDays is how long a secret at HEAD has before it is overdue.
	DueInDays *int `json:"dueInDays,omitempty"`

	// FirstSeen is the oldest commit that shows the secret; it differs from
	// Introduced only in a shallow clone.
	FirstSeen *Commit `json:"firstSeen,omitempty"`

	// IntroducedNotAfter and MinAgeDays bound an unknown age: the secret
	// was committed on or before that date, so it is at least that old.
	IntroducedNotAfter string `json:"introducedNotAfter,omitempty"`
	MinAgeDays         *int   `json:"minAgeDays,omitempty"`

	// DatedBy names the service that dated a shallow-clone secret.
	DatedBy string `json:"datedBy,omitempty"`

	// AgeUnknownReason says in one line why an age is unknown, such as
	// "GitHub API: token rejected (401)".
	AgeUnknownReason string `json:"ageUnknownReason,omitempty"`

	// OldestKnown is a commit older than firstSeen that a dater found
	// holding a secret of unknown age; introducedNotAfter is then its date.
	OldestKnown *Commit `json:"oldestKnown,omitempty"`

	// External is set for a secret that the scanned history does not show,
	// reported by a service such as GitHub's secret scanning.
	External *External `json:"external,omitempty"`

	// SharedAcross is set when the secret is in more than one file (KL203).
	SharedAcross *SharedAcross `json:"sharedAcross,omitempty"`

	// LiveRefs are the refs whose tip still holds the secret.
	LiveRefs []string `json:"liveRefs,omitempty"`

	// LastSeen is the newest commit that holds the secret; Removed the one
	// that removed it, when no ref holds it and the removal was found.
	LastSeen *Commit `json:"lastSeen,omitempty"`
	Removed  *Commit `json:"removed,omitempty"`

	Locations     []Location `json:"locations"`
	HeadLocations []Location `json:"headLocations,omitempty"`
}

// SharedAcross says what the files holding one secret stand for: kind
// "environments" (groups such as "production", "staging"), "services"
// (groups such as "services/billing") or "files" (groups are the files).
type SharedAcross struct {
	Kind   string   `json:"kind"`
	Groups []string `json:"groups"`
}

// External names the report of a secret found outside the scanned history:
// source "github-alert" with the alert's number as id. atHeadUnknown says
// HEAD could not be searched for the secret, so atHead false means unknown.
type External struct {
	Source        string `json:"source"`
	ID            string `json:"id"`
	Title         string `json:"title"`
	URL           string `json:"url,omitempty"`
	AtHeadUnknown bool   `json:"atHeadUnknown,omitempty"`
}

// Commit is a commit in a report.
type Commit struct {
	Commit string `json:"commit"`
	Date   string `json:"date"` // RFC 3339, UTC
	Author string `json:"author"`
}

// Location is one place a secret was seen.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Commit string `json:"commit,omitempty"`
	Date   string `json:"date,omitempty"`
}

// Summary counts the findings.
type Summary struct {
	Secrets    int `json:"secrets"`
	Overdue    int `json:"overdue"` // KL202: overdue and at HEAD
	UnknownAge int `json:"unknownAge"`
	DueSoon    int `json:"dueSoon"`
	AtHead     int `json:"atHead"`

	// OverdueOnOtherRefs counts the overdue secrets that HEAD no longer
	// holds but another ref does (no KL202).
	OverdueOnOtherRefs int `json:"overdueOnOtherRefs,omitempty"`

	// Baselined counts the secrets left out because their fingerprint is
	// in the baseline file; the caller sets it.
	Baselined int `json:"baselined,omitempty"`
}

// Options control how a report is built.
type Options struct {
	Policy      age.Policy
	Now         time.Time
	ShowSecrets bool // print secrets in full instead of redacted

	// Tiers overrides the catalog's tier of some detection rules.
	Tiers map[string]rules.Tier
}

// Build applies the age model to a scan's secrets and returns the report.
func Build(res *scan.Result, opts Options) *Report {
	if opts.Policy == nil {
		opts.Policy = age.DefaultPolicy()
	}
	r := &Report{Version: Version, Mode: res.Mode.String(), Shallow: res.Shallow,
		Findings: []Finding{}}
	if res.Range != nil {
		r.Mode = "range"
		r.Range = &Range{Base: res.Range.Base, Head: res.Range.Head}
	}
	for _, sec := range res.Secrets {
		f := build(sec, res.Mode, opts)
		r.Findings = append(r.Findings, f)
		r.Summary.add(f)
	}
	slices.SortFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	return r
}

func (s *Summary) add(f Finding) {
	s.Secrets++
	if slices.Contains(f.IDs, "KL202") {
		s.Overdue++
	}
	switch {
	case f.Verdict == string(age.Unknown):
		s.UnknownAge++
	case f.Verdict == string(age.DueSoon):
		s.DueSoon++
	case f.Verdict == string(age.Overdue) && !f.AtHead && len(f.LiveRefs) > 0:
		s.OverdueOnOtherRefs++
	}
	if f.AtHead {
		s.AtHead++
	}
}

func build(sec scan.Secret, mode scan.Mode, opts Options) Finding {
	tier := rules.TierOf(sec.Rule)
	if t, ok := opts.Tiers[sec.Rule]; ok {
		tier = t
	}
	f := Finding{
		IDs:         []string{"KL201"},
		Rule:        sec.Rule,
		Secret:      display(sec, opts.ShowSecrets),
		Fingerprint: sec.Fingerprint,
		File:        sec.First.File,
		Line:        sec.First.Line,
		Column:      sec.First.Column,
		Tier:        string(tier),
		PolicyDays:  opts.Policy.Days(tier),
		Introduced:  commit(sec.Introduced),
		AtHead:      sec.AtHead,
		DatedBy:     sec.DatedBy,
		LiveRefs:    sec.LiveRefs,
		LastSeen:    commit(sec.LastSeen),
		Removed:     commit(sec.Removed),
	}
	for _, l := range sec.Locations {
		f.Locations = append(f.Locations, location(l))
	}
	for _, l := range sec.HeadLocations {
		f.HeadLocations = append(f.HeadLocations, location(l))
	}

	a := assess(sec, mode, f.PolicyDays, opts.Now)
	f.Verdict, f.AgeKnown, f.OverdueDays = string(a.Verdict), a.AgeKnown, a.OverdueDays
	if a.AgeKnown {
		f.AgeDays = &a.AgeDays
		if a.Verdict == age.DueSoon || a.Verdict == age.WithinPolicy && live(sec) {
			f.DueInDays = &a.DueInDays
		}
	}
	if sec.Shallow || sec.External != nil {
		f.FirstSeen = commit(sec.FirstSeen)
	}
	if e := sec.External; e != nil {
		f.External = &External{Source: e.Source, ID: e.ID, Title: e.Title, URL: e.URL,
			AtHeadUnknown: e.HeadUnknown}
	}
	if mode == scan.History && !a.AgeKnown {
		bound := lowerBound(&sec)
		f.IntroducedNotAfter = formatTime(bound.Date)
		f.MinAgeDays = &a.MinAgeDays
		f.AgeUnknownReason = sec.AgeUnknownReason
		if removalUnknown(&sec) {
			f.AgeUnknownReason = removalUnknownReason
		}
		if c := badlyDated(&sec, opts.Now); c != nil && c.Date.IsZero() {
			f.AgeUnknownReason = fmt.Sprintf("its commit %s carries no date git can read",
				short(c.SHA))
		} else if c != nil {
			f.AgeUnknownReason = fmt.Sprintf("its commit %s is dated %s, in the future",
				short(c.SHA), c.Date.UTC().Format(time.DateOnly))
		}
		if bound != sec.FirstSeen {
			f.OldestKnown = commit(bound)
		}
	}
	// KL202 is "still at HEAD" in the catalog, and --fail-on overdue gates
	// on it: HEAD is the code being checked, and a pull request must not
	// fail for a key it does not hold. A key past policy that only another
	// branch or tag holds is not safe either, so its verdict is still
	// overdue (counted in summary.overdueOnOtherRefs), and a scan of that
	// branch raises KL202.
	if mode == scan.History && sec.AtHead && a.Verdict == age.Overdue {
		f.IDs = append(f.IDs, "KL202")
	}
	if sh := sec.SharedAcross; sh != nil {
		f.IDs = append(f.IDs, "KL203")
		f.SharedAcross = &SharedAcross{Kind: sh.Kind, Groups: sh.Groups}
	}
	f.Message = message(f, mode, sec.AtBoundary)
	return f
}

// assess applies the age model. In history a secret has an age; a staged
// secret is being committed now; a file outside git has no known age.
func assess(sec scan.Secret, mode scan.Mode, policyDays int, now time.Time) age.Assessment {
	switch mode {
	case scan.Staged:
		return age.Assess(age.Facts{Introduced: now, AgeKnown: true, AtHead: true},
			policyDays, now)
	case scan.Files:
		return age.Assessment{Verdict: age.Unknown}
	}
	known := sec.Introduced != nil && !openEnded(&sec) && !removalUnknown(&sec) &&
		badlyDated(&sec, now) == nil
	facts := age.Facts{
		Introduced: lowerBound(&sec).Date,
		AgeKnown:   known,
		AtHead:     sec.AtHead,
		Live:       len(sec.LiveRefs) > 0,
	}
	if sec.Introduced != nil {
		facts.Introduced = sec.Introduced.Date
	}
	// The window closes at the later of the removal from HEAD's history and
	// the newest sighting: a copy on another branch can outlive the removal.
	for _, c := range []*scan.Commit{sec.Removed, sec.LastSeen} {
		if c != nil && c.Date.After(facts.Gone) {
			facts.Gone = c.Date
		}
	}
	return age.Assess(facts, policyDays, now)
}

// lowerBound is the oldest commit known to hold a secret of unknown age:
// its first sighting, or an older commit a dater found.
func lowerBound(sec *scan.Secret) *scan.Commit {
	if b := sec.IntroducedNotAfter; b != nil && b.Date.Before(sec.FirstSeen.Date) {
		return b
	}
	return sec.FirstSeen
}

// openEnded reports a secret reported from outside the scanned history
// that HEAD does not hold: when it left the tree is unknown, so its
// exposure window, and its age, are too.
func openEnded(sec *scan.Secret) bool {
	return sec.External != nil && !sec.AtHead && len(sec.LiveRefs) == 0 && sec.Removed == nil
}

// removalUnknown reports a secret of known introduction that no ref holds
// and whose removal the scan did not find: one removed in a merge's
// conflict resolution, or found only after decoding. Its exposure window
// closed on an unknown day after its newest sighting, so its length is a
// lower bound; taking the sighting for the end would call a key exposed
// for years "exposed 0 days, within policy".
func removalUnknown(sec *scan.Secret) bool {
	return sec.Introduced != nil && !live(*sec) && sec.Removed == nil && sec.External == nil
}

const removalUnknownReason = "the commit that removed it was not found"

// badlyDated returns the commit, introducing or removing the secret, whose
// date its age cannot rest on: one dated more than a day after now, by a
// wrong clock or by hand (an age would read as zero, and within policy,
// until that day; a window would run on to that day), or one that carries
// no date git can read, neither the author's nor the committer's.
func badlyDated(sec *scan.Secret, now time.Time) *scan.Commit {
	for _, c := range []*scan.Commit{sec.Introduced, sec.Removed} {
		if c != nil && (c.Date.IsZero() || c.Date.After(now.Add(24*time.Hour))) {
			return c
		}
	}
	return nil
}

// live reports whether HEAD or another ref still holds the secret.
func live(sec scan.Secret) bool { return sec.AtHead || len(sec.LiveRefs) > 0 }

func display(sec scan.Secret, show bool) string {
	if show || sec.PathOnly {
		return sec.Value
	}
	return redact.Secret(sec.Value)
}

func commit(c *scan.Commit) *Commit {
	if c == nil {
		return nil
	}
	return &Commit{Commit: c.SHA, Date: formatTime(c.Date), Author: c.Author}
}

func location(l scan.Location) Location {
	loc := Location{File: l.File, Line: l.Line, Column: l.Column, Commit: l.Commit}
	if !l.Date.IsZero() {
		loc.Date = formatTime(l.Date)
	}
	return loc
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
