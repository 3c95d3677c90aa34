package github

import (
	"context"

	gh "github.com/google/go-github/v75/github"
)

// Raw returns the underlying go-github client, with this Client's
// transport (request budget, retries, rate limits, timeouts), for the
// endpoints this package does not wrap, such as check runs and reviews.
// Pass every context through Context and every error through Classify.
func (c *Client) Raw() *gh.Client { return c.gh }

// Owner returns the repository's owner.
func (c *Client) Owner() string { return c.owner }

// Repo returns the repository's name.
func (c *Client) Repo() string { return c.repo }

// Context prepares ctx for a call on Raw, as the Client's own calls are.
func Context(ctx context.Context) context.Context { return call(ctx) }

// Classify turns an error from a call on Raw into an *Error, as the
// Client's own calls return; path is the endpoint below the repository,
// such as "/check-runs", for the message.
func (c *Client) Classify(err error, path string) error {
	return c.fail(err, c.endpoint(path))
}
