package scan

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/keylint/keylint/internal/redact"
	"github.com/keylint/keylint/internal/testrepo"
)

func TestLogWriter(t *testing.T) {
	t.Parallel()
	token := testrepo.GitHubPAT(400)
	for _, tc := range []struct {
		show bool
		want string
	}{
		{false, "gitleaks debug: skipping finding: global fingerprint finding=" +
			redact.Secret(token) + " fingerprint=a.env:github-pat:1 path=a.env tags=(redacted)\n"},
		{true, "gitleaks debug: skipping finding: global fingerprint finding=" + token +
			" fingerprint=a.env:github-pat:1 path=a.env tags=[" + token + "]\n"},
	} {
		var out bytes.Buffer
		log := zerolog.New(NewLogWriter(&out, tc.show)).Level(zerolog.DebugLevel)
		log.Debug().Str("finding", token).Str("path", "a.env").
			Strs("tags", []string{token}).Str("fingerprint", "a.env:github-pat:1").
			Msg("skipping finding: global fingerprint")
		if out.String() != tc.want {
			t.Errorf("show %v:\n got %q\nwant %q", tc.show, out.String(), tc.want)
		}
	}
}

func TestNeedleAndPosition(t *testing.T) {
	t.Parallel()
	key := "-----BEGIN KEY-----\nshort\nthe-longest-line-of-all\n-----END KEY-----"
	if got := Needle(key); got != "the-longest-line-of-all" {
		t.Errorf("needle = %q", got)
	}
	if got := Needle("single"); got != "single" {
		t.Errorf("Needle(single) = %q", got)
	}
	for _, tc := range []struct {
		content   string
		line, col int
		ok        bool
	}{
		{"x\n" + key + "\n", 2, 1, true},
		{"x\r\n  " + strings.ReplaceAll(key, "\n", "\r\n") + "\r\n", 2, 3, true},
		{"nothing", 0, 0, false},
	} {
		line, col, ok := Position([]byte(tc.content), key)
		if line != tc.line || col != tc.col || ok != tc.ok {
			t.Errorf("Position(%q) = %d, %d, %v; want %d, %d, %v", tc.content, line, col, ok,
				tc.line, tc.col, tc.ok)
		}
	}
}

func TestReadGrep(t *testing.T) {
	t.Parallel()
	read := func(out string, fn func(path string, line int, text string)) error {
		return readGrep(bufio.NewReader(strings.NewReader(out)), "HEAD", fn)
	}
	out := "HEAD:a b.env\x0012\x00TOKEN=x\nHEAD:dir/c\x003\x00y\x00z\nHEAD:new\nline\x004\x00w"
	var got []string
	err := read(out, func(path string, line int, text string) {
		got = append(got, fmt.Sprintf("%q|%q|%d", path, text, line))
	})
	want := `"a b.env"|"TOKEN=x"|12,"dir/c"|"y\x00z"|3,"new\nline"|"w"|4`
	if err != nil || strings.Join(got, ",") != want {
		t.Errorf("readGrep = %v, %v; want %s", got, err, want)
	}
	for _, bad := range []string{"garbage\n", "HEAD:a\x00x\x00t\n", "other:a\x001\x00t\n",
		"HEAD:a\x001"} {
		if err := read(bad, func(string, int, string) {}); err == nil {
			t.Errorf("readGrep accepted %q", bad)
		}
	}
}

func TestGrepPatterns(t *testing.T) {
	t.Parallel()
	few := []string{"ghp_abc", "AKIA123"}
	if got := grepPatterns(few); !slices.Equal(got, few) {
		t.Errorf("grepPatterns(%q) = %q, want them as they are", few, got)
	}
	var many []string
	for i := range 1000 {
		many = append(many, fmt.Sprintf("ghp_%04d_%s", i, strings.Repeat("x", i%7)))
	}
	got := grepPatterns(many)
	if len(got) == 0 || len(got) > maxGrepPatterns {
		t.Fatalf("grepPatterns of 1000 needles: %d patterns", len(got))
	}
	// Every needle holds one of the patterns, and they are as long as the
	// bound allows: the 100 of "ghp_000" to "ghp_099"; one byte more would
	// be 1000.
	for _, n := range many {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(n, p) }) {
			t.Errorf("no pattern is a prefix of %q", n)
		}
	}
	if len(got) != 100 || len(got[0]) != len("ghp_000") {
		t.Errorf("%d patterns, the first %q: want the 100 prefixes of 7 bytes", len(got), got[0])
	}
}

func TestFetchHint(t *testing.T) {
	r := testrepo.New(t)
	r.Git("remote", "add", "upstream", "https://example.invalid/x.git")
	for rev, want := range map[string]string{
		"upstream/main":   "git fetch upstream main",
		"upstream/a/b":    "git fetch upstream a/b",
		"feature/login":   "git fetch origin feature/login",
		"0123456789abcde": "git fetch origin 0123456789abcde",
	} {
		if got := fetchHint(t.Context(), r.Dir, rev); got != want {
			t.Errorf("fetchHint(%q) = %q, want %q", rev, got, want)
		}
	}
}
