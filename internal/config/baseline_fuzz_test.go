package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzLoadBaseline feeds arbitrary bytes to LoadBaseline. A rejected file
// gets a one-line message naming it; an accepted one has a fingerprint in
// every entry, and writing it out and reading it back gives it again.
func FuzzLoadBaseline(f *testing.F) {
	for _, s := range []string{
		``,
		`{"version": 1, "secrets": []}`,
		`{"version": 1, "secrets": [{"fingerprint": "0123456789abcdef", "rule": "github-pat",
		  "secret": "ghp_8z…(40 chars)", "file": "config/app.env"}]}`,
		`{"version": 2, "secrets": []}`,
		`{"version": 1, "secrets": [{"rule": "x"}]}`,
		`{"version": 1, "secrets": [{"fingerprint": "a", "extra": 1}]}`,
		`{"version": 1, "secrets": {"fingerprint": "a"}}`,
		"{\"version\": 1,\n\"secrets\": [\n{\"fingerprint\": 7}]}",
		`{"version": 1, "secrets": [{"fingerprint": "a"}]} trailing`,
		`[1, 2, 3]`,
		"\xef\xbb\xbf{}",
		`{"version": 1e400}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, "baseline.json")
		if err := os.WriteFile(file, b, 0o600); err != nil {
			t.Fatal(err)
		}
		bl, err := LoadBaseline(file)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "baseline "+file+": ") {
				t.Fatalf("error %q does not name the file", msg)
			}
			if strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error %q is not one line", msg)
			}
			return
		}
		for i, e := range bl.Secrets {
			if e.Fingerprint == "" {
				t.Fatalf("entry %d without a fingerprint accepted", i)
			}
			if !bl.Has(e.Fingerprint) {
				t.Fatalf("Has(%q) = false for an entry of the file", e.Fingerprint)
			}
		}

		// What WriteBaseline writes, LoadBaseline reads back: sorted and
		// without duplicate fingerprints.
		again := filepath.Join(dir, "again.json")
		if err := WriteBaseline(again, bl.Secrets); err != nil {
			t.Fatalf("WriteBaseline: %v", err)
		}
		bl2, err := LoadBaseline(again)
		if err != nil {
			t.Fatalf("re-reading a written baseline: %v", err)
		}
		for _, e := range bl.Secrets {
			if !bl2.Has(e.Fingerprint) {
				t.Fatalf("fingerprint %q lost in the round trip", e.Fingerprint)
			}
		}
		bl3 := mustRewrite(t, dir, bl2)
		if diff := cmp.Diff(bl2, bl3, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("a written baseline changes when written again (-first +second):\n%s", diff)
		}
	})
}

func mustRewrite(t *testing.T, dir string, bl *Baseline) *Baseline {
	t.Helper()
	file := filepath.Join(dir, "third.json")
	if err := WriteBaseline(file, bl.Secrets); err != nil {
		t.Fatal(err)
	}
	out, err := LoadBaseline(file)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLoadBaselineTrailing checks that text after the baseline's object is
// an error, not silently dropped.
func TestLoadBaselineTrailing(t *testing.T) {
	file := filepath.Join(t.TempDir(), "b.json")
	body := "{\"version\": 1, \"secrets\": []}\n{\"version\": 1, \"secrets\": [{\"fingerprint\": \"a\"}]}\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadBaseline(file)
	want := "baseline " + file + ": line 2: text after the JSON object"
	if err == nil || err.Error() != want {
		t.Fatalf("LoadBaseline = %v, want %q", err, want)
	}
}
