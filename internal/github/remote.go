package github

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ParseRemote returns the owner and repository named by a git remote URL:
// https://github.com/o/r.git, ssh://git@github.com/o/r.git, the scp-like
// git@github.com:o/r.git, and the same shapes on GitHub Enterprise hosts.
// Credentials in the URL are ignored and never appear in the error.
func ParseRemote(remote string) (owner, repo string, err error) {
	s := strings.TrimSpace(remote)
	path, shown, err := remotePath(s)
	if err != nil {
		return "", "", fmt.Errorf("parse remote %q: %w", shown, err)
	}
	path = strings.TrimSuffix(strings.Trim(path, "/"), ".git")
	parts := strings.Split(path, "/")
	if len(parts) != 2 {
		return "", "", fmt.Errorf("parse remote %q: want OWNER/REPO after the host", shown)
	}
	if err := checkName(parts[0], parts[1]); err != nil {
		return "", "", fmt.Errorf("parse remote %q: %w", shown, err)
	}
	return parts[0], parts[1], nil
}

// remotePath splits a remote into its repository path and a form of the
// remote that is safe to show (no user, no password).
func remotePath(s string) (path, shown string, err error) {
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			// url's message quotes the input, which may hold a token.
			return "", "(unparsable URL)", errors.New("not a URL")
		}
		shown = u.Scheme + "://" + u.Host + u.Path
		switch u.Scheme {
		case "https", "http", "ssh", "git", "git+ssh", "ssh+git":
		default:
			return "", shown, fmt.Errorf("scheme %q is not a GitHub remote", u.Scheme)
		}
		if u.Host == "" {
			return "", shown, errors.New("no host")
		}
		return u.Path, shown, nil
	}

	// scp-like: [user@]host:path. A path with a slash before the colon, or a
	// one-letter "host" (C:\repo), is a local path instead.
	host, path, ok := strings.Cut(s, ":")
	if _, h, found := strings.Cut(host, "@"); found {
		host = h
	}
	if !ok || len(host) < 2 || strings.ContainsAny(host, `/\`) {
		// Show only what follows a user part, which could be a token.
		if i := strings.LastIndex(s, "@"); i >= 0 {
			s = s[i+1:]
		}
		return "", s, errors.New("not a remote URL")
	}
	return path, host + ":" + path, nil
}

// checkName validates owner and repo as GitHub allows them, which also keeps
// them safe to put into API paths.
func checkName(owner, repo string) error {
	if owner == "" || repo == "" {
		return errors.New("owner and repository are required")
	}
	for _, r := range owner {
		if !isAlnum(r) && r != '-' {
			return fmt.Errorf("owner %q: only letters, digits and '-'", owner)
		}
	}
	if repo == "." || repo == ".." {
		return fmt.Errorf("repository %q is not a name", repo)
	}
	for _, r := range repo {
		if !isAlnum(r) && r != '-' && r != '_' && r != '.' {
			return fmt.Errorf("repository %q: only letters, digits, '-', '_' and '.'", repo)
		}
	}
	return nil
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
