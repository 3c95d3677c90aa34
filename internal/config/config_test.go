package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/keylint/keylint/rules"
)

func TestParse(t *testing.T) {
	t.Parallel()
	src := `# keylint settings
[policy]
sensitive = 30
standard = 180

[tiers]
"generic-api-key" = "sensitive"
openai-api-key = "standard"

[scan]
exclude = ["vendor/**", "*.lock"]
fail-on = "overdue"
`
	got, err := Parse("k.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{Path: "k.toml", Policy: Policy{Sensitive: 30, Standard: 180},
		Tiers: map[string]rules.Tier{"generic-api-key": rules.Sensitive,
			"openai-api-key": rules.Standard},
		Scan: Scan{Exclude: []string{"vendor/**", "*.lock"}, FailOn: "overdue"}}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Config{})); diff != "" {
		t.Errorf("config mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckTiers(t *testing.T) {
	t.Parallel()
	src := "[policy]\nsensitive = 30\n\n[tiers]\n\"github-pat\" = \"standard\"\n" +
		"\"github-pta\" = \"standard\"\nacme-token = \"sensitive\"\n"
	known := map[string]bool{"github-pat": true, "acme-token": true}
	for _, tc := range []struct {
		name  string
		src   string
		known map[string]bool
		want  string
	}{
		{"all known", "[tiers]\n\"github-pat\" = \"standard\"\n", known, ""},
		{"no tiers", "[policy]\nsensitive = 30\n", nil, ""},
		{"misspelt", src, known,
			`k.toml:6: unknown rule "github-pta" under [tiers]: not one of gitleaks' ` +
				"default rules nor of the repository's .gitleaks.toml"},
		// The first unknown rule by name is reported, whatever map order.
		{"several unknown", src, map[string]bool{},
			`k.toml:7: unknown rule "acme-token" under [tiers]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse("k.toml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			err = c.CheckTiers(tc.known)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("CheckTiers: %v, want no error", err)
			case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
				t.Errorf("CheckTiers: %v, want an error starting %q", err, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"unknown table", "[policy]\nsensitive = 90\n\n[polcy]\nstandard = 1\n",
			"k.toml:4: unknown key polcy"},
		{"unknown key", "[policy]\nsensitive = 90\nstandrd = 365\n",
			"k.toml:3: unknown key policy.standrd"},
		{"unknown scan key", "[scan]\nfail-on = \"any\"\n\n  excludes = [\"a\"]\n",
			"k.toml:4: unknown key scan.excludes"},
		{"unknown top-level key", "debug = true\n", "k.toml:1: unknown key debug"},
		{"malformed", "[policy]\nsensitive = 90\nstandard = \n", "k.toml:3: "},
		{"unclosed table", "[policy]\nsensitive = 90\n[scan\nexclude = [\"a\"]\n", "k.toml:3: "},
		{"unclosed table at the end", "[policy]\nsensitive = 90\n[scan", "k.toml:3: "},
		{"unclosed string", "[scan]\nfail-on = \"any\n", "k.toml:2: "},
		{"wrong type", "[policy]\nsensitive = \"90d\"\n", "k.toml:2: "},
		{"bad tier", "[tiers]\n\"github-pat\" = \"low\"\n",
			`k.toml:2: tier of "github-pat" is "low"; want sensitive or standard`},
		{"bad fail-on", "[scan]\nfail-on = \"always\"\n",
			`k.toml:2: scan.fail-on is "always"; want any, overdue or none`},
		{"negative days", "[policy]\n\nstandard = -1\n",
			"k.toml:3: policy.standard must be a positive number of days"},
		{"zero days", "[policy]\nsensitive = 0\n",
			"k.toml:2: policy.sensitive must be a positive number of days"},
		{"bad pattern", "[scan]\nexclude = [\"[\"]\n", "k.toml:2: scan.exclude: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("k.toml", []byte(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) ||
				strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line starting %q", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if c, err := Load("", dir); err != nil || c.Path != "" {
		t.Errorf("no file: %+v, %v; want an empty config", c, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.toml"), dir); err == nil {
		t.Error("a missing --config file is no error")
	}
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, []byte("[scan]\nfail-on = \"none\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := Load("", dir); err != nil || c.Scan.FailOn != "none" || c.Path != path {
		t.Errorf("Load = %+v, %v", c, err)
	}
}

// TestLoadNearest checks the search order of a scan inside a repository:
// the scanned directory's file, else the top level's; never both merged.
func TestLoadNearest(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	sub := filepath.Join(root, "config")
	bare := filepath.Join(root, "docs")
	for _, d := range []string{sub, bare} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(dir, failOn string) string {
		path := filepath.Join(dir, FileName)
		if err := os.WriteFile(path, []byte("[scan]\nfail-on = \""+failOn+"\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	rootFile, subFile := write(root, "none"), write(sub, "overdue")
	for _, tc := range []struct {
		name       string
		file       string
		dirs       []string
		wantPath   string
		wantFailOn string
	}{
		{"subdirectory without a file: the top level's", "", []string{bare, root}, rootFile, "none"},
		{"subdirectory with a file: its own", "", []string{sub, root}, subFile, "overdue"},
		{"the top level itself", "", []string{root}, rootFile, "none"},
		{"--config wins", subFile, []string{bare, root}, subFile, "overdue"},
		{"nowhere", "", []string{t.TempDir()}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := Load(tc.file, tc.dirs...)
			if err != nil {
				t.Fatal(err)
			}
			if c.Path != tc.wantPath || c.Scan.FailOn != tc.wantFailOn {
				t.Errorf("Load = %s with fail-on %q, want %s with %q", c.Path, c.Scan.FailOn,
					tc.wantPath, tc.wantFailOn)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		pattern, path string
		want          bool
	}{
		{"vendor/**", "vendor/a/b.go", true},
		{"vendor/**", "src/vendor/a.go", false},
		{"**/testdata/**", "a/b/testdata/x.env", true},
		{"**/testdata/**", "testdata/x.env", true},
		{"*.lock", "deep/dir/yarn.lock", true},
		{"*.lock", "yarn.lock.txt", false},
		{"config/*.env", "config/dev.env", true},
		{"config/*.env", "config/sub/dev.env", false},
		{"docs", "docs", true},
	} {
		if got, err := Match(tt.pattern, tt.path); got != tt.want || err != nil {
			t.Errorf("Match(%q, %q) = %v, %v; want %v", tt.pattern, tt.path, got, err, tt.want)
		}
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "baseline.json")
	entries := []BaselineEntry{
		{Fingerprint: "bbb", Rule: "github-pat", Secret: "ghp_ab…(40 chars)", File: "a.env"},
		{Fingerprint: "aaa", Rule: "aws-access-token", Secret: "AKIA…(20 chars)", File: "b"},
		{Fingerprint: "bbb", Rule: "github-pat", Secret: "ghp_ab…(40 chars)", File: "c.env"},
	}
	if err := WriteBaseline(path, entries); err != nil {
		t.Fatal(err)
	}
	bl, err := LoadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(bl.Secrets) != 2 || !bl.Has("aaa") || !bl.Has("bbb") || bl.Has("ccc") {
		t.Errorf("baseline %+v: want aaa and bbb once each", bl)
	}
}

func TestBaselineErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, tt := range map[string]struct{ content, want string }{
		"malformed":      {"{\"version\": 1,\n \"secrets\": [\n", "line 3: malformed JSON"},
		"wrong type":     {"{\"version\": \"1\"}", "line 1: malformed JSON"},
		"unknown field":  {`{"version": 1, "secret": []}`, "malformed JSON"},
		"version":        {`{"version": 2, "secrets": []}`, "version 2; want 1"},
		"no fingerprint": {`{"version": 1, "secrets": [{"rule": "x"}]}`, "secret 1 has no fingerprint"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadBaseline(path)
		if err == nil || !strings.Contains(err.Error(), tt.want) ||
			!strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want %q with the file name", name, err, tt.want)
		}
	}
}
