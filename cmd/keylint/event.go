package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// pullEvent is what keylint takes from a GitHub Actions event payload (the
// file $GITHUB_EVENT_PATH names): the number of the pull request and the
// commits of its base and head. An event that is not about a pull request
// (a push, a schedule) leaves them zero.
type pullEvent struct {
	Number     int
	Base, Head string // full commit SHAs in lowercase hex, or empty
}

// isPull reports whether the event names both ends of a pull request.
func (ev pullEvent) isPull() bool { return ev.Base != "" && ev.Head != "" }

// readEvent reads and decodes the event payload at path.
func readEvent(path string) (pullEvent, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return pullEvent{}, fmt.Errorf("read event: %w", err)
	}
	return parseEvent(path, b)
}

// parseEvent decodes the event payload b, read from path. The payload is
// written by the runner from data a pull request's author partly controls,
// and its SHAs end up on git's command line and in API requests: each
// must be a full commit SHA. An error is one line and names path.
func parseEvent(path string, b []byte) (pullEvent, error) {
	type commit struct {
		SHA *string `json:"sha"`
	}
	var payload struct {
		PullRequest *struct {
			Number *int   `json:"number"`
			Base   commit `json:"base"`
			Head   commit `json:"head"`
		} `json:"pull_request"`
	}
	if err := json.Unmarshal(b, &payload); err != nil {
		return pullEvent{}, fmt.Errorf("event %s: %s", path, describeJSONError(err))
	}
	pr := payload.PullRequest
	if pr == nil {
		return pullEvent{}, nil
	}
	var ev pullEvent
	if pr.Number != nil {
		if *pr.Number <= 0 {
			return pullEvent{}, fmt.Errorf("event %s: pull_request.number %d: want a "+
				"positive number", path, *pr.Number)
		}
		ev.Number = *pr.Number
	}
	var err error
	if ev.Base, err = eventSHA(pr.Base.SHA); err != nil {
		return pullEvent{}, fmt.Errorf("event %s: pull_request.base.sha: %w", path, err)
	}
	if ev.Head, err = eventSHA(pr.Head.SHA); err != nil {
		return pullEvent{}, fmt.Errorf("event %s: pull_request.head.sha: %w", path, err)
	}
	return ev, nil
}

// eventSHA checks a commit SHA of an event, which may be absent.
func eventSHA(s *string) (string, error) {
	if s == nil {
		return "", nil
	}
	if !isFullSHA(*s) {
		// The value is not shown: it may be anything, of any length.
		return "", fmt.Errorf("not a commit SHA (want 40 hex digits, got %d bytes)", len(*s))
	}
	return strings.ToLower(*s), nil
}

// isFullSHA reports whether s is a full SHA-1 commit ID, in hex.
func isFullSHA(s string) bool {
	if len(s) != 40 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// describeJSONError says in one line what is wrong with a payload: where
// a value of the wrong type is, or how the JSON is malformed. The decoder's
// own message for a wrong type names the Go types keylint decodes into.
func describeJSONError(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		where := typeErr.Field
		if where == "" {
			where = "the payload"
		}
		return fmt.Sprintf("%s: unexpected JSON %s", where, typeErr.Value)
	}
	return "malformed JSON: " + strings.Join(strings.Fields(err.Error()), " ")
}
