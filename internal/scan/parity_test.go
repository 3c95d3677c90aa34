package scan

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/cmd/scm"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/report"
	"github.com/zricethezav/gitleaks/v8/sources"

	"github.com/keylint/keylint/internal/testrepo"
)

// gitleaksGit scans dir the way the gitleaks git command does (cmd/root.go
// and cmd/git.go in gitleaks v8): the default config through gitleaks'
// global viper, a detector with the command's default flags, the
// .gitleaksignore of the scanned directory, and git log over every ref
// (History) or git diff --staged (Staged, as gitleaks git --staged).
func gitleaksGit(t *testing.T, dir string, mode Mode) []report.Finding {
	t.Helper()
	gitleaksMu.Lock()
	viper.SetConfigType("toml")
	err := viper.ReadConfig(strings.NewReader(config.DefaultConfig))
	var vc config.ViperConfig
	if err == nil {
		err = viper.Unmarshal(&vc)
	}
	var cfg config.Config
	if err == nil {
		cfg, err = vc.Translate()
	}
	gitleaksMu.Unlock()
	if err != nil {
		t.Fatalf("load gitleaks config: %v", err)
	}

	ctx := context.Background()
	d := detect.NewDetectorContext(ctx, cfg)
	d.MaxDecodeDepth = 5 // the --max-decode-depth default
	d.Config.Path = filepath.Join(dir, ".gitleaks.toml")
	if ignore := filepath.Join(dir, ".gitleaksignore"); fileExists(ignore) {
		if err := d.AddGitleaksIgnore(ignore); err != nil {
			t.Fatal(err)
		}
	}
	cmd, err := sources.NewGitLogCmdContext(ctx, dir, "")
	if mode == Staged {
		cmd, err = sources.NewGitDiffCmdContext(ctx, dir, true)
	}
	if err != nil {
		t.Fatal(err)
	}
	findings, err := d.DetectSource(ctx, &sources.Git{
		Cmd:             cmd,
		Config:          &d.Config,
		Remote:          sources.NewRemoteInfoContext(ctx, scm.NoPlatform, dir),
		Sema:            d.Sema,
		MaxArchiveDepth: d.MaxArchiveDepth,
	})
	if err != nil {
		t.Fatalf("gitleaks: %v", err)
	}
	return findings
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// gitleaksBinary runs a gitleaks executable named by $KEYLINT_GITLEAKS, when
// set, and returns its JSON report.
func gitleaksBinary(t *testing.T, dir string) ([]report.Finding, bool) {
	t.Helper()
	bin := os.Getenv("KEYLINT_GITLEAKS")
	if bin == "" {
		return nil, false
	}
	out := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(bin, "git", "--no-banner", "--log-level", "error",
		"--report-format", "json", "--report-path", out, ".")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("%s: %v\n%s", bin, err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var findings []report.Finding
	if err := json.Unmarshal(b, &findings); err != nil {
		t.Fatal(err)
	}
	return findings, true
}

// checkParity checks that keylint reports every secret gitleaks finds, at
// every location gitleaks finds it.
func checkParity(t *testing.T, dir string, mode Mode, findings []report.Finding) {
	t.Helper()
	res := run(t, dir, mode)
	type key struct{ rule, secret string }
	seen := make(map[key]map[string]bool)
	for _, s := range res.Secrets {
		locs := make(map[string]bool)
		for _, l := range s.Locations {
			locs[l.Commit+":"+l.File+":"+itoaLine(l.Line)] = true
		}
		seen[key{s.Rule, s.Value}] = locs
	}
	if len(findings) == 0 {
		t.Errorf("gitleaks found nothing in %s: the parity check checks nothing", dir)
	}
	for _, f := range findings {
		value := f.Secret
		if value == "" {
			value = f.Match
		}
		locs, ok := seen[key{f.RuleID, value}]
		if !ok {
			t.Errorf("gitleaks finds a %s secret at %s that keylint does not report",
				f.RuleID, f.Fingerprint)
			continue
		}
		if loc := f.Commit + ":" + f.File + ":" + itoaLine(f.StartLine); !locs[loc] {
			t.Errorf("keylint lacks the %s location %s", f.RuleID, loc)
		}
	}
	t.Logf("%s: gitleaks %d findings, keylint %d secrets", filepath.Base(dir), len(findings),
		len(res.Secrets))
}

func itoaLine(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// parityRepo holds what the scenario lacks: a secret only on another
// branch, an encoded one, a private key.
func parityRepo(t *testing.T) string {
	r := testrepo.NewScenario(t).Repo
	r.Git("checkout", "-q", "-b", "feature")
	r.Write("feature.env", "TOKEN="+testrepo.GitHubPAT(300)+"\n")
	r.Write("b64.txt", base64.StdEncoding.EncodeToString([]byte(testrepo.GitHubPAT(301)))+"\n")
	r.Write("id_rsa", privateKey(302)+"\n")
	r.Commit("feature work", testrepo.DaysAgo(3))
	r.Git("checkout", "-q", "main")
	return r.Dir
}

func TestGitleaksParity(t *testing.T) {
	t.Parallel()
	dirs := map[string]string{"scenario": parityRepo(t)}
	for _, name := range []string{"small", "staged"} {
		if dir, ok := gitleaksTestRepo(t, name); ok {
			dirs[name] = dir
		}
	}
	for name, dir := range dirs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkParity(t, dir, History, gitleaksGit(t, dir, History))
			if findings, ok := gitleaksBinary(t, dir); ok {
				checkParity(t, dir, History, findings)
			}
		})
	}
}

// TestGitleaksStagedParity compares the staged scan, which reads git diff
// itself, with gitleaks' own staged source.
func TestGitleaksStagedParity(t *testing.T) {
	t.Parallel()
	r := testrepo.NewScenario(t).Repo
	// Two hunks in a file HEAD holds, a rename with an addition, a deleted
	// file that held a secret, a multi-line key, an encoded secret, odd
	// paths, and a binary file.
	r.Write("config/app.env", "FIRST="+testrepo.GitHubPAT(310)+"\nAPP_NAME=demo\n"+
		"PREFECT_API_KEY=pnu_kept\nLAST="+testrepo.GitHubPAT(311)+"\n")
	r.Git("mv", "config/dev.env", "config/development.env")
	r.Write("config/development.env", "ENV=dev\nGITHUB_TOKEN=moved\nNEW="+
		testrepo.GitHubPAT(312)+"\n")
	r.Remove("config/prod.env")
	r.Write("keys/id_rsa", privateKey(313)+"\n")
	r.Write("b64.txt", base64.StdEncoding.EncodeToString([]byte(testrepo.GitHubPAT(314)))+"\n")
	r.Write("dir with space/ünï \"q\".env", "TOKEN="+testrepo.GitHubPAT(315)+"\n")
	r.Write("blob.bin", "\x00\x01TOKEN="+testrepo.GitHubPAT(316)+"\n")
	r.Git("add", "-A")
	findings := gitleaksGit(t, r.Dir, Staged)
	if len(findings) < 6 {
		t.Fatalf("gitleaks finds %d staged secrets, want at least 6: the repository is not what "+
			"the test means", len(findings))
	}
	checkParity(t, r.Dir, Staged, findings)
}

// gitleaksTestRepo copies one of gitleaks' own test repositories
// (testdata/repos/NAME, which stores its .git as dotGit) from the module
// cache into a temporary directory.
func gitleaksTestRepo(t *testing.T, name string) (string, bool) {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}",
		"github.com/zricethezav/gitleaks/v8").Output()
	modDir := strings.TrimSpace(string(out))
	src := filepath.Join(modDir, "testdata", "repos", name)
	if err != nil || modDir == "" || !fileExists(filepath.Join(src, "dotGit")) {
		t.Logf("gitleaks test repository %s not available: %v", name, err)
		return "", false
	}
	dst := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dst, "dotGit"), filepath.Join(dst, ".git")); err != nil {
		t.Fatal(err)
	}
	return dst, true
}

// TestGitleaksTestRepos scans gitleaks' own test repositories, whose secrets
// were committed years before testrepo.Now.
func TestGitleaksTestRepos(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		want   map[string]view // by value; only the fields compared below
		atHead bool
	}{
		{name: "small", atHead: true},
		{name: "staged", atHead: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir, ok := gitleaksTestRepo(t, tc.name)
			if !ok {
				t.Skip("gitleaks module not in the module cache")
			}
			res := run(t, dir, History)
			if len(res.Secrets) == 0 {
				t.Fatal("no secrets found")
			}
			for _, s := range res.Secrets {
				t.Logf("%s %s: introduced %s %s by %s, at HEAD %v, %d locations, removed %v",
					s.Rule, s.Fingerprint, s.Introduced.SHA[:7], s.Introduced.Date.Format("2006-01-02"),
					s.Introduced.Author, s.AtHead, len(s.Locations), s.Removed != nil)
				if s.AtHead != tc.atHead || s.Introduced.Date.Year() > 2023 {
					t.Errorf("%s: at HEAD %v (want %v), introduced %v", s.Rule, s.AtHead,
						tc.atHead, s.Introduced.Date)
				}
			}
		})
	}
}
