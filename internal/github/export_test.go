package github

import "time"

// SetNow sets the clock that ages c's cached alert listings.
func SetNow(c *Client, now func() time.Time) { c.now = now }
