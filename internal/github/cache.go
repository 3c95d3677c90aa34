package github

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Cache kinds, one folder each under the cache directory. Nearly everything
// cached is a fact about immutable commits (a commit's history, a file at a
// commit) or about an alert that does not change (where GitHub first saw
// its secret), so those entries never expire. The alert listing is the
// exception: alerts are opened and resolved at any time, so a listing is
// kept per HEAD commit and for alertsMaxAge only.
const (
	kindHistory       = "history"        // commits touching a path, from a commit
	kindPresence      = "presence"       // whether a file at a commit exists and holds a secret
	kindCommit        = "commit"         // a commit's author, date and parents
	kindRename        = "rename"         // the name a file had before a commit
	kindAlerts        = "alerts"         // the alert listing, per HEAD commit
	kindAlertLocation = "alert-location" // an alert's first location
)

// cacheVersion names the on-disk layout; a new layout gets a new folder, so
// an old cache restored by actions/cache is ignored rather than misread.
// v2: presence entries say whether the file exists; alert listings.
const cacheVersion = "v2"

// cache keeps answers in memory and, when dir is set, as JSON files on disk.
// It never holds file contents or secrets: presence answers are keyed by a
// fingerprint and store two booleans, alert listings keep a SHA-256 digest
// of each alert's secret, never the secret.
type cache struct {
	dir   string // "" = memory only
	scope string // API host and repository, part of every key
	log   *slog.Logger

	mu     sync.Mutex
	mem    map[string][]byte
	warned bool
}

func newCache(dir, scope string, log *slog.Logger) *cache {
	return &cache{dir: dir, scope: scope, log: log, mem: make(map[string][]byte)}
}

// key hashes kind, scope and parts into a file-name-safe key.
func (c *cache) key(kind string, parts ...string) string {
	h := sha256.New()
	h.Write([]byte(c.scope))
	for _, p := range append([]string{kind}, parts...) {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return kind + "/" + hex.EncodeToString(h.Sum(nil))
}

// load fills v from the entry for kind and parts and reports whether there
// was one. An unreadable or corrupt entry counts as missing.
func (c *cache) load(v any, kind string, parts ...string) bool {
	k := c.key(kind, parts...)
	c.mu.Lock()
	raw, ok := c.mem[k]
	c.mu.Unlock()
	if !ok && c.dir != "" {
		var err error
		raw, err = os.ReadFile(c.file(k))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			c.warn("read GitHub cache", err)
		}
		ok = err == nil
	}
	if !ok {
		return false
	}
	if err := json.Unmarshal(raw, v); err != nil {
		c.log.Debug("ignoring corrupt GitHub cache entry", "key", k, "err", err)
		return false
	}
	c.mu.Lock()
	c.mem[k] = raw
	c.mu.Unlock()
	return true
}

// store records v for kind and parts. Disk failures are logged once and
// otherwise ignored: the cache only saves requests.
func (c *cache) store(v any, kind string, parts ...string) {
	raw, err := json.Marshal(v)
	if err != nil {
		c.warn("encode GitHub cache entry", err)
		return
	}
	k := c.key(kind, parts...)
	c.mu.Lock()
	c.mem[k] = raw
	c.mu.Unlock()
	if c.dir == "" {
		return
	}
	if err := writeAtomic(c.file(k), raw); err != nil {
		c.warn("write GitHub cache", err)
	}
}

func (c *cache) file(key string) string {
	return filepath.Join(c.dir, cacheVersion, filepath.FromSlash(key)+".json")
}

func (c *cache) warn(what string, err error) {
	c.mu.Lock()
	first := !c.warned
	c.warned = true
	c.mu.Unlock()
	if first {
		c.log.Warn(what+"; continuing without it", "dir", c.dir, "err", err)
	}
}

// writeAtomic writes data to name through a temporary file and a rename, so
// that a concurrent reader or a killed run never sees half an entry.
func writeAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// cacheDir resolves Options.CacheDir: "" is the user cache directory, "-"
// turns the disk cache off.
func cacheDir(opt string, log *slog.Logger) string {
	switch opt {
	case "-":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			log.Warn("no user cache directory; GitHub answers cached in memory only", "err", err)
			return ""
		}
		return filepath.Join(base, "keylint", "github")
	}
	return opt
}

// cacheScope names the API host and repository, so that two repositories or
// two GitHub hosts never share entries.
func cacheScope(host, owner, repo string) string {
	return strings.ToLower(host + "/" + owner + "/" + repo)
}
