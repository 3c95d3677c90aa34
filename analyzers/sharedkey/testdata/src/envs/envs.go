// want package:"secrets\\(48\\)"

// Package envs holds per-environment credentials. Every secret here is
// made up.
package envs

import "os"

const (
	EnvDev  = "dev"
	EnvProd = "prod"
)

const sharedKey = "YDsBS9UYJQTFjmsn9dLVIdVu"

var sharedVar = os.Getenv("SHARED_KEY")

type Config struct {
	URL      string
	APIKey   string
	Token    string
	DB       DB
	Password string
}

type DB struct {
	Host     string
	Password string
}

type Envs struct {
	Dev, Staging, Prod string
}

type EnvConfigs struct {
	Staging, Production Config
}

// Positive shapes.

var apiKeys = map[string]string{
	"dev":  "addLEG62Hkd9Gf2leMeR3pzh8",
	"prod": "addLEG62Hkd9Gf2leMeR3pzh8", // want `environment "prod" has the same api key as "dev" \(envs.go:42\); give each environment its own key`
}

var tokens = map[string]string{
	"dev":     "b4KpLMcNfAQLKHu7qnQTupqzi",
	"staging": "cQPtDu7W7eaDNKgeInGqi7w4e",
	"prod":    "cQPtDu7W7eaDNKgeInGqi7w4e", // want `environment "prod" has the same token as "staging"`
}

var constKeys = map[string]string{
	"staging": sharedKey,
	"prod":    sharedKey, // want `environment "prod" has the same api key as "staging"`
}

var varSecrets = map[string]string{
	"qa":   sharedVar,
	"prod": sharedVar, // want `environment "prod" has the same secret as "qa"`
}

var configs = map[string]Config{
	"dev":  {URL: "https://dev.example.com", APIKey: "d4pxskC1ITtNZPHaQ0Jt7Qg84"},
	"prod": {URL: "https://example.com", APIKey: "d4pxskC1ITtNZPHaQ0Jt7Qg84"}, // want `environment "prod" has the same api key as "dev"`
}

var configPtrs = map[string]*Config{
	"uat":        {APIKey: "eiqh4gVJjrsMnTvnRO2qGFq56"},
	"production": &Config{APIKey: "eiqh4gVJjrsMnTvnRO2qGFq56"}, // want `environment "production" has the same api key as "uat"`
}

var nested = map[string]Config{
	"sandbox": {DB: DB{Host: "db1", Password: "Tr0ub4dor&3x"}},
	"live":    {DB: DB{Host: "db2", Password: "Tr0ub4dor&3x"}}, // want `environment "live" has the same password as "sandbox"`
}

var constEnvAPIKeys = map[string]string{
	EnvDev:  "f2dfOB1rcavXiOqkVCJTBJahe",
	EnvProd: "f2dfOB1rcavXiOqkVCJTBJahe", // want `environment "prod" has the same api key as "dev"`
}

var envTokens = Envs{
	Dev:  "g84S5jIc1xLJjBictx57Y3c5w",
	Prod: "g84S5jIc1xLJjBictx57Y3c5w", // want `environment "Prod" has the same token as "Dev"`
}

var envConfigs = EnvConfigs{
	Staging:    Config{Token: "hnRpQgwXJ43ANVj77p3kZZl4A"},
	Production: Config{Token: "hnRpQgwXJ43ANVj77p3kZZl4A"}, // want `environment "Production" has the same token as "Staging"`
}

var threeWay = map[string]Config{
	"dev":     {APIKey: "iblV7vY7AZQ3VZprkYSgy3c2E"},
	"staging": {APIKey: "iblV7vY7AZQ3VZprkYSgy3c2E"}, // want `environment "staging" has the same api key as "dev" \(envs.go:93\), "prod" \(envs.go:95\)`
	"prod":    {APIKey: "iblV7vY7AZQ3VZprkYSgy3c2E"}, // want `environment "prod" has the same api key as "dev" \(envs.go:93\), "staging" \(envs.go:94\)`
}

var devAPIKey = "jom06Dwt0Y3oobQmzvr3e9Xrw"

var prodAPIKey = "jom06Dwt0Y3oobQmzvr3e9Xrw" // want `environment "prodAPIKey" has the same api key as "devAPIKey"`

const stagingToken = "kPGzR1Iv8bh4qlL9qcgMBwUYu"

const productionToken = "kPGzR1Iv8bh4qlL9qcgMBwUYu" // want `environment "productionToken" has the same token as "stagingToken"`

var devConfig = Config{URL: "https://dev.example.com", APIKey: "lBMGhy5KmqcTBaH7ZIRU8VVQm"}

var prodConfig = &Config{URL: "https://example.com", APIKey: "lBMGhy5KmqcTBaH7ZIRU8VVQm"} // want `environment "prodConfig" has the same api key as "devConfig"`

var qaSecret, uatSecret = sharedVar, sharedVar // want `environment "uatSecret" has the same secret as "qaSecret"`

func switchAssign(env string) string {
	var apiKey string
	switch env {
	case "dev":
		apiKey = "mxBe8Q6vNuQ2hU5tGtQAuzSsJ"
	case "prod":
		apiKey = "mxBe8Q6vNuQ2hU5tGtQAuzSsJ" // want `environment "prod" has the same api key as "dev"`
	}
	return apiKey
}

func apiKeyFor(env string) string {
	switch env {
	case EnvDev:
		return "nimAQ8yRV5lNKtzJ1atsnBYLM"
	case EnvProd:
		return "nimAQ8yRV5lNKtzJ1atsnBYLM" // want `environment "prod" has the same api key as "dev"`
	}
	return ""
}

func configFor(env string) Config {
	switch env {
	case "staging":
		return Config{APIKey: "oPuDCCRnGEY59YVkQfsGQONvf"}
	case "production":
		return Config{APIKey: "oPuDCCRnGEY59YVkQfsGQONvf"} // want `environment "production" has the same api key as "staging"`
	}
	return Config{}
}

func switchField(env string, cfg *Config) {
	switch env {
	case "test":
		cfg.Token = sharedVar
	case "live":
		cfg.Token = sharedVar // want `environment "live" has the same token as "test"`
	}
}

func switchConst(env string) (secret string) {
	switch env {
	case "local":
		secret = sharedKey
	case "canary":
		secret = sharedKey // want `environment "canary" has the same secret as "local"`
	}
	return secret
}

func localMap() map[string]string {
	credentials := map[string]string{
		"dev":  "p08WpRtoZmjbcpEN2XeDA4OKm",
		"prod": "p08WpRtoZmjbcpEN2XeDA4OKm", // want `environment "prod" has the same credential as "dev"`
	}
	return credentials
}

func fieldMap(cfg *struct{ Secrets map[string]string }) {
	cfg.Secrets = map[string]string{
		"preprod": "qTSyFzpjPSa5W3X4gXBolZ9SH",
		"prod":    "qTSyFzpjPSa5W3X4gXBolZ9SH", // want `environment "prod" has the same secret as "preprod"`
	}
}

func selectorValues(dev, prod Config) map[string]string {
	shared := Config{APIKey: "rDdJp62hDiZDQHJMu8W5CN0U5"}
	apiKeys := map[string]string{
		"dev":  shared.APIKey,
		"prod": shared.APIKey, // want `environment "prod" has the same api key as "dev"`
	}
	return apiKeys
}

var keys = map[string]string{
	"staging":    "9byrtkHv7LaAdzHVOcRj43bC",
	"production": "9byrtkHv7LaAdzHVOcRj43bC", // want `environment "production" has the same secret as "staging"`
}

var apiKeysByEnv = map[string]string{
	"dev":  "yW9SwWzp3G0t9AR01ukgcyqr",
	"prod": "yW9SwWzp3G0t9AR01ukgcyqr", // want `environment "prod" has the same api key as "dev"`
}

var tokensPerEnvironment = map[string]string{
	"qa":   "FQhJP8hhbYkJo8GqXxtspEUS",
	"live": "FQhJP8hhbYkJo8GqXxtspEUS", // want `environment "live" has the same token as "qa"`
}

var perEnv = map[string]string{
	"dev":  sharedKey,
	"prod": sharedKey, // want `environment "prod" has the same secret as "dev"`
}

var leakedPerEnv = map[string]string{
	"staging": "ghp_1XVCxjNNkfU54GsMEXAofcccsr8rMsUnrROB",
	"prod":    "ghp_1XVCxjNNkfU54GsMEXAofcccsr8rMsUnrROB", // want `environment "prod" has the same secret as "staging"`
}

var deployments = []Deployment{
	{Name: "staging", Region: "eu-west-1", APIKey: "nSFdBApflAcrblKUC7GWYxFL"},
	{Name: "production", Region: "eu-west-1", APIKey: "nSFdBApflAcrblKUC7GWYxFL"}, // want `environment "production" has the same api key as "staging"`
}

var stages = [...]*Stage{
	&Stage{Environment: "dev", Token: "0ayIPReSPPgOzKCvZZaQzi9C"},
	{Environment: "prod", Token: "0ayIPReSPPgOzKCvZZaQzi9C"}, // want `environment "prod" has the same token as "dev"`
}

func localDeployments() []Deployment {
	return []Deployment{
		{Name: "dev", APIKey: sharedVar},
		{Name: "prod", APIKey: sharedVar}, // want `environment "prod" has the same api key as "dev"`
	}
}

type Deployment struct {
	Name   string
	Region string
	APIKey string
}

type Stage struct {
	Environment string
	Token       string
}
