package github_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/keylint/keylint/internal/github"
	gt "github.com/keylint/keylint/internal/github/githubtest"
	"github.com/keylint/keylint/internal/testrepo"
)

// commit is the i-th commit of a hand-built history, dated day(i).
func commit(i int, changes ...gt.Change) gt.Commit {
	return gt.Commit{
		Author:  gt.Signature{Name: fmt.Sprintf("Dev %d", i+1), Email: "dev@example.com", Date: day(i)},
		Changes: changes,
	}
}

// file is a change that writes path, with the needle when withSecret.
func file(path string, rev int, withSecret bool) gt.Change {
	content := fmt.Sprintf("# revision %d\nLOG_LEVEL=debug\n", rev)
	if withSecret {
		content += "API_TOKEN=" + needle + "\n"
	}
	return gt.Change{Path: path, Content: content}
}

// addedLater: five commits to another file, then the file arrives already
// holding the secret and is rewritten, interleaved with unrelated commits.
func addedLater() []gt.Commit {
	var cs []gt.Commit
	for i := range 5 {
		cs = append(cs, commit(len(cs), gt.Change{Path: "README.md", Content: fmt.Sprint("readme ", i)}))
	}
	for i := range 30 {
		cs = append(cs, commit(len(cs), file("config/app.env", i, true)))
		cs = append(cs, commit(len(cs), gt.Change{Path: "main.go", Content: fmt.Sprint("package main // ", i)}))
	}
	return cs
}

// renamed: old.env gets the secret in its 4th commit (index 3), is renamed
// to config/new.env at index 10 and rewritten until index 19. With
// secretInRename the secret only arrives with the rename.
func renamed(secretInRename bool) []gt.Commit {
	var cs []gt.Commit
	for i := range 10 {
		cs = append(cs, commit(i, file("old.env", i, !secretInRename && i >= 3)))
	}
	rename := gt.Change{Path: "config/new.env", From: "old.env"}
	if secretInRename {
		rename.Content = "# renamed\nAPI_TOKEN=" + needle + "\n"
	}
	cs = append(cs, commit(10, rename))
	for i := 11; i < 20; i++ {
		cs = append(cs, commit(i, file("config/new.env", i, true)))
	}
	return cs
}

// renamedTwice: a.env (secret from index 2) → b.env at 6 → c/c.env at 9.
func renamedTwice() []gt.Commit {
	var cs []gt.Commit
	for i := range 6 {
		cs = append(cs, commit(i, file("a.env", i, i >= 2)))
	}
	cs = append(cs, commit(6, gt.Change{Path: "b.env", From: "a.env"}))
	cs = append(cs, commit(7, file("b.env", 7, true)), commit(8, file("b.env", 8, true)))
	cs = append(cs, commit(9, gt.Change{Path: "c/c.env", From: "b.env"}))
	cs = append(cs, commit(10, file("c/c.env", 10, true)))
	return cs
}

// recreated: app.env is rewritten in 0..7, deleted at 8 and written again
// from 12 to 19, holding the secret from 12 on and, with before, in 2..7.
func recreated(before bool) []gt.Commit {
	var cs []gt.Commit
	for i := range 20 {
		switch {
		case i == 8:
			cs = append(cs, commit(i, gt.Change{Path: "app.env", Delete: true}))
		case i < 8 || i >= 12:
			cs = append(cs, commit(i, file("app.env", i, i >= 12 || before && i >= 2)))
		default:
			cs = append(cs, commit(i, gt.Change{Path: "main.go", Content: fmt.Sprint(i)}))
		}
	}
	return cs
}

// movedThroughDeletion is the audit's case: d.env holds the secret from 0,
// is deleted at 6, and d2/d.env arrives with it at 10.
func movedThroughDeletion() []gt.Commit {
	var cs []gt.Commit
	for i := range 14 {
		switch {
		case i < 6:
			cs = append(cs, commit(i, file("d.env", i, true)))
		case i == 6:
			cs = append(cs, commit(i, gt.Change{Path: "d.env", Delete: true}))
		case i >= 10:
			cs = append(cs, commit(i, file("d2/d.env", i, true)))
		default:
			cs = append(cs, commit(i, gt.Change{Path: "main.go", Content: fmt.Sprint(i)}))
		}
	}
	return cs
}

func TestIntroduced(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		commits []gt.Commit
		config  func(*gt.Config)
		path    string
		want    int    // index of the introducing commit
		wantAt  string // file name there; "" = path
		added   bool   // it created the file with the secret: a lower bound
		// wantCounts are the requests per endpoint the first call costs.
		wantCounts map[gt.Endpoint]int
	}{{
		name:    "introduced mid-history, three list pages",
		commits: rewrites("config/app.env", 250, 180),
		path:    "config/app.env",
		want:    179,
		// ⌈250/100⌉ pages, ⌈log₂250⌉ = 8 reads.
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 3, gt.EndpointContents: 8},
	}, {
		name:       "present since the root commit",
		commits:    rewrites("app.env", 40, 1),
		path:       "app.env",
		want:       0,
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 1, gt.EndpointContents: 6},
	}, {
		name:    "present since the file was added after the root",
		commits: addedLater(),
		path:    "config/app.env",
		want:    5,
		added:   true,
		// The commit's file list shows "added", so the search ends there.
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 1, gt.EndpointContents: 5,
			gt.EndpointCommit: 1},
	}, {
		name:       "introduced by the newest commit",
		commits:    rewrites("app.env", 10, 10),
		path:       "app.env",
		want:       9,
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 1, gt.EndpointContents: 3},
	}, {
		name:       "single commit",
		commits:    rewrites("app.env", 1, 1),
		path:       "app.env",
		want:       0,
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 1},
	}, {
		name:    "renamed after the secret arrived",
		commits: renamed(false),
		path:    "config/new.env",
		want:    3,
		wantAt:  "old.env",
		// Two lists (one per name), the renaming commit, 4 reads under the
		// new name, the parent's copy and 3 more under the old name.
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 2, gt.EndpointCommit: 1,
			gt.EndpointContents: 8},
	}, {
		name:    "secret arrived with the rename",
		commits: renamed(true),
		path:    "config/new.env",
		want:    10,
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 2, gt.EndpointCommit: 1,
			gt.EndpointContents: 5},
	}, {
		name:    "renamed twice",
		commits: renamedTwice(),
		path:    "c/c.env",
		want:    2,
		wantAt:  "a.env",
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 3, gt.EndpointCommit: 2,
			gt.EndpointContents: 7},
	}, {
		name:    "large file read through the blob API",
		commits: rewrites("big.env", 20, 7),
		config:  func(c *gt.Config) { c.LargeFileSize = 10 },
		path:    "big.env",
		want:    6,
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 1, gt.EndpointContents: 5,
			gt.EndpointBlob: 5},
	}, {
		name:    "deleted and re-created, held before the deletion",
		commits: recreated(true),
		path:    "app.env",
		want:    2,
		// The search ends at the re-creation (12); the version before the
		// deletion holds the secret, so it goes on there.
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 1, gt.EndpointContents: 8},
	}, {
		name:    "deleted and re-created with a secret it did not hold before",
		commits: recreated(false),
		path:    "app.env",
		want:    12,
		added:   true,
		// The binary search, then one read of the version before the
		// deletion.
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 1, gt.EndpointContents: 5},
	}, {
		name:    "created after another file with the secret was deleted",
		commits: movedThroughDeletion(),
		path:    "d2/d.env",
		want:    10,
		// Only d2/d.env's history is read: its first commit added it.
		added: true,
		wantCounts: map[gt.Endpoint]int{gt.EndpointCommits: 1, gt.EndpointContents: 2,
			gt.EndpointCommit: 1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := gt.Config{Commits: tt.commits, Token: testToken}
			if tt.config != nil {
				tt.config(&cfg)
			}
			srv := gt.New(t, cfg)
			dir := t.TempDir()
			client := newClient(t, srv, nil, func(o *github.Options) { o.CacheDir = dir })
			ctx := context.Background()

			got, err := client.Introduced(ctx, tt.path, srv.SHA(-1), fingerprint, containsNeedle)
			if err != nil {
				t.Fatalf("Introduced: %v", err)
			}
			at := tt.wantAt
			if at == "" {
				at = tt.path
			}
			c := tt.commits[tt.want]
			want := github.Introduction{Commit: srv.SHA(tt.want), Author: c.Author.Name,
				Path: at, Date: c.Author.Date, Added: tt.added,
				Requests: srv.Requests(gt.EndpointAny)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Introduced (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantCounts, srv.Counts(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("requests per endpoint (-want +got):\n%s", diff)
			}
			t.Logf("requests: %d %v", got.Requests, srv.Counts())
			assertNeverSent(t, srv, needle)

			// Warm cache: the same Client, then a new one on the same dir.
			sent := srv.Requests(gt.EndpointAny)
			again, err := client.Introduced(ctx, tt.path, srv.SHA(-1), fingerprint, containsNeedle)
			if err != nil || again.Requests != 0 || again.Commit != want.Commit {
				t.Errorf("same Client again = %+v, %v; want %s from 0 requests", again, err, want.Commit)
			}
			fresh := newClient(t, srv, nil, func(o *github.Options) { o.CacheDir = dir })
			again, err = fresh.Introduced(ctx, tt.path, srv.SHA(-1), fingerprint, containsNeedle)
			if err != nil || again.Requests != 0 || again.Commit != want.Commit {
				t.Errorf("new Client, same cache = %+v, %v; want %s from 0 requests", again, err, want.Commit)
			}
			if n := srv.Requests(gt.EndpointAny); n != sent {
				t.Errorf("warm cache sent %d requests, want 0", n-sent)
			}
			testrepo.NoSecretInDir(t, dir, needle, "LOG_LEVEL", testToken)
		})
	}
}

// TestIntroducedCost checks the cost bound of the design, ⌈N/100⌉ pages and
// at most ⌈log₂N⌉ reads, wherever the secret arrived.
func TestIntroducedCost(t *testing.T) {
	t.Parallel()
	const n = 250
	srvs := map[int]*gt.Server{}
	for _, intro := range []int{1, 2, 50, 128, 180, 249, 250} {
		srvs[intro] = newServer(t, rewrites("app.env", n, intro))
	}
	for intro, srv := range srvs {
		client := newClient(t, srv, nil, func(o *github.Options) { o.CacheDir = "-" })
		got, err := client.Introduced(context.Background(), "app.env", srv.SHA(-1), "", containsNeedle)
		if err != nil {
			t.Fatalf("intro %d: %v", intro, err)
		}
		if got.Commit != srv.SHA(intro-1) {
			t.Errorf("intro %d: got commit %s, want %s", intro, got.Commit, srv.SHA(intro-1))
		}
		pages, reads := srv.Requests(gt.EndpointCommits), srv.Requests(gt.EndpointContents)
		maxReads := int(math.Ceil(math.Log2(n)))
		if pages != 3 || reads > maxReads {
			t.Errorf("intro %d: %d pages and %d reads, want 3 and at most %d", intro, pages, reads, maxReads)
		}
	}
}

// TestIntroducedNoDiskCache checks CacheDir "-": answers are kept in memory
// for the Client only.
func TestIntroducedNoDiskCache(t *testing.T) {
	t.Parallel()
	srv := newServer(t, rewrites("app.env", 30, 12))
	ctx := context.Background()
	first := newClient(t, srv, nil, func(o *github.Options) { o.CacheDir = "-" })
	a, err := first.Introduced(ctx, "app.env", srv.SHA(-1), fingerprint, containsNeedle)
	if err != nil {
		t.Fatal(err)
	}
	b, err := first.Introduced(ctx, "app.env", srv.SHA(-1), fingerprint, containsNeedle)
	if err != nil || b.Requests != 0 {
		t.Errorf("same Client again: %+v, %v; want 0 requests", b, err)
	}
	second := newClient(t, srv, nil, func(o *github.Options) { o.CacheDir = "-" })
	c, err := second.Introduced(ctx, "app.env", srv.SHA(-1), fingerprint, containsNeedle)
	if err != nil || c.Requests != a.Requests || c.Commit != a.Commit {
		t.Errorf("new Client without disk cache: %+v, %v; want %d requests", c, err, a.Requests)
	}
}

// TestIntroducedMonotonicLimitation pins down the documented limitation: a
// secret removed and added back is dated by the start of a run, here the
// later one, not by its very first commit.
func TestIntroducedMonotonicLimitation(t *testing.T) {
	t.Parallel()
	var cs []gt.Commit
	for i := range 16 {
		// Present in 3..5 (first run) and from 10 on (second run).
		cs = append(cs, commit(i, file("app.env", i, i >= 3 && i <= 5 || i >= 10)))
	}
	srv := newServer(t, cs)
	client := newClient(t, srv, nil)
	got, err := client.Introduced(context.Background(), "app.env", srv.SHA(-1), fingerprint, containsNeedle)
	if err != nil {
		t.Fatal(err)
	}
	if got.Commit != srv.SHA(10) {
		t.Errorf("got commit %s, want the start of the later run %s", got.Commit, srv.SHA(10))
	}
}

// TestIntroducedConcurrent runs searches for several files on one Client at
// once; with -race it checks the shared cache and counters.
func TestIntroducedConcurrent(t *testing.T) {
	t.Parallel()
	var cs []gt.Commit
	for i := range 60 {
		var changes []gt.Change
		for f := range 4 {
			changes = append(changes, file(fmt.Sprintf("f%d.env", f), i, i >= 10*(f+1)))
		}
		cs = append(cs, commit(i, changes...))
	}
	srv := newServer(t, cs)
	client := newClient(t, srv, nil)
	var wg sync.WaitGroup
	got := make([]github.Introduction, 4)
	errs := make([]error, 4)
	for f := range 4 {
		wg.Go(func() {
			got[f], errs[f] = client.Introduced(context.Background(), fmt.Sprintf("f%d.env", f),
				srv.SHA(-1), fingerprint, containsNeedle)
		})
	}
	wg.Wait()
	total := 0
	for f := range 4 {
		if errs[f] != nil {
			t.Fatalf("f%d: %v", f, errs[f])
		}
		if want := srv.SHA(10 * (f + 1)); got[f].Commit != want {
			t.Errorf("f%d: got %s, want %s", f, got[f].Commit, want)
		}
		total += got[f].Requests
	}
	if total != srv.Requests(gt.EndpointAny) || total != client.Requests() {
		t.Errorf("per-call requests add up to %d; server saw %d, client counted %d",
			total, srv.Requests(gt.EndpointAny), client.Requests())
	}
}

// TestIntroducedNothingSent checks every request, and the debug log, for the
// secret and the log for the token.
func TestIntroducedNothingSent(t *testing.T) {
	t.Parallel()
	srv := newServer(t, renamed(false))
	var logs syncBuffer
	client := newClient(t, srv, &logs)
	if _, err := client.Introduced(context.Background(), "config/new.env", srv.SHA(-1),
		fingerprint, containsNeedle); err != nil {
		t.Fatal(err)
	}
	assertNeverSent(t, srv, needle)
	for _, r := range srv.Received() {
		if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
			t.Errorf("%s: Authorization %q, want a bearer token", r.URL, got)
		}
	}
	if logs.String() == "" {
		t.Error("no debug log written")
	}
	for _, s := range []string{needle, testToken} {
		if strings.Contains(logs.String(), s) {
			t.Errorf("log holds %q", s)
		}
	}
}

// TestIntroducedSharesRequests checks that one Client asks once for what
// several searches need: the commit that added K files with the secret is
// fetched once, not K times, and the versions of a file that holds two
// secrets are read once, not once per secret.
func TestIntroducedSharesRequests(t *testing.T) {
	t.Parallel()
	second := "SECOND-" + strings.Repeat("kl", 12)
	paths := []string{".env.production", ".env.staging", "deploy/.env"}
	var cs []gt.Commit
	for i := range 40 {
		c := commit(i, gt.Change{Path: "both.env", Content: fmt.Sprintf("# %d\n", i)})
		if i >= 25 {
			c.Changes[0].Content += "A=" + needle + "\nB=" + second + "\n"
		}
		if i == 30 {
			for _, p := range paths {
				c.Changes = append(c.Changes, file(p, i, true))
			}
		}
		cs = append(cs, c)
	}
	srv := newServer(t, cs)
	client := newClient(t, srv, nil, func(o *github.Options) { o.CacheDir = "-" })
	ctx := context.Background()

	for _, p := range paths {
		got, err := client.Introduced(ctx, p, srv.SHA(-1), fingerprint, containsNeedle)
		if err != nil || got.Commit != srv.SHA(30) || !got.Added {
			t.Fatalf("%s: %+v, %v; want commit 30, which added it", p, got, err)
		}
	}
	// One list per file, and the commit that added them all once.
	want := map[gt.Endpoint]int{gt.EndpointCommits: 3, gt.EndpointCommit: 1}
	if diff := cmp.Diff(want, srv.Counts()); diff != "" {
		t.Errorf("requests for %d files added by one commit (-want +got):\n%s", len(paths), diff)
	}

	srv.ResetCounts()
	first, err := client.Introduced(ctx, "both.env", srv.SHA(-1), "fp-a", containsNeedle)
	if err != nil || first.Commit != srv.SHA(25) {
		t.Fatalf("first secret: %+v, %v", first, err)
	}
	holdsSecond := func(b []byte) bool { return bytes.Contains(b, []byte(second)) }
	other, err := client.Introduced(ctx, "both.env", srv.SHA(-1), "fp-b", holdsSecond)
	if err != nil || other.Commit != srv.SHA(25) || other.Requests != 0 {
		t.Errorf("second secret of the same file: %+v, %v; want commit 25 from 0 requests",
			other, err)
	}
	t.Logf("first secret %d requests, second %d", first.Requests, other.Requests)
}
