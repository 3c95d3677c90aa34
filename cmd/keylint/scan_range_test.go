package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gt "github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/testrepo"
)

// rangeRepo is a history with a pull request on top of BASE:
//
//	300  config/app.env     Old: a GitHub token
//	250  legacy.env         Before: a token only before BASE, never in the range
//	100  README.md          (BASE)
//	  5  config/new.env     the pull request copies Old and adds Fresh
//	  2  notes.txt          (HEAD)
type rangeRepo struct {
	repo                 *testrepo.Repo
	old, before, fresh   string
	c300, base, c5, head string
}

func newRangeRepo(t *testing.T) *rangeRepo {
	r := &rangeRepo{repo: testrepo.New(t), old: testrepo.GitHubPAT(201),
		before: testrepo.GitHubPAT(202), fresh: testrepo.AWSAccessKeyID(203)}
	g := r.repo
	g.Write("config/app.env", "GITHUB_TOKEN="+r.old+"\n")
	r.c300 = g.Commit("app config", testrepo.DaysAgo(300))
	g.Write("legacy.env", "TOKEN="+r.before+"\n")
	g.Commit("legacy", testrepo.DaysAgo(250))
	g.Write("README.md", "# demo\n")
	r.base = g.Commit("readme", testrepo.DaysAgo(100))
	g.Write("config/new.env", "# copied\nGITHUB_TOKEN="+r.old+"\nAWS_ACCESS_KEY_ID="+r.fresh+"\n")
	r.c5 = g.Commit("new service config", testrepo.DaysAgo(5))
	g.Write("notes.txt", "notes\n")
	r.head = g.Commit("notes", testrepo.DaysAgo(2))
	return r
}

func TestScanRange(t *testing.T) {
	rr := newRangeRepo(t)
	r := runScanTest(t, "--format", "json", "--range", rr.base+"..HEAD", rr.repo.Dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	rep := decodeReport(t, r)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Rule+" "+f.File+" "+f.Introduced.Commit[:7]+" "+
			strings.Join(f.IDs, ","))
	}
	// The copied token is dated by its commit 300 days ago, before BASE; the
	// token that only lived before BASE is not reported.
	want := []string{
		"github-pat config/app.env " + rr.c300[:7] + " KL201,KL202,KL203",
		"aws-access-token config/new.env " + rr.c5[:7] + " KL201",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
	if f := rep.Findings[0]; f.AgeDays == nil || *f.AgeDays != 300 ||
		len(f.Locations) != 2 || f.SharedAcross == nil {
		t.Errorf("copied token: want 300 days old, 2 sightings, shared; got %+v", f)
	}
	// Reported where the pull request put it, the place its diff shows.
	if l := rep.Findings[0].HeadLocations; len(l) != 2 || l[0].File != "config/new.env" ||
		l[0].Line != 2 {
		t.Errorf("copied token at HEAD: %+v, want config/new.env:2 first", l)
	}
}

// TestScanRangeSameFile: a pull request that adds a second copy of a
// secret to a file that already holds it is reported at the line it
// added, the one its diff shows, in every format that names one place.
func TestScanRangeSameFile(t *testing.T) {
	g := testrepo.New(t)
	tok := testrepo.GitHubPAT(204)
	g.Write(".env", "A=1\nTOKEN="+tok+"\n")
	base := g.Commit("env", testrepo.DaysAgo(200))
	g.Write(".env", "A=1\nTOKEN="+tok+"\nB=2\nTOKEN_COPY="+tok+"\n")
	g.Commit("copy", testrepo.DaysAgo(1))
	r := runScanTest(t, "--format", "json", "--range", base+"..HEAD", g.Dir)
	if l := decodeReport(t, r).Findings[0].HeadLocations; len(l) != 2 || l[0].Line != 4 {
		t.Errorf("HEAD locations %+v, want .env:4 first", l)
	}
	r = runScanTest(t, "--format", "github", "--range", base+"..HEAD", g.Dir)
	if !strings.Contains(r.stdout, "file=.env,line=4,") {
		t.Errorf("annotation not at .env:4:\n%s", r.stdout)
	}
}

func TestScanRangeAuto(t *testing.T) {
	rr := newRangeRepo(t)
	event := filepath.Join(t.TempDir(), "event.json")
	payload := `{"action":"synchronize","pull_request":{"number":7,` +
		`"base":{"ref":"main","sha":"` + rr.base + `"},"head":{"ref":"feature","sha":"` +
		rr.head + `"}}}`
	if err := os.WriteFile(event, []byte(payload), 0o644); err != nil {
		t.Fatal(err)
	}
	env := testEnv(map[string]string{"GITHUB_EVENT_PATH": event})
	r := runScanTestEnv(t, env, "--format", "json", "--range", "auto", rr.repo.Dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	if n := len(decodeReport(t, r).Findings); n != 2 {
		t.Errorf("%d findings, want the 2 of the pull request", n)
	}

	push := filepath.Join(t.TempDir(), "push.json")
	if err := os.WriteFile(push, []byte(`{"ref":"refs/heads/main"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{nil, "GITHUB_EVENT_PATH is not set"},
		{map[string]string{"GITHUB_EVENT_PATH": push}, "is not a pull_request event"},
	} {
		r := runScanTestEnv(t, testEnv(tt.env), "--range", "auto", rr.repo.Dir)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("env %v: exit %d, stderr %q; want 2 and %q", tt.env, r.code, r.stderr,
				tt.want)
		}
	}
}

func TestScanRangeErrors(t *testing.T) {
	rr := newRangeRepo(t)
	for _, spec := range []string{"nosuchref..HEAD", "HEAD", "--output=x..HEAD",
		rr.base + "...HEAD", "", " "} {
		r := runScanTest(t, "--range", spec, rr.repo.Dir)
		if r.code != 2 || !strings.Contains(r.stderr, "range") {
			t.Errorf("--range %s: exit %d, stderr %q; want 2 and an error", spec, r.code,
				r.stderr)
		}
	}
	if r := runScanTest(t, "--range", "a..b", "--staged", rr.repo.Dir); r.code != 2 {
		t.Errorf("--range with --staged: exit %d, want 2", r.code)
	}
}

// TestScanRangeShallow checks a pull-request range in a clone cut at BASE:
// the copied token is older than the clone, and GitHub dates it.
func TestScanRangeShallow(t *testing.T) {
	rr := newRangeRepo(t)
	clone := rr.repo.Clone(3) // HEAD, the pull request's commit and BASE
	srv := gt.New(t, gt.Config{Owner: "acme", Repo: "shop", Token: testToken,
		Commits: mirror(t, rr.repo.Dir)})
	env := testEnv(map[string]string{"GITHUB_TOKEN": testToken})
	r := runScanTestEnv(t, env, "--format", "json", "--range", rr.base+"..HEAD",
		"--github", "acme/shop", "--github-api-url", srv.APIURL(), clone.Dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	rep := decodeReport(t, r)
	f := findingIn(t, rep.Findings, "config/app.env")
	if !f.AgeKnown || *f.AgeDays != 300 || f.Introduced.Commit != rr.c300 ||
		f.DatedBy != "github" || f.FirstSeen == nil || f.FirstSeen.Commit != rr.base {
		t.Errorf("copied token: want 300 days, dated by github from BASE; got %+v", f)
	}
	if n := len(rep.Findings); n != 2 {
		t.Errorf("%d findings, want 2", n)
	}
	checkNoSecret(t, srv.Received(), rr.old, rr.fresh, rr.before)
}
