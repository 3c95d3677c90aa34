package secretlit

import (
	"net/url"
	"strings"
)

// URLCredential is a password found in the userinfo of a URL, such as the
// one in postgres://app:…@db.internal:5432/app.
type URLCredential struct {
	// Scheme, User and Host are as written ("postgres", "app",
	// "db.internal:5432"); they are no secret.
	Scheme, User, Host string
	// Password is the secret. Never print it; see Redacted.
	Password string
}

// Redacted returns the URL's scheme, user and host with the password
// replaced: postgres://app:***@db.internal:5432.
func (u URLCredential) Redacted() string {
	return u.Scheme + "://" + u.User + ":***@" + u.Host
}

// demoPasswordWords are the words demo and development passwords are made
// of, beside commonWords: the name of the service they log in to
// (postgres:postgres@localhost, guest:guest for RabbitMQ).
var demoPasswordWords = []string{
	"postgres", "postgresql", "pg", "mysql", "mariadb", "maria", "redis",
	"mongo", "mongodb", "rabbit", "rabbitmq", "amqp", "guest", "sa", "admin",
	"docker", "compose", "localhost", "example", "sample", "qwerty", "db",
	"database", "app", "user", "pass", "passw0rd", "dev", "local", "test",
	"minio", "minioadmin", "elastic", "changeme", "kafka", "nats", "keycloak",
}

// FindURLCredential returns the first URL in s whose userinfo holds a
// password that is not a placeholder or demo value: postgres://, mysql://,
// redis://, amqp://, mongodb+srv://, https://user:pass@host and any other
// scheme. Not returned: passwords that are placeholders (${DB_PASSWORD},
// <pass>, changeme, xxx, password), that repeat the user name or are made
// of service names and digits (postgres:postgres, guest:guest), that are
// not plausible as secrets (see Plausible), or that are not random (see
// LooksRandom) on a local host (localhost, 127.0.0.1, a name without a
// dot such as the compose service db), and URLs on documentation domains
// (example.com, .test, .invalid, .example).
//
// Limitation: a password holding an unescaped '/', '?', '#' or '@' ends
// the userinfo early and is missed or cut.
func FindURLCredential(s string) (URLCredential, bool) {
	for rest := s; ; {
		i := strings.Index(rest, "://")
		if i < 0 {
			return URLCredential{}, false
		}
		scheme := schemeBefore(rest[:i])
		u, ok := parseUserinfo(scheme, rest[i+3:])
		if ok && secretPassword(u) {
			return u, true
		}
		rest = rest[i+3:]
	}
}

// schemeBefore returns the URL scheme that ends s: the run of letters,
// digits, '+', '-' and '.' before "://" (mongodb+srv, jdbc:postgresql
// gives postgresql).
func schemeBefore(s string) string {
	j := len(s)
	for j > 0 && (isAlnum(s[j-1]) || strings.IndexByte("+-.", s[j-1]) >= 0) {
		j--
	}
	return strings.ToLower(s[j:])
}

// parseUserinfo reads user:password@host from the text after "://".
func parseUserinfo(scheme, s string) (URLCredential, bool) {
	if scheme == "" {
		return URLCredential{}, false
	}
	// The authority ends at the path, query, fragment, or anything that
	// cannot be in a URL written in a string.
	end := strings.IndexFunc(s, func(r rune) bool {
		return r == '/' || r == '?' || r == '#' || r <= ' ' || r == '"' ||
			r == '\'' || r == '`'
	})
	if end < 0 {
		end = len(s)
	}
	auth := s[:end]
	at := strings.LastIndexByte(auth, '@')
	if at < 0 {
		return URLCredential{}, false
	}
	user, pass, ok := strings.Cut(auth[:at], ":")
	if !ok || pass == "" {
		return URLCredential{}, false
	}
	if p, err := url.PathUnescape(pass); err == nil {
		pass = p
	}
	if u, err := url.PathUnescape(user); err == nil {
		user = u
	}
	return URLCredential{Scheme: scheme, User: user, Host: auth[at+1:], Password: pass}, true
}

// secretPassword decides whether the password of u is a real one.
func secretPassword(u URLCredential) bool {
	p := u.Password
	lower := strings.ToLower(p)
	switch {
	case IsPlaceholder(p), isDemoPassword(lower),
		strings.EqualFold(p, u.User), strings.EqualFold(p, u.Scheme),
		docHost(hostName(u.Host)):
		return false
	case localHost(hostName(u.Host)):
		return LooksRandom(p)
	}
	return Plausible(p)
}

// demoWords are demoPasswordWords and commonWords together. Read only.
var demoWords = append(append([]string(nil), demoPasswordWords...), commonWords...)

// isDemoPassword reports whether lower has letters and they are only demo
// words, as written or with leetspeak undone: postgres123, r00t, devpass.
func isDemoPassword(lower string) bool {
	l := letters(lower)
	return l != "" && (splitsIntoWords(l, demoWords) ||
		splitsIntoWords(letters(leet.Replace(lower)), demoWords))
}

// hostName returns the host of an authority without its port: a bracketed
// IPv6 address keeps its brackets off.
func hostName(hostport string) string {
	h := strings.ToLower(hostport)
	if strings.HasPrefix(h, "[") {
		if i := strings.IndexByte(h, ']'); i > 0 {
			return h[1:i]
		}
	}
	// Several hosts (mongodb://u:p@a:1,b:2/) are judged by the first.
	h, _, _ = strings.Cut(h, ",")
	h, _, _ = strings.Cut(h, ":")
	return h
}

func localHost(h string) bool {
	switch h {
	case "", "localhost", "127.0.0.1", "::1", "0.0.0.0", "host.docker.internal":
		return true
	}
	return !strings.Contains(h, ".") && !strings.Contains(h, ":") ||
		strings.HasSuffix(h, ".localhost") || strings.HasSuffix(h, ".local")
}

// docHost reports the domains reserved for documentation and tests (RFC
// 2606, RFC 6761).
func docHost(h string) bool {
	for _, d := range []string{"example.com", "example.org", "example.net"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	for _, tld := range []string{".example", ".test", ".invalid"} {
		if strings.HasSuffix(h, tld) {
			return true
		}
	}
	return false
}
