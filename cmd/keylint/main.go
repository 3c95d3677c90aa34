// Command keylint finds long-lived static API keys and the habits that make
// them dangerous, in Go code and in git history.
//
// With package patterns it runs keylint's analyzers (it is a multichecker, and
// works as go vet -vettool); with a subcommand it scans git history, lists
// rules or prints its version. Run keylint --help for the details.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/keylint/keylint/analyzers"
	"github.com/keylint/keylint/internal/driver"
)

func main() {
	// Subcommands are plain words, which never look like a package pattern
	// (./...) or a vet config (*.cfg), so they can share the command line
	// with the multichecker.
	if len(os.Args) > 1 {
		if run, ok := subcommands[os.Args[1]]; ok {
			// SIGHUP too: a closed terminal or an ssh session that drops
			// stops a scan as Ctrl-C does, cleaning up after itself.
			ctx, stop := signal.NotifyContext(context.Background(),
				os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
			code := run(ctx, os.Args[2:], os.Stdout, os.Stderr)
			stop()
			os.Exit(code)
		}
	}
	if len(os.Args) == 1 {
		usage(os.Stderr)
		os.Exit(2)
	}
	if name, ok := misspelledSubcommand(os.Args[1]); ok {
		fmt.Fprintf(os.Stderr, "keylint: unknown command %q; did you mean keylint %s? "+
			"(a package of that name is written ./%s)\n", os.Args[1], name, os.Args[1])
		os.Exit(2)
	}
	// The multichecker parses the process's flags itself; give its -h the
	// whole story, not just the analyzer flags. Help asked for goes to
	// standard output, so that keylint --help | less works; the usage after
	// a bad flag, to standard error.
	flag.CommandLine.Usage = func() {
		w := flag.CommandLine.Output()
		usage(w)
		fmt.Fprintf(w, "\nAnalyzer flags:\n")
		flag.PrintDefaults()
	}
	if len(os.Args) == 2 && isHelpFlag(os.Args[1]) {
		flag.CommandLine.SetOutput(os.Stdout)
	}
	all := analyzers.All()
	if code, ok := driver.Run(all, os.Args[1:], os.Stdout, os.Stderr); ok {
		os.Exit(code)
	}
	// The multichecker always loads every dependency from source; it takes
	// -deps only so that the flag is accepted (and listed) everywhere.
	deps := driver.DepsModule
	flag.Var(&deps, "deps", driver.DepsUsage)
	multichecker.Main(all...)
}

// subcommands maps each subcommand to its entry point. An entry point returns
// the process exit code; ctx is cancelled on SIGINT and SIGTERM.
var subcommands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) int{
	"scan":    runScan,
	"rules":   runRules,
	"version": runVersion,
	"sarif":   runSARIF,

	"report-github": runReportGitHub,
}

// misspelledSubcommand returns the subcommand that arg, the first
// argument, is a typo of: a plain word one or two edits from a
// subcommand's name that names no directory and no package. Without it,
// keylint scna would be analyzed as a standard-library package that does
// not exist, and the user would read a load error instead of the typo. A
// module may well be named hello or rule, so the go command is asked
// whether the word is a package, at the cost of a go list, but only for a
// word that close to a subcommand.
func misspelledSubcommand(arg string) (string, bool) {
	if len(arg) < 3 || strings.HasPrefix(arg, "-") || strings.ContainsAny(arg, "/.=*\\") {
		return "", false
	}
	if _, err := os.Stat(arg); err == nil {
		return "", false
	}
	for _, name := range append(slices.Sorted(maps.Keys(subcommands)), "help") {
		if d := editDistance(arg, name); d > 0 && d <= 2 {
			out, err := exec.Command("go", "list", "-e", "-f", "{{if .Error}}x{{end}}", "--",
				arg).Output()
			if err == nil && strings.TrimSpace(string(out)) == "" {
				return "", false // a package after all
			}
			return name, true
		}
	}
	return "", false
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, sub)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}

func usage(w io.Writer) {
	prog := filepath.Base(os.Args[0])
	fmt.Fprintf(w, `%[1]s finds long-lived static API keys in Go code and in git history.

Usage:
  %[1]s [flags] PACKAGES...   run the analyzers (KL101–KL106) on Go packages
  %[1]s scan [flags] [DIR]    scan DIR's git history for committed secrets and
                             age them against the rotation policy (KL201–KL203)
  %[1]s rules [ID]            list the rules, or print one rule's documentation
  %[1]s sarif [flags] PKGS    run the analyzers and write SARIF 2.1.0
  %[1]s report-github [flags] post findings to a GitHub pull request: a
                             check run, a review or annotations
  %[1]s version               print the version
  %[1]s help [ANALYZER]       describe the analyzers and their flags

The analyzers also run under go vet:
  go vet -vettool=$(command -v %[1]s) ./...

Analyzer flags (before the packages): -json for JSON output, -fix to apply
suggested fixes (-diff to print them instead), -c=N for N lines of context,
-NAME=false to turn an analyzer off, -NAME to run only the named ones,
-deps=all to compute facts for every dependency, not only for the named
packages' modules (slower; other modules are otherwise read from the build
cache's export data).

Exit codes:
  analyzers  0 no diagnostics, 3 diagnostics reported, 1 packages failed to
             load or analyze, 2 a bad flag (the golang.org/x/tools driver's
             convention; under go vet, vet's own: 1 for any diagnostic)
  scan       0 nothing at or above --fail-on, 1 findings, 2 usage or runtime
             error

Suppress a diagnostic with a reason on the line or the line above:
  //keylint:ignore KL101 test fixture, not a real key
  //keylint:ignore KL101,KL104 rules joined by commas

Run '%[1]s scan --help' and '%[1]s rules' for more.
`, prog)
}
