// Package sharedkey defines an Analyzer that reports one secret shared by
// several packages, environments or hosts (rule KL106).
//
// # Analyzer sharedkey
//
// sharedkey: report one key shared by many consumers
//
// A key shared by several consumers cannot be revoked for one of them
// without breaking the others, and a leak from any of them exposes all. Each
// consumer and each environment should have a key of its own. The analyzer
// reports, at each later occurrence and naming the others:
//
// The same secret value written in two packages of a module: a literal that
// matches a gitleaks rule, or a value that looks random (a password: that
// looks chosen) bound to a credential name, written in a package and again
// in a package that imports it, directly or not. Package facts carry a
// digest of each secret (never the value) to the importers, so the check
// works under go vet -vettool as well as standalone. The report is at the
// importer's copy; packages of other modules do not count.
//
// Per-environment shapes that give two environments the same key: a map or
// struct literal whose keys or fields name environments ({"dev": …, "prod":
// …}, Envs{Staging: …, Prod: …}) with the same credential under two of
// them, directly or in a credential field of their values. The values are
// credentials when the literal is bound to a credential name (apiKeys;
// apiKeysByEnv and tokensPerEnvironment count, the words by, per and env
// are dropped), when they sit in a credential field, or, when every key of
// the literal is an environment and its name does not say identifiers
// (zoneIDs, regions, urls, hosts, buckets), when the value is itself a
// secret: a literal that matches a gitleaks rule or looks random and is not
// only hex digits, or a variable or constant named as a credential. A slice
// or array of struct literals that name their environment in a Name, Env,
// Environment or Stage field ([]Env{{Name: "staging", APIKey: …}, {Name:
// "production", …}}) is compared the same way, and so are package
// declarations named by environment (devAPIKey and prodAPIKey, or
// stagingConfig and prodConfig literals) and switches whose
// single-environment cases assign or return a credential. The same
// credential is the same plausible secret value, or the same variable or
// field read. Environment words are dev, development, test, qa, uat,
// staging, stage, stg, preprod, prod, production, prd, sandbox, live, local
// and canary.
//
// One credential variable, field or constant sent to hosts of different
// domains: headers, basic auth and client secrets (as analyzer staticcred
// finds them) on requests made by http.NewRequest with constant URLs, in one
// package. Hosts of one domain (api.example.com, files.example.com) are one
// consumer.
//
// Not reported: environment variables read by name in each environment
// (os.Getenv("API_KEY") for dev and prod reads a different value in each
// deployment), the use of one package's constant by another package (one
// key, declared once), copies within one package, placeholders and values
// that do not look like secrets, publishable and public keys (a name with
// public, publishable or pub; a value starting pk_live_, pk_test_ or pk.,
// or a PEM or SSH public key), a case that lists several environments,
// _test.go files unless -sharedkey.tests is set, and generated files.
// Messages never show a secret's value.
//
// Bad:
//
//	var apiKeys = map[string]string{
//		"staging": "sk_live_…",
//		"prod":    "sk_live_…", // same key as staging
//	}
//
// Good:
//
//	var apiKeys = map[string]string{
//		"staging": os.Getenv("STAGING_API_KEY"),
//		"prod":    os.Getenv("PROD_API_KEY"),
//	}
//
// Suppress a finding with //keylint:ignore KL106 <reason> on its line or the
// line above, or with //nolint:keylint.
//
// Limitations: two packages that write the same secret are compared only
// when one imports the other, directly or not; sibling services that share
// a key but no import are missed (the scanner's KL203 compares files). The
// report names only the earlier places: a package does not know who imports
// it. Per-environment if/else chains, environments read from files and keys
// shared through a map outside a literal are missed; only package-level
// declarations are read by their names. Hosts are known only from constant
// URLs in the same function (see staticcred), and credentials are compared
// per package. A map named by nothing that holds the same hex-only key in
// two environments is missed. Known false positives: a test or sandbox key
// deliberately reused in "test" and "local" environments, and regions of
// one environment written as environments.
package sharedkey
