package scan

import (
	"bytes"
	"fmt"
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

func TestParseGrep(t *testing.T) {
	t.Parallel()
	out := "HEAD:a b.env\x0012\x00TOKEN=x\nHEAD:dir/c\x003\x00y\n"
	var got []string
	err := parseGrep([]byte(out), func(path string, line int, text string) {
		got = append(got, fmt.Sprintf("%s|%s|%d", path, text, line))
	})
	if err != nil || strings.Join(got, ",") != "a b.env|TOKEN=x|12,dir/c|y|3" {
		t.Errorf("parseGrep = %v, %v", got, err)
	}
	if err := parseGrep([]byte("garbage\n"), func(string, int, string) {}); err == nil {
		t.Error("parseGrep accepted garbage")
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
