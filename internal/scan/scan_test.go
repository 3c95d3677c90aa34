package scan

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rs/zerolog"
	"github.com/zricethezav/gitleaks/v8/logging"

	"github.com/keylint/keylint/internal/testrepo"
)

func TestMain(m *testing.M) {
	// gitleaks logs to stderr by default; the CLI silences it, and so do
	// these tests.
	logging.Logger = zerolog.Nop()
	cleanup, err := testrepo.Isolate()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// view is the part of a Secret the tests compare, with commits named.
type view struct {
	Rule       string
	Value      string
	Introduced string // commit
	Shallow    bool
	AtHead     bool
	Head       []string // file:line:col
	Locations  []string // file:line:col@commit
	Removed    string
	LastSeen   string
}

func viewOf(s Secret) view {
	v := view{Rule: s.Rule, Value: s.Value, Shallow: s.Shallow, AtHead: s.AtHead}
	if s.Introduced != nil {
		v.Introduced = s.Introduced.SHA
	}
	if s.Removed != nil {
		v.Removed = s.Removed.SHA
	}
	if s.LastSeen != nil {
		v.LastSeen = s.LastSeen.SHA
	}
	for _, l := range s.HeadLocations {
		v.Head = append(v.Head, fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column))
	}
	for _, l := range s.Locations {
		v.Locations = append(v.Locations,
			fmt.Sprintf("%s:%d:%d@%s", l.File, l.Line, l.Column, l.Commit))
	}
	return v
}

// byValue indexes a result's secrets by value.
func byValue(t *testing.T, res *Result) map[string]view {
	t.Helper()
	m := make(map[string]view)
	for _, s := range res.Secrets {
		if _, dup := m[s.Value]; dup {
			t.Errorf("secret %s reported twice", s.Fingerprint)
		}
		m[s.Value] = viewOf(s)
	}
	return m
}

func run(t *testing.T, dir string, mode Mode) *Result {
	t.Helper()
	res, err := Run(context.Background(), Options{Dir: dir, Mode: mode})
	if err != nil {
		t.Fatalf("Run(%s, %v): %v", dir, mode, err)
	}
	return res
}

func TestHistory(t *testing.T) {
	t.Parallel()
	sc := testrepo.NewScenario(t)
	res := run(t, sc.Repo.Dir, History)

	want := map[string]view{
		sc.Old: {Rule: "prefect-api-token", Value: sc.Old, Introduced: sc.C400, AtHead: true,
			Head:      []string{"config/app.env:2:17"},
			Locations: []string{"config/app.env:2:17@" + sc.C400},
			LastSeen:  sc.C1},
		sc.Removed: {Rule: "github-pat", Value: sc.Removed, Introduced: sc.C400,
			Locations: []string{"config/legacy.env:1:14@" + sc.C400},
			Removed:   sc.C200, LastSeen: sc.C400},
		sc.Shared: {Rule: "github-pat", Value: sc.Shared, Introduced: sc.C120, AtHead: true,
			Head: []string{"config/dev.env:2:14", "config/prod.env:3:14"},
			Locations: []string{"config/dev.env:2:14@" + sc.C120,
				"config/prod.env:3:14@" + sc.C120},
			LastSeen: sc.C1},
		sc.DueSoon: {Rule: "aws-access-token", Value: sc.DueSoon, Introduced: sc.C80, AtHead: true,
			Head:      []string{"deploy/aws.env:1:19"},
			Locations: []string{"deploy/aws.env:1:19@" + sc.C80},
			LastSeen:  sc.C1},
		sc.Fresh: {Rule: "github-pat", Value: sc.Fresh, Introduced: sc.C10, AtHead: true,
			Head:      []string{"scripts/ci.sh:2:17"},
			Locations: []string{"scripts/ci.sh:2:17@" + sc.C10},
			LastSeen:  sc.C1},
	}
	if diff := cmp.Diff(want, byValue(t, res)); diff != "" {
		t.Errorf("secrets mismatch (-want +got):\n%s", diff)
	}
	if res.Head == nil || res.Head.SHA != sc.C1 || !res.Head.Date.Equal(testrepo.DaysAgo(1)) {
		t.Errorf("Head = %+v, want %s at %v", res.Head, sc.C1, testrepo.DaysAgo(1))
	}

	// Introduction dates and authors come from the commits.
	for _, s := range res.Secrets {
		if s.Introduced.Author != testrepo.AuthorName {
			t.Errorf("%s: author %q, want %q", s.Rule, s.Introduced.Author, testrepo.AuthorName)
		}
		if s.Fingerprint == "" || strings.Contains(s.Fingerprint, s.Value) {
			t.Errorf("%s: bad fingerprint %q", s.Rule, s.Fingerprint)
		}
	}
	if s := findSecret(res, sc.Old); !s.Introduced.Date.Equal(testrepo.DaysAgo(400)) {
		t.Errorf("Old introduced %v, want %v", s.Introduced.Date, testrepo.DaysAgo(400))
	}
	if s := findSecret(res, sc.Removed); !s.Removed.Date.Equal(testrepo.DaysAgo(200)) {
		t.Errorf("Removed removed %v, want %v", s.Removed.Date, testrepo.DaysAgo(200))
	}
}

func findSecret(res *Result, value string) Secret {
	for _, s := range res.Secrets {
		if s.Value == value {
			return s
		}
	}
	return Secret{}
}

func TestShallowClone(t *testing.T) {
	t.Parallel()
	sc := testrepo.NewScenario(t)
	type shallowView struct {
		Rule       string
		AtBoundary bool
		Reason     string
	}
	const after = "first added after the shallow clone's boundary; " +
		"an earlier copy would be in the history the clone lacks"
	for _, tc := range []struct {
		depth int
		want  map[string]shallowView
	}{
		// HEAD is the only commit: everything it holds is older than the
		// clone can tell, and the removed secret is out of sight.
		{1, map[string]shallowView{
			sc.Old:     {Rule: "prefect-api-token", AtBoundary: true},
			sc.Shared:  {Rule: "github-pat", AtBoundary: true},
			sc.DueSoon: {Rule: "aws-access-token", AtBoundary: true},
			sc.Fresh:   {Rule: "github-pat", AtBoundary: true},
		}},
		// The boundary is C80: what its tree holds is of unknown age. The
		// secret committed after it is not dated either: a commit before
		// the boundary may have added it first and removed it again.
		{3, map[string]shallowView{
			sc.Old:     {Rule: "prefect-api-token", AtBoundary: true},
			sc.Shared:  {Rule: "github-pat", AtBoundary: true},
			sc.DueSoon: {Rule: "aws-access-token", AtBoundary: true},
			sc.Fresh:   {Rule: "github-pat", Reason: after},
		}},
	} {
		t.Run(fmt.Sprintf("depth %d", tc.depth), func(t *testing.T) {
			t.Parallel()
			clone := sc.Repo.Clone(tc.depth)
			res := run(t, clone.Dir, History)
			if !res.Shallow {
				t.Errorf("Shallow = false for a --depth %d clone", tc.depth)
			}
			got := make(map[string]shallowView)
			for _, s := range res.Secrets {
				got[s.Value] = shallowView{Rule: s.Rule, AtBoundary: s.AtBoundary,
					Reason: s.AgeUnknownReason}
				if !s.AtHead {
					t.Errorf("%s: AtHead = false", s.Rule)
				}
				if !s.Shallow || s.Introduced != nil || s.FirstSeen == nil {
					t.Errorf("%s: Shallow %v, Introduced %v, FirstSeen %v; want a lower bound",
						s.Rule, s.Shallow, s.Introduced, s.FirstSeen)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("secrets mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// fakeDater dates every secret to one commit and records what it was asked.
type fakeDater struct {
	commit  Commit
	queries []DateQuery
}

func (d *fakeDater) Name() string { return "fake" }

func (d *fakeDater) Introduced(_ context.Context, q DateQuery) (Commit, bool, error) {
	d.queries = append(d.queries, q)
	if q.Rule == "aws-access-token" {
		return Commit{}, false, nil
	}
	if q.Rule == "prefect-api-token" {
		return Commit{}, false, errors.New("rate limited")
	}
	return d.commit, true, nil
}

func TestDater(t *testing.T) {
	t.Parallel()
	sc := testrepo.NewScenario(t)
	clone := sc.Repo.Clone(1)
	dater := &fakeDater{commit: Commit{SHA: sc.C120, Date: testrepo.DaysAgo(120), Author: "x"}}
	res, err := Run(context.Background(), Options{Dir: clone.Dir, Dater: dater})
	if err != nil {
		t.Fatal(err)
	}
	if len(dater.queries) != 4 {
		t.Fatalf("Dater asked %d times, want 4 (one per shallow secret)", len(dater.queries))
	}
	for _, q := range dater.queries {
		if q.Boundary.SHA != sc.C1 || len(q.Paths) == 0 {
			t.Errorf("query %+v: want boundary %s and paths", q, sc.C1)
		}
		s := findByFingerprint(res, q.Fingerprint)
		if !q.Contains([]byte("x="+s.Value+"\n")) || q.Contains([]byte("nothing")) {
			t.Errorf("query %s: Contains does not test for the secret", q.Fingerprint)
		}
	}
	for _, s := range res.Secrets {
		dated := s.Rule == "github-pat"
		if got := s.Introduced != nil; got != dated {
			t.Errorf("%s: dated = %v, want %v", s.Rule, got, dated)
		}
		if dated && (s.DatedBy != "fake" || s.Introduced.SHA != sc.C120) {
			t.Errorf("%s: Introduced %+v by %q", s.Rule, s.Introduced, s.DatedBy)
		}
	}
}

func findByFingerprint(res *Result, fp string) Secret {
	for _, s := range res.Secrets {
		if s.Fingerprint == fp {
			return s
		}
	}
	return Secret{}
}

func TestStaged(t *testing.T) {
	t.Parallel()
	sc := testrepo.NewScenario(t)
	staged, unstaged := testrepo.GitHubPAT(100), testrepo.GitHubPAT(101)
	sc.Repo.Write("new.env", "TOKEN="+staged+"\n")
	sc.Repo.Stage("new.env")
	sc.Repo.Write("config/app.env", "APP_NAME=demo\nOTHER="+unstaged+"\n")

	res := run(t, sc.Repo.Dir, Staged)
	want := map[string]view{staged: {Rule: "github-pat", Value: staged,
		Locations: []string{"new.env:1:7@"}}}
	if diff := cmp.Diff(want, byValue(t, res)); diff != "" {
		t.Errorf("staged secrets mismatch (-want +got):\n%s", diff)
	}
}

func TestStagedFirstCommit(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t)
	token := testrepo.GitHubPAT(102)
	r.Write("a.env", "TOKEN="+token+"\n")
	r.Stage("a.env")
	res := run(t, r.Dir, Staged)
	if len(res.Secrets) != 1 || res.Secrets[0].Value != token {
		t.Errorf("staged scan of a repository without commits: %+v", res.Secrets)
	}
}

func TestFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	token := testrepo.GitHubPAT(103)
	for name, content := range map[string]string{
		"a/b.env":     "TOKEN=" + token + "\n",
		"c.txt":       "x\nTOKEN=" + token + "\n",
		"clean.txt":   "nothing here\n",
		"allowed.txt": "T=" + testrepo.GitHubPAT(104) + " # gitleaks:allow\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := run(t, dir, Files)
	want := map[string]view{token: {Rule: "github-pat", Value: token,
		Locations: []string{"a/b.env:1:7@", "c.txt:2:7@"}}}
	if diff := cmp.Diff(want, byValue(t, res)); diff != "" {
		t.Errorf("files mismatch (-want +got):\n%s", diff)
	}
}

// TestHeadSearch covers secrets that git grep cannot confirm alone: a
// multi-line private key, a base64-encoded token, a renamed file.
func TestHeadSearch(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t)
	key := privateKey(7)
	encoded := testrepo.GitHubPAT(105)
	renamed := testrepo.GitHubPAT(106)
	r.Write("keys/id_rsa", key+"\n")
	r.Write("b64.yaml", "token: "+base64.StdEncoding.EncodeToString([]byte(encoded))+"\n")
	r.Write("old/name.env", "TOKEN="+renamed+"\n")
	binary, link := testrepo.GitHubPAT(107), testrepo.GitHubPAT(108)
	r.Write("data.txt", "TOKEN="+binary+"\n")
	if err := os.Symlink("TOKEN="+link, filepath.Join(r.Dir, "link")); err != nil {
		t.Fatal(err)
	}
	c1 := r.Commit("add keys", testrepo.DaysAgo(50))
	r.Git("mv", "old/name.env", "new-name.env")
	// A NUL byte makes the file binary, which git grep -I passes over.
	r.Write("data.txt", "TOKEN="+binary+"\n\x00\n")
	c2 := r.Commit("rename", testrepo.DaysAgo(40))

	res := run(t, r.Dir, History)
	got := byValue(t, res)
	for _, tc := range []struct {
		value string
		want  view
	}{
		{key, view{Rule: "private-key", Value: key, Introduced: c1, AtHead: true,
			Head: []string{"keys/id_rsa:1:1"}, Locations: []string{"keys/id_rsa:1:1@" + c1},
			LastSeen: c2}},
		{encoded, view{Rule: "github-pat", Value: encoded, Introduced: c1, AtHead: true,
			Head: []string{"b64.yaml:1:8"}, Locations: []string{"b64.yaml:1:8@" + c1},
			LastSeen: c2}},
		// The rename adds no line, so gitleaks sees the secret once; HEAD
		// still holds it under the new name.
		{renamed, view{Rule: "github-pat", Value: renamed, Introduced: c1, AtHead: true,
			Head: []string{"new-name.env:1:7"}, Locations: []string{"old/name.env:1:7@" + c1},
			LastSeen: c2}},
		{binary, view{Rule: "github-pat", Value: binary, Introduced: c1, AtHead: true,
			Head: []string{"data.txt:1:7"}, Locations: []string{"data.txt:1:7@" + c1},
			LastSeen: c2}},
		// A symbolic link's blob is its target, which git grep skips.
		{link, view{Rule: "github-pat", Value: link, Introduced: c1, AtHead: true,
			Head: []string{"link:1:7"}, Locations: []string{"link:1:7@" + c1},
			LastSeen: c2}},
	} {
		if diff := cmp.Diff(tc.want, got[tc.value]); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", tc.want.Rule, diff)
		}
	}
	if s := findSecret(res, encoded); !s.Decoded {
		t.Errorf("base64 secret: Decoded = false")
	}
}

// privateKey returns a PEM block shaped like an RSA private key. Its
// armour lines are assembled, so this file holds nothing a scanner flags.
func privateKey(seed uint64) string {
	const b64 = testrepo.Alnum + "+/"
	armour := func(what string) string { return "-----" + what + " RSA PRIVATE KEY-----" }
	var b strings.Builder
	b.WriteString(armour("BEGIN") + "\n")
	for i := range 6 {
		b.WriteString(testrepo.Token(seed+uint64(i), "", b64, 64) + "\n")
	}
	b.WriteString(armour("END"))
	return b.String()
}

// TestSameSecondCommits checks that commits made within one second are
// ordered by ancestry, not by SHA.
func TestSameSecondCommits(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t)
	token := testrepo.GitHubPAT(107)
	when := testrepo.DaysAgo(30)
	var first string
	for i := range 4 {
		r.Write(fmt.Sprintf("f%d.env", i), "TOKEN="+token+"\n")
		c := r.Commit(fmt.Sprintf("commit %d", i), when)
		if i == 0 {
			first = c
		}
	}
	res := run(t, r.Dir, History)
	if len(res.Secrets) != 1 || res.Secrets[0].Introduced.SHA != first {
		t.Errorf("introduced by %+v, want the first commit %s", res.Secrets[0].Introduced, first)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	empty := testrepo.New(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		dir     string
		mode    Mode
		is      error
		message string
	}{
		{"not a repository", t.TempDir(), History, ErrNotRepository, "not a git repository"},
		{"staged outside a repository", t.TempDir(), Staged, ErrNotRepository, "not a git repository"},
		{"no commits", empty.Dir, History, ErrNoCommits, "repository has no commits"},
		{"missing directory", filepath.Join(t.TempDir(), "nope"), History, os.ErrNotExist, "no such file"},
		{"missing directory without git", filepath.Join(t.TempDir(), "nope"), Files, os.ErrNotExist, "no such file"},
		{"a file", file, Files, nil, "not a directory"},
		{"corrupt HEAD", corruptHead(t), History, nil, ""},
		{"missing object", missingObject(t), History, nil, "read git history"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Run(context.Background(), Options{Dir: tc.dir, Mode: tc.mode})
			if err == nil {
				t.Fatal("Run succeeded")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q is not %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.message) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q: want one line containing %q", err, tc.message)
			}
		})
	}
}

// corruptHead returns a repository whose HEAD file is garbage.
func corruptHead(t *testing.T) string {
	r := testrepo.New(t)
	r.Write("a", "a\n")
	r.Commit("a", testrepo.DaysAgo(3))
	if err := os.WriteFile(filepath.Join(r.Dir, ".git", "HEAD"), []byte("garbage\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return r.Dir
}

// missingObject returns a repository whose history lost a blob.
func missingObject(t *testing.T) string {
	r := testrepo.New(t)
	r.Write("a.env", "TOKEN="+testrepo.GitHubPAT(108)+"\n")
	r.Commit("a", testrepo.DaysAgo(3))
	r.Write("a.env", "nothing\n")
	r.Commit("b", testrepo.DaysAgo(2))
	blob := r.Git("rev-parse", "HEAD~1:a.env")
	if err := os.Remove(filepath.Join(r.Dir, ".git", "objects", blob[:2], blob[2:])); err != nil {
		t.Fatal(err)
	}
	return r.Dir
}

// blockingDater waits for the scan to be cancelled.
type blockingDater struct{ cancel context.CancelFunc }

func (blockingDater) Name() string { return "blocking" }

func (d blockingDater) Introduced(ctx context.Context, _ DateQuery) (Commit, bool, error) {
	d.cancel()
	<-ctx.Done()
	return Commit{}, false, ctx.Err()
}

func TestCancel(t *testing.T) {
	t.Parallel()
	sc := testrepo.NewScenario(t)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, Options{Dir: sc.Repo.Dir}); !errors.Is(err, context.Canceled) {
		t.Errorf("Run with a cancelled context: %v, want context.Canceled", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	clone := sc.Repo.Clone(1)
	start := time.Now()
	_, err := Run(ctx, Options{Dir: clone.Dir, Dater: blockingDater{cancel}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run cancelled mid-scan: %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancelled scan took %v", d)
	}
}

func TestScrub(t *testing.T) {
	t.Parallel()
	token := testrepo.GitHubPAT(109)
	s := &scanner{}
	s.remember(token)
	err := s.scrub(fmt.Errorf("wrap: %w", &GitError{Command: "grep", Msg: "bad " + token}))
	if strings.Contains(err.Error(), token) {
		t.Errorf("scrub left the secret in %q", err)
	}
	var ge *GitError
	if !errors.As(err, &ge) {
		t.Errorf("scrub lost the error chain")
	}
}

func TestProgress(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t)
	for i := range 3 {
		r.Write(fmt.Sprintf("f%d.txt", i), strings.Repeat("x", 10*(i+1))+"\n")
		r.Write("common.txt", fmt.Sprintf("edit %d\n", i))
		r.Commit(fmt.Sprint("commit ", i), testrepo.DaysAgo(10-i))
	}
	p := new(Progress)
	if _, err := Run(context.Background(), Options{Dir: r.Dir, Progress: p}); err != nil {
		t.Fatal(err)
	}
	// Three commits, each changing two files; their added lines: the
	// xs, "edit N" and the newlines.
	want := Snapshot{Stage: "dating secrets", Commits: 3, Files: 6, Bytes: 11 + 21 + 31 + 3*7}
	if got := p.Snapshot(); got != want {
		t.Errorf("progress after the scan: %+v, want %+v", got, want)
	}
	if got := (*Progress)(nil).Snapshot(); got != (Snapshot{}) {
		t.Errorf("nil Progress: %+v", got)
	}
}

// TestWhereAtHead checks where a secret is placed: a generic rule's
// finding at its value's column, in history as at HEAD; no HEAD location
// in a path the gitleaks config allowlists; and, in a range, the copy the
// range added before an older one.
func TestWhereAtHead(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t)
	pat := testrepo.GitHubPAT(140)
	generic := testrepo.Token(141, "", testrepo.Alnum, 24)
	r.Write(".gitleaks.toml", "[extend]\nuseDefault = true\n[allowlist]\npaths = ['''^cfg/''']\n")
	r.Write("cfg/.env.staging", "TOKEN="+pat+"\n")
	r.Write("a.env", "TOKEN="+pat+"\n")
	r.Write("app/main.go", "package main\n\nfunc main() {\n\tapiKey := \""+generic+"\"\n\t_ = apiKey\n}\n")
	base := r.Commit("old copies", testrepo.DaysAgo(30))
	r.Write("z.env", "GITHUB_TOKEN="+pat+"\n")
	head := r.Commit("a new copy", testrepo.DaysAgo(2))

	res, err := Run(context.Background(), Options{Dir: r.Dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range res.Secrets {
		switch sec.Value {
		case generic:
			want := strings.Index("\tapiKey := \""+generic, generic) + 1
			if sec.First.Column != want || len(sec.HeadLocations) != 1 ||
				sec.HeadLocations[0].Column != want {
				t.Errorf("generic secret at column %d, at HEAD %v; want column %d in both",
					sec.First.Column, sec.HeadLocations, want)
			}
		case pat:
			var files []string
			for _, l := range sec.HeadLocations {
				files = append(files, l.File)
			}
			if want := []string{"a.env", "z.env"}; !slices.Equal(files, want) {
				t.Errorf("token at HEAD in %v, want %v (cfg/ is allowlisted)", files, want)
			}
		default:
			t.Errorf("unexpected secret of rule %s", sec.Rule)
		}
	}

	res, err = Run(context.Background(), Options{Dir: r.Dir, Range: base + ".." + head})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Secrets) != 1 || len(res.Secrets[0].HeadLocations) != 2 ||
		res.Secrets[0].HeadLocations[0].File != "z.env" {
		t.Fatalf("range scan: %+v; want the token first at z.env, the range's copy", res.Secrets)
	}
	for _, l := range res.Secrets[0].Locations {
		if l.File == "cfg/.env.staging" {
			t.Errorf("range scan dated the token by %s, an allowlisted path", l.File)
		}
	}
}
