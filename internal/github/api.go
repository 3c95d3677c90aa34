package github

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	gh "github.com/google/go-github/v75/github"
)

// commitInfo is what keylint keeps of a commit: enough to date it and walk
// to its parent. It is cached on disk as is.
type commitInfo struct {
	SHA     string    `json:"sha"`
	Parents []string  `json:"parents,omitempty"`
	Author  string    `json:"author"`
	Date    time.Time `json:"date"`
}

// toCommitInfo checks and trims a commit object from the API.
func toCommitInfo(rc *gh.RepositoryCommit, endpoint string) (commitInfo, error) {
	if rc == nil || rc.GetSHA() == "" || rc.GetCommit().GetAuthor().GetDate().IsZero() {
		return commitInfo{}, malformed(endpoint, "commit without sha or author date")
	}
	ci := commitInfo{
		SHA:    rc.GetSHA(),
		Author: rc.GetCommit().GetAuthor().GetName(),
		Date:   rc.GetCommit().GetAuthor().GetDate().UTC(),
	}
	for _, p := range rc.Parents {
		ci.Parents = append(ci.Parents, p.GetSHA())
	}
	return ci, nil
}

// history lists the commits that touched path, newest first, walking back
// from the commit from and following every page.
func (c *Client) history(ctx context.Context, path, from string) ([]commitInfo, error) {
	var commits []commitInfo
	if c.cache.load(&commits, kindHistory, path, from) {
		return commits, nil
	}

	endpoint := c.endpoint("/commits")
	opts := &gh.CommitsListOptions{SHA: from, Path: path,
		ListOptions: gh.ListOptions{PerPage: perPage}}
	for {
		page, resp, err := c.gh.Repositories.ListCommits(call(ctx), c.owner, c.repo, opts)
		if err != nil {
			return nil, c.fail(err, endpoint)
		}
		for _, rc := range page {
			ci, err := toCommitInfo(rc, endpoint)
			if err != nil {
				return nil, err
			}
			commits = append(commits, ci)
		}
		// go-github reads the page number out of Link: rel="next".
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	c.cache.store(commits, kindHistory, path, from)
	return commits, nil
}

// commit returns one commit's author, date and parents.
func (c *Client) commit(ctx context.Context, sha string) (commitInfo, error) {
	var ci commitInfo
	if c.cache.load(&ci, kindCommit, sha) {
		return ci, nil
	}
	endpoint := c.endpoint("/commits/{sha}")
	rc, _, err := c.gh.Repositories.GetCommit(call(ctx), c.owner, c.repo, sha, nil)
	if err != nil {
		return commitInfo{}, c.fail(err, endpoint)
	}
	if ci, err = toCommitInfo(rc, endpoint); err != nil {
		return commitInfo{}, err
	}
	c.cache.store(ci, kindCommit, sha)
	return ci, nil
}

// renamedFrom returns the name path had before commit sha renamed it, or ""
// when sha added it (or the answer does not say).
func (c *Client) renamedFrom(ctx context.Context, sha, path string) (string, error) {
	var prev string
	if c.cache.load(&prev, kindRename, sha, path) {
		return prev, nil
	}
	prev, err := c.previousName(ctx, sha, path)
	if err != nil {
		return "", err
	}
	c.cache.store(prev, kindRename, sha, path)
	return prev, nil
}

// previousName looks path up in the file list of commit sha. The pages read
// are kept for the Client's life, so the other files of the same commit are
// looked up without another request.
func (c *Client) previousName(ctx context.Context, sha, path string) (string, error) {
	fl := c.memo.fileList(sha)
	fl.mu.Lock()
	defer fl.mu.Unlock()
	endpoint := c.endpoint("/commits/{sha}")
	for {
		if prev, ok := fl.names[path]; ok {
			return prev, nil
		}
		if fl.done {
			return "", nil
		}
		// Without per_page GitHub lists up to 300 files a page, its largest.
		rc, resp, err := c.gh.Repositories.GetCommit(call(ctx), c.owner, c.repo, sha,
			&gh.ListOptions{Page: fl.next})
		if err != nil {
			return "", c.fail(err, endpoint)
		}
		if ci, err := toCommitInfo(rc, endpoint); err == nil {
			c.cache.store(ci, kindCommit, sha)
		}
		for _, f := range rc.Files {
			prev := ""
			if f.GetStatus() == "renamed" {
				prev = f.GetPreviousFilename()
			}
			fl.names[f.GetFilename()] = prev
		}
		// Large commits list their files over several pages (300 a page).
		fl.next, fl.done = resp.NextPage, resp.NextPage == 0
	}
}

// fileAt returns the content of path at commit sha; found is false when the
// file is not there (404) or is not a regular file there.
//
// Contents are kept in memory (never on disk) for the Client's life, so that
// the searches for several secrets of one file read each version once.
func (c *Client) fileAt(ctx context.Context, path, sha string) ([]byte, bool, error) {
	ct := c.memo.content(sha, path)
	ct.mu.Lock()
	defer ct.mu.Unlock()
	if ct.done {
		return ct.data, ct.found, nil
	}
	data, found, err := c.readFile(ctx, path, sha)
	if err == nil {
		c.memo.keep(ct, data, found)
	}
	return data, found, err
}

// readFile asks the API for path at commit sha.
func (c *Client) readFile(ctx context.Context, path, sha string) (
	data []byte, found bool, err error) {
	endpoint := c.endpoint("/contents/{path}")
	fc, err := c.contents(ctx, path, sha)
	if isStatus(err, http.StatusNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, c.fail(err, endpoint)
	}
	if fc == nil || fc.GetType() != "file" {
		// A directory, symlink or submodule holds no secret of this file.
		return nil, false, nil
	}

	switch fc.GetEncoding() {
	case "base64":
		// GitHub breaks the base64 text into lines; the decoder skips them.
		text, err := fc.GetContent()
		if err != nil {
			return nil, false, malformed(endpoint, err.Error())
		}
		return []byte(text), true, nil
	case "none", "":
		if fc.GetSize() == 0 {
			return nil, true, nil
		}
		// Over 1 MB the contents API leaves the content out; the blob API
		// serves it raw up to 100 MB.
		return c.blob(ctx, fc.GetSHA())
	}
	return nil, false, malformed(endpoint, "unknown content encoding "+fc.GetEncoding())
}

// contents reads the contents API at ref. It builds the request itself
// rather than through RepositoriesService.GetContents, which refuses names
// containing ".." (such as "a..b.txt").
func (c *Client) contents(ctx context.Context, path, ref string) (*gh.RepositoryContent, error) {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if s == "" || s == "." || s == ".." {
			return nil, &Error{Kind: ErrRejected, Reason: "invalid file path " + oneLine(path)}
		}
		segs[i] = url.PathEscape(s)
	}
	u := "repos/" + c.owner + "/" + c.repo + "/contents/" + strings.Join(segs, "/") +
		"?ref=" + url.QueryEscape(ref)
	req, err := c.gh.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := c.gh.Do(call(ctx), req, &raw); err != nil {
		return nil, err
	}
	if t := strings.TrimSpace(string(raw)); strings.HasPrefix(t, "[") {
		return nil, nil // a directory listing
	}
	var fc gh.RepositoryContent
	if err := json.Unmarshal(raw, &fc); err != nil {
		return nil, err
	}
	return &fc, nil
}

// blob reads a blob raw by its SHA.
func (c *Client) blob(ctx context.Context, sha string) ([]byte, bool, error) {
	if sha == "" {
		return nil, false, malformed(c.endpoint("/contents/{path}"), "file without content or sha")
	}
	data, _, err := c.gh.Git.GetBlobRaw(call(ctx), c.owner, c.repo, sha)
	if isStatus(err, http.StatusNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, c.fail(err, c.endpoint("/git/blobs/{sha}"))
	}
	return data, true, nil
}

// isStatus reports an API error answer with the given HTTP status.
func isStatus(err error, code int) bool {
	var er *gh.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == code
}
