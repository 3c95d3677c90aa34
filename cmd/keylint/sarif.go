package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/keylint/keylint/internal/report"
)

const sarifUsage = `Usage: keylint sarif [-o FILE] [--root DIR] [analyzer flags] PACKAGES...
       keylint sarif --merge -o FILE [--scan-json REPORT [--range BASE..HEAD]] SARIF...

Run the analyzers (KL101–KL106) on PACKAGES, as 'keylint PACKAGES' does,
and write their diagnostics as SARIF 2.1.0 for GitHub code scanning
(github/codeql-action/upload-sarif) or another SARIF viewer. Analyzer
flags (-NAME=false, -hardcodedkey.tests, …) are passed on.

Paths are made relative to the repository root (%SRCROOT%), which is the
git work tree around the current directory unless --root says otherwise.
Each result's partialFingerprints.primaryLocationLineHash hashes its rule,
the flagged line with whitespace normalised and its occurrence in the
file, so an alert survives edits elsewhere in the file.

With --merge, the runs of the given SARIF files (keylint scan --format
sarif, keylint sarif) are written as one log; --scan-json adds the run of
a scanner JSON report (keylint scan --format json), so one scan gives both.
With --range, the range that scan covered, a secret HEAD holds in several
files is reported in one the range added it to: on a pull request, the
line the pull request wrote.

Flags:
  -o, --output FILE  write the SARIF log to FILE instead of standard output
  --root DIR         the directory paths are relative to
  --merge            merge SARIF files instead of running the analyzers
  --scan-json FILE   with --merge, add the scanner's JSON report as a run
  --range BASE..HEAD with --scan-json, the range the scan covered (default
                     the report's own)
  -h, --help         print this help

Exit codes: 0 no diagnostics, 3 diagnostics written, 1 packages failed to
load or analyze, 2 usage error, or a file that cannot be read (--merge) or
written (-o).
`

// sarifFlags are the parsed command line of keylint sarif.
type sarifFlags struct {
	output string
	root   string
	merge  bool
	scan   string   // a scanner JSON report to merge
	rng    string   // the range the scan covered, BASE..HEAD
	pass   []string // analyzer flags and packages, for the multichecker
}

func parseSARIFFlags(args []string) (*sarifFlags, error) {
	fl := &sarifFlags{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") {
			fl.pass = append(fl.pass, a)
			continue
		}
		switch name {
		case "h", "help":
			return nil, errHelp
		case "merge":
			fl.merge = true
			continue
		case "o", "output", "root", "scan-json", "range":
		default:
			fl.pass = append(fl.pass, a)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return nil, fmt.Errorf("flag needs an argument: %s", a)
			}
			i++
			value = args[i]
		}
		switch name {
		case "root":
			fl.root = value
		case "scan-json":
			fl.scan = value
		case "range":
			fl.rng = value
		default:
			fl.output = value
		}
	}
	if fl.merge && fl.output == "" {
		return nil, errors.New("--merge needs -o FILE")
	}
	if fl.scan != "" && !fl.merge {
		return nil, errors.New("--scan-json needs --merge")
	}
	if fl.rng != "" && fl.scan == "" {
		return nil, errors.New("--range needs --scan-json")
	}
	if len(fl.pass) == 0 && fl.scan == "" {
		return nil, errors.New("no packages (or SARIF files) given")
	}
	return fl, nil
}

var errHelp = errors.New("help requested")

// runSARIF runs keylint sarif.
func runSARIF(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl, err := parseSARIFFlags(args)
	if errors.Is(err, errHelp) {
		fmt.Fprint(stdout, sarifUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "keylint sarif: %v\nRun 'keylint sarif --help' for usage.\n", err)
		return 2
	}
	if fl.merge {
		return finishSARIF(fl, stdout, stderr, func(w io.Writer) (int, error) {
			return 0, mergeSARIF(ctx, w, fl.scan, fl.rng, fl.pass)
		})
	}

	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "keylint sarif: find keylint: %v\n", err)
		return 1
	}
	root := fl.root
	if root == "" {
		root = workTree(ctx)
	}
	if root, err = filepath.Abs(root); err != nil {
		fmt.Fprintf(stderr, "keylint sarif: %v\n", err)
		return 2
	}

	// The multichecker owns the process's flags and exits when done, so it
	// runs as a child with -json, whose output is converted here.
	cmd := exec.CommandContext(ctx, self, append([]string{"-json"}, fl.pass...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, stderr
	runErr := cmd.Run()
	if out.Len() == 0 && runErr != nil {
		// The child has explained a bad analyzer flag with its usage; the
		// exit code says it was one.
		var exit *exec.ExitError
		if errors.As(runErr, &exit) && exit.ExitCode() == 2 {
			return 2
		}
		fmt.Fprintf(stderr, "keylint sarif: analyzers failed: %v\n", runErr)
		return 1
	}
	return finishSARIF(fl, stdout, stderr, func(w io.Writer) (int, error) {
		results, failed, err := analyzerResults(out.Bytes(), root)
		if err != nil {
			return 0, err
		}
		for _, f := range failed {
			fmt.Fprintf(stderr, "keylint sarif: %s\n", f)
		}
		code := 0
		switch {
		case runErr != nil || len(failed) > 0:
			code = 1
		case len(results) > 0:
			code = 3
		}
		return code, report.WriteSARIFLog(w, report.NewSARIF(report.EngineAnalyzer, results))
	})
}

// finishSARIF writes what write produces to the output and returns the exit
// code.
func finishSARIF(fl *sarifFlags, stdout, stderr io.Writer,
	write func(io.Writer) (int, error)) int {
	var buf bytes.Buffer
	code, err := write(&buf)
	if err == nil && fl.output != "" {
		err = os.WriteFile(fl.output, buf.Bytes(), 0o644)
	} else if err == nil {
		_, err = stdout.Write(buf.Bytes())
	}
	if err != nil {
		// A file to merge that cannot be read or is no SARIF, or an output
		// that cannot be written: the packages are not what failed.
		fmt.Fprintf(stderr, "keylint sarif: %v\n", err)
		return 2
	}
	return code
}

// workTree returns the git work tree around the current directory, or the
// current directory outside one.
func workTree(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return "."
	}
	return strings.TrimSpace(string(out))
}
