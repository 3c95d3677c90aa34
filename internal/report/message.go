package report

import (
	"fmt"
	"strings"

	"github.com/keylint/keylint/internal/age"
	"github.com/keylint/keylint/internal/scan"
)

// message describes a finding's history and verdict in one line, such as
// "introduced 2026-01-05 by alice (abc1234), 120 days old, sensitive policy
// 90 days: overdue by 30 days". boundary says a secret of unknown age was
// seen in a shallow clone's boundary commit.
func message(f Finding, mode scan.Mode, boundary bool) string {
	policy := fmt.Sprintf("%s policy %d days", f.Tier, f.PolicyDays)
	switch mode {
	case scan.Staged:
		return "staged for commit, " + policy + ": remove it before committing" + shared(f)
	case scan.Files:
		return "in a file, " + policy + ": age unknown without git history" + shared(f)
	}

	var parts []string
	if f.Introduced != nil {
		intro := fmt.Sprintf("introduced %s by %s (%s", day(f.Introduced.Date),
			f.Introduced.Author, short(f.Introduced.Commit))
		if f.DatedBy != "" {
			intro += ", dated by " + f.DatedBy
		}
		parts = append(parts, intro+")")
	} else if boundary {
		parts = append(parts, fmt.Sprintf("first seen in shallow clone boundary %s (%s)",
			short(f.FirstSeen.Commit), day(f.FirstSeen.Date)))
	} else if f.External != nil {
		parts = append(parts, fmt.Sprintf("first seen %s (%s)", day(f.FirstSeen.Date),
			short(f.FirstSeen.Commit)))
	} else {
		parts = append(parts, fmt.Sprintf("first seen %s by %s (%s) in a shallow clone",
			day(f.FirstSeen.Date), f.FirstSeen.Author, short(f.FirstSeen.Commit)))
	}

	if o := f.OldestKnown; o != nil {
		parts = append(parts, fmt.Sprintf("held since at least %s (%s)", day(o.Date),
			short(o.Commit)))
	}
	if e := f.External; e != nil {
		parts = append(parts, "not in the scanned history, reported by "+e.Title)
	}
	if !f.AtHead && len(f.LiveRefs) > 0 {
		parts = append(parts, "not at HEAD but still on "+refList(f.LiveRefs))
	}
	switch {
	case !open(f):
		parts = append(parts, gone(f))
	case f.AgeKnown:
		parts = append(parts, fmt.Sprintf("%s old", days(*f.AgeDays)))
	default:
		parts = append(parts, fmt.Sprintf("at least %s old", days(*f.MinAgeDays)))
	}
	return strings.Join(parts, ", ") + ", " + policy + ": " + verdict(f) + shared(f)
}

// shared describes KL203: "; shared across environments production and
// staging: use one secret per environment".
func shared(f Finding) string {
	sa := f.SharedAcross
	if sa == nil {
		return ""
	}
	// Groups may be file or directory names, which may hold anything: the
	// message reaches annotations and summaries as it is.
	groups := make([]string, len(sa.Groups))
	for i, g := range sa.Groups {
		groups[i] = quotePath(g)
	}
	n := len(groups)
	list := strings.Join(groups, ", ")
	if n > 1 {
		list = strings.Join(groups[:n-1], ", ") + " and " + groups[n-1]
	}
	remedy := "one secret per consumer"
	switch sa.Kind {
	case "environments":
		remedy = "one secret per environment"
	case "services":
		remedy = "one secret per service"
	}
	return fmt.Sprintf("; shared across %s %s: use %s", sa.Kind, list, remedy)
}

// open reports whether the secret's exposure goes on: HEAD or another ref
// still holds it.
func open(f Finding) bool { return f.AtHead || len(f.LiveRefs) > 0 }

// refList names refs for a message: "refs/heads/a", "refs/heads/a and
// refs/tags/v1", or the first three and how many more.
func refList(refs []string) string {
	const most = 3
	switch n := len(refs); {
	case n == 1:
		return refs[0]
	case n <= most:
		return strings.Join(refs[:n-1], ", ") + " and " + refs[n-1]
	default:
		return fmt.Sprintf("%s and %d more", strings.Join(refs[:most], ", "), n-most)
	}
}

// gone describes the exposure window of a secret that no ref holds.
func gone(f Finding) string {
	var s string
	switch {
	case f.Removed != nil:
		s = fmt.Sprintf("removed %s (%s)", day(f.Removed.Date), short(f.Removed.Commit))
	case f.External != nil && f.External.AtHeadUnknown:
		s = "whether HEAD holds it is unknown"
	case f.LastSeen != nil:
		s = fmt.Sprintf("not at HEAD, last seen %s (%s)", day(f.LastSeen.Date),
			short(f.LastSeen.Commit))
	default:
		s = "not at HEAD"
	}
	if f.AgeKnown {
		return s + fmt.Sprintf(", exposed %s", days(*f.AgeDays))
	}
	return s + fmt.Sprintf(", exposed at least %s", days(*f.MinAgeDays))
}

func verdict(f Finding) string {
	switch age.Verdict(f.Verdict) {
	case age.Overdue:
		switch {
		case !open(f):
			return fmt.Sprintf("exposed %s past policy; history still holds it",
				days(f.OverdueDays))
		case !f.AtHead:
			return fmt.Sprintf("overdue by %s; rotate it and delete it from those refs",
				days(f.OverdueDays))
		}
		return fmt.Sprintf("overdue by %s", days(f.OverdueDays))
	case age.DueSoon:
		if *f.DueInDays == 0 {
			return "due today"
		}
		return fmt.Sprintf("due in %s", days(*f.DueInDays))
	case age.WithinPolicy:
		if !open(f) {
			return "within policy; history still holds it"
		}
		return fmt.Sprintf("within policy, due in %s", days(*f.DueInDays))
	}
	if f.External != nil {
		// History would not tell when a reported secret left the tree
		// either; the reason says what would.
		return "age unknown (" + f.AgeUnknownReason + ")"
	}
	// With the introduction known, fetching more history would not help.
	switch {
	case f.Introduced != nil && !open(f):
		return "exposure window unknown (" + f.AgeUnknownReason + "); history still holds it"
	case f.Introduced != nil:
		return "age unknown (" + f.AgeUnknownReason + ")"
	}
	if f.AgeUnknownReason != "" {
		return "age unknown (" + f.AgeUnknownReason +
			"); fetch full history (git fetch --unshallow) to date it"
	}
	return "age unknown; fetch full history (git fetch --unshallow) to date it"
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// day shortens an RFC 3339 time to its date.
func day(rfc3339 string) string {
	d, _, _ := strings.Cut(rfc3339, "T")
	return d
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
