package githubtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// listCommits serves GET /repos/{o}/{r}/commits?sha=&path=&per_page=&page=.
func (s *Server) listCommits(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	head, ok := s.model.resolve(q.Get("sha"))
	if !ok {
		writeError(w, http.StatusNotFound, "No commit found for SHA: "+q.Get("sha"),
			"https://docs.github.com/rest/commits/commits#list-commits")
		return
	}
	file := strings.TrimPrefix(q.Get("path"), "/")
	var items []any
	for i := head; i >= 0; i-- {
		c := &s.model.commits[i]
		if file == "" || c.touched[file] {
			items = append(items, s.commitJSON(c))
		}
	}
	s.writePage(w, r, items, 30)
}

// getCommit serves GET /repos/{o}/{r}/commits/{sha}, with its files listed
// FilesPerPage at a time.
func (s *Server) getCommit(w http.ResponseWriter, r *http.Request) {
	i, ok := s.model.resolve(r.PathValue("sha"))
	if !ok {
		writeError(w, http.StatusUnprocessableEntity, "No commit found for SHA: "+r.PathValue("sha"),
			"https://docs.github.com/rest/commits/commits#get-a-commit")
		return
	}
	c := &s.model.commits[i]
	page := atoiOr(r.URL.Query().Get("page"), 1)
	files, last := paginate(c.files, page, s.cfg.FilesPerPage)
	if last > 1 {
		w.Header().Set("Link", linkHeader(s.srv.URL, r.URL, page, last))
	}
	body := s.commitJSON(c)
	var list []any
	adds, dels := 0, 0
	for _, f := range c.files {
		adds, dels = adds+f.additions, dels+f.deletions
	}
	for _, f := range files {
		list = append(list, s.fileJSON(c, f))
	}
	body["stats"] = map[string]int{"total": adds + dels, "additions": adds, "deletions": dels}
	body["files"] = list
	writeJSON(w, http.StatusOK, body)
}

// getContents serves GET /repos/{o}/{r}/contents/{path}?ref=, as JSON with
// base64 content (none for large files), as a directory listing, or raw.
func (s *Server) getContents(w http.ResponseWriter, r *http.Request) {
	ref := r.URL.Query().Get("ref")
	i, ok := s.model.resolve(ref)
	if !ok {
		writeError(w, http.StatusNotFound, "No commit found for the ref "+ref,
			"https://docs.github.com/rest/repos/contents#get-repository-content")
		return
	}
	c := &s.model.commits[i]
	p := strings.Trim(r.PathValue("path"), "/")
	content, isFile := c.tree[p]
	if !isFile {
		if dir := s.dirJSON(c, p); len(dir) > 0 {
			writeJSON(w, http.StatusOK, dir)
			return
		}
		notFound(w, "https://docs.github.com/rest/repos/contents#get-repository-content")
		return
	}
	if wantsRaw(r) {
		writeRaw(w, content)
		return
	}
	body := s.entryJSON(c, p, "file", len(content))
	if len(content) >= s.cfg.LargeFileSize {
		body["encoding"], body["content"] = "none", ""
	} else {
		body["encoding"], body["content"] = "base64", wrap64(content)
	}
	writeJSON(w, http.StatusOK, body)
}

// getBlob serves GET /repos/{o}/{r}/git/blobs/{sha}, as JSON or raw.
func (s *Server) getBlob(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha")
	content, ok := s.model.blobs[sha]
	if !ok {
		notFound(w, "https://docs.github.com/rest/git/blobs#get-a-blob")
		return
	}
	if wantsRaw(r) {
		writeRaw(w, content)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"sha": sha, "node_id": "B_" + sha[:12], "size": len(content),
		"url":      s.api("git/blobs/" + sha),
		"content":  wrap64(content),
		"encoding": "base64",
	})
}

// listAlerts serves GET /repos/{o}/{r}/secret-scanning/alerts, newest first.
func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request) {
	if s.cfg.SecretScanningDisabled {
		writeError(w, http.StatusNotFound, "Secret scanning is disabled on this repository.",
			"https://docs.github.com/rest/secret-scanning/secret-scanning#list-secret-scanning-alerts-for-a-repository")
		return
	}
	q := r.URL.Query()
	alerts := slices.Clone(s.cfg.Alerts)
	slices.SortFunc(alerts, func(a, b Alert) int { return b.Number - a.Number })
	var items []any
	for _, a := range alerts {
		if st := q.Get("state"); st != "" && st != stateOf(a) {
			continue
		}
		items = append(items, s.alertJSON(a, q.Get("hide_secret") == "true"))
	}
	//keylint:ignore KL102 a fake of GitHub's API, which returns alert secrets unless hide_secret is set
	s.writePage(w, r, items, 30)
}

// listLocations serves GET …/secret-scanning/alerts/{number}/locations.
func (s *Server) listLocations(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("number"))
	i := slices.IndexFunc(s.cfg.Alerts, func(a Alert) bool { return a.Number == n })
	if s.cfg.SecretScanningDisabled || i < 0 {
		notFound(w, "https://docs.github.com/rest/secret-scanning/secret-scanning#list-locations-for-a-secret-scanning-alert")
		return
	}
	var items []any
	for _, l := range s.cfg.Alerts[i].Locations {
		items = append(items, s.locationJSON(n, l))
	}
	s.writePage(w, r, items, 30)
}

// writePage answers one page of items with GitHub's Link header.
func (s *Server) writePage(w http.ResponseWriter, r *http.Request, items []any, defPerPage int) {
	q := r.URL.Query()
	perPage := min(max(atoiOr(q.Get("per_page"), defPerPage), 1), 100)
	page := atoiOr(q.Get("page"), 1)
	items, last := paginate(items, page, perPage)
	if last > 1 {
		w.Header().Set("Link", linkHeader(s.srv.URL, r.URL, page, last))
	}
	if items == nil {
		items = []any{}
	}
	writeJSON(w, http.StatusOK, items)
}

// paginate returns page (from 1) of items and the number of the last page.
func paginate[T any](items []T, page, perPage int) ([]T, int) {
	last := max((len(items)+perPage-1)/perPage, 1)
	lo := (page - 1) * perPage
	if page < 1 || lo >= len(items) {
		return nil, last
	}
	return items[lo:min(lo+perPage, len(items))], last
}

// linkHeader builds GitHub's Link header for page of last, keeping the
// request's other query parameters.
func linkHeader(base string, u *url.URL, page, last int) string {
	link := func(p int, rel string) string {
		q := u.Query()
		q.Set("page", strconv.Itoa(p))
		return "<" + base + u.Path + "?" + q.Encode() + `>; rel="` + rel + `"`
	}
	var parts []string
	if page > 1 {
		parts = append(parts, link(page-1, "prev"))
	}
	if page < last {
		parts = append(parts, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		parts = append(parts, link(1, "first"))
	}
	return strings.Join(parts, ", ")
}

// wantsRaw reports a request for the raw media type.
func wantsRaw(r *http.Request) bool {
	a := r.Header.Get("Accept")
	return strings.Contains(a, "application/vnd.github.raw") ||
		strings.Contains(a, "application/vnd.github.v3.raw")
}

func writeRaw(w http.ResponseWriter, content string) {
	w.Header().Set("Content-Type", "application/vnd.github.raw")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte(content))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(data)
}

// errorBody is the JSON of a GitHub error answer.
func errorBody(message, doc string, status int) string {
	data, _ := json.Marshal(map[string]string{"message": message, "documentation_url": doc,
		"status": strconv.Itoa(status)})
	return string(data)
}

func writeError(w http.ResponseWriter, status int, message, doc string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write([]byte(errorBody(message, doc, status)))
}

func notFound(w http.ResponseWriter, doc string) {
	writeError(w, http.StatusNotFound, "Not Found", doc)
}

func stateOf(a Alert) string { return orString(a.State, "open") }

func orString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}
