package github

import (
	"maps"
	"slices"
	"strings"
)

// gitleaksRules maps GitHub's secret-scanning types to the gitleaks rule
// that detects the same kind of secret, where one rule clearly does. Types
// that gitleaks splits finer or detects differently are left out; they keep
// their GitHub name (see Alert.Rule). It is only read.
var gitleaksRules = map[string]string{
	"alibaba_cloud_access_key_id":          "alibaba-access-key-id",
	"alibaba_cloud_access_key_secret":      "alibaba-secret-key",
	"anthropic_api_key":                    "anthropic-api-key",
	"atlassian_api_token":                  "atlassian-api-token",
	"authress_service_client_access_key":   "authress-service-client-access-key",
	"aws_access_key_id":                    "aws-access-token",
	"clojars_deploy_token":                 "clojars-api-token",
	"databricks_access_token":              "databricks-api-token",
	"digitalocean_oauth_token":             "digitalocean-access-token",
	"digitalocean_personal_access_token":   "digitalocean-pat",
	"digitalocean_refresh_token":           "digitalocean-refresh-token",
	"doppler_personal_token":               "doppler-api-token",
	"dynatrace_access_token":               "dynatrace-api-token",
	"fastly_api_token":                     "fastly-api-token",
	"github_app_installation_access_token": "github-app-token",
	"github_oauth_access_token":            "github-oauth",
	"github_personal_access_token":         "github-pat",
	"github_refresh_token":                 "github-refresh-token",
	"github_ssh_private_key":               "private-key",
	"gitlab_access_token":                  "gitlab-pat",
	"google_api_key":                       "gcp-api-key",
	"hashicorp_vault_batch_token":          "vault-batch-token",
	"hashicorp_vault_service_token":        "vault-service-token",
	"hubspot_api_key":                      "hubspot-api-key",
	"linear_api_key":                       "linear-api-key",
	"mailchimp_api_key":                    "mailchimp-api-key",
	"maxmind_license_key":                  "maxmind-license-key",
	"new_relic_personal_api_key":           "new-relic-user-api-key",
	"npm_access_token":                     "npm-access-token",
	"octopus_deploy_api_key":               "octopus-deploy-api-key",
	"openai_api_key":                       "openai-api-key",
	"postman_api_key":                      "postman-api-token",
	"prefect_user_api_key":                 "prefect-api-token",
	"pulumi_access_token":                  "pulumi-api-token",
	"pypi_api_token":                       "pypi-upload-token",
	"rubygems_api_key":                     "rubygems-api-token",
	"sendgrid_api_key":                     "sendgrid-api-token",
	"sendinblue_api_key":                   "sendinblue-api-token",
	"shopify_access_token":                 "shopify-access-token",
	"shopify_app_shared_secret":            "shopify-shared-secret",
	"shopify_custom_app_access_token":      "shopify-custom-access-token",
	"shopify_private_app_password":         "shopify-private-app-access-token",
	"slack_incoming_webhook_url":           "slack-webhook-url",
	"square_access_token":                  "square-access-token",
	"stripe_api_key":                       "stripe-access-token",
	"stripe_live_restricted_key":           "stripe-access-token",
	"telegram_bot_token":                   "telegram-bot-api-token",
	"terraform_api_token":                  "hashicorp-tf-api-token",
	"twilio_api_key":                       "twilio-api-key",
	"typeform_personal_access_token":       "typeform-api-token",
}

// slackRules tells gitleaks' Slack rules apart by the token's prefix:
// GitHub has one type, slack_api_token, for all of them.
var slackRules = []struct{ prefix, rule string }{
	{"xoxb-", "slack-bot-token"},
	{"xoxp-", "slack-user-token"},
	{"xapp-", "slack-app-token"},
}

// GitHubRulePrefix starts the rule of an alert whose type no gitleaks rule
// matches, such as "github:azure_storage_account_key".
const GitHubRulePrefix = "github:"

// Rule returns the gitleaks rule ID that detects the alert's kind of secret,
// so that its fingerprint (and a baseline entry) is the one a local finding
// of the same secret has; else GitHubRulePrefix and GitHub's type.
func (a Alert) Rule() string {
	if a.SecretType == "slack_api_token" {
		for _, r := range slackRules {
			if strings.HasPrefix(a.Secret(), r.prefix) {
				return r.rule
			}
		}
	}
	if r, ok := gitleaksRules[a.SecretType]; ok {
		return r
	}
	return GitHubRulePrefix + a.SecretType
}

// Mapped reports whether rule, from Rule, is a gitleaks rule rather than a
// GitHub type of its own.
func Mapped(rule string) bool { return !strings.HasPrefix(rule, GitHubRulePrefix) }

// MappedRules returns the gitleaks rules that GitHub types map to, sorted,
// for tests that check them against gitleaks' own list.
func MappedRules() []string {
	set := map[string]bool{}
	for _, r := range gitleaksRules {
		set[r] = true
	}
	for _, r := range slackRules {
		set[r.rule] = true
	}
	return slices.Sorted(maps.Keys(set))
}
