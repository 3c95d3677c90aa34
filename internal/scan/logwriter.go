package scan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/keylint/keylint/internal/redact"
)

// NewLogWriter returns a writer for gitleaks' logger (a zerolog logger that
// writes one JSON object an event): it prints each event on one line to w,
// "gitleaks LEVEL: message key=value…", and unless showSecrets it redacts
// every field that may hold a secret. gitleaks puts secrets in log fields
// ("finding" and others); only fields known to hold none are shown as they
// are, and every other string is redacted. So is every quoted string in an
// event's message: gitleaks' decoder logs each encoded segment it finds and
// what it decodes to, at debug level, and a base64-encoded secret decodes
// to the secret.
//
// Limitation: a secret formatted into a message without quotes would pass;
// gitleaks does that only at trace level, which keylint never enables.
func NewLogWriter(w io.Writer, showSecrets bool) io.Writer {
	return &logWriter{w: w, showSecrets: showSecrets}
}

type logWriter struct {
	mu          sync.Mutex // gitleaks logs from many goroutines
	w           io.Writer
	showSecrets bool
}

// plainFields hold no secret: paths, commits, rule IDs, counts and git's own
// messages.
var plainFields = map[string]bool{
	"path": true, "commit": true, "rule-id": true, "fingerprint": true, "error": true,
	"cmd": true, "condition": true, "allowed-path": true, "allowed-commit": true,
	"allowed-regex": true, "size": true, "max-size": true, "findings": true,
	"primary-rule": true, "primary-line": true, "auxiliary-count": true, "host": true,
	"platform": true, "target": true, "max_archive_depth": true, "entropy": true,
	"required": true,
}

// quoted matches a Go-quoted string (%q) in a message.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// redactQuoted redacts the string q quotes, and quotes the result.
func redactQuoted(q string) string {
	s, err := strconv.Unquote(q)
	if err != nil {
		s = q
	}
	return strconv.Quote(redact.Secret(s))
}

func (lw *logWriter) Write(p []byte) (int, error) {
	var ev map[string]any
	dec := json.NewDecoder(bytes.NewReader(p))
	dec.UseNumber()
	var line string
	if err := dec.Decode(&ev); err != nil {
		line = "gitleaks: (unreadable log event dropped)\n"
	} else {
		line = lw.format(ev)
	}
	lw.mu.Lock()
	defer lw.mu.Unlock()
	if _, err := io.WriteString(lw.w, line); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (lw *logWriter) format(ev map[string]any) string {
	var b strings.Builder
	msg := fmt.Sprint(ev["message"])
	if !lw.showSecrets {
		msg = quoted.ReplaceAllStringFunc(msg, redactQuoted)
	}
	fmt.Fprintf(&b, "gitleaks %v: %s", ev["level"], msg)
	keys := make([]string, 0, len(ev))
	for k := range ev {
		if k != "level" && k != "message" && k != "time" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := ev[k]
		switch x := v.(type) {
		case json.Number, bool:
		case string:
			if !plainFields[k] && !lw.showSecrets {
				v = redact.Secret(x)
			}
		default:
			// Arrays and objects: nothing gitleaks logs needs them shown.
			if !lw.showSecrets {
				v = "(redacted)"
			}
		}
		fmt.Fprintf(&b, " %s=%v", k, v)
	}
	b.WriteByte('\n')
	return b.String()
}
