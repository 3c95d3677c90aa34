// Package resty is a stub of github.com/go-resty/resty/v2.
package resty

// Client is a REST client.
type Client struct{}

// Request is one request.
type Request struct{}

// New returns a client.
func New() *Client { return &Client{} }

func (c *Client) SetAuthToken(token string) *Client            { return c }
func (c *Client) SetBasicAuth(user, password string) *Client   { return c }
func (c *Client) SetHeader(header, value string) *Client       { return c }
func (c *Client) R() *Request                                  { return &Request{} }
func (r *Request) SetAuthToken(token string) *Request          { return r }
func (r *Request) SetBasicAuth(user, password string) *Request { return r }
func (r *Request) SetHeader(header, value string) *Request     { return r }
