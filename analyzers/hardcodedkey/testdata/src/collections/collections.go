// Package collections holds values of maps and slices bound to the name of
// the collection. Every secret here is made up.
package collections

// Positive: a map named as API keys, keyed by environment.
var apiKeys = map[string]string{
	"dev":  "6B2xRww551hhWf2fGtDSMF2h", // want `hardcoded api key in "apiKeys" at key "dev" \(6B2x…\(24 chars\)\); load it at run time \(KL101\)`
	"prod": "q6e403bEY3km6H3iaBNIAVp0", // want `hardcoded api key in "apiKeys" at key "prod"`
}

// Positive: a name indexed by environment.
var tokensByEnv = map[string]string{
	"staging": "9pVtqiqGHKA8Jzesm8iD29Lo", // want `hardcoded token in "tokensByEnv" at key "staging"`
}

// Positive: a map keyed by provider, under a credential name.
var secrets = map[string][]byte{
	"stripe": []byte("6mRkllywCCJ913AhlEX4cEA5"), // want `hardcoded secret in "secrets" at key "stripe"`
}

// Positive: keys that are not strings.
var tokens = map[int]string{
	1: "I0nHklQfs8JeUSZnPQyLR44j", // want `hardcoded token in "tokens"`
}

// Positive: a slice and an array of tokens.
var allowedTokens = []string{"70QrlCrhsGmv5Hvtl8ldJTT8"} // want `hardcoded token in "allowedTokens"`

var apiKeyRing = [...]string{2: "tS7WpZaWoXLmge4DcQWdHVUB"} // not reported: "api key ring" ends in ring, no credential

var credentials = [2]string{"arrl0fn8Ge7rl0t0NsK8gqZP", "0fi0IbSj5IDVoDqQWLeLqFAA"} // want `hardcoded credential in "credentials"` `hardcoded credential in "credentials"`

type config struct {
	APIKeys map[string]string
	Regions map[string]string
}

func fields(cfg *config) {
	// Positive: a map field assigned and in a struct literal.
	cfg.APIKeys = map[string]string{"eu": "e2v8XCFoiGi10VxSyPDI5kU2"}        // want `hardcoded api key in "APIKeys" at key "eu"`
	_ = config{APIKeys: map[string]string{"us": "XwpCmG6QSIsAWBLa7r3cfo22"}} // want `hardcoded api key in "APIKeys" at key "us"`
	// Positive: a map inside a map under a credential key.
	_ = map[string]map[string]string{
		"tokens": {"ci": "1ResdfNC5ghxwszEs4DtIFbF"}, // want `hardcoded token in "tokens" at key "ci"`
	}
}

// Positive: the key's own name wins when it names a credential.
var byService = map[string]map[string]string{
	"billing": {"api_key": "l960NHtenrIVzGwLEsnSr5Uj"}, // want `hardcoded api key under map key "api_key"`
}

// Negative: the same values under names that are no credentials.
var regions = map[string]string{
	"dev":  "jIerLfUNr7gkVjuAaNTjbfVR",
	"prod": "S9nxhAp4IBTllJiJaW8rrsEL",
}

var ids = []string{"qtNPEIcMlkvlu4AbVpEA0hKO"}

var keys = map[string]string{"dev": "y112iNnSDanp4UgR4LKHb29T"} // not reported: a bare key is a lookup key

func regionFields(cfg *config) {
	cfg.Regions = map[string]string{"dev": "gFyH2quy89VQ4OsJbtKUJShQ"}
}

// Negative: credential-named collections holding names and placeholders.
var apiKeyNames = map[string]string{"dev": "DEV_API_KEY", "prod": "PROD_API_KEY"}

var tokenPlaceholders = map[string]string{"dev": "<token>"}

var apiKeysFromEnv = map[string]string{
	"dev":  "${DEV_API_KEY}",
	"prod": "changeme",
}

var tokenHeaders = []string{"Authorization", "X-Api-Token"}

var passwordHashes = []string{"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"}

// Negative: publishable and public keys are meant to be seen.
var publishableKeys = map[string]string{
	"dev":  "pk_test_xpaHQeShMigPIJdy6agtsuk7",
	"prod": "pk_live_6AQs1gZuEdcaobGxWpVNodAY",
}

var stripeKeys = map[string]string{"dev": "pk_test_4lkjR7Qgq6e4vX4iTX5LjXGx"}

var publishableKey = "pk_live_etXoPHWMLiWqCvPGvLSGZgOa"

var publicAPIKey = "xX61Xif6iB5h3FVUepGVAjhs"

var mapboxToken = "pk.eyJ1IjoibWFwYm94IiwiYSI6ImNrMmV4YW1wbGUifQ.MmUreKdgbL4lxZC7nQBgXZyi"

func use() []any {
	return []any{apiKeys, tokensByEnv, secrets, tokens, allowedTokens, apiKeyRing,
		credentials, byService, regions, ids, keys, apiKeyNames, tokenPlaceholders,
		apiKeysFromEnv, tokenHeaders, passwordHashes, publishableKeys, stripeKeys,
		publishableKey, publicAPIKey, mapboxToken}
}
