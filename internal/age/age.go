// Package age is keylint's age model for committed secrets: how old a secret
// is, and what its rotation policy says about that age.
//
// Everything here is a pure function of its arguments; the current time is
// always passed in, so results are reproducible and testable.
//
// # Rules
//
// A secret still at HEAD has an age: the whole days from its introduction to
// now. Its verdict compares that age with the policy of its tier:
//
//   - overdue when the age exceeds the policy (overdue by age − policy days);
//   - due-soon when at most DueSoonDays are left, including the day the policy
//     runs out (age == policy: due today);
//   - within-policy otherwise.
//
// A secret no longer at HEAD but still held by another ref (a branch, a tag)
// has not left the repository: it is aged to now like a secret at HEAD, and
// can be due-soon or overdue the same way.
//
// A secret that no ref holds has an exposure window instead: from its
// introduction to its removal. The window is closed, so it is never due-soon:
// it is overdue when the secret stayed in the tree longer than its policy, and
// within-policy otherwise. Only a secret at HEAD is the key the checked-out
// code uses; the scanner raises KL202 for it alone.
//
// A secret whose introduction is only bounded (first seen at a shallow-clone
// boundary) has an unknown verdict, whatever the bound says; the bound is kept
// as MinAgeDays.
//
// # Limitations
//
// Days are whole 24-hour periods of elapsed time, not calendar days: a secret
// committed at 23:00 is 0 days old at 08:00 the next morning. A commit date in
// the future (a skewed clock) counts as age 0.
package age

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/keylint/keylint/rules"
)

// DueSoonDays is how many days before the end of its policy a secret at HEAD
// is reported as due soon.
const DueSoonDays = 14

// Verdict is what the rotation policy says about a secret's age.
type Verdict string

// The verdicts, as they appear in reports.
const (
	WithinPolicy Verdict = "within-policy"
	DueSoon      Verdict = "due-soon"
	Overdue      Verdict = "overdue"
	Unknown      Verdict = "unknown"
)

// Policy is the rotation period of each tier, in days.
type Policy map[rules.Tier]int

// DefaultPolicy returns the policy of the rule catalog: 90 days for sensitive
// secrets, 365 for standard ones.
func DefaultPolicy() Policy {
	return Policy{
		rules.Sensitive: rules.PolicyDays(rules.Sensitive),
		rules.Standard:  rules.PolicyDays(rules.Standard),
	}
}

// Days returns the rotation period of tier. A tier the policy does not name
// gets the sensitive period, the shorter one by default.
func (p Policy) Days(tier rules.Tier) int {
	if d, ok := p[tier]; ok {
		return d
	}
	return p[rules.Sensitive]
}

// ParsePolicy applies overrides such as "sensitive=90d,standard=365d" to a
// copy of base. A period is a positive whole number of days, with or without
// the "d" suffix.
func ParsePolicy(s string, base Policy) (Policy, error) {
	p := make(Policy, len(base))
	for t, d := range base {
		p[t] = d
	}
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, period, ok := strings.Cut(item, "=")
		if !ok {
			return nil, fmt.Errorf("policy %q: want TIER=DAYSd, such as sensitive=90d", item)
		}
		tier := rules.Tier(strings.ToLower(strings.TrimSpace(name)))
		if tier != rules.Sensitive && tier != rules.Standard {
			return nil, fmt.Errorf("policy %q: unknown tier %q (want sensitive or standard)",
				item, name)
		}
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(period), "d"))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf(
				"policy %q: period must be a positive number of days, such as 90d", item)
		}
		p[tier] = n
	}
	return p, nil
}

// Days returns the whole days elapsed from from to to, or 0 if to is not
// after from.
func Days(from, to time.Time) int {
	d := to.Sub(from)
	if d <= 0 {
		return 0
	}
	return int(d / (24 * time.Hour))
}

// Facts is what the scanner knows about one secret's life in a repository.
type Facts struct {
	// Introduced is the author date of the oldest commit that adds the
	// secret. When AgeKnown is false it is only the date of the oldest
	// commit seen, and the secret may be older.
	Introduced time.Time
	AgeKnown   bool

	// AtHead says the secret is in HEAD's tree.
	AtHead bool

	// Live says a ref other than HEAD (a branch, a tag) still holds the
	// secret at its tip: like one at HEAD, its exposure goes on to now.
	Live bool

	// Gone is when a secret that no ref holds left the tree: the date of
	// the commit that removed it, or of the last commit seen holding it
	// when the removal was not found.
	Gone time.Time
}

// Assessment is the age and verdict of one secret.
type Assessment struct {
	// AgeDays is the age of a secret at HEAD or on another ref, or the
	// length of the exposure window of one that no ref holds. It is 0 when
	// AgeKnown is false.
	AgeDays  int
	AgeKnown bool

	// MinAgeDays is the lower bound on AgeDays when AgeKnown is false.
	MinAgeDays int

	Verdict Verdict

	// OverdueDays is how far past the policy an overdue secret is.
	OverdueDays int

	// DueInDays is how many days a secret at HEAD (or on another ref) has
	// left before it is overdue; 0 means the policy runs out today.
	DueInDays int
}

// Assess returns the age and verdict of a secret under a policy of
// policyDays, as of now.
func Assess(f Facts, policyDays int, now time.Time) Assessment {
	open := f.AtHead || f.Live
	end := now
	if !open {
		end = f.Gone
	}
	days := Days(f.Introduced, end)
	if !f.AgeKnown {
		return Assessment{MinAgeDays: days, Verdict: Unknown}
	}

	a := Assessment{AgeDays: days, AgeKnown: true}
	switch left := policyDays - days; {
	case left < 0:
		a.Verdict, a.OverdueDays = Overdue, -left
	case !open:
		// A closed window has no deadline left to approach.
		a.Verdict = WithinPolicy
	case left <= DueSoonDays:
		a.Verdict, a.DueInDays = DueSoon, left
	default:
		a.Verdict, a.DueInDays = WithinPolicy, left
	}
	return a
}
