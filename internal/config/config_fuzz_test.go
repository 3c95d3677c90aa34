package config

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/keylint/keylint/rules"
)

// fuzzFile is the name Parse is given in the fuzz targets; every message
// must start with it.
const fuzzFile = "repo/.keylint.toml"

// FuzzParse feeds arbitrary bytes to Parse. An error is one line naming the
// file; a configuration it accepts holds only valid values, every exclude
// pattern is usable, and it survives encoding back to TOML unchanged.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		"[policy]\nsensitive = 30\nstandard = 180\n",
		"[tiers]\n\"generic-api-key\" = \"sensitive\"\nopenai-api-key = \"standard\"\n",
		"[scan]\nexclude = [\"vendor/**\", \"*.lock\"]\nfail-on = \"overdue\"\n",
		"policy.sensitive = 7\nscan = { fail-on = \"none\" }\n",
		"[scan]\nexclude = [\"vendor/[\"]\n",
		"[scan]\nexclude = [\"\"]\n",
		"[policy]\nsensitive = -1\n",
		"[tiers]\n'a.b' = \"other\"\n",
		"[scan]\nunknown = 1\n",
		"[[scan]]\n",
		"[policy]\nsensitive = \"90\"\n",
		"[policy\n",
		"[tiers]\n\"\\u0000\" = \"standard\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(fuzzFile, b)
		if err != nil {
			checkMessage(t, err.Error())
			return
		}
		checkValid(t, c)

		// Encoding the configuration and reading it back gives it again.
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(c); err != nil {
			t.Fatalf("encode %+v: %v", c, err)
		}
		again, err := Parse(fuzzFile, buf.Bytes())
		if err != nil {
			t.Fatalf("re-parse of\n%s\nfailed: %v", buf.Bytes(), err)
		}
		if diff := cmp.Diff(c, again, cmpopts.EquateEmpty(),
			cmpopts.IgnoreUnexported(Config{})); diff != "" {
			t.Fatalf("round trip through\n%s\nchanged the config (-first +again):\n%s",
				buf.Bytes(), diff)
		}
	})
}

// checkMessage checks that an error message names the file and is one line.
func checkMessage(t *testing.T, msg string) {
	t.Helper()
	if !strings.HasPrefix(msg, fuzzFile+":") && !strings.HasPrefix(msg, fuzzFile+" ") {
		t.Fatalf("error %q does not start with the file name", msg)
	}
	if strings.ContainsAny(msg, "\r\n") {
		t.Fatalf("error %q is not one line", msg)
	}
}

// checkValid checks the values a configuration accepted by Parse holds.
func checkValid(t *testing.T, c *Config) {
	t.Helper()
	if c.Path != fuzzFile {
		t.Fatalf("Path = %q, want %q", c.Path, fuzzFile)
	}
	if c.Policy.Sensitive < 0 || c.Policy.Standard < 0 {
		t.Fatalf("negative policy accepted: %+v", c.Policy)
	}
	for rule, tier := range c.Tiers {
		if tier != rules.Sensitive && tier != rules.Standard {
			t.Fatalf("tier %q of %q accepted", tier, rule)
		}
	}
	switch c.Scan.FailOn {
	case "", "any", "overdue", "none":
	default:
		t.Fatalf("fail-on %q accepted", c.Scan.FailOn)
	}
	for _, p := range c.Scan.Exclude {
		if !validPattern(p) {
			t.Fatalf("malformed exclude pattern %q accepted", p)
		}
		for _, path := range []string{"", "a", "vendor/x/y.go", "a/b/c/d/e"} {
			if _, err := Match(p, path); err != nil {
				t.Fatalf("accepted exclude pattern %q fails on %q: %v", p, path, err)
			}
		}
		c.Excluded("vendor/x/y.go")
	}
}

// FuzzMatch compares Match with a memoised reference matcher: a malformed
// pattern is an error whatever the path, and a well-formed one matches
// exactly the paths the reference matches.
func FuzzMatch(f *testing.F) {
	for _, s := range [][2]string{
		{"vendor/**", "vendor/a/b.go"},
		{"**/testdata/**", "x/testdata/y"},
		{"*.lock", "a/b/go.lock"},
		{"/a//b/", "a//b"},
		{"a/**", "a"},
		{"**", ""},
		{"a/[", "b"},
		{"[]a]/b", "]/b"},
		{"a/\\", "a/x"},
		{"**/**/**/x", "a/b/c/x"},
		{"a/**/b/**/c", "a/b/x/b/c"},
		{"", "a"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, path string) {
		// Long inputs only slow the reference down; the shapes that matter
		// are short.
		if len(pattern) > 200 || len(path) > 200 {
			return
		}
		got, err := Match(pattern, path)
		want, valid := refMatch(pattern, path)
		switch {
		case !valid && err == nil:
			t.Fatalf("Match(%q, %q) = %v, nil; want an error for a malformed pattern",
				pattern, path, got)
		case valid && err != nil:
			t.Fatalf("Match(%q, %q): %v; the pattern is well-formed", pattern, path, err)
		case valid && got != want:
			t.Fatalf("Match(%q, %q) = %v, want %v", pattern, path, got, want)
		}
	})
}

// validPattern reports whether every segment of an exclude pattern is
// well-formed, the way Match reads it.
func validPattern(pattern string) bool {
	_, valid := refMatch(pattern, "")
	return valid
}

// refMatch is Match written as dynamic programming over (pattern segment,
// path segment), without Match's recursion. valid is false for an empty or
// malformed pattern.
func refMatch(pattern, path string) (match, valid bool) {
	pattern = strings.Trim(pattern, "/")
	if pattern == "" {
		return false, false
	}
	if !strings.Contains(pattern, "/") {
		pattern = "**/" + pattern
	}
	pat, name := strings.Split(pattern, "/"), strings.Split(path, "/")
	for _, p := range pat {
		if _, err := filepath.Match(p, ""); p != "**" && err != nil {
			return false, false
		}
	}

	// ok[i][j]: pat[i:] matches name[j:].
	ok := make([][]bool, len(pat)+1)
	for i := range ok {
		ok[i] = make([]bool, len(name)+1)
	}
	ok[len(pat)][len(name)] = true
	for i := len(pat) - 1; i >= 0; i-- {
		for j := len(name); j >= 0; j-- {
			if pat[i] == "**" {
				ok[i][j] = ok[i+1][j] || j < len(name) && ok[i][j+1]
				continue
			}
			if j < len(name) {
				m, _ := filepath.Match(pat[i], name[j])
				ok[i][j] = m && ok[i+1][j+1]
			}
		}
	}
	return ok[0][0], true
}
