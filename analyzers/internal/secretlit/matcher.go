// Package secretlit decides whether a string value found in Go source is a
// secret. It offers two independent tests:
//
//   - [Matcher] runs gitleaks' default detection rules over a value, with
//     their own keywords, entropy limits and allowlists, and names the rule
//     that matched (github-pat, stripe-access-token, …).
//   - [LooksRandom], [LooksLikePassword] and [Plausible] are cheap shape
//     heuristics for values bound to a name that already says "credential":
//     Shannon entropy, length, character classes, and whether the value is
//     made of words (a name of a secret) or of random characters (a secret).
//
// [IsPlaceholder], [IsNameLike] and [IsDigest] recognise values that are not
// secrets although they look or sit like one: placeholders such as
// "changeme" or "${TOKEN}", names such as "GITHUB_TOKEN" or "X-Api-Key", and
// checksums such as "h1:…=" or UUIDs.
//
// Nothing in this package logs, and a value is never part of an error.
package secretlit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// The range of value lengths handed to gitleaks. No default rule matches a
// secret shorter than MinMatchLen; values longer than MaxMatchLen (embedded
// files, certificate bundles) cost more than they are likely to yield.
const (
	MinMatchLen = 8
	MaxMatchLen = 64 << 10
)

// Finding is one gitleaks match inside a value.
type Finding struct {
	// Rule is the gitleaks rule ID, such as "github-pat".
	Rule string
	// Secret is the matched secret. Never print it; see internal/redact.
	Secret string
}

// Matcher runs gitleaks detection rules over string values. It is safe for
// concurrent use.
type Matcher struct {
	det *detect.Detector
}

// defaultMatcher is built on first use and then only read: gitleaks'
// detector does not change while it detects.
var defaultMatcher = sync.OnceValues(func() (*Matcher, error) {
	return NewMatcher(config.DefaultConfig)
})

// Default returns the matcher for gitleaks' default rules. It is built once
// per process, on first use, and shared.
func Default() (*Matcher, error) { return defaultMatcher() }

// MatchDefault runs the default matcher over value. It builds the matcher,
// which takes about half a second, only for a value that holds a rule's
// keyword: under go vet every package is a process of its own, and most
// packages of a program (nearly all of the standard library) have none.
func MatchDefault(value string) ([]Finding, error) {
	if !MayMatch(value) {
		return nil, nil
	}
	m, err := Default()
	if err != nil {
		return nil, fmt.Errorf("load gitleaks rules: %w", err)
	}
	return m.Match(value), nil
}

// NewMatcher returns a matcher for a gitleaks configuration in TOML. The
// configuration is decoded with a viper instance of its own, so it neither
// reads nor changes viper's global state.
func NewMatcher(tomlConfig string) (*Matcher, error) {
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(tomlConfig)); err != nil {
		return nil, fmt.Errorf("read gitleaks config: %w", err)
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		return nil, fmt.Errorf("decode gitleaks config: %w", err)
	}
	cfg, err := vc.Translate()
	if err != nil {
		return nil, fmt.Errorf("translate gitleaks config: %w", err)
	}
	return &Matcher{det: detect.NewDetector(cfg)}, nil
}

// Match returns the gitleaks findings in value, at most one per rule and
// secret, in the order the secrets appear, leaving out placeholders. Values shorter than MinMatchLen or
// longer than MaxMatchLen are not examined and give nil.
func (m *Matcher) Match(value string) []Finding {
	// Limitation: a secret inside a longer value is missed; the scanner
	// reads such files whole.
	if len(value) < MinMatchLen || len(value) > MaxMatchLen {
		return nil
	}
	var out []Finding
	for _, f := range m.det.DetectString(value) {
		if f.Secret == "" || IsPlaceholder(f.Secret) || EncodesText(f.Secret) {
			continue
		}
		if f.RuleID == genericRule && !credentialAssignment(f.Match, f.Secret) {
			continue
		}
		fd := Finding{Rule: f.RuleID, Secret: f.Secret}
		if !slices.Contains(out, fd) {
			out = append(out, fd)
		}
	}
	// gitleaks runs its rules in map order; report in the order of the text.
	slices.SortFunc(out, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(strings.Index(value, a.Secret), strings.Index(value, b.Secret)),
			strings.Compare(a.Rule, b.Rule))
	})
	return out
}

// genericRule is gitleaks' catch-all rule: a secret-looking value assigned to
// a name that contains a credential word anywhere (monkey_id, keyName…).
const genericRule = "generic-api-key"

// credentialAssignment reports whether the name that match assigns secret
// to is a credential name by keylint's stricter word-boundary rules, so
// that "key": "…" (a public key in JSON) or Sec-WebSocket-Key: … are left
// out while api_key = "…" and "access_token": "…" stay in.
func credentialAssignment(match, secret string) bool {
	// A value that is itself name=value ("Signature=631e…" after a comma in
	// an AWS Authorization header) is named by its own left-hand side.
	if name, _, ok := strings.Cut(strings.TrimRight(secret, "="), "="); ok {
		return credname.IsCredential(name)
	}
	i := strings.LastIndex(match, secret)
	if i < 0 {
		return true // keep what cannot be taken apart
	}
	lhs := strings.TrimRight(match[:i], " \t\r\n'\"`=:>|,?")
	j := strings.LastIndexFunc(lhs, func(r rune) bool {
		return !(r == '_' || r == '-' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	return credname.IsCredential(lhs[j+1:])
}
