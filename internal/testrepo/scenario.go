package testrepo

import (
	"testing"
	"time"
)

// Now is the fixed present of every scenario: tests age secrets as of Now.
var Now = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

// DaysAgo returns the time d days before Now.
func DaysAgo(d int) time.Time { return Now.Add(-time.Duration(d) * 24 * time.Hour) }

// Scenario is the history scanner tests share. Days are counted back from
// Now:
//
//	400  config/app.env      Old: a Prefect token (standard tier, 365 days)
//	     config/legacy.env   Removed: a GitHub token (sensitive, 90 days)
//	200  config/legacy.env deleted
//	120  config/dev.env      Shared: a GitHub token, also in
//	     config/prod.env
//	 80  deploy/aws.env      DueSoon: an AWS access key ID (sensitive)
//	 10  scripts/ci.sh       Fresh: a GitHub token; next to it a token marked
//	                         gitleaks:allow, and ignored.env with a token
//	                         listed in .gitleaksignore
//	  1  README.md edited (HEAD)
type Scenario struct {
	Repo *Repo

	Old, Removed, Shared, DueSoon, Fresh string // the secrets keylint must report
	Allowed, Ignored                     string // secrets it must not report

	// The commits, by the day they were made.
	C400, C200, C120, C80, C10, C1 string
}

// Secrets returns every secret value the scenario plants, reported or not.
func (s *Scenario) Secrets() []string {
	return []string{s.Old, s.Removed, s.Shared, s.DueSoon, s.Fresh, s.Allowed, s.Ignored}
}

// NewScenario builds the scenario's repository.
func NewScenario(t testing.TB) *Scenario {
	t.Helper()
	s := &Scenario{
		Repo:    New(t),
		Old:     PrefectToken(1),
		Removed: GitHubPAT(2),
		Shared:  GitHubPAT(3),
		DueSoon: AWSAccessKeyID(4),
		Fresh:   GitHubPAT(5),
		Allowed: GitHubPAT(6),
		Ignored: GitHubPAT(7),
	}
	r := s.Repo

	r.Write("README.md", "# demo\n")
	r.Write("config/app.env", "APP_NAME=demo\nPREFECT_API_KEY="+s.Old+"\n")
	r.Write("config/legacy.env", "GITHUB_TOKEN="+s.Removed+"\n")
	s.C400 = r.Commit("add app config", DaysAgo(400))

	r.Remove("config/legacy.env")
	s.C200 = r.Commit("drop legacy token", DaysAgo(200))

	r.Write("config/dev.env", "ENV=dev\nGITHUB_TOKEN="+s.Shared+"\n")
	r.Write("config/prod.env", "ENV=prod\nREGION=eu\nGITHUB_TOKEN="+s.Shared+"\n")
	s.C120 = r.Commit("add deploy tokens", DaysAgo(120))

	r.Write("deploy/aws.env", "AWS_ACCESS_KEY_ID="+s.DueSoon+"\n")
	s.C80 = r.Commit("add aws deploy key", DaysAgo(80))

	r.Write("scripts/ci.sh", "#!/bin/sh\nexport GH_TOKEN="+s.Fresh+"\n"+
		"export GH_TEST_TOKEN="+s.Allowed+" # gitleaks:allow\n")
	r.Write("ignored.env", "GITHUB_TOKEN="+s.Ignored+"\n")
	r.Write(".gitleaksignore", "ignored.env:github-pat:1\n")
	s.C10 = r.Commit("add ci script", DaysAgo(10))

	r.Write("README.md", "# demo\n\nDeploy with scripts/ci.sh.\n")
	s.C1 = r.Commit("document deploy", DaysAgo(1))
	return s
}
