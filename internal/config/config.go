// Package config reads keylint's configuration file, .keylint.toml, and the
// baseline file of fingerprints that keylint scan leaves out.
//
// # .keylint.toml
//
//	[policy]            # rotation periods in days, per tier
//	sensitive = 90
//	standard = 365
//
//	[tiers]             # per detection rule: "sensitive" or "standard"
//	"generic-api-key" = "sensitive"
//
//	[scan]
//	exclude = ["vendor/**", "**/testdata/**"]
//	fail-on = "overdue" # any, overdue or none
//
// Every key is optional. An unknown key, a value of the wrong type or
// malformed TOML is an error that names the file and the line. So is a rule
// under [tiers] that the detector does not know (see CheckTiers): which
// rules exist depends on the scanned repository's .gitleaks.toml, so that
// check is made once the scanner has loaded it.
//
// A scan of a directory reads the directory's .keylint.toml, or, when it
// has none, the one at the top level of its repository (see Load).
//
// # Limitations
//
// The line of an unknown key is found by reading the file for the key's
// table and name; a key defined through a dotted key or an inline table is
// reported at the line of its table, or without a line.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/keylint/keylint/rules"
)

// tomlLine reads the line out of a toml decoding error's message.
var tomlLine = regexp.MustCompile(`^toml: line (\d+)(?: \([^)]*\))?: (.*)$`)

// FileName is the name of the configuration file at a scanned directory's
// root.
const FileName = ".keylint.toml"

// Config is the content of a .keylint.toml file.
type Config struct {
	// Path is the file the configuration was read from; empty when there
	// was none.
	Path string `toml:"-"`

	Policy Policy                `toml:"policy"`
	Tiers  map[string]rules.Tier `toml:"tiers"`
	Scan   Scan                  `toml:"scan"`

	tierLines map[string]int // the line of each rule under [tiers], for CheckTiers
}

// Policy holds rotation periods in days; 0 (absent) keeps the default.
type Policy struct {
	Sensitive int `toml:"sensitive,omitzero"`
	Standard  int `toml:"standard,omitzero"`
}

// Scan configures keylint scan.
type Scan struct {
	// Exclude lists path patterns (see Match) whose secrets are ignored.
	Exclude []string `toml:"exclude"`
	// FailOn is the default of --fail-on: any, overdue or none.
	FailOn string `toml:"fail-on"`
}

// Load reads the configuration for a scan: file when it is not empty (it
// must exist), else the .keylint.toml of the first of dirs that has one,
// else an empty Config. A scan passes the scanned directory, then its
// repository's top level: the nearest file wins, and files are not merged.
func Load(file string, dirs ...string) (*Config, error) {
	for _, dir := range dirs {
		if file != "" {
			break
		}
		path := filepath.Join(dir, FileName)
		if _, err := os.Stat(path); err == nil {
			file = path
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("read config: %w", err)
		}
	}
	if file == "" {
		return &Config{}, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(file, b)
}

// Parse decodes the configuration in b, read from file (used in messages).
func Parse(file string, b []byte) (*Config, error) {
	c := &Config{Path: file}
	md, err := toml.NewDecoder(bytes.NewReader(b)).Decode(c)
	var pe toml.ParseError
	switch {
	case errors.As(err, &pe):
		// The parser counts a line break it has read, even the one it
		// complains about ("[scan" with no "]"), as the start of the next
		// line; the offset of what it complains about says where it is.
		line := pe.Position.Line
		if start := pe.Position.Start; start >= 0 && start <= len(b) {
			line = 1 + bytes.Count(b[:start], []byte("\n"))
		}
		return nil, fmt.Errorf("%s:%d: %s", file, line, oneLine(pe.Message))
	case err != nil:
		// Type mismatches say "toml: line N (last key …): …".
		if m := tomlLine.FindStringSubmatch(oneLine(err.Error())); m != nil {
			return nil, fmt.Errorf("%s:%s: %s", file, m[1], m[2])
		}
		return nil, fmt.Errorf("%s: %s", file, oneLine(err.Error()))
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %s", at(file, keyLine(b, und[0])), und[0])
	}
	c.tierLines = make(map[string]int, len(c.Tiers))
	for rule := range c.Tiers {
		c.tierLines[rule] = keyLine(b, toml.Key{"tiers", rule})
	}
	return c, c.check(file, b, md)
}

// CheckTiers returns an error naming the file and line of the first rule
// (in name order) under [tiers] that known does not hold: a misspelt rule
// name would otherwise leave that rule at its default tier without a word.
func (c *Config) CheckTiers(known map[string]bool) error {
	var unknown []string
	for rule := range c.Tiers {
		if !known[rule] {
			unknown = append(unknown, rule)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	rule := unknown[0]
	return fmt.Errorf("%s: unknown rule %q under [tiers]: not one of gitleaks' default "+
		"rules nor of the repository's .gitleaks.toml", at(c.Path, c.tierLines[rule]), rule)
}

// check validates the values the TOML types do not.
func (c *Config) check(file string, b []byte, md toml.MetaData) error {
	for _, p := range []struct {
		name string
		days int
	}{{"sensitive", c.Policy.Sensitive}, {"standard", c.Policy.Standard}} {
		// 0 would otherwise read as "not set" and leave the default.
		if p.days < 0 || p.days == 0 && md.IsDefined("policy", p.name) {
			return fmt.Errorf("%s: policy.%s must be a positive number of days",
				at(file, keyLine(b, toml.Key{"policy", p.name})), p.name)
		}
	}
	for rule, tier := range c.Tiers {
		if tier != rules.Sensitive && tier != rules.Standard {
			return fmt.Errorf("%s: tier of %q is %q; want sensitive or standard",
				at(file, keyLine(b, toml.Key{"tiers", rule})), rule, tier)
		}
	}
	switch c.Scan.FailOn {
	case "", "any", "overdue", "none":
	default:
		return fmt.Errorf("%s: scan.fail-on is %q; want any, overdue or none",
			at(file, keyLine(b, toml.Key{"scan", "fail-on"})), c.Scan.FailOn)
	}
	for _, p := range c.Scan.Exclude {
		if _, err := Match(p, ""); err != nil {
			return fmt.Errorf("%s: scan.exclude: %w",
				at(file, keyLine(b, toml.Key{"scan", "exclude"})), err)
		}
	}
	return nil
}

// Excluded reports whether path matches one of the exclude patterns.
func (c *Config) Excluded(path string) bool {
	for _, p := range c.Scan.Exclude {
		if ok, _ := Match(p, path); ok {
			return true
		}
	}
	return false
}

// Match reports whether a slash-separated path matches pattern: path.Match
// syntax per segment, where a "**" segment matches any number of segments.
// A pattern without a slash matches the file name in any directory.
func Match(pattern, path string) (bool, error) {
	pattern = strings.Trim(pattern, "/")
	if pattern == "" {
		return false, errors.New("empty pattern")
	}
	if !strings.Contains(pattern, "/") {
		pattern = "**/" + pattern
	}
	pat := strings.Split(pattern, "/")
	// A malformed segment is an error whatever the path: matching stops at
	// the first segment that fails, so it would otherwise go unnoticed
	// until some path reached it.
	for _, seg := range pat {
		if _, err := filepath.Match(seg, ""); seg != "**" && err != nil {
			return false, fmt.Errorf("pattern %q: %w", pattern, err)
		}
	}
	return matchSegments(pat, strings.Split(path, "/")), nil
}

// matchSegments matches well-formed pattern segments against path segments.
func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			// Runs of "**" match what one does; collapsing them keeps
			// "**/**/**/x" from trying every split of the path.
			for len(pat) > 1 && pat[1] == "**" {
				pat = pat[1:]
			}
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := filepath.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// keyLine finds the line (from 1) that defines key, by following the
// table headers of the file; 0 when it is not found.
func keyLine(b []byte, key toml.Key) int {
	table, name := key[:len(key)-1], key[len(key)-1]
	current := toml.Key{}
	tableLine := 0
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if h, ok := header(line); ok {
			current = h
			if slices.Equal(h, key) {
				return i + 1 // the key is itself a table
			}
			if slices.Equal(h, table) {
				tableLine = i + 1
			}
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if ok && slices.Equal(current, table) && unquote(k) == name {
			return i + 1
		}
	}
	return tableLine
}

// header parses a table header line such as [scan] or [[x.y]].
func header(line string) (toml.Key, bool) {
	if !strings.HasPrefix(line, "[") {
		return nil, false
	}
	inner := strings.Trim(strings.TrimSpace(strings.SplitN(line, "#", 2)[0]), "[]")
	var k toml.Key
	for part := range strings.SplitSeq(inner, ".") {
		k = append(k, unquote(part))
	}
	return k, true
}

func unquote(s string) string {
	return strings.Trim(strings.TrimSpace(s), `"'`)
}

func at(file string, line int) string {
	if line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}

func oneLine(s string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return first
}
