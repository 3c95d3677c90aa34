package rules

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/zricethezav/gitleaks/v8/config"
)

func TestCatalog(t *testing.T) {
	idRE := regexp.MustCompile(`^KL[12]\d\d$`)
	nameRE := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := map[string]bool{}
	names := map[string]string{} // name → ID
	prev := ""
	for _, r := range All() {
		if !idRE.MatchString(r.ID) {
			t.Errorf("rule %q: malformed ID", r.ID)
		}
		if r.ID <= prev {
			t.Errorf("rule %s: catalog not in ID order (after %s)", r.ID, prev)
		}
		prev = r.ID
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		// Code scanning shows and filters alerts by rule name, so each rule
		// needs its own.
		if !nameRE.MatchString(r.Name) {
			t.Errorf("rule %s: name %q is not lowercase words joined by hyphens", r.ID, r.Name)
		}
		if other, ok := names[r.Name]; ok {
			t.Errorf("rules %s and %s share the name %q", other, r.ID, r.Name)
		}
		names[r.Name] = r.ID
		if !strings.HasPrefix(r.Doc(), "# "+r.ID+": "+r.Title+"\n") {
			t.Errorf("rule %s: doc must start with %q", r.ID, "# "+r.ID+": "+r.Title)
		}
		if r.Summary() == "" {
			t.Errorf("rule %s: doc has no summary paragraph", r.ID)
		}
		switch r.Severity {
		case "error", "warning", "note":
		default:
			t.Errorf("rule %s: severity %q", r.ID, r.Severity)
		}
	}
	if len(seen) != 9 {
		t.Errorf("catalog has %d rules, want 9", len(seen))
	}
}

func TestEveryGitleaksRuleHasATier(t *testing.T) {
	tiered := TieredRules()
	for _, line := range strings.Split(config.DefaultConfig, "\n") {
		id, ok := strings.CutPrefix(line, "id = ")
		if !ok {
			continue
		}
		id = strings.Trim(id, `"`)
		if _, ok := tiered[id]; !ok {
			t.Errorf("gitleaks rule %s has no tier in rules/tiers.toml", id)
		}
	}
}

func TestTierOf(t *testing.T) {
	for rule, want := range map[string]Tier{
		"aws-access-token":       Sensitive,
		"github-pat":             Sensitive,
		"private-key":            Sensitive,
		"slack-webhook-url":      Standard,
		"generic-api-key":        Standard,
		"my-custom-rule":         Sensitive, // unknown rules get the strict policy
		"okta-access-token":      Sensitive, // identity provider
		"azure-ad-client-secret": Sensitive,
		"planetscale-password":   Sensitive, // database
		"clojars-api-token":      Sensitive, // package publishing, as npm and PyPI
		"atlassian-api-token":    Sensitive, // opens Bitbucket
		"netlify-access-token":   Sensitive, // hosting control plane
		"openai-api-key":         Standard,
	} {
		if got := TierOf(rule); got != want {
			t.Errorf("TierOf(%q) = %s, want %s", rule, got, want)
		}
	}
	if PolicyDays(Sensitive) != 90 || PolicyDays(Standard) != 365 {
		t.Errorf("policy days = %d/%d, want 90/365", PolicyDays(Sensitive), PolicyDays(Standard))
	}
}

var update = flag.Bool("update", false, "rewrite the rule table in ../README.md")

// TestREADMETable keeps the README's rule table generated from the catalog:
// run go test ./rules -update after changing catalog.toml or a rule's doc.
func TestREADMETable(t *testing.T) {
	const begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q section", strings.TrimSpace(begin), end)
	}
	want := readme[:i+len(begin)] + MarkdownTable() + readme[j:]
	if want == readme {
		return
	}
	if *update {
		if err := os.WriteFile("../README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("README.md's rule table is stale; run go test ./rules -update")
}
