// Package githubtest serves a fake GitHub REST API for tests: a repository
// given as a linear list of commits, answered with the documented JSON
// shapes, Link pagination, rate-limit headers and GitHub's error bodies, plus
// injectable failures (401, rate limits, 5xx, hangs, malformed JSON). It
// counts requests per endpoint and records each one, so tests can assert a
// request budget and that no secret was ever sent. CommitsFromGit seeds it
// from a real repository, so that it answers for the SHAs of a clone.
//
// The server lives under /api/v3/ as GitHub Enterprise Server does, so a
// client reaches it through its ordinary Enterprise configuration.
package githubtest

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Endpoint names a group of API routes for counting and failure injection.
type Endpoint string

// The endpoints the fake serves. EndpointAny matches all of them in Fail.
const (
	EndpointAny       Endpoint = ""
	EndpointCommits   Endpoint = "GET /repos/{owner}/{repo}/commits"
	EndpointCommit    Endpoint = "GET /repos/{owner}/{repo}/commits/{sha}"
	EndpointContents  Endpoint = "GET /repos/{owner}/{repo}/contents/{path}"
	EndpointBlob      Endpoint = "GET /repos/{owner}/{repo}/git/blobs/{sha}"
	EndpointAlerts    Endpoint = "GET /repos/{owner}/{repo}/secret-scanning/alerts"
	EndpointLocations Endpoint = "GET /repos/{owner}/{repo}/secret-scanning/alerts/{number}/locations"
	EndpointOther     Endpoint = "other"
)

// apiPrefix is where GitHub Enterprise Server mounts the REST API.
const apiPrefix = "/api/v3"

// Config describes the fake repository and how the server behaves.
type Config struct {
	// Owner and Repo name the repository; they default to "octo-org" and
	// "demo". Requests for any other repository get 404.
	Owner, Repo string
	// Commits is the history, oldest first; each commit's parent is the one
	// before it.
	Commits []Commit
	// Alerts are the secret-scanning alerts.
	Alerts []Alert
	// Token, when set, must come as "Bearer TOKEN" or "token TOKEN": another
	// token gets 401, none gets 404 as for a private repository.
	Token string
	// LargeFileSize is the size from which the contents API leaves the
	// content out (encoding "none"); 0 means GitHub's 1 MB.
	LargeFileSize int
	// FilesPerPage is how many files a commit lists per page; 0 means 300.
	FilesPerPage int
	// FirstLocationDetected adds first_location_detected to alerts, as
	// newer GitHub versions do.
	FirstLocationDetected bool
	// SecretScanningDisabled answers the alert endpoints with 404.
	SecretScanningDisabled bool
	// RateLimit is the hourly primary limit; 0 means 5000 with a token and
	// 60 without. Past it every request gets a primary rate-limit 403.
	RateLimit int
}

// Request is one request the server received.
type Request struct {
	Endpoint Endpoint
	Method   string
	URL      string // path and query as sent
	Header   http.Header
	Body     []byte
}

// Server is a running fake GitHub API.
type Server struct {
	cfg   Config
	model *model
	srv   *httptest.Server
	reset time.Time
	done  chan struct{}

	mu       sync.Mutex
	log      []Request
	counts   map[Endpoint]int
	faults   []faultRule
	closeOne sync.Once
}

// New starts a fake GitHub API serving cfg and closes it when tb ends. A
// configuration error fails the test.
func New(tb testing.TB, cfg Config) *Server {
	tb.Helper()
	s, err := Start(cfg)
	if err != nil {
		tb.Fatalf("githubtest: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// Start starts a fake GitHub API serving cfg; the caller closes it. New is
// the usual way in a test; Start serves examples and benchmarks set up
// outside one.
func Start(cfg Config) (*Server, error) {
	m, err := buildModel(cfg.Commits)
	if err != nil {
		return nil, fmt.Errorf("build repository: %w", err)
	}
	if cfg.Owner == "" {
		cfg.Owner = "octo-org"
	}
	if cfg.Repo == "" {
		cfg.Repo = "demo"
	}
	if cfg.LargeFileSize <= 0 {
		cfg.LargeFileSize = 1 << 20
	}
	if cfg.FilesPerPage <= 0 {
		cfg.FilesPerPage = 300
	}
	s := &Server{
		cfg:    cfg,
		model:  m,
		reset:  time.Now().Add(time.Hour).Truncate(time.Second),
		done:   make(chan struct{}),
		counts: make(map[Endpoint]int),
	}
	s.srv = httptest.NewServer(s.routes())
	return s, nil
}

// Close stops the server, releasing requests held by Hang.
func (s *Server) Close() {
	s.closeOne.Do(func() {
		close(s.done)
		s.srv.Close()
	})
}

// APIURL is the REST API root to configure a client with, ending in
// "/api/v3/".
func (s *Server) APIURL() string { return s.srv.URL + apiPrefix + "/" }

// Owner and Repo return the repository's name.
func (s *Server) Owner() string { return s.cfg.Owner }

// Repo returns the repository's name (see Owner).
func (s *Server) Repo() string { return s.cfg.Repo }

// SHA returns the name of the i-th commit, counting from 0 at the oldest;
// a negative i counts from the newest (-1).
func (s *Server) SHA(i int) string {
	if i < 0 {
		i += len(s.model.commits)
	}
	return s.model.commits[i].SHA
}

// Requests returns how many requests reached ep (EndpointAny: all).
func (s *Server) Requests(ep Endpoint) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ep == EndpointAny {
		n := 0
		for _, c := range s.counts {
			n += c
		}
		return n
	}
	return s.counts[ep]
}

// Counts returns the requests per endpoint.
func (s *Server) Counts() map[Endpoint]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.counts)
}

// Received returns every request so far, in arrival order.
func (s *Server) Received() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.log))
	copy(out, s.log)
	return out
}

// ResetCounts forgets the requests received so far.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log, s.counts = nil, make(map[Endpoint]int)
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	repo := "GET " + apiPrefix + "/repos/{owner}/{repo}"
	mux.HandleFunc(repo+"/commits", s.handle(EndpointCommits, s.listCommits))
	mux.HandleFunc(repo+"/commits/{sha}", s.handle(EndpointCommit, s.getCommit))
	mux.HandleFunc(repo+"/contents/{path...}", s.handle(EndpointContents, s.getContents))
	mux.HandleFunc(repo+"/git/blobs/{sha}", s.handle(EndpointBlob, s.getBlob))
	mux.HandleFunc(repo+"/secret-scanning/alerts", s.handle(EndpointAlerts, s.listAlerts))
	mux.HandleFunc(repo+"/secret-scanning/alerts/{number}/locations",
		s.handle(EndpointLocations, s.listLocations))
	mux.HandleFunc("/", s.handle(EndpointOther, func(w http.ResponseWriter, r *http.Request) {
		notFound(w, "https://docs.github.com/rest")
	}))
	return mux
}

// handle wraps an endpoint with what every GitHub answer has: counting,
// rate-limit headers, injected failures, authentication, repository check.
func (s *Server) handle(ep Endpoint, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		used, fault := s.record(ep, r)
		hdr := w.Header()
		limit := s.limit(r)
		hdr.Set("X-RateLimit-Limit", strconv.Itoa(limit))
		hdr.Set("X-RateLimit-Remaining", strconv.Itoa(max(limit-used, 0)))
		hdr.Set("X-RateLimit-Used", strconv.Itoa(min(used, limit)))
		hdr.Set("X-RateLimit-Reset", strconv.FormatInt(s.reset.Unix(), 10))
		hdr.Set("X-RateLimit-Resource", "core")
		hdr.Set("X-GitHub-Api-Version-Selected", "2022-11-28")
		hdr.Set("X-GitHub-Request-Id", fmt.Sprintf("FAKE:%04X", used))

		switch {
		case fault != nil:
			fault.serve(w, r, s.done)
		case used > limit:
			PrimaryRateLimit(s.reset).serve(w, r, s.done)
		case !s.authorized(w, r):
		case r.PathValue("owner") != "" && (!strings.EqualFold(r.PathValue("owner"), s.cfg.Owner) ||
			!strings.EqualFold(r.PathValue("repo"), s.cfg.Repo)):
			notFound(w, "https://docs.github.com/rest/repos/repos#get-a-repository")
		default:
			h(w, r)
		}
	}
}

// record logs and counts r, and takes the failure to inject, if any.
func (s *Server) record(ep Endpoint, r *http.Request) (used int, fault *Fault) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, Request{Endpoint: ep, Method: r.Method, URL: r.URL.RequestURI(),
		Header: r.Header.Clone(), Body: body})
	s.counts[ep]++
	return len(s.log), s.takeFault(ep)
}

func (s *Server) limit(r *http.Request) int {
	switch {
	case s.cfg.RateLimit > 0:
		return s.cfg.RateLimit
	case r.Header.Get("Authorization") != "":
		return 5000
	}
	return 60
}

// authorized checks the token and writes GitHub's answer when it fails.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Token == "" {
		return true
	}
	auth := r.Header.Get("Authorization")
	if auth == "" {
		notFound(w, "https://docs.github.com/rest")
		return false
	}
	scheme, token, _ := strings.Cut(auth, " ")
	if (strings.EqualFold(scheme, "bearer") || strings.EqualFold(scheme, "token")) &&
		token == s.cfg.Token {
		return true
	}
	BadCredentials().serve(w, r, s.done)
	return false
}
