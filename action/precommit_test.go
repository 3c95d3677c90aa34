package action_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/keylint/keylint/internal/testrepo"
)

type hook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	Types         []string `yaml:"types"`
}

func readHooks(t *testing.T) map[string]hook {
	t.Helper()
	b, err := os.ReadFile("../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatalf("parse .pre-commit-hooks.yaml: %v", err)
	}
	byID := map[string]hook{}
	for _, h := range hooks {
		if h.Language != "golang" || h.PassFilenames == nil || *h.PassFilenames ||
			h.Name == "" || !strings.HasPrefix(h.Entry, "keylint ") {
			t.Errorf("hook %s: want language golang, pass_filenames false, a name and "+
				"a keylint entry: %+v", h.ID, h)
		}
		byID[h.ID] = h
	}
	return byID
}

// runHook runs a hook's entry as pre-commit does: split on spaces, with
// the hook's go-installed binaries first on PATH, in the repository.
func runHook(t *testing.T, gobin, dir string, h hook) result {
	t.Helper()
	args := strings.Fields(h.Entry)
	path := "PATH=" + gobin + string(os.PathListSeparator) + os.Getenv("PATH")
	return run(t, dir, []string{path}, filepath.Join(gobin, args[0]), args[1:]...)
}

func TestPreCommitHooks(t *testing.T) {
	hooks := readHooks(t)
	scan, vet := hooks["keylint-scan"], hooks["keylint-vet"]
	if !strings.Contains(vet.Entry, "./...") || len(vet.Types) != 1 || vet.Types[0] != "go" {
		t.Errorf("keylint-vet = %+v, want ./... on types [go]", vet)
	}
	bin := buildKeylint(t)
	gobin := filepath.Dir(bin)
	token := testrepo.GitHubPAT(201)

	r := testrepo.New(t)
	r.Write("go.mod", "module example.com/hooks\n\ngo 1.22\n")
	r.Write("app/app.go", "package app\n\nfunc Name() string { return \"hooks\" }\n")
	r.Commit("start", time.Now().AddDate(0, 0, -1))

	// A clean staged change passes both hooks.
	r.Write("app/more.go", "package app\n\nconst Greeting = \"hello\"\n")
	r.Stage("app/more.go")
	for _, h := range []hook{scan, vet} {
		if res := runHook(t, gobin, r.Dir, h); res.code != 0 {
			t.Errorf("%s on a clean change: exit %d\n%s%s", h.ID, res.code, res.stdout,
				res.stderr)
		}
	}

	// A staged secret stops the commit, and is not printed in full.
	r.Write("app/key.go", "package app\n\nconst apiKey = \""+token+"\"\n")
	r.Stage("app/key.go")
	res := runHook(t, gobin, r.Dir, scan)
	if res.code != 1 || !strings.Contains(res.stdout, "app/key.go:3") {
		t.Errorf("keylint-scan on a staged secret: exit %d, want 1\n%s%s", res.code,
			res.stdout, res.stderr)
	}
	if vres := runHook(t, gobin, r.Dir, vet); vres.code == 0 ||
		!strings.Contains(vres.stderr, "KL101") {
		t.Errorf("keylint-vet on a hardcoded key: exit %d\n%s", vres.code, vres.stderr)
	}
	if strings.Contains(res.stdout+res.stderr, token) {
		t.Error("keylint-scan printed the secret in full")
	}
}
