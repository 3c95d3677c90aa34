package scan

import (
	"strings"

	"github.com/keylint/keylint/internal/redact"
)

// remember records a secret value so that scrub can hide it.
func (s *scanner) remember(v string) {
	if len(v) < 4 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.secrets == nil {
		s.secrets = make(map[string]string)
	}
	s.secrets[v] = redact.Secret(v)
}

// scrub replaces every secret value found so far in err's message by its
// redacted form, keeping the error chain for errors.Is.
func (s *scanner) scrub(err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := err.Error()
	clean := msg
	for v, r := range s.secrets {
		clean = strings.ReplaceAll(clean, v, r)
	}
	if clean == msg {
		return err
	}
	return &scrubbed{msg: clean, err: err}
}

// scrubbed is an error whose message has its secrets redacted.
type scrubbed struct {
	msg string
	err error
}

func (e *scrubbed) Error() string { return e.msg }
func (e *scrubbed) Unwrap() error { return e.err }
