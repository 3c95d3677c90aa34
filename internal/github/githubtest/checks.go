package githubtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The write endpoints NewPull adds.
const (
	EndpointCreateCheckRun Endpoint = "POST /repos/{owner}/{repo}/check-runs"
	EndpointUpdateCheckRun Endpoint = "PATCH /repos/{owner}/{repo}/check-runs/{id}"
	EndpointPullFiles      Endpoint = "GET /repos/{owner}/{repo}/pulls/{number}/files"
	EndpointCreateReview   Endpoint = "POST /repos/{owner}/{repo}/pulls/{number}/reviews"
)

// MaxCheckAnnotations is how many annotations GitHub takes in one check-run
// request; more get 422.
const MaxCheckAnnotations = 50

// PullRequest is the pull request NewPull serves.
type PullRequest struct {
	Number int
	Files  []PullFile
	// ReadOnly answers every write with GitHub's 403 for a token that may
	// not write, as a fork's pull request gets.
	ReadOnly bool
	// FilesPerPage is how many files a page lists, whatever the request's
	// per_page; 0 means per_page, 30 by default.
	FilesPerPage int
}

// PullFile is one file of the pull request's diff.
type PullFile struct {
	Filename string
	Status   string // added, modified, removed, renamed; default modified
	Patch    string // the unified diff hunks, without file headers
}

// Writes records what the write endpoints received.
type Writes struct {
	mu        sync.Mutex
	checkRuns []map[string]any
	updates   []map[string]any
	reviews   []map[string]any
}

// CheckRuns returns the bodies of the check runs created, in order.
func (wr *Writes) CheckRuns() []map[string]any { return wr.get(&wr.checkRuns) }

// Updates returns the bodies of the check-run updates, in order.
func (wr *Writes) Updates() []map[string]any { return wr.get(&wr.updates) }

// Reviews returns the bodies of the reviews created, in order.
func (wr *Writes) Reviews() []map[string]any { return wr.get(&wr.reviews) }

func (wr *Writes) get(list *[]map[string]any) []map[string]any {
	wr.mu.Lock()
	defer wr.mu.Unlock()
	return append([]map[string]any(nil), *list...)
}

func (wr *Writes) add(list *[]map[string]any, body map[string]any) int {
	wr.mu.Lock()
	defer wr.mu.Unlock()
	*list = append(*list, body)
	return len(*list)
}

// NewPull starts a fake GitHub API serving cfg, as New does, plus the
// endpoints that report on pull request pr: check runs, the pull request's
// files and reviews. It rejects what GitHub rejects: more than 50
// annotations a request, a review comment on a line outside the diff.
func NewPull(tb testing.TB, cfg Config, pr PullRequest) (*Server, *Writes) {
	tb.Helper()
	s := New(tb, cfg)
	wr := &Writes{}
	// Serve the new routes in front of the fake's own, on a new listener
	// started before any request, so no handler changes under a request.
	old := s.srv
	mux := http.NewServeMux()
	repo := apiPrefix + "/repos/{owner}/{repo}"
	mux.HandleFunc("POST "+repo+"/check-runs", keepBody(s.handle(EndpointCreateCheckRun,
		wr.checkRun(pr, &wr.checkRuns))))
	mux.HandleFunc("PATCH "+repo+"/check-runs/{id}", keepBody(s.handle(EndpointUpdateCheckRun,
		wr.checkRun(pr, &wr.updates))))
	mux.HandleFunc("GET "+repo+"/pulls/{number}/files", s.handle(EndpointPullFiles,
		s.pullFiles(pr)))
	mux.HandleFunc("POST "+repo+"/pulls/{number}/reviews", keepBody(s.handle(
		EndpointCreateReview, wr.review(pr))))
	mux.Handle("/", old.Config.Handler)
	s.srv = httptest.NewServer(mux)
	old.Close()
	return s, wr
}

func readOnly(w http.ResponseWriter) {
	writeError(w, http.StatusForbidden, "Resource not accessible by integration",
		"https://docs.github.com/rest/checks/runs#create-a-check-run")
}

// bodyKey holds a request's body in its context: the server's bookkeeping
// reads the body itself before the handler runs.
type bodyKey struct{}

// keepBody reads the request's body for the handler behind h.
func keepBody(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		r = r.WithContext(context.WithValue(r.Context(), bodyKey{}, b))
		r.Body = io.NopCloser(bytes.NewReader(b))
		h(w, r)
	}
}

func decodeBody(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	var body map[string]any
	b, _ := r.Context().Value(bodyKey{}).([]byte)
	if err := json.Unmarshal(b, &body); err != nil {
		writeError(w, http.StatusBadRequest, "Problems parsing JSON", "https://docs.github.com/rest")
		return nil, false
	}
	return body, true
}

// checkRun serves a check run's creation or update, recording the body.
func (wr *Writes) checkRun(pr PullRequest, list *[]map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if pr.ReadOnly {
			readOnly(w)
			return
		}
		body, ok := decodeBody(w, r)
		if !ok {
			return
		}
		out, _ := body["output"].(map[string]any)
		anns, _ := out["annotations"].([]any)
		if len(anns) > MaxCheckAnnotations {
			writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf(
				"Only %d annotations are allowed per request", MaxCheckAnnotations),
				"https://docs.github.com/rest/checks/runs#update-a-check-run")
			return
		}
		n := wr.add(list, body)
		id := int64(1000 + n)
		if s := r.PathValue("id"); s != "" {
			id, _ = strconv.ParseInt(s, 10, 64)
		}
		writeJSON(w, http.StatusCreated, map[string]any{"id": id, "name": body["name"],
			"head_sha": body["head_sha"], "status": body["status"],
			"conclusion": body["conclusion"]})
	}
}

// pullFiles serves the pull request's files, paginated.
func (s *Server) pullFiles(pr PullRequest) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("number") != strconv.Itoa(pr.Number) {
			notFound(w, "https://docs.github.com/rest/pulls/pulls#list-pull-requests-files")
			return
		}
		var items []any
		for _, f := range pr.Files {
			items = append(items, map[string]any{"filename": f.Filename,
				"status": orString(f.Status, "modified"), "patch": nilIfEmpty(f.Patch)})
		}
		if pr.FilesPerPage == 0 {
			s.writePage(w, r, items, 30)
			return
		}
		// A page size the server imposes, whatever per_page asks.
		page := atoiOr(r.URL.Query().Get("page"), 1)
		items, last := paginate(items, page, pr.FilesPerPage)
		if last > 1 {
			w.Header().Set("Link", linkHeader(s.srv.URL, r.URL, page, last))
		}
		writeJSON(w, http.StatusOK, append([]any{}, items...))
	}
}

// review serves a review's creation, rejecting comments outside the diff.
func (wr *Writes) review(pr PullRequest) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if pr.ReadOnly {
			readOnly(w)
			return
		}
		body, ok := decodeBody(w, r)
		if !ok {
			return
		}
		comments, _ := body["comments"].([]any)
		for _, c := range comments {
			c, _ := c.(map[string]any)
			path, _ := c["path"].(string)
			line, _ := c["line"].(float64)
			if !inDiff(pr, path, int(line)) {
				writeError(w, http.StatusUnprocessableEntity,
					"Pull request review thread line must be part of the diff",
					"https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request")
				return
			}
		}
		n := wr.add(&wr.reviews, body)
		writeJSON(w, http.StatusOK, map[string]any{"id": 2000 + n, "state": "COMMENTED",
			"body": body["body"]})
	}
}

// inDiff reports whether line of path is on the right side of a hunk of the
// pull request's diff: an added or context line.
func inDiff(pr PullRequest, path string, line int) bool {
	for _, f := range pr.Files {
		if f.Filename == path {
			_, ok := rightLines(f.Patch)[line]
			return ok
		}
	}
	return false
}

// rightLines returns the new-file line numbers a patch shows: GitHub lets
// a review comment on these only. (The code under test has its own
// parser; this one stays independent of it.)
func rightLines(patch string) map[int]struct{} {
	lines := map[int]struct{}{}
	next := 0
	for _, l := range strings.Split(patch, "\n") {
		var oldStart, newStart int
		if n, _ := fmt.Sscanf(l, "@@ -%d", &oldStart); n == 1 {
			if _, err := fmt.Sscanf(l[max(strings.IndexByte(l, '+'), 0):], "+%d", &newStart); err == nil {
				next = newStart
			}
			continue
		}
		switch {
		case next == 0, len(l) > 0 && l[0] == '-', len(l) > 0 && l[0] == '\\':
		default: // added or context
			lines[next] = struct{}{}
			next++
		}
	}
	return lines
}
