// Package fix exercises the suggested fix: read the value from the
// environment. Every secret here is made up.
package fix

import (
	"fmt"
)

type config struct {
	APIKey string
	Token  string
	Limit  int
}

// A variable initialiser.
var stripeKey = "sk_live_DVvmEgKFGt6g4t7dmWwKj2v2" // want `gitleaks rule stripe-access-token in "stripeKey"`

// A []byte conversion keeps its conversion.
var signingKey = []byte("UFCcO4N35lkTN2OQHCcKuxu4IsAEpaJh") // want `hardcoded secret in "signingKey"`

// An unexported constant used only as a string becomes a variable.
const githubToken = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "githubToken"`

// No fix: an exported constant may be needed as a constant elsewhere.
const ExportedToken = "ghp_VaP3RjdmSlPUxYu3JvQvB7KUdDWdM8TVWzZR" // want `gitleaks rule github-pat in "ExportedToken"`

// No fix: a constant used in a constant expression.
const slackToken = "xoxb-6667460669040-2094596792044-oZ8bBepIrw0tUVNa19Kme7mU" // want `gitleaks rule slack-bot-token in "slackToken"`

const slackHeader = "Bearer " + slackToken

// No fix: a constant in a group.
const (
	gitlabToken = "glpat-fQfZ7ccPIyclHpvvsYL0" // want `gitleaks rule gitlab-pat in "gitlabToken"`
)

// No fix: a named string type.
type secret string

var typedSecret secret = "ghp_VaP3RjdmSlPUxYu3JvQvB7KUdDWdM8TVWzZR" // want `gitleaks rule github-pat in "typedSecret"`

func use(cfg *config) {
	fmt.Println(githubToken, slackHeader)

	// A composite literal field.
	c := config{APIKey: "7NjfgMUsC1nhvCIDNb76", Limit: 3} // want `hardcoded api key in field "APIKey"`

	// A selector assignment.
	cfg.Token = "Jlsg0FX6lhq4nRRzdu55lefQAuVYMIv7SF7hXs9T" // want `hardcoded token in "cfg.Token"`

	// No fix: a call argument has no name to derive a variable from.
	fmt.Println("xoxb-6667460669040-2094596792044-oZ8bBepIrw0tUVNa19Kme7mU") // want `gitleaks rule slack-bot-token`

	// No fix: a comparison.
	if cfg.Token == "xxP8McqTxLZbqVCbEyOBnL6T" { // want `hardcoded token compared with "Token"`
	}
	_ = c
}
