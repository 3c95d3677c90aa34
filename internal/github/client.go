package github

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gofri/go-github-ratelimit/v2/github_ratelimit"
	"github.com/gofri/go-github-ratelimit/v2/github_ratelimit/github_primary_ratelimit"
	"github.com/gofri/go-github-ratelimit/v2/github_ratelimit/github_secondary_ratelimit"
	gh "github.com/google/go-github/v75/github"
)

// Defaults for the zero values of Options.
const (
	DefaultMaxRequests  = 500
	DefaultTimeout      = 30 * time.Second
	DefaultMaxWait      = 60 * time.Second
	DefaultRetryBackoff = time.Second
)

const (
	// serverRetries is how often a 5xx answer is retried.
	serverRetries = 2
	// perPage is the largest page the list endpoints serve.
	perPage = 100
	// userAgent names keylint to GitHub, which asks clients for one.
	userAgent = "keylint"
)

// Options configures a Client. Only Owner and Repo are required.
type Options struct {
	// Token authenticates as "Authorization: Bearer …" (GITHUB_TOKEN in
	// Actions). Empty means unauthenticated: 60 requests an hour, public
	// repositories only.
	Token string
	// APIURL is the REST API root. Empty means https://api.github.com/;
	// GitHub Enterprise Server is https://HOST/api/v3/ (the /api/v3/ suffix
	// is added when missing).
	APIURL string
	// Owner and Repo name the repository, as ParseRemote returns them.
	Owner, Repo string
	// MaxRequests is the request budget for the Client's whole life, retries
	// included. 0 means DefaultMaxRequests.
	MaxRequests int
	// CacheDir holds answers between runs. Empty means
	// os.UserCacheDir()/keylint/github; "-" keeps answers in memory only.
	CacheDir string
	// HTTPClient supplies the base transport (proxies, TLS roots); its other
	// settings are not used. Nil means http.DefaultTransport.
	HTTPClient *http.Client
	// Logger receives debug lines per request and warnings on rate limits
	// and cache trouble. Nil discards them.
	Logger *slog.Logger
	// Timeout bounds one HTTP exchange, body included. 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// MaxWait is the longest keylint sleeps for one secondary rate limit
	// (Retry-After); a longer one fails with ErrRateLimited. All waits of the
	// Client together stay under three times MaxWait. 0 means DefaultMaxWait.
	MaxWait time.Duration
	// RetryBackoff is the wait before the first retry of a 5xx answer; it
	// doubles for the second. 0 means DefaultRetryBackoff.
	RetryBackoff time.Duration
}

// Client asks the GitHub REST API about one repository. It is safe for
// concurrent use; its request budget and cache are shared by all calls.
type Client struct {
	gh       *gh.Client
	owner    string
	repo     string
	hasToken bool
	meter    *meter
	cache    *cache
	memo     *memo
	log      *slog.Logger
	now      func() time.Time // the clock that ages cached alert listings
}

// New returns a Client for opts.Owner/opts.Repo. It sends no request.
func New(opts Options) (*Client, error) {
	if err := checkName(opts.Owner, opts.Repo); err != nil {
		return nil, fmt.Errorf("configure GitHub client: %w", err)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	base := http.DefaultTransport
	if opts.HTTPClient != nil && opts.HTTPClient.Transport != nil {
		base = opts.HTTPClient.Transport
	}
	m := &meter{next: base, limit: int64(orDefault(opts.MaxRequests, DefaultMaxRequests)),
		timeout: orDefault(opts.Timeout, DefaultTimeout), log: log}
	r := &retrier{next: m, retries: serverRetries,
		backoff: orDefault(opts.RetryBackoff, DefaultRetryBackoff), log: log}
	hc := &http.Client{
		Transport:     limiter(r, orDefault(opts.MaxWait, DefaultMaxWait), log),
		CheckRedirect: sameHost,
	}

	client := gh.NewClient(hc)
	if opts.APIURL != "" {
		api, upload, err := enterpriseURLs(opts.APIURL)
		if err != nil {
			return nil, fmt.Errorf("configure GitHub client: %w", err)
		}
		if client, err = client.WithEnterpriseURLs(api, upload); err != nil {
			return nil, fmt.Errorf("configure GitHub client: %w", err)
		}
	}
	if opts.Token != "" {
		client = client.WithAuthToken(opts.Token)
	}
	client.UserAgent = userAgent

	if client.BaseURL.Scheme == "http" && !isLoopback(client.BaseURL.Hostname()) {
		log.Warn("GitHub API URL is plain http; the token travels unencrypted",
			"url", client.BaseURL.Redacted())
	}
	dir := cacheDir(opts.CacheDir, log)
	return &Client{
		gh:       client,
		owner:    opts.Owner,
		repo:     opts.Repo,
		hasToken: opts.Token != "",
		meter:    m,
		cache:    newCache(dir, cacheScope(client.BaseURL.Host, opts.Owner, opts.Repo), log),
		memo:     newMemo(),
		log:      log,
		now:      time.Now,
	}, nil
}

// Requests returns how many HTTP requests the Client has sent so far.
func (c *Client) Requests() int { return int(c.meter.used.Load()) }

// limiter stacks the secondary and primary rate-limit handlers on next.
// The primary handler stops further requests without sending them once the
// hourly limit is gone; the secondary one sleeps through short Retry-After
// waits and hands longer ones back as the 403/429 answer.
func limiter(next http.RoundTripper, maxWait time.Duration, log *slog.Logger) http.RoundTripper {
	return github_ratelimit.New(next,
		github_primary_ratelimit.WithLimitDetectedCallback(
			func(cc *github_primary_ratelimit.CallbackContext) {
				log.Warn("GitHub API rate limit exhausted", "category", cc.Category,
					"reset", cc.ResetTime)
			}),
		github_secondary_ratelimit.WithLimitDetectedCallback(
			func(cc *github_secondary_ratelimit.CallbackContext) {
				log.Warn("GitHub API secondary rate limit; waiting", "until", cc.ResetTime)
			}),
		github_secondary_ratelimit.WithSingleSleepLimit(maxWait, nil),
		github_secondary_ratelimit.WithTotalSleepLimit(3*maxWait, nil),
	)
}

// call prepares ctx for a go-github call: the limiter above replaces
// go-github's own pre-emptive rate-limit check, as the limiter's docs ask.
func call(ctx context.Context) context.Context {
	return context.WithValue(ctx, gh.BypassRateLimitCheck, true)
}

// fail classifies err from a request to endpoint (a path below the API
// root). A rate limit that was not waited for holds all further requests
// until it lifts.
func (c *Client) fail(err error, endpoint string) error {
	err = classify(err, endpoint, c.hasToken)
	var e *Error
	if errors.As(err, &e) && e.Kind == ErrRateLimited && !e.Reset.IsZero() {
		c.meter.holdUntil(e.Reset)
	}
	return err
}

// endpoint names an API path for messages, such as "/repos/o/r/commits".
func (c *Client) endpoint(rest string) string {
	return "/repos/" + c.owner + "/" + c.repo + rest
}

// enterpriseURLs derives go-github's API and upload URLs from APIURL.
func enterpriseURLs(api string) (string, string, error) {
	u, err := url.Parse(api)
	if err != nil {
		return "", "", fmt.Errorf("parse API URL: %w", err)
	}
	if u.Scheme != "https" && u.Scheme != "http" || u.Host == "" {
		return "", "", fmt.Errorf("API URL %q: want https://HOST/api/v3/", u.Redacted())
	}
	if u.User != nil {
		return "", "", fmt.Errorf("API URL %q: put the token in GITHUB_TOKEN, not the URL",
			u.Redacted())
	}
	upload := *u
	upload.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/api/v3") + "/api/uploads/"
	return u.String(), upload.String(), nil
}

func isLoopback(host string) bool {
	return host == "localhost" || strings.HasPrefix(host, "127.") || host == "::1"
}

func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}
