package githubtest

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Signature is a commit's author or committer.
type Signature struct {
	Name, Email string
	Date        time.Time
}

// Change is one file change in a Commit.
type Change struct {
	// Path is the file's name after the commit.
	Path string
	// Content is the file's new content. For a rename an empty Content
	// keeps the content the file had under From.
	Content string
	// Delete removes Path.
	Delete bool
	// From, when set, renames From to Path.
	From string
}

// Commit is one commit of the fake repository's linear history.
type Commit struct {
	// SHA is the commit's 40-hex-digit name; empty derives one.
	SHA string
	// Author defaults to "Test Author" <author@example.com>, one day after
	// the previous commit (the first on 2024-01-01).
	Author Signature
	// Committer defaults to Author.
	Committer Signature
	Message   string
	Changes   []Change
}

// Alert is a secret-scanning alert the fake serves.
type Alert struct {
	Number                int
	State                 string // "open" (default) or "resolved"
	Resolution            string
	SecretType            string
	SecretTypeDisplayName string
	Secret                string
	Validity              string
	Base64                bool // GitHub found the secret base64-encoded
	CreatedAt             time.Time
	ResolvedAt            time.Time
	Locations             []Location
}

// Location is where an alert's secret was seen. An empty Commit makes it an
// issue-comment location rather than a commit one.
type Location struct {
	Path      string
	StartLine int
	EndLine   int
	Commit    string
}

// fileChange is one entry of a commit's "files" list.
type fileChange struct {
	filename, previous, status, blob string
	additions, deletions             int
}

// builtCommit is a Commit with everything derived from the history.
type builtCommit struct {
	Commit
	parent  string
	tree    map[string]string // path → content after the commit
	treeSHA string
	files   []fileChange    // sorted by filename
	touched map[string]bool // paths changed, rename sources included
}

// model is the repository the server serves; immutable once built.
type model struct {
	commits []builtCommit // oldest first
	bySHA   map[string]int
	blobs   map[string]string // blob SHA → content
}

var firstDate = time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)

func buildModel(commits []Commit) (*model, error) {
	m := &model{bySHA: make(map[string]int), blobs: make(map[string]string)}
	tree := map[string]string{}
	date := firstDate
	for i, c := range commits {
		bc, err := m.build(i, c, tree, date)
		if err != nil {
			return nil, fmt.Errorf("commit %d: %w", i, err)
		}
		if _, dup := m.bySHA[bc.SHA]; dup {
			return nil, fmt.Errorf("commit %d: duplicate SHA %s", i, bc.SHA)
		}
		m.bySHA[bc.SHA] = i
		m.commits = append(m.commits, bc)
		tree, date = bc.tree, bc.Author.Date.Add(24*time.Hour)
	}
	return m, nil
}

func (m *model) build(i int, c Commit, prev map[string]string, date time.Time) (builtCommit, error) {
	if c.Author.Name == "" {
		c.Author.Name, c.Author.Email = "Test Author", "author@example.com"
	}
	if c.Author.Date.IsZero() {
		c.Author.Date = date
	}
	if c.Committer.Name == "" {
		c.Committer = c.Author
	}
	if c.Message == "" {
		c.Message = "commit " + strconv.Itoa(i+1)
	}
	if c.SHA == "" {
		c.SHA = hash("commit", strconv.Itoa(i), c.Message, c.Author.Date.String())
	}
	if len(c.SHA) != 40 || strings.Trim(strings.ToLower(c.SHA), "0123456789abcdef") != "" {
		return builtCommit{}, fmt.Errorf("SHA %q is not 40 hex digits", c.SHA)
	}
	bc := builtCommit{Commit: c, tree: maps.Clone(prev), touched: map[string]bool{}}
	if i > 0 {
		bc.parent = m.commits[i-1].SHA
	}
	for _, ch := range c.Changes {
		if err := bc.apply(ch, prev); err != nil {
			return builtCommit{}, err
		}
	}
	slices.SortFunc(bc.files, func(a, b fileChange) int { return strings.Compare(a.filename, b.filename) })
	for _, content := range bc.tree {
		m.blobs[blobSHA(content)] = content
	}
	bc.treeSHA = treeSHA(bc.tree)
	return bc, nil
}

func (bc *builtCommit) apply(ch Change, prev map[string]string) error {
	if ch.Path == "" || strings.HasPrefix(ch.Path, "/") {
		return fmt.Errorf("change path %q must be relative", ch.Path)
	}
	old, existed := bc.tree[ch.Path]
	switch {
	case ch.Delete:
		if !existed {
			return fmt.Errorf("delete %s: no such file", ch.Path)
		}
		delete(bc.tree, ch.Path)
		bc.record(fileChange{filename: ch.Path, status: "removed", deletions: lines(old)})
	case ch.From != "":
		content, ok := bc.tree[ch.From]
		if !ok {
			return fmt.Errorf("rename %s: no such file", ch.From)
		}
		if ch.Content != "" {
			content = ch.Content
		}
		delete(bc.tree, ch.From)
		bc.tree[ch.Path] = content
		bc.touched[ch.From] = true
		bc.record(fileChange{filename: ch.Path, previous: ch.From, status: "renamed",
			blob: blobSHA(content)})
	default:
		status := "modified"
		if _, had := prev[ch.Path]; !had {
			status = "added"
		}
		if existed && old == ch.Content {
			return nil // no change, as git would record none
		}
		bc.tree[ch.Path] = ch.Content
		bc.record(fileChange{filename: ch.Path, status: status, blob: blobSHA(ch.Content),
			additions: lines(ch.Content), deletions: lines(old)})
	}
	return nil
}

func (bc *builtCommit) record(fc fileChange) {
	bc.touched[fc.filename] = true
	bc.files = slices.DeleteFunc(bc.files, func(f fileChange) bool { return f.filename == fc.filename })
	bc.files = append(bc.files, fc)
}

// resolve finds a commit by full SHA, unique prefix of 7 or more, or one of
// the names the fake gives the last commit.
func (m *model) resolve(ref string) (int, bool) {
	if len(m.commits) == 0 {
		return 0, false
	}
	switch ref {
	case "", "HEAD", "main", "master", "refs/heads/main":
		return len(m.commits) - 1, true
	}
	if i, ok := m.bySHA[strings.ToLower(ref)]; ok {
		return i, true
	}
	if len(ref) < 7 {
		return 0, false
	}
	found := -1
	for sha, i := range m.bySHA {
		if strings.HasPrefix(sha, strings.ToLower(ref)) {
			if found >= 0 {
				return 0, false
			}
			found = i
		}
	}
	return found, found >= 0
}

// blobSHA is git's object name for content stored as a blob.
func blobSHA(content string) string {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(content))
	h.Write([]byte(content))
	return hex.EncodeToString(h.Sum(nil))
}

// treeSHA is a stable stand-in for a tree's name.
func treeSHA(tree map[string]string) string {
	parts := []string{"tree"}
	for _, p := range slices.Sorted(maps.Keys(tree)) {
		parts = append(parts, p, blobSHA(tree[p]))
	}
	return hash(parts...)
}

func hash(parts ...string) string {
	h := sha1.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func lines(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(strings.TrimSuffix(s, "\n"), "\n") + 1
}

// SHAs returns the names the server gives commits, oldest first, so that a
// test can refer to them (in alert locations, say) before starting it.
func SHAs(commits []Commit) ([]string, error) {
	m, err := buildModel(commits)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(m.commits))
	for i, c := range m.commits {
		out[i] = c.SHA
	}
	return out, nil
}
