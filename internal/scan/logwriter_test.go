package scan

import (
	"bytes"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/keylint/keylint/internal/redact"
	"github.com/keylint/keylint/internal/testrepo"
)

// TestLogWriterMessages checks the quoted strings of gitleaks' messages:
// its decoder logs what a base64 segment decodes to, a secret.
func TestLogWriterMessages(t *testing.T) {
	t.Parallel()
	token := testrepo.GitHubPAT(401)
	encoded := base64.StdEncoding.EncodeToString([]byte(token))
	msg := "segment found: original=[7,63] pos=[7,63]: " + strconv.Quote(encoded) +
		" -> " + strconv.Quote(token)
	for _, tc := range []struct {
		name string
		show bool
		msg  string
		want string
	}{
		{"decoded secret", false, msg, "gitleaks debug: segment found: original=[7,63] " +
			"pos=[7,63]: " + strconv.Quote(redact.Secret(encoded)) + " -> " +
			strconv.Quote(redact.Secret(token)) + "\n"},
		{"decoded secret shown", true, msg, "gitleaks debug: " + msg + "\n"},
		{"quote inside", false, `a "b\"c" d`, `gitleaks debug: a "…(3 chars)" d` + "\n"},
		{"unbalanced quote", false, `a "b`, `gitleaks debug: a "b` + "\n"},
		{"no quotes", false, "executing: git log -p", "gitleaks debug: executing: git log -p\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			log := zerolog.New(NewLogWriter(&out, tc.show)).Level(zerolog.DebugLevel)
			log.Debug().Msg(tc.msg)
			if out.String() != tc.want {
				t.Errorf("got  %q\nwant %q", out.String(), tc.want)
			}
			if !tc.show && strings.Contains(out.String(), token) {
				t.Errorf("the secret is in %q", out.String())
			}
		})
	}
}
