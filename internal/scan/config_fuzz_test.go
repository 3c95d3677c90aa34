package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The files below come from the repository under scan: whoever committed
// them controls every byte. Loading them must end in a configuration or a
// one-line error, never a panic or a hang.

func FuzzGitleaksConfig(f *testing.F) {
	for _, seed := range []string{
		"",
		"title = \"custom\"\n[extend]\nuseDefault = true\n",
		"[[rules]]\nid = \"x\"\nregex = '''(?i)token=([a-z0-9]{20})'''\nkeywords = [\"token\"]\n",
		"[[rules]]\nid = \"bad\"\nregex = '''(unclosed'''\n",
		"[[rules]]\nid = \"dup\"\nregex = 'a'\n[[rules]]\nid = \"dup\"\nregex = 'b'\n",
		"[[rules]]\nid = \"r\"\nregex = 'k'\n[[rules.allowlists]]\nregexTarget = \"line\"\nregexes = ['x']\n",
		"[extend]\npath = \"/dev/zero\"\n",
		"[extend]\npath = \"missing.toml\"\n",
		"[allowlist]\npaths = ['''[''']\n",
		"title = 1\n[[rules]]\nid = 2\n",
		"\xff\xfe not toml",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ".gitleaks.toml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := loadConfig([]string{dir}); err != nil && strings.ContainsAny(err.Error(), "\n\r") {
			t.Errorf("error is not one line: %q", err)
		}
	})
}

func FuzzGitleaksIgnore(f *testing.F) {
	for _, seed := range []string{
		"",
		"# comment\n",
		"abc123:config/.env:generic-api-key:12\n",
		"config/.env:generic-api-key:3\n\n\n",
		"::::\n",
		":\n",
		"a:b:c:d:e:f:g\n",
		strings.Repeat("x", 70_000) + "\n",
		"\x00\xff\n",
	} {
		f.Add([]byte(seed))
	}
	cfg, err := defaultConfig()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ".gitleaksignore"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := newDetector(context.Background(), cfg, []string{dir})
		if err != nil && strings.ContainsAny(err.Error(), "\n\r") {
			t.Errorf("error is not one line: %q", err)
		}
	})
}
