package githubtest

import (
	"encoding/base64"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The JSON shapes of GitHub's answers follow the REST API version
// 2022-11-28, with the fields clients commonly read.

// commitJSON is a commit object as the commits endpoints return it.
func (s *Server) commitJSON(c *builtCommit) map[string]any {
	sig := func(g Signature) map[string]any {
		return map[string]any{"name": g.Name, "email": g.Email, "date": g.Date.UTC().Format(time.RFC3339)}
	}
	user := func(g Signature) map[string]any {
		login := strings.ToLower(strings.ReplaceAll(g.Name, " ", "-"))
		return map[string]any{"login": login, "id": 1001, "type": "User",
			"url": s.api("users/" + login), "html_url": s.srv.URL + "/" + login}
	}
	parents := []any{}
	if c.parent != "" {
		parents = append(parents, map[string]any{"sha": c.parent,
			"url": s.repoAPI("commits/" + c.parent), "html_url": s.html("commit/" + c.parent)})
	}
	return map[string]any{
		"sha":     c.SHA,
		"node_id": "C_" + c.SHA[:16],
		"commit": map[string]any{
			"author": sig(c.Author), "committer": sig(c.Committer),
			"message":       c.Message,
			"tree":          map[string]any{"sha": c.treeSHA, "url": s.repoAPI("git/trees/" + c.treeSHA)},
			"url":           s.repoAPI("git/commits/" + c.SHA),
			"comment_count": 0,
			"verification": map[string]any{"verified": false, "reason": "unsigned",
				"signature": nil, "payload": nil, "verified_at": nil},
		},
		"url":          s.repoAPI("commits/" + c.SHA),
		"html_url":     s.html("commit/" + c.SHA),
		"comments_url": s.repoAPI("commits/" + c.SHA + "/comments"),
		"author":       user(c.Author),
		"committer":    user(c.Committer),
		"parents":      parents,
	}
}

// fileJSON is one entry of a commit's "files".
func (s *Server) fileJSON(c *builtCommit, f fileChange) map[string]any {
	m := map[string]any{
		"sha": f.blob, "filename": f.filename, "status": f.status,
		"additions": f.additions, "deletions": f.deletions, "changes": f.additions + f.deletions,
		"blob_url":     s.html("blob/" + c.SHA + "/" + f.filename),
		"raw_url":      s.html("raw/" + c.SHA + "/" + f.filename),
		"contents_url": s.repoAPI("contents/" + f.filename + "?ref=" + c.SHA),
	}
	if f.status == "removed" {
		m["sha"] = nil
	}
	if f.previous != "" {
		m["previous_filename"] = f.previous
	}
	return m
}

// entryJSON is the part of a contents object shared by files and listings.
func (s *Server) entryJSON(c *builtCommit, p, typ string, size int) map[string]any {
	sha := c.treeSHA
	if typ == "file" {
		sha = blobSHA(c.tree[p])
	}
	self := s.repoAPI("contents/" + p + "?ref=" + c.SHA)
	git, html := s.repoAPI("git/blobs/"+sha), s.html("blob/"+c.SHA+"/"+p)
	var download any = s.srv.URL + "/raw/" + s.cfg.Owner + "/" + s.cfg.Repo + "/" + c.SHA + "/" + p
	if typ == "dir" {
		git, html, download = s.repoAPI("git/trees/"+sha), s.html("tree/"+c.SHA+"/"+p), nil
	}
	return map[string]any{
		"type": typ, "name": path.Base(p), "path": p, "sha": sha, "size": size,
		"url": self, "git_url": git, "html_url": html, "download_url": download,
		"_links": map[string]any{"self": self, "git": git, "html": html},
	}
}

// dirJSON lists directory p at commit c; empty when p is no directory.
func (s *Server) dirJSON(c *builtCommit, p string) []any {
	seen := map[string]bool{}
	var out []any
	prefix := p + "/"
	if p == "" {
		prefix = ""
	}
	for _, f := range slices.Sorted(maps.Keys(c.tree)) {
		rest, ok := strings.CutPrefix(f, prefix)
		if !ok {
			continue
		}
		name, _, isDir := strings.Cut(rest, "/")
		if seen[name] {
			continue
		}
		seen[name] = true
		if isDir {
			out = append(out, s.entryJSON(c, prefix+name, "dir", 0))
		} else {
			out = append(out, s.entryJSON(c, prefix+name, "file", len(c.tree[f])))
		}
	}
	return out
}

// alertJSON is a secret-scanning alert object.
func (s *Server) alertJSON(a Alert, hideSecret bool) map[string]any {
	n := strconv.Itoa(a.Number)
	created := a.CreatedAt
	if created.IsZero() {
		created = firstDate
	}
	m := map[string]any{
		"number": a.Number, "created_at": created.UTC().Format(time.RFC3339),
		"updated_at":    created.UTC().Format(time.RFC3339),
		"url":           s.repoAPI("secret-scanning/alerts/" + n),
		"html_url":      s.html("security/secret-scanning/" + n),
		"locations_url": s.repoAPI("secret-scanning/alerts/" + n + "/locations"),
		"state":         stateOf(a), "resolution": nilIfEmpty(a.Resolution),
		"resolved_at": nil, "resolved_by": nil, "resolution_comment": nil,
		"secret_type": a.SecretType, "secret_type_display_name": a.SecretTypeDisplayName,
		"validity":        orString(a.Validity, "unknown"),
		"publicly_leaked": false, "multi_repo": false, "is_base64_encoded": a.Base64,
		"push_protection_bypassed": false, "push_protection_bypassed_by": nil,
		"push_protection_bypassed_at": nil,
		"has_more_locations":          len(a.Locations) > 1,
	}
	if !a.ResolvedAt.IsZero() {
		m["resolved_at"] = a.ResolvedAt.UTC().Format(time.RFC3339)
	}
	if !hideSecret {
		m["secret"] = a.Secret
	}
	if s.cfg.FirstLocationDetected && len(a.Locations) > 0 {
		m["first_location_detected"] = s.locationJSON(a.Number, a.Locations[0])["details"]
	}
	return m
}

// locationJSON is one secret-scanning alert location.
func (s *Server) locationJSON(number int, l Location) map[string]any {
	if l.Commit == "" {
		return map[string]any{"type": "issue_comment", "details": map[string]any{
			"issue_comment_url": s.repoAPI("issues/comments/" + strconv.Itoa(number)),
		}}
	}
	blob := ""
	if i, ok := s.model.resolve(l.Commit); ok {
		blob = blobSHA(s.model.commits[i].tree[l.Path])
	}
	return map[string]any{"type": "commit", "details": map[string]any{
		"path": l.Path, "start_line": l.StartLine, "end_line": max(l.EndLine, l.StartLine),
		"start_column": 1, "end_column": 2,
		"blob_sha": blob, "blob_url": s.repoAPI("git/blobs/" + blob),
		"commit_sha": l.Commit, "commit_url": s.repoAPI("git/commits/" + l.Commit),
	}}
}

func (s *Server) api(rest string) string { return s.srv.URL + apiPrefix + "/" + rest }

func (s *Server) repoAPI(rest string) string {
	return s.api("repos/" + s.cfg.Owner + "/" + s.cfg.Repo + "/" + rest)
}

func (s *Server) html(rest string) string {
	return s.srv.URL + "/" + s.cfg.Owner + "/" + s.cfg.Repo + "/" + rest
}

// wrap64 encodes content as GitHub does: base64 in lines of 60 characters,
// each ending in a newline.
func wrap64(content string) string {
	enc := base64.StdEncoding.EncodeToString([]byte(content))
	var b strings.Builder
	for len(enc) > 60 {
		b.WriteString(enc[:60] + "\n")
		enc = enc[60:]
	}
	if enc != "" {
		b.WriteString(enc + "\n")
	}
	return b.String()
}
