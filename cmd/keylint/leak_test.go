package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gt "github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/testrepo"
)

// The leak test plants secrets of many kinds in a repository that is also a
// Go module, runs every command and output of keylint over it, and checks
// that no planted value appears in full in what keylint prints, writes or
// sends to GitHub. Every value is assembled at run time, so this file holds
// nothing a secret scanner flags.

// planted is one secret the leak test plants.
type planted struct {
	kind  string // for messages only
	value string
	also  []string // other forms of it that must not be shown either
}

// needles returns the strings that must never be shown: the value, and for
// a PEM block each line of its body, since a block is usable in parts.
func (p planted) needles() []string {
	out := append([]string{p.value}, p.also...)
	if !strings.Contains(p.value, "\n") {
		return out
	}
	for line := range strings.SplitSeq(p.value, "\n") {
		if !strings.HasPrefix(line, "-----") {
			out = append(out, line)
		}
	}
	return out
}

const (
	digits = "0123456789"
	b64    = testrepo.Alnum + "+/"
	b64url = testrepo.Alnum + "-_"
)

// pemKey returns an RSA private key block with its armour assembled.
func pemKey(seed uint64) string {
	armour := func(what string) string { return "-----" + what + " RSA PRIVATE KEY-----" }
	lines := []string{armour("BEGIN")}
	for i := range 5 {
		lines = append(lines, testrepo.Token(seed+uint64(i), "", b64, 64))
	}
	return strings.Join(append(lines, armour("END")), "\n")
}

// jwtToken returns a JSON Web Token with a real header and a random
// signature.
func jwtToken(seed uint64) string {
	enc := base64.RawURLEncoding.EncodeToString
	header := enc([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims := enc([]byte(`{"sub":"` + testrepo.Token(seed, "", digits, 10) +
		`","iat":1600000000}`))
	return header + "." + claims + "." + testrepo.Token(seed+1, "", b64url, 43)
}

// encodedPAT returns a GitHub PAT that the repository holds base64-encoded,
// as a Kubernetes secret does.
func encodedPAT(seed uint64) planted {
	pat := testrepo.GitHubPAT(seed)
	return planted{kind: "base64-encoded GitHub PAT", value: pat,
		also: []string{base64.StdEncoding.EncodeToString([]byte(pat))}}
}

// leakSecrets are the secrets of the leak test's repository, by role.
type leakSecrets struct {
	pat, awsID, awsSecret, stripe, pem planted // committed at day 400
	slack                              planted // day 120, in two files
	gcp, jwt, generic, encoded         planted // day 30
	goPAT, goKey                       planted // day 5, in main.go
	staged, untracked                  planted // not committed
}

func (s *leakSecrets) all() []planted {
	return []planted{s.pat, s.awsID, s.awsSecret, s.stripe, s.pem, s.slack, s.gcp, s.jwt,
		s.generic, s.encoded, s.goPAT, s.goKey, s.staged, s.untracked}
}

// committed returns the secrets a scan of the whole history reports.
func (s *leakSecrets) committed() []planted {
	return []planted{s.pat, s.awsID, s.awsSecret, s.stripe, s.pem, s.slack, s.gcp, s.jwt,
		s.generic, s.encoded, s.goPAT, s.goKey}
}

func newLeakSecrets() *leakSecrets {
	stripe := func(seed uint64) string {
		return testrepo.Token(seed, "sk_"+"live_", testrepo.Alnum, 24)
	}
	slack := "xoxb-" + testrepo.Token(810, "", digits, 12) + "-" +
		testrepo.Token(811, "", digits, 12) + "-" + testrepo.Token(812, "", testrepo.Alnum, 24)
	return &leakSecrets{
		pat:       planted{kind: "GitHub PAT", value: testrepo.GitHubPAT(800)},
		awsID:     planted{kind: "AWS access key ID", value: testrepo.AWSAccessKeyID(801)},
		awsSecret: planted{kind: "AWS secret key", value: testrepo.Token(802, "", b64, 40)},
		stripe:    planted{kind: "Stripe live key", value: stripe(803)},
		pem:       planted{kind: "private key", value: pemKey(804)},
		slack:     planted{kind: "Slack bot token", value: slack},
		gcp:       planted{kind: "GCP API key", value: testrepo.Token(820, "AI"+"za", b64url, 35)},
		jwt:       planted{kind: "JWT", value: jwtToken(821)},
		generic:   planted{kind: "generic API key", value: testrepo.Token(822, "", testrepo.Alnum, 32)},
		encoded:   encodedPAT(823),
		goPAT:     planted{kind: "GitHub PAT in Go", value: testrepo.GitHubPAT(830)},
		goKey:     planted{kind: "Stripe key logged in Go", value: stripe(831)},
		staged:    planted{kind: "staged GitHub PAT", value: testrepo.GitHubPAT(840)},
		untracked: planted{kind: "untracked AWS key ID", value: testrepo.AWSAccessKeyID(841)},
	}
}

// leakRepo builds the repository; it returns the commit the range scans
// start from.
func leakRepo(t *testing.T, s *leakSecrets) (r *testrepo.Repo, base string) {
	t.Helper()
	r = testrepo.New(t)
	r.Write("go.mod", "module example.com/leaky\n\ngo 1.26\n")
	r.Write("README.md", "# leaky\n")
	r.Write("config/app.env", "GITHUB_TOKEN="+s.pat.value+"\nAWS_ACCESS_KEY_ID="+
		s.awsID.value+"\naws_secret_access_key = "+s.awsSecret.value+"\n")
	r.Write("deploy/stripe.env", "STRIPE_KEY="+s.stripe.value+"\n")
	r.Write("keys/deploy_key", s.pem.value+"\n")
	r.Commit("initial config", testrepo.DaysAgo(400))

	r.Remove("deploy/stripe.env")
	r.Remove("keys/deploy_key")
	r.Commit("drop the stripe key and the deploy key", testrepo.DaysAgo(200))

	for _, env := range []string{"dev", "prod"} {
		r.Write("config/"+env+".env", "ENV="+env+"\nSLACK_TOKEN="+s.slack.value+"\n")
	}
	r.Commit("slack notifications", testrepo.DaysAgo(120))

	r.Write("web/config.js", "export const mapsKey = \""+s.gcp.value+"\";\n")
	r.Write("test/fixture.json", "{\"session\": \""+s.jwt.value+"\"}\n")
	r.Write("k8s/secret.yaml", "kind: Secret\ndata:\n  token: "+s.encoded.also[0]+"\n")
	r.Write("settings.ini", "[service]\napi_key = "+s.generic.value+"\n")
	base = r.Commit("web client", testrepo.DaysAgo(30))

	r.Write("main.go", `package main

import (
	"log"
	"os"
)

const githubToken = "`+s.goPAT.value+`"

var stripeKey = "`+s.goKey.value+`"

func main() {
	log.Printf("charging with key %s", stripeKey)
	os.Setenv("GH_TOKEN", githubToken)
}
`)
	r.Commit("client", testrepo.DaysAgo(5))

	r.Write("staged.env", "GITHUB_TOKEN="+s.staged.value+"\n")
	r.Stage("staged.env")
	r.Write("untracked.env", "AWS_ACCESS_KEY_ID="+s.untracked.value+"\n")
	return r, base
}

// leakRun is one run of a command in the leak test.
type leakRun struct {
	name           string
	code           int
	stdout, stderr string
}

// leakEnv is the environment of the commands: the process's (isolated from
// the user's git configuration), without the GitHub Actions variables of
// the machine the test runs on, plus vars.
func leakEnv(vars ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GITHUB_") {
			env = append(env, kv)
		}
	}
	return append(env, vars...)
}

func runIn(t *testing.T, dir string, env []string, name string, args ...string) leakRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	switch {
	case ctx.Err() != nil:
		t.Fatalf("%s %s: timed out", name, strings.Join(args, " "))
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return leakRun{filepath.Base(name) + " " + strings.Join(args, " "), code,
		stdout.String(), stderr.String()}
}

// leakTest runs keylint's commands and keeps what they printed.
type leakTest struct {
	t    *testing.T
	bin  string
	env  []string
	out  string // the directory of every file keylint writes
	runs []leakRun
}

func (lt *leakTest) file(name string) string { return filepath.Join(lt.out, name) }

// keylint runs keylint in dir and checks its exit code.
func (lt *leakTest) keylint(dir string, wantCode int, args ...string) {
	lt.t.Helper()
	r := runIn(lt.t, dir, lt.env, lt.bin, args...)
	if r.code != wantCode {
		lt.t.Errorf("%s: exit %d, want %d\nstderr: %s", r.name, r.code, wantCode, r.stderr)
	}
	lt.runs = append(lt.runs, r)
}

// TestLeak checks that no command of keylint shows a planted secret in
// full, in any output format, mode or log level, in a file it writes or in
// a request to GitHub; and that --show-secrets does show them.
func TestLeak(t *testing.T) {
	if err := isolateOnce(); err != nil {
		t.Fatal(err)
	}
	s := newLeakSecrets()
	repo, base := leakRepo(t, s)
	head := repo.Git("rev-parse", "HEAD")
	lt := &leakTest{t: t, bin: buildKeylint(t), out: t.TempDir()}

	// One fake GitHub dates the shallow clone's secrets and takes the
	// reports on pull request 7, whose diff adds main.go.
	commits, err := gt.CommitsFromGit(repo.Dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	srv, writes := gt.NewPull(t, gt.Config{Commits: commits, Token: "tok"},
		gt.PullRequest{Number: 7, Files: []gt.PullFile{{Filename: "main.go", Status: "added",
			Patch: "@@ -0,0 +1,17 @@\n" + strings.Repeat("+line\n", 17)}}})
	event := lt.file("event.json")
	if err := os.WriteFile(event, []byte(`{"pull_request": {"number": 7, "head": {"sha": "`+
		head+`"}, "base": {"sha": "`+base+`"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	lt.env = leakEnv("GITHUB_TOKEN=tok", "GITHUB_REPOSITORY="+srv.Owner()+"/"+srv.Repo(),
		"GITHUB_API_URL="+srv.APIURL(), "GITHUB_EVENT_PATH="+event,
		"GITHUB_STEP_SUMMARY="+lt.file("step-summary.md"),
		"GITHUB_OUTPUT="+lt.file("github-output"))

	lt.scans(repo.Dir, base)
	// A shallow clone is dated through the fake GitHub: the requests must
	// not carry a secret either.
	lt.keylint(repo.Clone(1).Dir, 1, "scan", "--debug", "--github",
		srv.Owner()+"/"+srv.Repo(), "--format", "json", "--output", lt.file("shallow.json"), ".")
	lt.analyzers(repo.Dir)
	lt.reports(repo.Dir)
	if len(writes.CheckRuns()) != 1 || len(writes.Reviews()) != 1 {
		t.Errorf("the fake GitHub got %d check runs and %d reviews, want 1 and 1",
			len(writes.CheckRuns()), len(writes.Reviews()))
	}
	if n := len(srv.Received()); n < 5 {
		t.Errorf("the fake GitHub received %d requests; the test does not reach it", n)
	}

	// A leak is shown in context, with every secret in it masked.
	var pairs []string
	for _, p := range s.all() {
		for _, n := range p.needles() {
			pairs = append(pairs, n, "<secret>")
		}
	}
	mask := strings.NewReplacer(pairs...)
	for _, text := range lt.seen(srv.Received()) {
		where, _, _ := strings.Cut(text, "\n")
		for _, p := range s.all() {
			for _, needle := range p.needles() {
				if i := strings.Index(text, needle); i >= 0 {
					t.Errorf("%s holds the %s in full: %s", where, p.kind,
						mask.Replace(text[max(0, i-80):min(len(text), i+len(needle)+20)]))
				}
			}
		}
	}
	lt.showSecrets(repo.Dir, s)
}

// scans runs the scanner in every format and mode, plain and with --debug.
func (lt *leakTest) scans(dir, base string) {
	for _, format := range []string{"text", "json", "sarif", "github", "markdown"} {
		lt.keylint(dir, 1, "scan", "--format", format, ".")
		lt.keylint(dir, 1, "scan", "--debug", "--format", format, ".")
	}
	lt.keylint(dir, 1, "scan", "--format", "json", "--output", lt.file("scan.json"), ".")
	lt.keylint(dir, 1, "scan", "--format", "sarif", "--output", lt.file("scan.sarif"), ".")
	lt.keylint(dir, 1, "scan", "--write-baseline", lt.file("baseline.json"), ".")
	lt.keylint(dir, 0, "scan", "--baseline", lt.file("baseline.json"), "--debug", ".")
	lt.keylint(dir, 1, "scan", "--debug", "--staged", ".")
	lt.keylint(dir, 1, "scan", "--debug", "--staged", "--format", "json", ".")
	lt.keylint(dir, 1, "scan", "--debug", "--no-git", ".")
	lt.keylint(dir, 1, "scan", "--debug", "--no-git", "--format", "sarif", ".")
	lt.keylint(dir, 1, "scan", "--debug", "--range", base+"..HEAD", "--format", "json", ".")
	lt.keylint(dir, 1, "scan", "--debug", "--range", "auto", "--format", "github", ".")
	lt.keylint(dir, 2, "scan", "--debug", "--range", "nosuchref..HEAD", ".")
}

// analyzers runs the analyzers standalone, as JSON, as SARIF and under go
// vet.
func (lt *leakTest) analyzers(dir string) {
	lt.keylint(dir, 3, "./...")
	lt.keylint(dir, 0, "-json", "./...")
	lt.keylint(dir, 3, "sarif", "-o", lt.file("analyzers.sarif"), "./...")
	vet := runIn(lt.t, dir, lt.env, "go", "vet", "-vettool="+lt.bin, "./...")
	if vet.code == 0 || !strings.Contains(vet.stderr, "(KL101)") {
		lt.t.Errorf("go vet -vettool: exit %d, want KL101 diagnostics:\n%s", vet.code,
			vet.stderr)
	}
	lt.runs = append(lt.runs, vet)
}

// reports merges the SARIF logs and reports on the pull request in every
// mode.
func (lt *leakTest) reports(dir string) {
	lt.keylint(dir, 0, "sarif", "--merge", "-o", lt.file("merged.sarif"), "--scan-json",
		lt.file("scan.json"), lt.file("analyzers.sarif"))
	for _, mode := range []string{"annotations", "check", "review"} {
		lt.keylint(dir, 0, "report-github", "--debug", "--mode", mode, "--scan-json",
			lt.file("scan.json"), "--sarif", lt.file("analyzers.sarif"))
	}
}

// seen returns everything keylint printed, wrote and sent, each text headed
// by a line saying where it went.
func (lt *leakTest) seen(reqs []gt.Request) []string {
	var seen []string
	for _, r := range lt.runs {
		seen = append(seen, r.name+" (stdout)\n"+r.stdout, r.name+" (stderr)\n"+r.stderr)
	}
	err := filepath.WalkDir(lt.out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		seen = append(seen, "file "+d.Name()+"\n"+string(b))
		return err
	})
	if err != nil {
		lt.t.Fatal(err)
	}
	for _, req := range reqs {
		seen = append(seen, "request "+req.Method+" "+req.URL+"\n"+
			strings.Join(headerLines(req.Header), "\n")+"\n"+string(req.Body))
	}
	return seen
}

// showSecrets checks that the test can fail: --show-secrets shows every
// secret planted, so each was detected.
func (lt *leakTest) showSecrets(dir string, s *leakSecrets) {
	shown := runIn(lt.t, dir, lt.env, lt.bin, "scan", "--show-secrets", "--format", "json", ".")
	for _, p := range s.committed() {
		if !strings.Contains(shown.stdout, jsonString(p.value)) {
			lt.t.Errorf("--show-secrets does not show the %s: not detected?", p.kind)
		}
	}
	files := runIn(lt.t, dir, lt.env, lt.bin, "scan", "--show-secrets", "--no-git", ".")
	for _, p := range []planted{s.staged, s.untracked} {
		if !strings.Contains(files.stdout, p.value) {
			lt.t.Errorf("--show-secrets --no-git does not show the %s", p.kind)
		}
	}
}

// jsonString returns s as encoding/json writes it inside a string, for the
// values a JSON report holds: newlines escaped.
func jsonString(s string) string {
	return strings.ReplaceAll(s, "\n", `\n`)
}

func headerLines(h map[string][]string) []string {
	var out []string
	for k, vs := range h {
		for _, v := range vs {
			out = append(out, k+": "+v)
		}
	}
	return out
}
