package age

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/rules"
)

var now = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

func daysAgo(d int) time.Time { return now.Add(-time.Duration(d) * 24 * time.Hour) }

func TestAssess(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		facts  Facts
		policy int
		want   Assessment
	}{
		{"committed today", Facts{Introduced: now, AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeKnown: true, Verdict: WithinPolicy, DueInDays: 90}},
		{"10 days", Facts{Introduced: daysAgo(10), AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeDays: 10, AgeKnown: true, Verdict: WithinPolicy, DueInDays: 80}},
		{"75 days: 15 left, not yet due soon", Facts{Introduced: daysAgo(75), AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeDays: 75, AgeKnown: true, Verdict: WithinPolicy, DueInDays: 15}},
		{"76 days: 14 left, due soon", Facts{Introduced: daysAgo(76), AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeDays: 76, AgeKnown: true, Verdict: DueSoon, DueInDays: 14}},
		{"89 days", Facts{Introduced: daysAgo(89), AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeDays: 89, AgeKnown: true, Verdict: DueSoon, DueInDays: 1}},
		{"exactly 90 days: due today, not overdue", Facts{Introduced: daysAgo(90), AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeDays: 90, AgeKnown: true, Verdict: DueSoon}},
		{"90 days less a second is 89", Facts{Introduced: daysAgo(90).Add(time.Second), AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeDays: 89, AgeKnown: true, Verdict: DueSoon, DueInDays: 1}},
		{"91 days: overdue by 1", Facts{Introduced: daysAgo(91), AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeDays: 91, AgeKnown: true, Verdict: Overdue, OverdueDays: 1}},
		{"120 days sensitive", Facts{Introduced: daysAgo(120), AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeDays: 120, AgeKnown: true, Verdict: Overdue, OverdueDays: 30}},
		{"120 days standard", Facts{Introduced: daysAgo(120), AgeKnown: true, AtHead: true}, 365,
			Assessment{AgeDays: 120, AgeKnown: true, Verdict: WithinPolicy, DueInDays: 245}},
		{"exactly 365 days standard", Facts{Introduced: daysAgo(365), AgeKnown: true, AtHead: true}, 365,
			Assessment{AgeDays: 365, AgeKnown: true, Verdict: DueSoon}},
		{"400 days standard", Facts{Introduced: daysAgo(400), AgeKnown: true, AtHead: true}, 365,
			Assessment{AgeDays: 400, AgeKnown: true, Verdict: Overdue, OverdueDays: 35}},
		{"commit date in the future", Facts{Introduced: now.Add(48 * time.Hour), AgeKnown: true, AtHead: true}, 90,
			Assessment{AgeKnown: true, Verdict: WithinPolicy, DueInDays: 90}},
		{"removed after 300 days", Facts{Introduced: daysAgo(400), AgeKnown: true, Gone: daysAgo(100)}, 90,
			Assessment{AgeDays: 300, AgeKnown: true, Verdict: Overdue, OverdueDays: 210}},
		{"removed after 80 days: a closed window is never due soon",
			Facts{Introduced: daysAgo(400), AgeKnown: true, Gone: daysAgo(320)}, 90,
			Assessment{AgeDays: 80, AgeKnown: true, Verdict: WithinPolicy}},
		{"removed after exactly 90 days", Facts{Introduced: daysAgo(400), AgeKnown: true, Gone: daysAgo(310)}, 90,
			Assessment{AgeDays: 90, AgeKnown: true, Verdict: WithinPolicy}},
		// Removed from HEAD's history but still on a branch: the window is
		// open, aged to now, and can run out like one at HEAD.
		{"on another ref after 120 days: overdue", Facts{Introduced: daysAgo(120), AgeKnown: true,
			Live: true, Gone: daysAgo(100)}, 90,
			Assessment{AgeDays: 120, AgeKnown: true, Verdict: Overdue, OverdueDays: 30}},
		{"on another ref after 80 days: due soon", Facts{Introduced: daysAgo(80), AgeKnown: true,
			Live: true}, 90,
			Assessment{AgeDays: 80, AgeKnown: true, Verdict: DueSoon, DueInDays: 10}},
		{"on another ref after 10 days", Facts{Introduced: daysAgo(10), AgeKnown: true, Live: true}, 90,
			Assessment{AgeDays: 10, AgeKnown: true, Verdict: WithinPolicy, DueInDays: 80}},
		{"shallow boundary: unknown with lower bound", Facts{Introduced: daysAgo(10), AtHead: true}, 90,
			Assessment{MinAgeDays: 10, Verdict: Unknown}},
		{"shallow boundary past policy is still unknown", Facts{Introduced: daysAgo(200), AtHead: true}, 90,
			Assessment{MinAgeDays: 200, Verdict: Unknown}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Assess(tc.facts, tc.policy, now)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Assess() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDays(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		from, to time.Time
		want     int
	}{
		{now, now, 0},
		{now, now.Add(23*time.Hour + 59*time.Minute), 0},
		{now, now.Add(24 * time.Hour), 1},
		{now, now.Add(-24 * time.Hour), 0},
		{daysAgo(400), now, 400},
		// Time zones do not change elapsed time.
		{time.Date(2026, 1, 1, 23, 0, 0, 0, time.FixedZone("X", -5*3600)),
			time.Date(2026, 1, 3, 4, 0, 0, 0, time.UTC), 1},
	} {
		if got := Days(tc.from, tc.to); got != tc.want {
			t.Errorf("Days(%v, %v) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestParsePolicy(t *testing.T) {
	t.Parallel()
	base := DefaultPolicy()
	for _, tc := range []struct {
		in      string
		want    Policy
		wantErr string
	}{
		{"", Policy{rules.Sensitive: 90, rules.Standard: 365}, ""},
		{"sensitive=90d,standard=365d", Policy{rules.Sensitive: 90, rules.Standard: 365}, ""},
		{"sensitive=30d", Policy{rules.Sensitive: 30, rules.Standard: 365}, ""},
		{" Standard = 180 , sensitive=60d", Policy{rules.Sensitive: 60, rules.Standard: 180}, ""},
		{"secret=30d", nil, `policy "secret=30d": unknown tier "secret" (want sensitive or standard)`},
		{"sensitive", nil, `policy "sensitive": want TIER=DAYSd, such as sensitive=90d`},
		{"sensitive=0d", nil, `policy "sensitive=0d": period must be a positive number of days, such as 90d`},
		{"sensitive=3w", nil, `policy "sensitive=3w": period must be a positive number of days, such as 90d`},
	} {
		got, err := ParsePolicy(tc.in, base)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if gotErr != tc.wantErr {
			t.Errorf("ParsePolicy(%q) error = %q, want %q", tc.in, gotErr, tc.wantErr)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParsePolicy(%q) mismatch (-want +got):\n%s", tc.in, diff)
		}
	}
	if base[rules.Sensitive] != 90 {
		t.Errorf("ParsePolicy modified its base: %v", base)
	}
}

func TestPolicyDays(t *testing.T) {
	t.Parallel()
	p := Policy{rules.Sensitive: 30, rules.Standard: 200}
	for tier, want := range map[rules.Tier]int{rules.Sensitive: 30, rules.Standard: 200, "custom": 30} {
		if got := p.Days(tier); got != want {
			t.Errorf("Days(%q) = %d, want %d", tier, got, want)
		}
	}
}
