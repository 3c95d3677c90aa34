package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// lowerSHA is what an event's SHA must come out as.
var lowerSHA = regexp.MustCompile(`^[0-9a-f]{40}$`)

// FuzzEvent checks the decoding of a GitHub Actions event payload, as
// --range auto and report-github read it: any payload gives a positive or
// zero pull request number and SHAs that are empty or 40 lowercase hex
// digits, or else a one-line error naming the file; and --range auto gives
// BASE..HEAD of two such SHAs or its own one-line error.
func FuzzEvent(f *testing.F) {
	const sha = "0123456789abcdef0123456789abcdef01234567"
	for _, seed := range []string{
		`{"action":"synchronize","number":7,"pull_request":{"number":7,` +
			`"head":{"sha":"` + sha + `","ref":"feature"},"base":{"sha":"` + sha + `"}}}`,
		`{"ref":"refs/heads/main","before":"` + sha + `"}`,
		`{"pull_request":null}`,
		`{"pull_request":{"number":-1}}`,
		`{"pull_request":{"head":{"sha":"--output=/tmp/x"}}}`,
	} {
		f.Add([]byte(seed))
	}
	path := filepath.Join(f.TempDir(), "event.json")
	f.Fuzz(func(t *testing.T, payload []byte) {
		ev, err := parseEvent(path, payload)
		if err != nil {
			checkEventError(t, err.Error(), "event "+path+": ")
			if ev != (pullEvent{}) {
				t.Errorf("error %q with an event %+v", err, ev)
			}
		}
		if ev.Number < 0 {
			t.Errorf("number %d", ev.Number)
		}
		for _, s := range []string{ev.Base, ev.Head} {
			if s != "" && !lowerSHA.MatchString(s) {
				t.Errorf("SHA %q", s)
			}
		}

		if err := os.WriteFile(path, payload, 0o644); err != nil {
			t.Fatal(err)
		}
		spec, err := resolveRange("auto", func(string) string { return path })
		if err != nil {
			checkEventError(t, err.Error(), "--range auto: event "+path)
			return
		}
		base, head, _ := strings.Cut(spec, "..")
		if !lowerSHA.MatchString(base) || !lowerSHA.MatchString(head) {
			t.Errorf("--range auto gave %q", spec)
		}
	})
}

func checkEventError(t *testing.T, msg, prefix string) {
	t.Helper()
	if !strings.HasPrefix(msg, prefix) || strings.ContainsAny(msg, "\n\r") ||
		len(msg) > len(prefix)+200 {
		t.Errorf("error %q: want one short line starting %q", msg, prefix)
	}
}

func TestParseEvent(t *testing.T) {
	t.Parallel()
	const sha = "0123456789abcdef0123456789abcdef01234567"
	upper := strings.ToUpper(sha)
	for _, tc := range []struct {
		payload string
		want    pullEvent
		err     string
	}{
		{`{"pull_request":{"number":7,"base":{"sha":"` + sha + `"},"head":{"sha":"` + upper +
			`"}}}`, pullEvent{Number: 7, Base: sha, Head: sha}, ""},
		{`{"ref":"refs/heads/main"}`, pullEvent{}, ""},
		{`{"pull_request":{"number":3}}`, pullEvent{Number: 3}, ""},
		{`{"pull_request":{"number":0}}`, pullEvent{}, "pull_request.number 0: want a positive"},
		{`{"pull_request":{"number":"7"}}`, pullEvent{},
			"event ev.json: pull_request.number: unexpected JSON string"},
		{`7`, pullEvent{}, "event ev.json: the payload: unexpected JSON number"},
		{`{"pull_request":{"head":{"sha":12}}}`, pullEvent{},
			"pull_request.head.sha: unexpected JSON number"},
		{`{"pull_request":{"head":{"sha":"abc"}}}`, pullEvent{},
			"pull_request.head.sha: not a commit SHA (want 40 hex digits, got 3 bytes)"},
		{`{"pull_request":{"base":{"sha":"--output=/tmp/x` + sha[:25] + `"}}}`, pullEvent{},
			"pull_request.base.sha: not a commit SHA"},
		{`{"pull_request":{"head":{"sha":""}}}`, pullEvent{}, "pull_request.head.sha: not a"},
		{`{"pull_request":`, pullEvent{}, "malformed JSON: unexpected end of JSON input"},
		{"", pullEvent{}, "malformed JSON"},
	} {
		ev, err := parseEvent("ev.json", []byte(tc.payload))
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.payload, err)
		case tc.err != "" && (err == nil || !strings.HasPrefix(err.Error(), "event ev.json: ") ||
			!strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want %q", tc.payload, err, tc.err)
		case ev != tc.want:
			t.Errorf("%s: %+v, want %+v", tc.payload, ev, tc.want)
		}
	}
}
