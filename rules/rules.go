// Package rules is keylint's rule catalog as data: rule metadata, one doc per
// rule and the rotation tier of every detection rule. Everything that lists or
// describes rules (the CLI, the README table, report metadata) reads it from
// here, so the catalog is kept in exactly one place.
package rules

import (
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

//go:embed catalog.toml tiers.toml KL*.md
var files embed.FS

// Rule is one entry of the catalog.
type Rule struct {
	ID       string `toml:"id"`
	Name     string `toml:"name"`
	Engine   string `toml:"engine"`
	Title    string `toml:"title"`
	Severity string `toml:"severity"`
	Since    string `toml:"since"`
	Default  bool   `toml:"default"`
}

// Doc returns the rule's documentation in Markdown.
func (r Rule) Doc() string {
	b, err := files.ReadFile(r.ID + ".md")
	if err != nil {
		return ""
	}
	return string(b)
}

// Summary returns the first paragraph of the rule's doc after its heading,
// joined onto one line: the short description used in tables and reports.
func (r Rule) Summary() string {
	_, body, _ := strings.Cut(r.Doc(), "\n\n")
	para, _, _ := strings.Cut(body, "\n\n")
	return strings.Join(strings.Fields(para), " ")
}

// URL returns the address of the rule's doc in the keylint repository.
func (r Rule) URL() string {
	return "https://github.com/keylint/keylint/blob/main/rules/" + r.ID + ".md"
}

// Tier names the rotation class of a detection rule.
type Tier string

// The rotation tiers.
const (
	Sensitive Tier = "sensitive"
	Standard  Tier = "standard"
)

type catalogFile struct {
	Rule []Rule `toml:"rule"`
}

type tiersFile struct {
	Policy map[Tier]int `toml:"policy"`
	Tiers  struct {
		Sensitive []string `toml:"sensitive"`
		Standard  []string `toml:"standard"`
	} `toml:"tiers"`
}

// The embedded files never change after the build, so they are decoded once;
// a decoding error is a bug in the build and is caught by the package tests.
var (
	loadCatalog = sync.OnceValues(func() ([]Rule, error) {
		var c catalogFile
		if err := decode("catalog.toml", &c); err != nil {
			return nil, err
		}
		return c.Rule, nil
	})
	loadTiers = sync.OnceValues(func() (*tiersFile, error) {
		var t tiersFile
		return &t, decode("tiers.toml", &t)
	})
)

func decode(name string, v any) error {
	b, err := files.ReadFile(name)
	if err != nil {
		return err
	}
	md, err := toml.NewDecoder(bytes.NewReader(b)).Decode(v)
	if err != nil {
		return fmt.Errorf("decode rules/%s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return fmt.Errorf("decode rules/%s: unknown key %s", name, und[0])
	}
	return nil
}

// All returns the catalog in ID order.
func All() []Rule {
	rs, err := loadCatalog()
	if err != nil {
		panic(err) // the embedded catalog is part of the binary
	}
	return slices.Clone(rs)
}

// Lookup returns the rule with the given ID, or false.
func Lookup(id string) (Rule, bool) {
	for _, r := range All() {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return Rule{}, false
}

// ByName returns the analyzer rule named name (such as "hardcodedkey").
func ByName(name string) (Rule, bool) {
	for _, r := range All() {
		if r.Engine == "analyzer" && r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}

// TierOf returns the rotation tier of a detection rule (a gitleaks rule ID or
// one of keylint's own). Rules that are not listed are sensitive.
func TierOf(detectionRule string) Tier {
	t, err := loadTiers()
	if err != nil {
		panic(err)
	}
	if slices.Contains(t.Tiers.Standard, detectionRule) {
		return Standard
	}
	return Sensitive
}

// PolicyDays returns the default rotation policy of a tier, in days.
func PolicyDays(tier Tier) int {
	t, err := loadTiers()
	if err != nil {
		panic(err)
	}
	if d, ok := t.Policy[tier]; ok {
		return d
	}
	return t.Policy[Sensitive]
}

// TieredRules returns every detection rule that has an explicit tier.
func TieredRules() map[string]Tier {
	t, err := loadTiers()
	if err != nil {
		panic(err)
	}
	m := make(map[string]Tier)
	for _, id := range t.Tiers.Sensitive {
		m[id] = Sensitive
	}
	for _, id := range t.Tiers.Standard {
		m[id] = Standard
	}
	return m
}

// MarkdownTable returns the catalog as the Markdown table the README shows.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| ID | engine | name | severity | since | what it reports |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [%s](rules/%s.md) | %s | `%s` | %s | %s | %s |\n",
			r.ID, r.ID, r.Engine, r.Name, r.Severity, r.Since, r.Summary())
	}
	return b.String()
}
