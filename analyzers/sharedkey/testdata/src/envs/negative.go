package envs

import "os"

// Negative shapes: none of these is reported.

var envKeys = map[string]string{
	"dev":  os.Getenv("API_KEY"), // not reported: each deployment reads its own value
	"prod": os.Getenv("API_KEY"), // not reported: each deployment reads its own value
}

var distinctKeys = map[string]string{
	"dev":  "sbJmTPSIAoCLrZ3aWZkSBvrjn",
	"prod": "s9Wvgfygw2wMqZcUDIh7yfJs1", // not reported: different keys
}

var urls = map[string]string{
	"dev":  "https://api.example.com",
	"prod": "https://api.example.com", // not reported: not a credential
}

var placeholders = map[string]string{
	"dev":  "changeme",
	"prod": "changeme", // not reported: a placeholder
}

var emptyTokens = map[string]string{
	"dev":  "",
	"prod": "", // not reported: empty
}

var envNames = map[string]string{
	"dev":  "API_KEY",
	"prod": "API_KEY", // not reported: the name of a variable
}

var regions = map[string]string{
	"prod-eu": "tON43xKmTecQoXsf2o3gyrDO1",
	"prod-us": "tON43xKmTecQoXsf2o3gyrDO1", // not reported: one environment, two regions
}

var notEnvKeys = map[string]string{
	"billing": "uxkxwnQrS7RPeMOkIUpkDyr7O",
	"orders":  "uxkxwnQrS7RPeMOkIUpkDyr7O", // not reported: consumers named by keys other than environments are not compared in a map
}

var hosts = map[string]Config{
	"dev":  {URL: "https://dev.example.com", APIKey: os.Getenv("DEV_KEY")},
	"prod": {URL: "https://dev.example.com", APIKey: os.Getenv("PROD_KEY")}, // not reported: URL is not a credential
}

var sameEnvTwice = map[string]string{
	"prod":       "vSJoRu1XXdo0cZuzren68K4Tu",
	"production": "vSJoRu1XXdo0cZuzren68K4Tu", // not reported: one environment spelled twice
}

var differentFields = map[string]Config{
	"dev":  {APIKey: "wnPFz46PDjqipVJIqVLB5Lzxo"},
	"prod": {Token: "wnPFz46PDjqipVJIqVLB5Lzxo"}, // not reported: different fields (a limitation)
}

var differentVars = map[string]string{
	"dev":  devAPIKey,
	"prod": os.Getenv("PROD_API_KEY"), // not reported: different sources
}

var listed = []string{"xiGFfWd3hjOkYRBMeyyMDHqJ3", "xiGFfWd3hjOkYRBMeyyMDHqJ3"} // not reported: no environments

var plainNames = Envs{Dev: "dev.example.com", Prod: "dev.example.com"} // not reported: plainNames is not a credential

var devURL = "https://dev.example.com"

var prodURL = "https://dev.example.com" // not reported: not a credential

var devLogToken = os.Getenv("LOG_TOKEN")

var prodLogToken = os.Getenv("LOG_TOKEN") // not reported: environment lookups

var devProdKey = "y8aRUhR4IWrXPvhsBkDa9U4Uq" // not reported: names two environments

var prodProdKey = "y8aRUhR4IWrXPvhsBkDa9U4Uq" // not reported: names two environments

var apiKey = "zGWlG6g3Ot1OGMmjxWkI9X7H6"

var apiKeyCopy = "zGWlG6g3Ot1OGMmjxWkI9X7H6" // not reported: no environment in the names

func sharedCase(env string) string {
	switch env {
	case "dev", "staging":
		return "AaMuFbh7x41Ztpdp4K8ffUF0e" // not reported: one case lists both environments
	case "prod":
		return "BWIXiiQE8JkqH3MB9n7IWUSmT"
	}
	return ""
}

func switchEnvVars(env string) (token string) {
	switch env {
	case "dev":
		token = os.Getenv("TOKEN")
	case "prod":
		token = os.Getenv("TOKEN") // not reported: environment lookups
	}
	return token
}

func switchNotEnv(kind string) (token string) {
	switch kind {
	case "github":
		token = "CtzQPxC5HChpoevbLJoLoaeTO"
	case "gitlab":
		token = "CtzQPxC5HChpoevbLJoLoaeTO" // not reported: cases are not environments
	}
	return token
}

func switchURL(env string) (url string) {
	switch env {
	case "dev":
		url = "https://api.example.com"
	case "prod":
		url = "https://api.example.com" // not reported: not a credential
	}
	return url
}

func switchDynamic(env string) (token string) {
	switch env {
	case "dev":
		token = fetch("dev")
	case "prod":
		token = fetch("dev") // not reported: calls are not compared
	}
	return token
}

func fetch(string) string { return "" }

func switchDefault(env string) (apiKey string) {
	switch env {
	case "prod":
		apiKey = "Ddoe5c3veGprQFnIiU74KKEpY"
	default:
		apiKey = "Ddoe5c3veGprQFnIiU74KKEpY" // not reported: default is not an environment
	}
	return apiKey
}

func tagless(env string) (apiKey string) {
	switch {
	case env == "dev":
		apiKey = "EEZAmggQBwBAD3UdRPPgdzUvZ"
	case env == "prod":
		apiKey = "EEZAmggQBwBAD3UdRPPgdzUvZ" // not reported: tagless switches are not read (a limitation)
	}
	return apiKey
}

func ifElse(env string) string {
	if env == "dev" {
		return "F3gpmmICiBlrDp37eCZ32JgdP"
	} else if env == "prod" {
		return "F3gpmmICiBlrDp37eCZ32JgdP" // not reported: if/else chains are not read (a limitation)
	}
	return ""
}

func localDecls() (string, string) {
	devToken := "GI1af7W2pkAFEn3z5dkyayq7Y"
	prodToken := "GI1af7W2pkAFEn3z5dkyayq7Y" // not reported: only package-level declarations are read by name (a limitation)
	return devToken, prodToken
}

var zoneIDs = map[string]string{
	"dev":  "deb2b4a2d66dfdab058d759eb18729bb",
	"prod": "deb2b4a2d66dfdab058d759eb18729bb", // not reported: the name says identifiers
}

var hexPerEnv = map[string]string{
	"dev":  "deb2b4a2d66dfdab058d759eb18729bb",
	"prod": "deb2b4a2d66dfdab058d759eb18729bb", // not reported: hex only and named by nothing (a limitation: hex keys in an unnamed map are missed)
}

var regionsByEnv = map[string]string{
	"dev":  "us-east-1",
	"prod": "us-east-1", // not reported: regions
}

var settingsPerEnv = map[string]string{
	"staging":    "https://api.example.com/v1",
	"production": "https://api.example.com/v1", // not reported: not a secret
}

var mixed = map[string]string{
	"dev":     "2jBG7K3Vu7GPA12dF4oii2Ys",
	"prod":    "2jBG7K3Vu7GPA12dF4oii2Ys", // not reported: keyed by more than environments, and nothing names a credential
	"billing": "M46q41l8BwDixM9FYlyHItpl",
}

var buildPerEnv = map[string]string{
	"dev":  buildID,
	"prod": buildID, // not reported: buildID is not a credential
}

var buildID = "OTrtyehaN0Dv5qxCRiNtXbek"

var publishableKeys = map[string]string{
	"dev":  "pk_test_WA1o23pFbFP0HaOBvxhrOt6x",
	"prod": "pk_test_WA1o23pFbFP0HaOBvxhrOt6x", // not reported: publishable keys are public by design
}

var stripeKeys = map[string]string{
	"dev":  "pk_live_jTPUUouewStmLjgv5lkoOaKY",
	"prod": "pk_live_jTPUUouewStmLjgv5lkoOaKY", // not reported: a publishable key by its prefix
}

var publicAPIKeysByEnv = map[string]string{
	"dev":  "KHZGjxYKm2fzMUIBHGfHyNso",
	"prod": "KHZGjxYKm2fzMUIBHGfHyNso", // not reported: the name says public
}

var pubKeyConfigs = map[string]Config{
	"dev":  {APIKey: "pk_test_td0FyKmx9QHhmesNORS0sd5c"},
	"prod": {APIKey: "pk_test_td0FyKmx9QHhmesNORS0sd5c"}, // not reported: a publishable key in a credential field
}

var regionDeployments = []Deployment{
	{Name: "prod-eu", APIKey: "Prua3wzrlfKPsXhrFFTcNuEg"},
	{Name: "prod-us", APIKey: "Prua3wzrlfKPsXhrFFTcNuEg"}, // not reported: regions of one environment
}

var envDeployments = []Deployment{
	{Name: "staging", APIKey: os.Getenv("API_KEY")},
	{Name: "production", APIKey: os.Getenv("API_KEY")}, // not reported: environment lookups
}

var ownDeployments = []Deployment{
	{Name: "staging", APIKey: "Prua3wzrlfKPsXhrFFTcNuEg"},
	{Name: "production", APIKey: "td0FyKmx9QHhmesNORS0sd5c"}, // not reported: different keys
}

var regionNamed = []Deployment{
	{Region: "dev", APIKey: "jTPUUouewStmLjgv5lkoOaKY"},
	{Region: "prod", APIKey: "jTPUUouewStmLjgv5lkoOaKY"}, // not reported: Region does not name the environment
}

func use() []any {
	return []any{apiKeys, tokens, constKeys, varSecrets, configs, configPtrs, nested,
		constEnvAPIKeys, envTokens, envConfigs, threeWay, prodAPIKey, productionToken, prodConfig,
		qaSecret, uatSecret, envKeys, distinctKeys, urls, placeholders, emptyTokens, envNames,
		regions, notEnvKeys, hosts, sameEnvTwice, differentFields, differentVars, listed,
		plainNames, devURL, prodURL, devLogToken, prodLogToken, devProdKey, prodProdKey,
		apiKey, apiKeyCopy, devConfig, stagingToken, keys, apiKeysByEnv,
		tokensPerEnvironment, perEnv, leakedPerEnv, deployments, stages, zoneIDs,
		hexPerEnv, regionsByEnv, settingsPerEnv, mixed, buildPerEnv,
		publishableKeys, stripeKeys, publicAPIKeysByEnv, pubKeyConfigs,
		regionDeployments, envDeployments, ownDeployments, regionNamed}
}
