package github_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/keylint/keylint/internal/github"
	gt "github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/testrepo"
	"github.com/keylint/keylint/rules"
)

// alertRepo is a history of 6 commits and three alerts: two found in
// commits (one resolved) and one only in an issue comment.
func alertRepo(t *testing.T, firstLocation bool) (*gt.Server, []gt.Commit) {
	t.Helper()
	commits := rewrites("app.env", 6, 2)
	shas, err := gt.SHAs(commits)
	if err != nil {
		t.Fatal(err)
	}
	sha := func(i int) string { return shas[i] }
	created := time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)
	alerts := []gt.Alert{{
		Number: 1, SecretType: "github_personal_access_token",
		SecretTypeDisplayName: "GitHub Personal Access Token", Secret: needle,
		Validity: "active", CreatedAt: created,
		Locations: []gt.Location{
			{Path: "app.env", StartLine: 3, Commit: sha(1)},
			{Path: "app.env", StartLine: 3, Commit: sha(4)},
		},
	}, {
		Number: 2, State: "resolved", Resolution: "revoked", SecretType: "slack_api_token",
		SecretTypeDisplayName: "Slack API Token", Secret: "other-" + needle,
		CreatedAt: created.Add(time.Hour), ResolvedAt: created.Add(48 * time.Hour),
		Locations: []gt.Location{{}, {Path: "docs/setup.md", StartLine: 7, Commit: sha(3)}},
	}, {
		Number: 3, SecretType: "stripe_api_key", SecretTypeDisplayName: "Stripe API Key",
		Secret: "third-" + needle, CreatedAt: created.Add(2 * time.Hour),
		Locations: []gt.Location{{}},
	}}
	srv := gt.New(t, gt.Config{Commits: commits, Alerts: alerts, Token: testToken,
		FirstLocationDetected: firstLocation})
	return srv, commits
}

func TestAlerts(t *testing.T) {
	t.Parallel()
	for _, firstLocation := range []bool{false, true} {
		t.Run(fmt.Sprintf("first_location_detected=%v", firstLocation), func(t *testing.T) {
			t.Parallel()
			srv, commits := alertRepo(t, firstLocation)
			client := newClient(t, srv, nil)
			got := listAndDate(t, client, github.AlertQuery{})
			created := time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)
			base := srv.APIURL()[:len(srv.APIURL())-len("/api/v3/")]
			html := func(n int) string {
				return fmt.Sprintf("%s/octo-org/demo/security/secret-scanning/%d", base, n)
			}
			want := []github.Alert{{
				Number: 3, State: "open", SecretType: "stripe_api_key",
				SecretTypeDisplayName: "Stripe API Key", Validity: "unknown", HTMLURL: html(3),
				CreatedAt: created.Add(2 * time.Hour),
			}, {
				Number: 2, State: "resolved", Resolution: "revoked", SecretType: "slack_api_token",
				SecretTypeDisplayName: "Slack API Token", Validity: "unknown", HTMLURL: html(2),
				CreatedAt: created.Add(time.Hour), ResolvedAt: created.Add(48 * time.Hour),
				Path: "docs/setup.md", Line: 7, Column: 1, Commit: srv.SHA(3),
				Author: commits[3].Author.Name, Date: commits[3].Author.Date,
			}, {
				Number: 1, State: "open", SecretType: "github_personal_access_token",
				SecretTypeDisplayName: "GitHub Personal Access Token", Validity: "active",
				HTMLURL: html(1), CreatedAt: created,
				Path: "app.env", Line: 3, Column: 1, Commit: srv.SHA(1),
				Author: commits[1].Author.Name, Date: commits[1].Author.Date,
			}}
			if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(github.Alert{})); diff != "" {
				t.Errorf("Alerts (-want +got):\n%s", diff)
			}
			if !got[2].Matches(needle) || got[2].Matches("other-"+needle) || got[0].Matches(needle) {
				t.Error("Matches does not tell the alerts' secrets apart")
			}
			if got[2].Secret() != needle || !got[2].Open() || got[1].Open() {
				t.Error("the listing does not hold the secrets and states GitHub sent")
			}

			// One list page and two commits to date; without
			// first_location_detected, one locations page per alert.
			wantCounts := map[gt.Endpoint]int{gt.EndpointAlerts: 1, gt.EndpointCommit: 2}
			if !firstLocation {
				wantCounts[gt.EndpointLocations] = 3
			}
			if firstLocation {
				// Alert 2's first location is an issue comment, so it is
				// looked up in the list.
				wantCounts[gt.EndpointLocations] = 2
			}
			if diff := cmp.Diff(wantCounts, srv.Counts()); diff != "" {
				t.Errorf("requests per endpoint (-want +got):\n%s", diff)
			}
			assertNeverSent(t, srv, needle)
		})
	}
}

func TestAlertsPaginated(t *testing.T) {
	t.Parallel()
	commits := rewrites("app.env", 3, 1)
	shas, err := gt.SHAs(commits)
	if err != nil {
		t.Fatal(err)
	}
	var alerts []gt.Alert
	for n := 1; n <= 230; n++ {
		alerts = append(alerts, gt.Alert{Number: n, SecretType: "generic", Secret: fmt.Sprint("s", n),
			Locations: []gt.Location{{Path: "app.env", StartLine: 3, Commit: shas[n%3]}}})
	}
	srv := gt.New(t, gt.Config{Commits: commits, Alerts: alerts, Token: testToken,
		FirstLocationDetected: true})
	client := newClient(t, srv, nil)
	got := listAndDate(t, client, github.AlertQuery{})
	if len(got) != 230 || got[0].Number != 230 || got[229].Number != 1 {
		t.Errorf("got %d alerts from #%d to #%d; want 230, newest first", len(got),
			got[0].Number, got[len(got)-1].Number)
	}
	// Three pages of 100, and each distinct commit dated once.
	want := map[gt.Endpoint]int{gt.EndpointAlerts: 3, gt.EndpointCommit: 3}
	if diff := cmp.Diff(want, srv.Counts()); diff != "" {
		t.Errorf("requests per endpoint (-want +got):\n%s", diff)
	}
}

func TestAlertsFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cfg   gt.Config
		setup func(*gt.Server)
		token string
		kind  error
		msg   string
	}{{
		name: "secret scanning disabled",
		cfg:  gt.Config{SecretScanningDisabled: true},
		kind: github.ErrNotFound,
		msg:  "GitHub API: secret scanning alerts not found: not enabled, or token lacks access (404)",
	}, {
		name: "token without the permission",
		setup: func(s *gt.Server) {
			s.Fail(gt.EndpointAlerts, -1, gt.Forbidden("Resource not accessible by integration"))
		},
		kind: github.ErrForbidden,
		msg:  "GitHub API: access forbidden (403): Resource not accessible by integration",
	}, {
		name:  "no token for a private repository",
		token: "-",
		kind:  github.ErrNotFound,
		msg:   "GitHub API: secret scanning alerts not found: not enabled, or token lacks access (404)",
	}, {
		name:  "malformed alert list",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointAlerts, 1, gt.Malformed()) },
		kind:  github.ErrMalformed,
		msg:   "GitHub API: malformed response from /repos/octo-org/demo/secret-scanning/alerts: unexpected EOF",
	}, {
		name:  "commit lookup fails",
		setup: func(s *gt.Server) { s.Fail(gt.EndpointCommit, -1, gt.ServerError(500)) },
		kind:  github.ErrServer,
		msg:   "GitHub API: server error 500",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := tt.cfg
			cfg.Commits, cfg.Token = rewrites("app.env", 3, 1), testToken
			shas, err := gt.SHAs(cfg.Commits)
			if err != nil {
				t.Fatal(err)
			}
			cfg.Alerts = []gt.Alert{{Number: 1, Secret: needle,
				Locations: []gt.Location{{Path: "app.env", StartLine: 1, Commit: shas[0]}}}}
			srv := gt.New(t, cfg)
			if tt.setup != nil {
				tt.setup(srv)
			}
			client := newClient(t, srv, nil, func(o *github.Options) {
				if tt.token == "-" {
					o.Token = ""
				}
			})
			ctx := context.Background()
			got, err := client.Alerts(ctx, github.AlertQuery{})
			if err == nil {
				// Listing worked; dating is the step that fails.
				err = client.DateAlert(ctx, &got[0])
			} else if got != nil {
				t.Errorf("got %d alerts with the error", len(got))
			}
			checkError(t, err, tt.kind, tt.msg)
		})
	}
}

// listAndDate lists the alerts and dates each, as a caller that needs them
// all does.
func listAndDate(t *testing.T, c *github.Client, q github.AlertQuery) []github.Alert {
	t.Helper()
	ctx := context.Background()
	alerts, err := c.Alerts(ctx, q)
	if err != nil {
		t.Fatalf("Alerts: %v", err)
	}
	for i := range alerts {
		if err := c.DateAlert(ctx, &alerts[i]); err != nil {
			t.Fatalf("DateAlert #%d: %v", alerts[i].Number, err)
		}
	}
	return alerts
}

// TestAlertsCachedPerHead checks the listing cache: a re-run at the same
// HEAD within the hour asks nothing and still matches secrets by digest; a
// push, an old listing, or a caller that needs the secrets asks again. The
// cache never holds a secret.
func TestAlertsCachedPerHead(t *testing.T) {
	t.Parallel()
	srv, _ := alertRepo(t, true)
	dir := t.TempDir()
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	client := func(at time.Time) *github.Client {
		c := newClient(t, srv, nil, func(o *github.Options) { o.CacheDir = dir })
		github.SetNow(c, func() time.Time { return at })
		return c
	}
	head, pushed := srv.SHA(-1), srv.SHA(-2)
	steps := []struct {
		name      string
		at        time.Time
		q         github.AlertQuery
		requests  int  // alert listings sent
		secrets   bool // the alerts hold their secrets
		datedFree bool // dating alert #1 needs no request
	}{
		{"first run", now, github.AlertQuery{Head: head}, 1, true, false},
		{"re-run, same HEAD", now.Add(59 * time.Minute), github.AlertQuery{Head: head}, 0,
			false, true},
		{"another HEAD", now, github.AlertQuery{Head: pushed}, 1, true, true},
		{"an hour later", now.Add(time.Hour), github.AlertQuery{Head: head}, 1, true, true},
		{"secrets wanted", now.Add(time.Hour), github.AlertQuery{Head: head, Secrets: true},
			1, true, true},
		{"no HEAD: no cache", now, github.AlertQuery{}, 1, true, true},
	}
	for _, st := range steps {
		srv.ResetCounts()
		c := client(st.at)
		got, err := c.Alerts(context.Background(), st.q)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if n := srv.Requests(gt.EndpointAlerts); n != st.requests {
			t.Errorf("%s: %d listings sent, want %d", st.name, n, st.requests)
		}
		one := got[len(got)-1]
		if !one.Matches(needle) || (one.Secret() == needle) != st.secrets {
			t.Errorf("%s: alert #%d matches %v, holds its secret %v; want true, %v",
				st.name, one.Number, one.Matches(needle), one.Secret() == needle, st.secrets)
		}
		if err := c.DateAlert(context.Background(), &one); err != nil || one.Date.IsZero() {
			t.Fatalf("%s: DateAlert: %v", st.name, err)
		}
		if free := srv.Requests(gt.EndpointCommit) == 0; free != st.datedFree {
			t.Errorf("%s: dating alert #1 free %v, want %v", st.name, free, st.datedFree)
		}
	}
	testrepo.NoSecretInDir(t, dir, needle, "other-"+needle, "third-"+needle, testToken)
}

// TestAlertSecretNotPrinted checks that an Alert printed or logged in any
// usual way shows no secret.
func TestAlertSecretNotPrinted(t *testing.T) {
	t.Parallel()
	srv, _ := alertRepo(t, true)
	alerts := listAndDate(t, newClient(t, srv, nil), github.AlertQuery{})
	var logs syncBuffer
	text := slog.New(slog.NewTextHandler(&logs, nil))
	js := slog.New(slog.NewJSONHandler(&logs, nil))
	for _, a := range alerts {
		data, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		text.Info("alert", "alert", a)
		js.Info("alert", "alert", a, "ptr", &a)
		for _, out := range []string{fmt.Sprint(a), fmt.Sprintf("%+v", a),
			fmt.Sprintf("%#v", a), fmt.Sprintf("%+v", &a), string(data)} {
			if strings.Contains(out, needle) {
				t.Errorf("alert #%d printed with its secret: %s", a.Number, out)
			}
		}
	}
	if strings.Contains(logs.String(), needle) {
		t.Errorf("log holds a secret:\n%s", logs.String())
	}
}

func TestAlertRule(t *testing.T) {
	t.Parallel()
	commits := rewrites("app.env", 2, 1)
	tests := []struct{ typ, secret, want string }{
		{"github_personal_access_token", "ghp_x", "github-pat"},
		{"aws_access_key_id", "AKIA", "aws-access-token"},
		{"stripe_api_key", "sk_live_x", "stripe-access-token"},
		{"slack_api_token", "xoxb-1-2-x", "slack-bot-token"},
		{"slack_api_token", "xoxp-1-2-x", "slack-user-token"},
		{"slack_api_token", "xoxe-1-x", "github:slack_api_token"},
		{"azure_storage_account_key", "k", "github:azure_storage_account_key"},
	}
	var alerts []gt.Alert
	for i, tt := range tests {
		alerts = append(alerts, gt.Alert{Number: i + 1, SecretType: tt.typ, Secret: tt.secret})
	}
	srv := gt.New(t, gt.Config{Commits: commits, Alerts: alerts, Token: testToken})
	got, err := newClient(t, srv, nil).Alerts(context.Background(), github.AlertQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range got {
		tt := tests[a.Number-1]
		if r := a.Rule(); r != tt.want || github.Mapped(r) == strings.HasPrefix(tt.want, "github:") {
			t.Errorf("%s (%s…): rule %q, mapped %v; want %q", tt.typ, tt.secret[:2], r,
				github.Mapped(r), tt.want)
		}
	}

	// Every rule the table maps to is one of gitleaks' (their tiers are).
	known := rules.TieredRules()
	for _, r := range github.MappedRules() {
		if _, ok := known[r]; !ok {
			t.Errorf("GitHub types map to %q, which is not a gitleaks rule", r)
		}
	}
}
