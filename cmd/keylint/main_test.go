package main

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/keylint/keylint/internal/testrepo"
)

// buildKeylint builds the command once per test binary run.
func buildKeylint(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "keylint")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// fakeToken returns a GitHub token-shaped string that is built at run time,
// so this file never holds one for a secret scanner to find.
func fakeToken() string {
	r := rand.New(rand.NewPCG(1, 2))
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := []byte("ghp_")
	for range 36 {
		b = append(b, alnum[r.IntN(len(alnum))])
	}
	return string(b)
}

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{code, stdout.String(), stderr.String()}
}

func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	return testrepo.WriteTree(t, files)
}

func TestAnalyzersStandaloneAndVet(t *testing.T) {
	bin := buildKeylint(t)
	token := fakeToken()
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/demo\n\ngo 1.26\n",
		"main.go": `package main

import "fmt"

var githubToken = "` + token + `"

func main() { fmt.Println(len(githubToken)) }
`,
		"clean/clean.go": `package clean

import "os"

// Token is read from the environment, as it should be.
var Token = os.Getenv("GITHUB_TOKEN")
`,
	})

	standalone := run(t, dir, bin, "./...")
	if standalone.code != 3 {
		t.Errorf("keylint ./...: exit %d, want 3 (diagnostics)\nstderr: %s", standalone.code, standalone.stderr)
	}
	if !strings.Contains(standalone.stderr, "main.go:5:") || !strings.Contains(standalone.stderr, "(KL101)") {
		t.Errorf("keylint ./...: want a KL101 diagnostic at main.go:5, got:\n%s", standalone.stderr)
	}

	// -deps=all changes what is parsed, not what this module's code shows.
	if whole := run(t, dir, bin, "-deps=all", "./..."); whole.code != 3 || whole.stderr != standalone.stderr {
		t.Errorf("keylint -deps=all ./...: exit %d, stderr %q; want 3 and %q",
			whole.code, whole.stderr, standalone.stderr)
	}
	// -fix goes to the multichecker, which must accept -deps as well.
	fix := run(t, dir, bin, "-deps=module", "-fix", "-diff", "./...")
	if fix.code != 0 || !strings.Contains(fix.stdout, `os.Getenv("GITHUB_TOKEN")`) {
		t.Errorf("keylint -fix -diff: exit %d, want 0 and a diff\nstdout: %s\nstderr: %s",
			fix.code, fix.stdout, fix.stderr)
	}

	vet := run(t, dir, "go", "vet", "-vettool="+bin, "./...")
	if vet.code == 0 || !strings.Contains(vet.stderr, "main.go:5:") || !strings.Contains(vet.stderr, "(KL101)") {
		t.Errorf("go vet -vettool: exit %d, want a KL101 diagnostic at main.go:5, got:\n%s", vet.code, vet.stderr)
	}

	for _, r := range []result{standalone, vet} {
		if strings.Contains(r.stdout+r.stderr, token) {
			t.Errorf("output holds the full token:\n%s%s", r.stdout, r.stderr)
		}
	}

	clean := run(t, dir, bin, "./clean")
	if clean.code != 0 || clean.stderr != "" {
		t.Errorf("keylint ./clean: exit %d, stderr %q; want a clean run", clean.code, clean.stderr)
	}
}

// TestAnalyzersOnBrokenPackage runs the analyzers over a module with a
// package that does not type-check: keylint must say so and which
// analyses it skipped, still analyze the other packages, and not crash.
func TestAnalyzersOnBrokenPackage(t *testing.T) {
	bin := buildKeylint(t)
	token := fakeToken()
	dir := writeModule(t, map[string]string{
		"go.mod":     "module example.com/broken\n\ngo 1.26\n",
		"bad/bad.go": "package bad\n\nfunc F() int { return \"x\" }\n",
		"good/good.go": "package good\n\nvar githubToken = \"" + token + "\"\n\n" +
			"func N() int { return len(githubToken) }\n",
	})
	for _, args := range [][]string{{bin, "./..."}, {"go", "vet", "-vettool=" + bin, "./..."}} {
		r := run(t, dir, args[0], args[1:]...)
		if r.code != 1 {
			t.Errorf("%s: exit %d, want 1 (a package failed)", strings.Join(args, " "), r.code)
		}
		for _, want := range []string{"bad.go:3:23: cannot use", "good.go:3:19: hardcoded secret"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", strings.Join(args, " "), want, r.stderr)
			}
		}
		if strings.Contains(r.stderr, "panic") || strings.Contains(r.stdout+r.stderr, token) {
			t.Errorf("%s: a panic or the full token in the output:\n%s", strings.Join(args, " "), r.stderr)
		}
	}
	if r := run(t, dir, bin, "./..."); !strings.Contains(r.stderr, "keyexposure: analysis skipped due to errors in package") {
		t.Errorf("keylint ./...: does not say which analyses it skipped:\n%s", r.stderr)
	}
}

func TestSubcommands(t *testing.T) {
	bin := buildKeylint(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args     []string
		code     int
		contains string // in stdout or stderr
	}{
		{nil, 2, "keylint scan [flags] [DIR]"},
		{[]string{"--help"}, 0, "Exit codes:"},
		{[]string{"rules"}, 0, "KL101  analyzer  hardcodedkey"},
		{[]string{"rules", "kl202"}, 0, "# KL202: secret past rotation"},
		{[]string{"rules", "KL999"}, 2, `no rule "KL999"`},
		{[]string{"rules", "hardcodedkey"}, 0, "# KL101:"},
		{[]string{"sarif", "--bogus", "./..."}, 2, "flag provided but not defined: -bogus"},
		{[]string{"rules", "secret-past-rotation"}, 0, "# KL202:"},
		{[]string{"rules", "--help"}, 0, "Usage: keylint rules"},
		{[]string{"rules", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"version"}, 0, "keylint "},
		{[]string{"version", "--help"}, 0, "Usage: keylint version"},
		{[]string{"version", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"rules", "KL101", "KL102"}, 2, "want at most one rule ID"},
		{[]string{"scan", "--help"}, 0, "Usage"},
		{[]string{"help"}, 0, "hardcodedkey"},
	} {
		r := run(t, dir, bin, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.contains) {
			t.Errorf("keylint %s: exit %d, want %d with %q in output; got\nstdout: %s\nstderr: %s",
				strings.Join(tc.args, " "), r.code, tc.code, tc.contains, r.stdout, r.stderr)
		}
		// Help asked for goes to standard output (keylint --help | less);
		// a usage error, to standard error.
		asked := slices.Contains(tc.args, "--help")
		if asked && (r.stderr != "" || !strings.Contains(r.stdout, tc.contains)) {
			t.Errorf("keylint %s: help on stderr %q, want it all on stdout",
				strings.Join(tc.args, " "), r.stderr)
		}
		if tc.code == 2 && r.stdout != "" {
			t.Errorf("keylint %s: usage error on stdout %q, want stderr",
				strings.Join(tc.args, " "), r.stdout)
		}
	}
}

func TestMisspelledSubcommand(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("scna", 0o755); err != nil {
		t.Fatal(err)
	}
	// A module named as in Go's tutorial, one edit from help and two from
	// keylint's own words: the package is analyzed, as asked.
	for name, text := range map[string]string{"go.mod": "module hello\n\ngo 1.22\n",
		"hello.go": "package main\n\nfunc main() {}\n"} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for arg, want := range map[string]string{
		"scna": "", // a directory of that name
		"sacn": "scan", "rule": "rules", "sarf": "sarif", "verison": "version",
		"report-gthub": "report-github", "hepl": "help", "help": "", "hello": "",
		// Packages and patterns are left to the analyzers.
		"sort": "", "fmt": "", "sync": "", "maps": "", "./...": "", "-json": "", "scan/x": "",
		"net": "", "unique": "", "strings": "",
	} {
		got, ok := misspelledSubcommand(arg)
		if got != want || ok != (want != "") {
			t.Errorf("misspelledSubcommand(%q) = %q, %v; want %q", arg, got, ok, want)
		}
	}
}
