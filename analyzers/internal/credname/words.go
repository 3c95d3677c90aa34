package credname

// The word tables below are read-only after initialisation.

// headWords are words that name a credential wherever they stand.
var headWords = map[string]Kind{
	"password":      Password,
	"passwd":        Password,
	"passphrase":    Password,
	"passcode":      Password,
	"secret":        Secret,
	"secrets":       Secret,
	"apikey":        APIKey,
	"apikeys":       APIKey,
	"privatekey":    PrivateKey,
	"bearer":        Token,
	"credential":    Credential,
	"credentials":   Credential,
	"cred":          Credential,
	"creds":         Credential,
	"authorization": Credential,
}

// compounds are suffixes that make one glued lowercase word a credential
// name ("dbpassword", "clientsecret", "githubtoken"). Checked in order.
var compounds = []struct {
	suffix string
	kind   Kind
}{
	{"password", Password},
	{"passwd", Password},
	{"passphrase", Password},
	{"privatekey", PrivateKey},
	{"secretkey", Secret},
	{"signingkey", Secret},
	{"apikey", APIKey},
	{"accesskey", APIKey},
	{"secret", Secret},
	{"token", Token},
	{"credentials", Credential},
	{"creds", Credential},
}

// passQualifiers are the words before "pass" that make it a password
// ("dbPass", "smtp_pass") rather than a pass of an algorithm ("secondPass").
var passQualifiers = set(
	"db", "database", "user", "admin", "root", "ftp", "sftp", "smtp", "mail",
	"email", "proxy", "basic", "redis", "mysql", "postgres", "pg", "sql",
	"ldap", "auth", "login", "my", "app", "account", "default", "ssh",
	"rabbit", "rabbitmq", "amqp", "mongo", "mongodb", "server", "client",
	"service", "svc", "bind", "keystore", "truststore", "master", "super",
	"wifi", "vnc", "rdp", "api", "http", "web", "registry", "docker", "git",
	"es", "elastic", "influx", "the", "a",
)

// pwdWord is the abbreviation of password that, alone, names the working
// directory far more often (pwd, OLDPWD, os.Getwd's result): it is a
// password only after a qualifier (dbPwd, adminPwd) or glued to one (dbpwd).
const pwdWord = "pwd"

// patQualifiers are the words before "pat" that make it a personal access
// token (githubPAT, gitlab_pat) rather than a pattern, a path or a name.
var patQualifiers = set(
	"github", "gh", "gitlab", "gl", "personal", "access", "azure", "ado",
	"devops", "npm", "hf", "huggingface", "bitbucket", "atlassian", "jira",
	"docker", "dockerhub", "gitea", "forgejo", "sourcehut", "codeberg",
)

// authQualifiers are the words before "auth" that make it a credential
// (basicAuth, proxy_auth): a bare auth, httpAuth or authConfig names a
// method, a middleware or a configuration far more often than a secret.
var authQualifiers = set("basic", "proxy", "bearer", "digest")

// tokenNotSecret are the words before "token" that make it something other
// than a credential: pagination and idempotency tokens, lexer tokens,
// language-model tokens, CSRF tokens.
var tokenNotSecret = set(
	"page", "next", "continuation", "sync", "csrf", "xsrf", "cancel",
	"cancellation", "cancelation", "idempotency", "resume", "cursor",
	"pagination", "lexer", "lex", "parser", "parse", "syntax", "item",
	"start", "end", "eof", "ident", "identifier", "last", "first", "prev",
	"previous", "request", "client", "public", "ast", "sql", "json", "yaml",
	"html", "template", "split", "word", "char", "text", "delim",
	"delimiter", "separator", "sep", "special", "stop", "bos", "eos", "pad",
	"unk", "mask", "cls", "max", "min", "num", "count", "limit", "input",
	"output", "completion", "prompt", "total", "marker", "go", "reserved",
	"keyword", "operator", "punct", "literal", "string", "number", "comment",
	"space", "whitespace", "newline", "semicolon", "brace", "paren",
	"bracket", "sentinel", "continue", "upload", "wait", "lock",
)

// keyNotSecret are the words before "key" that make it a lookup key, an
// identifier or a public key rather than a secret.
var keyNotSecret = set(
	"cache", "map", "sort", "primary", "foreign", "partition", "hash", "row",
	"public", "pub", "ctx", "context", "lookup", "object", "obj", "s3",
	"idempotency", "dedup", "dedupe", "group", "label", "field", "json",
	"yaml", "toml", "env", "config", "cfg", "header", "query", "index", "idx",
	"unique", "composite", "shard", "sharding", "routing", "ssh", "host",
	"known", "store", "storage", "bucket", "blob", "file", "path", "dir",
	"redis", "memcache", "metric", "metrics", "stat", "stats", "log",
	"trace", "span", "tag", "attr", "attribute", "annotation", "meta",
	"metadata", "order", "range", "hot", "ui", "short", "shortcut",
	"event", "message", "msg", "item", "entry", "record", "table", "column",
	"col", "name", "type", "kind", "id", "user", "request", "req",
	"response", "resp", "flag", "feature", "setting", "settings", "option",
	"opt", "param", "form", "url", "dict", "lock", "mutex", "job", "task",
	"queue", "topic", "stream", "channel", "node", "pod", "namespace", "ns",
	"tenant", "cluster", "region", "zone", "locale", "lang", "i18n",
	"translation", "template", "prefix", "suffix", "parent", "child", "next",
	"prev", "last", "first", "start", "end", "min", "max", "kms", "sub",
	"map", "value", "val", "string", "str", "int", "schema", "sequence",
	"natural", "bucket", "mapping", "cookie", "session", "state", "nonce",
	"key", "gpg", "pgp", "jwk", "jwks", "verify",
	"verification", "verifier", "cert", "certificate", "ca", "tls", "ssl",
	"dns", "registry", "rsa", "ecdsa", "ed25519", "socket", "websocket", "encrypted", "wrapped",
	"sealed", "detach", "escape", "modifier", "arrow", "press",
	// object keys of copies and moves, and the keys of other systems' records
	"src", "source", "dst", "dest", "destination", "orig", "original", "target",
	"incident", "issuer", "publisher", "tr", "keep",
)

// secretKeyQualifiers are the words before "key" that make it a secret
// rather than an API key.
var secretKeyQualifiers = set(
	"secret", "signing", "sign", "encryption", "enc", "encrypt", "decrypt",
	"decryption", "master", "aes", "jwt", "crypt", "crypto", "cipher",
	"shared", "symmetric", "root",
)

// neutral are the words that may follow a credential word without changing
// what the name holds: the value itself, its encoding, its environment or
// its version ("apiKeyValue", "tokenBytes", "passwordProd", "secretV2").
var neutral = set(
	"value", "val", "str", "string", "bytes", "byte", "b", "raw", "plain",
	"plaintext", "b64", "base64", "hex", "encoded", "literal", "lit",
	"const", "default", "def", "fallback", "old", "new", "current", "cur",
	"curr", "prev", "previous", "primary", "secondary", "backup", "alt",
	"prod", "production", "dev", "development", "staging", "stage", "stg",
	"qa", "uat", "live", "sandbox", "local", "global", "main", "pem", "der",
	// Regions: a key per region is still a key (apiKeyEU, TOKEN_US_EAST).
	"eu", "us", "uk", "apac", "emea", "asia", "east", "west", "north", "south",
	"central",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
