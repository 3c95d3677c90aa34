package scan

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/testrepo"
)

// liveView is what TestLiveRefs compares of a secret.
type liveView struct {
	AtHead   bool
	LiveRefs []string
	Removed  string // commit
	LastSeen string // commit
}

// liveRepo is a history with a secret on main that an old branch never got,
// and one that main removed:
//
//	300  README.md            (C300: branch old starts here)
//	200  a.env                OnMain, also base64-encoded in b64.yaml
//	150  gone.env             Gone
//	100  gone.env deleted     (C100)
//	 50  notes.txt            (C50, main)
type liveRepo struct {
	repo                   *testrepo.Repo
	onMain, encoded, gone  string
	c300, c200, c150, c100 string
	c50                    string
}

func newLiveRepo(t *testing.T) *liveRepo {
	r := &liveRepo{repo: testrepo.New(t), onMain: testrepo.GitHubPAT(300),
		encoded: testrepo.GitHubPAT(301), gone: testrepo.AWSAccessKeyID(302)}
	g := r.repo
	g.Write("README.md", "# demo\n")
	r.c300 = g.Commit("readme", testrepo.DaysAgo(300))
	g.Git("branch", "old")
	g.Write("a.env", "TOKEN="+r.onMain+"\n")
	g.Write("b64.yaml", "value: "+base64.StdEncoding.EncodeToString([]byte(r.encoded))+"\n")
	r.c200 = g.Commit("tokens", testrepo.DaysAgo(200))
	g.Write("gone.env", "AWS_ACCESS_KEY_ID="+r.gone+"\n")
	r.c150 = g.Commit("aws", testrepo.DaysAgo(150))
	g.Remove("gone.env")
	r.c100 = g.Commit("drop aws", testrepo.DaysAgo(100))
	g.Write("notes.txt", "notes\n")
	r.c50 = g.Commit("notes", testrepo.DaysAgo(50))
	return r
}

// TestLiveRefs checks where secrets are still live when HEAD is not the
// branch that holds them: another branch checked out, HEAD detached at an
// old commit, an unborn HEAD, a tag.
func TestLiveRefs(t *testing.T) {
	t.Parallel()
	main := []string{"refs/heads/main"}
	for _, tc := range []struct {
		name  string
		setup func(r *liveRepo) // moves HEAD, adds refs
		want  func(r *liveRepo) map[string]liveView
	}{
		{"on main", func(*liveRepo) {}, func(r *liveRepo) map[string]liveView {
			return map[string]liveView{
				r.onMain:  {AtHead: true, LiveRefs: main, LastSeen: r.c50},
				r.encoded: {AtHead: true, LiveRefs: main, LastSeen: r.c50},
				r.gone:    {Removed: r.c100, LastSeen: r.c150},
			}
		}},
		// The old branch forked before the tokens: main still holds them.
		{"another branch", func(r *liveRepo) { r.repo.Git("checkout", "-q", "old") },
			func(r *liveRepo) map[string]liveView {
				return map[string]liveView{
					r.onMain:  {LiveRefs: main, LastSeen: r.c50},
					r.encoded: {LiveRefs: main, LastSeen: r.c50},
					r.gone:    {Removed: r.c100, LastSeen: r.c150},
				}
			}},
		{"detached at an old commit", func(r *liveRepo) {
			r.repo.Git("checkout", "-q", "--detach", r.c300)
		}, func(r *liveRepo) map[string]liveView {
			return map[string]liveView{
				r.onMain:  {LiveRefs: main, LastSeen: r.c50},
				r.encoded: {LiveRefs: main, LastSeen: r.c50},
				r.gone:    {Removed: r.c100, LastSeen: r.c150},
			}
		}},
		// No HEAD commit at all: the refs still tell what is live, and the
		// removal is found in their history.
		{"unborn HEAD", func(r *liveRepo) {
			r.repo.Git("checkout", "-q", "--orphan", "fresh")
			r.repo.Git("rm", "-rq", "--cached", ".")
		}, func(r *liveRepo) map[string]liveView {
			return map[string]liveView{
				r.onMain:  {LiveRefs: main, LastSeen: r.c50},
				r.encoded: {LiveRefs: main, LastSeen: r.c50},
				r.gone:    {Removed: r.c100, LastSeen: r.c150},
			}
		}},
		// A tag kept the removed key alive, and a branch that HEAD's branch
		// left behind holds it too.
		{"tag and stale branch", func(r *liveRepo) {
			r.repo.Git("tag", "-a", "-m", "release", "v1", r.c150)
			r.repo.Git("branch", "stale", r.c150)
		}, func(r *liveRepo) map[string]liveView {
			return map[string]liveView{
				r.onMain: {AtHead: true, LastSeen: r.c50,
					LiveRefs: []string{"refs/heads/main", "refs/heads/stale", "refs/tags/v1"}},
				r.encoded: {AtHead: true, LastSeen: r.c50,
					LiveRefs: []string{"refs/heads/main", "refs/heads/stale", "refs/tags/v1"}},
				r.gone: {LiveRefs: []string{"refs/heads/stale", "refs/tags/v1"},
					LastSeen: r.c150},
			}
		}},
		// Another worktree, detached at an old commit, still has the
		// removed key checked out; one on a branch adds nothing.
		{"another worktree", func(r *liveRepo) {
			r.repo.Git("worktree", "add", "-q", "--detach", filepath.Join(r.repo.Dir, ".wt", "old"),
				r.c150)
			r.repo.Git("worktree", "add", "-q", "-b", "side", filepath.Join(r.repo.Dir, ".wt", "side"),
				r.c300)
		}, func(r *liveRepo) map[string]liveView {
			both := []string{"refs/heads/main", "worktrees/old/HEAD"}
			return map[string]liveView{
				r.onMain:  {AtHead: true, LiveRefs: both, LastSeen: r.c50},
				r.encoded: {AtHead: true, LiveRefs: both, LastSeen: r.c50},
				r.gone:    {LiveRefs: []string{"worktrees/old/HEAD"}, LastSeen: r.c150},
			}
		}},
		// Scanned from that worktree, the main one's detached HEAD counts.
		{"from another worktree", func(r *liveRepo) {
			wt := filepath.Join(r.repo.Dir, ".wt", "new")
			r.repo.Git("worktree", "add", "-q", "--detach", wt, r.c50)
			r.repo.Git("checkout", "-q", "--detach", r.c150)
			r.repo.Dir = wt
		}, func(r *liveRepo) map[string]liveView {
			both := []string{"main-worktree/HEAD", "refs/heads/main"}
			return map[string]liveView{
				r.onMain:  {AtHead: true, LiveRefs: both, LastSeen: r.c50},
				r.encoded: {AtHead: true, LiveRefs: both, LastSeen: r.c50},
				r.gone:    {LiveRefs: []string{"main-worktree/HEAD"}, LastSeen: r.c150},
			}
		}},
		// A tag of a tag, whose inner tag is gone, keeps it alive too; a
		// tag of a tree holds no history.
		{"tag of a tag", func(r *liveRepo) {
			r.repo.Git("tag", "-a", "-m", "inner", "inner", r.c150)
			r.repo.Git("tag", "-a", "-m", "outer", "outer", "inner")
			r.repo.Git("tag", "-d", "inner")
			r.repo.Git("tag", "-a", "-m", "tree", "tree", r.c150+"^{tree}")
		}, func(r *liveRepo) map[string]liveView {
			return map[string]liveView{
				r.onMain: {AtHead: true, LastSeen: r.c50,
					LiveRefs: []string{"refs/heads/main", "refs/tags/outer"}},
				r.encoded: {AtHead: true, LastSeen: r.c50,
					LiveRefs: []string{"refs/heads/main", "refs/tags/outer"}},
				r.gone: {LiveRefs: []string{"refs/tags/outer"}, LastSeen: r.c150},
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newLiveRepo(t)
			tc.setup(r)
			res := run(t, r.repo.Dir, History)
			got := make(map[string]liveView)
			for _, s := range res.Secrets {
				v := liveView{AtHead: s.AtHead, LiveRefs: s.LiveRefs}
				if s.Removed != nil {
					v.Removed = s.Removed.SHA
				}
				if s.LastSeen != nil {
					v.LastSeen = s.LastSeen.SHA
				}
				got[s.Value] = v
			}
			if diff := cmp.Diff(tc.want(r), got); diff != "" {
				t.Errorf("secrets mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRemovalFollowsRenames checks that a rename is not taken for the
// removal of a secret that the renamed file still holds.
func TestRemovalFollowsRenames(t *testing.T) {
	t.Parallel()
	token := testrepo.AWSAccessKeyID(310)
	line := "AWS_ACCESS_KEY_ID=" + token + "\n"
	type step struct {
		days int
		do   func(g *testrepo.Repo)
	}
	mv := func(from, to string) func(*testrepo.Repo) {
		return func(g *testrepo.Repo) { g.Git("mv", from, to) }
	}
	for _, tc := range []struct {
		name    string
		steps   []step
		removed int // the day of the commit that removed it
		last    int // the day of the last commit that held it
	}{
		{"rename then delete", []step{
			{390, mv("a.env", "b.env")},
			{10, func(g *testrepo.Repo) { g.Remove("b.env") }},
		}, 10, 390},
		{"rename to a path with line breaks, then delete", []step{
			{390, mv("a.env", "b\nc\r.env")},
			{10, func(g *testrepo.Repo) { g.Remove("b\nc\r.env") }},
		}, 10, 390},
		{"two renames, one with edits, then delete", []step{
			{390, mv("a.env", "b.env")},
			{300, func(g *testrepo.Repo) {
				// Removed and written anew: git sees a rename with edits.
				g.Remove("b.env")
				g.Write("conf/c.env", "# moved\n"+line+"REGION=eu\n")
			}},
			{10, func(g *testrepo.Repo) { g.Remove("conf/c.env") }},
		}, 10, 300},
		{"rename then the line deleted", []step{
			{390, mv("a.env", "b.env")},
			{200, func(g *testrepo.Repo) { g.Write("b.env", "# rotated\n") }},
		}, 200, 390},
		// A rename that drops the secret's line is the removal.
		{"rename that drops the secret", []step{
			{390, func(g *testrepo.Repo) {
				g.Git("mv", "a.env", "b.env")
				g.Write("b.env", "# rotated\nA=1\nB=2\nC=3\n")
			}},
		}, 390, 400},
		{"no rename", []step{
			{50, func(g *testrepo.Repo) { g.Remove("a.env") }},
		}, 50, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := testrepo.New(t)
			g.Write("a.env", line)
			g.Write("README.md", "# demo\n")
			commits := map[int]string{400: g.Commit("add", testrepo.DaysAgo(400))}
			for _, st := range tc.steps {
				st.do(g)
				commits[st.days] = g.Commit("step", testrepo.DaysAgo(st.days))
			}
			g.Write("README.md", "# demo\nmore\n")
			g.Commit("readme", testrepo.DaysAgo(1))

			res := run(t, g.Dir, History)
			if len(res.Secrets) != 1 {
				t.Fatalf("%d secrets, want 1", len(res.Secrets))
			}
			s := res.Secrets[0]
			got := viewOf(s)
			want := liveView{Removed: commits[tc.removed], LastSeen: commits[tc.last]}
			if diff := cmp.Diff(want, liveView{AtHead: got.AtHead, Removed: got.Removed,
				LastSeen: got.LastSeen, LiveRefs: s.LiveRefs}); diff != "" {
				t.Errorf("removal mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRemovalByMerge: a secret deleted on a branch that is merged months
// later stayed in the main line's history until the merge, which removed
// it there; the branch's own deletion is not where its exposure ended.
func TestRemovalByMerge(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		merge func(g *testrepo.Repo) // run on main with the fix branch ready
	}{
		{"merge", func(g *testrepo.Repo) { g.Merge("fix", "merge fix", testrepo.DaysAgo(200)) }},
		// The merge is the fix branch's: main comes in second.
		{"merge into the branch", func(g *testrepo.Repo) {
			g.Git("checkout", "-q", "fix")
			g.Merge("main", "merge main", testrepo.DaysAgo(200))
			g.Git("checkout", "-q", "-B", "main")
		}},
		// The merge keeps main's file and deletes the secret's line while
		// resolving: the branch deleted nothing.
		{"conflict resolution", func(g *testrepo.Repo) {
			g.Git("merge", "-q", "--no-ff", "--no-commit", "-X", "ours", "fix")
			g.Write("a.env", "A=1\n")
			g.Commit("merge fix", testrepo.DaysAgo(200))
			g.Git("branch", "-D", "fix") // it still holds the secret
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := testrepo.New(t)
			g.Write("a.env", "A=1\nGITHUB_TOKEN="+testrepo.GitHubPAT(330)+"\n")
			g.Commit("add", testrepo.DaysAgo(400))
			g.Git("checkout", "-q", "-b", "fix")
			if tc.name != "conflict resolution" {
				g.Remove("a.env")
			} else {
				g.Write("b.txt", "unrelated\n")
			}
			g.Commit("fix", testrepo.DaysAgo(399))
			g.Git("checkout", "-q", "main")
			g.Write("README.md", "# demo\n")
			last := g.Commit("work", testrepo.DaysAgo(201))
			tc.merge(g)
			merge := g.Git("rev-parse", "HEAD")
			g.Write("README.md", "# demo\nmore\n")
			g.Commit("readme", testrepo.DaysAgo(1))

			res := run(t, g.Dir, History)
			if len(res.Secrets) != 1 {
				t.Fatalf("%d secrets, want 1", len(res.Secrets))
			}
			got := viewOf(res.Secrets[0])
			want := liveView{Removed: merge, LastSeen: last}
			if diff := cmp.Diff(want, liveView{AtHead: got.AtHead, Removed: got.Removed,
				LastSeen: got.LastSeen}); diff != "" {
				t.Errorf("removal mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRemovalOfAForkedBranch: main deleted the secret early, but a
// branch forked before that held it until it was merged, cleanly; its
// exposure ended there, and the branch's last commit is where it was last
// seen.
func TestRemovalOfAForkedBranch(t *testing.T) {
	t.Parallel()
	g := testrepo.New(t)
	g.Write("a.env", "GITHUB_TOKEN="+testrepo.GitHubPAT(331)+"\n")
	g.Commit("add", testrepo.DaysAgo(400))
	g.Git("branch", "release")
	g.Remove("a.env")
	g.Commit("remove", testrepo.DaysAgo(399))
	g.Git("checkout", "-q", "release")
	g.Write("notes.txt", "release\n")
	last := g.Commit("release work", testrepo.DaysAgo(250))
	g.Git("checkout", "-q", "main")
	merge := g.Merge("release", "merge release", testrepo.DaysAgo(200))
	g.Git("branch", "-D", "release")

	res := run(t, g.Dir, History)
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want 1", len(res.Secrets))
	}
	got := viewOf(res.Secrets[0])
	if got.Removed != merge || got.LastSeen != last {
		t.Errorf("removed by %.7s, last seen at %.7s; want the merge %.7s and the branch's "+
			"%.7s", got.Removed, got.LastSeen, merge, last)
	}
}

// TestRemovalNotByUnrelatedMerge: a merge whose parents never held the
// secret removed nothing, though it comes after the removal and touches
// the secret's directory.
func TestRemovalNotByUnrelatedMerge(t *testing.T) {
	t.Parallel()
	g := testrepo.New(t)
	g.Write("conf/a.env", "GITHUB_TOKEN="+testrepo.GitHubPAT(333)+"\n")
	g.Commit("add", testrepo.DaysAgo(400))
	g.Remove("conf/a.env")
	g.Write("conf/b.env", "A=1\n")
	removal := g.Commit("remove", testrepo.DaysAgo(300))
	g.Git("checkout", "-q", "-b", "later")
	g.Write("conf/c.env", "B=2\n")
	g.Commit("later work", testrepo.DaysAgo(250))
	g.Git("checkout", "-q", "main")
	g.Write("README.md", "# demo\n")
	g.Commit("work", testrepo.DaysAgo(240))
	g.Merge("later", "merge later", testrepo.DaysAgo(200))
	g.Git("branch", "-D", "later")

	res := run(t, g.Dir, History)
	if len(res.Secrets) != 1 {
		t.Fatalf("%d secrets, want 1", len(res.Secrets))
	}
	if got := viewOf(res.Secrets[0]); got.Removed != removal {
		t.Errorf("removed by %.7s, want %.7s, the commit that deleted it", got.Removed, removal)
	}
}

// TestRemovalRebased: a deletion written long ago and picked onto the main
// line later removed the secret there when it was committed, not when it
// was written.
func TestRemovalRebased(t *testing.T) {
	t.Parallel()
	g := testrepo.New(t)
	g.Write("a.env", "GITHUB_TOKEN="+testrepo.GitHubPAT(332)+"\n")
	g.Commit("add", testrepo.DaysAgo(400))
	g.Git("checkout", "-q", "-b", "fix")
	g.Remove("a.env")
	written := g.Commit("remove", testrepo.DaysAgo(390))
	g.Git("checkout", "-q", "main")
	g.Write("README.md", "# demo\n")
	last := g.Commit("work", testrepo.DaysAgo(200))
	g.GitAt(testrepo.DaysAgo(100), "cherry-pick", written)
	picked := g.Git("rev-parse", "HEAD")
	g.Git("branch", "-D", "fix")

	res := run(t, g.Dir, History)
	if len(res.Secrets) != 1 || res.Secrets[0].Removed == nil {
		t.Fatalf("want one secret with its removal: %+v", res.Secrets)
	}
	r := res.Secrets[0].Removed
	if r.SHA != picked || !r.Date.Equal(testrepo.DaysAgo(100)) ||
		res.Secrets[0].LastSeen.SHA != last {
		t.Errorf("removed by %.7s on %v, last seen %.7s; want %.7s on %v (its commit date), "+
			"last seen %.7s", r.SHA, r.Date, res.Secrets[0].LastSeen.SHA, picked,
			testrepo.DaysAgo(100), last)
	}
}

// TestShallowReadded checks a secret removed and added back, in a clone
// whose boundary falls between: the clone cannot see the first life, so it
// must not date the secret by the second.
func TestShallowReadded(t *testing.T) {
	t.Parallel()
	g := testrepo.New(t)
	token := testrepo.GitHubPAT(320)
	g.Write("re.env", "R="+token+"\n")
	first := g.Commit("add", testrepo.DaysAgo(500))
	g.Remove("re.env")
	g.Write("README.md", "# demo\n")
	g.Commit("remove", testrepo.DaysAgo(480))
	g.Write("re2.env", "R="+token+"\n")
	g.Commit("revert: add it back", testrepo.DaysAgo(4))
	g.Write("README.md", "# demo\nmore\n")
	g.Commit("readme", testrepo.DaysAgo(1))

	for _, tc := range []struct {
		depth      int
		introduced string // "" when unknown
		shallow    bool
	}{
		{0, first, false},
		{3, "", true}, // the boundary is the removal
	} {
		res := run(t, g.Clone(tc.depth).Dir, History)
		if len(res.Secrets) != 1 {
			t.Fatalf("depth %d: %d secrets, want 1", tc.depth, len(res.Secrets))
		}
		s := res.Secrets[0]
		got := viewOf(s).Introduced
		if got != tc.introduced || s.Shallow != tc.shallow || s.AtBoundary {
			t.Errorf("depth %d: introduced %q, shallow %v, at boundary %v; want %q, %v, false",
				tc.depth, got, s.Shallow, s.AtBoundary, tc.introduced, tc.shallow)
		}
		if tc.shallow && (s.FirstSeen == nil || s.AgeUnknownReason == "") {
			t.Errorf("depth %d: first seen %v, reason %q; want the bound and a reason",
				tc.depth, s.FirstSeen, s.AgeUnknownReason)
		}
	}
}

// TestConfigFromTopLevel checks that a scan of a subdirectory reads the
// repository's gitleaks files when the subdirectory has none, and its own
// .gitleaks.toml when it has one.
func TestConfigFromTopLevel(t *testing.T) {
	t.Parallel()
	const rootConfig = "title = \"root\"\n[extend]\nuseDefault = true\n" +
		"[[rules]]\nid = \"acme-token\"\ndescription = \"ACME token\"\n" +
		"regex = '''acme_[a-z0-9]{24}'''\nkeywords = [\"acme_\"]\n" +
		"[[allowlists]]\npaths = ['''allowed\\.env''']\n"
	const subConfig = "title = \"sub\"\n[extend]\nuseDefault = true\n"
	allowed, ignored, plain := testrepo.GitHubPAT(330), testrepo.GitHubPAT(331),
		testrepo.GitHubPAT(332)
	acme := testrepo.Token(333, "acme_", "abcdefghijklmnopqrstuvwxyz0123456789", 24)
	for _, tc := range []struct {
		name      string
		subConfig bool
		want      []string // the values reported
		wantRules []string // rules CheckRules must know
	}{
		{"the top level's files", false, []string{plain, acme},
			[]string{"acme-token", "github-pat"}},
		// The subdirectory's own config replaces the rules and allowlist;
		// the .gitleaksignore of the top level still applies.
		{"the subdirectory's own config", true, []string{allowed, plain},
			[]string{"github-pat"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := testrepo.New(t)
			g.Write(".gitleaks.toml", rootConfig)
			g.Write(".gitleaksignore", "ignored.env:github-pat:1\n")
			g.Write("allowed.env", "TOKEN="+allowed+"\n")
			g.Write("ignored.env", "TOKEN="+ignored+"\n")
			g.Write("sub/app.env", "TOKEN="+plain+"\nACME="+acme+"\n")
			if tc.subConfig {
				g.Write("sub/.gitleaks.toml", subConfig)
			}
			g.Commit("add", testrepo.DaysAgo(10))

			var known map[string]bool
			res, err := Run(t.Context(), Options{Dir: filepath.Join(g.Dir, "sub"),
				CheckRules: func(k map[string]bool) error { known = k; return nil }})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range res.Secrets {
				got = append(got, s.Value)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tc.want))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("secrets mismatch (-want +got):\n%s", diff)
			}
			for _, r := range tc.wantRules {
				if !known[r] {
					t.Errorf("CheckRules was not told of rule %s", r)
				}
			}
			if !tc.subConfig && len(known) < 100 {
				t.Errorf("CheckRules knows %d rules; want gitleaks' defaults too", len(known))
			}
		})
	}

	// An error from CheckRules stops the scan.
	g := testrepo.New(t)
	g.Write("README.md", "# demo\n")
	g.Commit("readme", testrepo.DaysAgo(1))
	_, err := Run(t.Context(), Options{Dir: g.Dir,
		CheckRules: func(map[string]bool) error { return errors.New("bad tier") }})
	if err == nil || err.Error() != "bad tier" {
		t.Errorf("Run with a failing CheckRules: %v, want bad tier", err)
	}
}

// TestRemovalPaths checks the removal search where it names directories
// rather than files: files with a space, a quote or a tab in their names,
// one at the top level, one deep down, and busy neighbours in the same
// directories, one of which deletes a line with the same secret without
// ever having been reported for it (an allowlisted file).
func TestRemovalPaths(t *testing.T) {
	t.Parallel()
	files := []string{"config/a b.env", `config/q"uote.env`, "config/t\tab.env", "top.env",
		"deep/x/y/z.env", "config/new\nline.env", "top\nline.env"}
	g := testrepo.New(t)
	g.Write(".gitleaks.toml", "[extend]\nuseDefault = true\n[allowlist]\npaths = ['''ignored\\.env$''']\n")
	var tokens []string
	for i, f := range files {
		tok := testrepo.GitHubPAT(uint64(500 + i))
		tokens = append(tokens, tok)
		g.Write(f, "GITHUB_TOKEN="+tok+"\n")
	}
	g.Write("config/ignored.env", "GITHUB_TOKEN="+tokens[0]+"\n")
	g.Write("config/busy.txt", "0\n")
	g.Commit("add", testrepo.DaysAgo(400))
	removed := make(map[string]string) // token → commit
	for i, f := range files {
		g.Write("config/busy.txt", fmt.Sprint(i+1, "\n"))
		g.Commit("busy", testrepo.DaysAgo(300-20*i))
		g.Remove(f)
		if i == 1 {
			// The ignored copy goes after the reported one, with a file
			// the search reads: one that read every file of the commit
			// would take this commit for the first secret's removal.
			g.Remove("config/ignored.env")
		}
		removed[tokens[i]] = g.Commit("remove "+f, testrepo.DaysAgo(290-20*i))
	}

	res := run(t, g.Dir, History)
	if len(res.Secrets) != len(files) {
		t.Fatalf("%d secrets, want %d", len(res.Secrets), len(files))
	}
	for _, tok := range tokens {
		s := findSecret(res, tok)
		if s.Removed == nil || s.Removed.SHA != removed[tok] {
			t.Errorf("secret of %s: removed by %v, want %s", s.Locations[0].File, s.Removed,
				removed[tok])
		}
	}
}

func TestDiffPath(t *testing.T) {
	for _, tc := range []struct {
		line, want string
		ok         bool
	}{
		{"diff --git a/x.env b/x.env", "x.env", true},
		{"diff --git a/a b/c b/a b/c", "a b/c", true},
		{`diff --git "a/q\"uote" "b/q\"uote"`, `q"uote`, true},
		{`diff --git "a/t\tab" "b/t\tab"`, "t\tab", true},
		{`diff --git "a/caf\303\251" "b/caf\303\251"`, "café", true},
		{"diff --git a/x b/y", "", false},
		{"diff --git x x", "", false},
		{`diff --git "a/x`, "", false},
	} {
		got, ok := diffPath(tc.line)
		if got != tc.want || ok != tc.ok {
			t.Errorf("diffPath(%q) = %q, %v; want %q, %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
}

func TestPathspecs(t *testing.T) {
	paths := map[string]bool{"a/b/c.env": true, "a/d.env": true, "a b/e": true, "top": true,
		"ab/f": true, "x/y/z/w": true, "x/y/v": true}
	got := pathspecs(paths)
	want := []string{"a", "ab", "a b", "top", "x/y"}
	if !slices.Equal(got, want) {
		t.Errorf("pathspecs = %q, want %q", got, want)
	}
	paths["new\nline/a.env"] = true
	if got := pathspecs(paths); !slices.Equal(got, []string{"."}) {
		t.Errorf("with a newline in a directory: pathspecs = %q, want the whole tree", got)
	}
}

// TestUserGitConfig scans under a user's git configuration that changes
// what git log and git diff print: colour forced on, no a/ and b/ in patch
// headers, no diff for the first commit, a one-line pretty format,
// abbreviated and decorated commit lines, relative dates, and gpg's report
// of each signed commit (when gpg is there to sign). The scan must find,
// date and locate the secrets as with no configuration.
func TestUserGitConfig(t *testing.T) {
	tmp := t.TempDir()
	global := filepath.Join(tmp, "gitconfig")
	// A command the repository's configuration would have git run.
	ran := filepath.Join(tmp, "fsmonitor-ran")
	if err := os.WriteFile(global, []byte("[color]\n\tui = always\n"+
		"[diff]\n\tnoprefix = true\n"+
		"[format]\n\tpretty = oneline\n"+
		"[log]\n\tshowRoot = false\n\tabbrevCommit = true\n\tdecorate = full\n"+
		"\tdate = relative\n\tshowSignature = true\n"+
		// What git-crypt's driver does to its files: the patch shows
		// other text than the repository stores.
		"[diff \"mask\"]\n\ttextconv = sed s/ghp_/xxx_/\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", global)
	g := testrepo.New(t)
	g.Sign = signingKey(t)
	gone, kept, moved := testrepo.GitHubPAT(601), testrepo.GitHubPAT(602), testrepo.GitHubPAT(604)
	g.Write(".gitattributes", "*.env diff=mask\n")
	g.Write("config/gone.env", "GITHUB_TOKEN="+gone+"\n")
	g.Write("b/old.env", "GITHUB_TOKEN="+kept+"\n")
	g.Write("m/a.env", "GITHUB_TOKEN="+moved+"\n")
	base := g.Commit("add", testrepo.DaysAgo(100))
	g.Remove("config/gone.env")
	removal := g.Commit("remove", testrepo.DaysAgo(50))
	g.Write("z.env", "GITHUB_TOKEN="+kept+"\n")
	g.Git("mv", "m/a.env", "m/b.env")
	head := g.Commit("copy", testrepo.DaysAgo(10))
	if out := g.Git("log", "-1", "--format=%G?"); g.Sign && out == "N" {
		t.Fatal("the commits are not signed; the test would prove less than it says")
	}
	staged := testrepo.GitHubPAT(603)
	g.Write("staged.env", "GITHUB_TOKEN="+staged+"\n")
	g.Stage("staged.env")
	g.Git("config", "core.fsmonitor", "touch "+ran+"; false")
	// What git -c passes on, as to a hook under git -c … commit, comes after
	// the global configuration and overrides it; a trace on standard error
	// and a pathspec mode are set in the environment alone.
	t.Setenv("GIT_CONFIG_PARAMETERS", "'color.diff=always' 'log.showroot=false' "+
		"'i18n.logOutputEncoding=UTF-16' 'diff.renames=false' 'core.bigFileThreshold=10'")
	t.Setenv("GIT_TRACE", "1")
	t.Setenv("GIT_GLOB_PATHSPECS", "1")

	res := run(t, g.Dir, History)
	if s := findSecret(res, moved); len(s.Locations) != 1 {
		t.Errorf("a renamed file's secret has %d sightings, want 1", len(s.Locations))
	}
	s := findSecret(res, gone)
	if s.First.File != "config/gone.env" || s.First.Commit != base ||
		!s.First.Date.Equal(testrepo.DaysAgo(100)) {
		t.Errorf("first seen in %s at %s on %v, want config/gone.env at %s on %v",
			s.First.File, s.First.Commit, s.First.Date, base, testrepo.DaysAgo(100))
	}
	if s.Removed == nil || s.Removed.SHA != removal {
		t.Errorf("removed by %v, want %s", s.Removed, removal)
	}
	res, err := Run(context.Background(), Options{Dir: g.Dir, Range: base + ".." + head})
	if err != nil {
		t.Fatal(err)
	}
	s = findSecret(res, kept)
	if s.First.File != "b/old.env" || s.First.Commit != base {
		t.Errorf("range scan: first seen in %s at %s, want b/old.env at %s", s.First.File,
			s.First.Commit, base)
	}
	res = run(t, g.Dir, Staged)
	if len(res.Secrets) != 1 || res.Secrets[0].Value != staged {
		t.Errorf("staged scan found %d secrets, want the one staged", len(res.Secrets))
	}
	if _, err := os.Stat(ran); err == nil {
		t.Error("a scan ran the repository's core.fsmonitor command")
	}
}

// TestUserAttributes: a user's own attributes file that marks files
// binary hides nothing from the scan; the repository's .gitattributes is
// what counts.
func TestUserAttributes(t *testing.T) {
	tmp := t.TempDir()
	attributes, global := filepath.Join(tmp, "attributes"), filepath.Join(tmp, "gitconfig")
	if err := os.WriteFile(attributes, []byte("*.env -diff\n*.txt binary\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(global, []byte("[core]\n\tattributesFile = "+attributes+"\n"),
		0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", global)
	g := testrepo.New(t)
	g.Write("a.env", "GITHUB_TOKEN="+testrepo.GitHubPAT(605)+"\n")
	g.Write("b.txt", "GITHUB_TOKEN="+testrepo.GitHubPAT(606)+"\n")
	g.Write(".gitattributes", "hidden.env -diff\n")
	g.Write("hidden.env", "GITHUB_TOKEN="+testrepo.GitHubPAT(607)+"\n")
	g.Commit("add", testrepo.DaysAgo(10))
	var files []string
	for _, s := range run(t, g.Dir, History).Secrets {
		files = append(files, s.First.File)
	}
	slices.Sort(files)
	if !slices.Equal(files, []string{"a.env", "b.txt"}) {
		t.Errorf("secrets in %q, want a.env and b.txt (hidden.env is binary by the "+
			"repository's own attributes)", files)
	}
}

// signingKey makes a gpg key for testrepo's author, in a GNUPGHOME of the
// test's, and reports whether there is one: false where gpg is missing.
func signingKey(t *testing.T) bool {
	if _, err := exec.LookPath("gpg"); err != nil {
		t.Log("no gpg: commits are not signed")
		return false
	}
	home, err := os.MkdirTemp("", "gpg") // short: gpg-agent's socket path is bounded
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = exec.Command("gpgconf", "--homedir", home, "--kill", "gpg-agent").Run()
		os.RemoveAll(home)
	})
	t.Setenv("GNUPGHOME", home)
	keygen := exec.Command("gpg", "--batch", "--passphrase", "", "--quick-gen-key",
		testrepo.AuthorName+" <"+testrepo.AuthorEmail+">", "ed25519", "sign", "never")
	if out, err := keygen.CombinedOutput(); err != nil {
		t.Fatalf("gpg key: %v\n%s", err, out)
	}
	return true
}

func TestNewPath(t *testing.T) {
	for line, want := range map[string]string{
		"+++ b/a.env":            "a.env",
		"+++ b/b/a.env":          "b/a.env",
		`+++ "b/t\tab"`:          "t\tab",
		"+++ /dev/null":          "",
		`+++ "b/unterminated`:    "",
		"+++ without-prefix.env": "",
	} {
		if got := newPath(line); got != want {
			t.Errorf("newPath(%q) = %q, want %q", line, got, want)
		}
	}
}
