package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		const usage = "Usage: keylint version\n\nPrint keylint's version and the gitleaks rules it was built with.\n"
		if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "keylint version: unexpected argument %q\n%s", args[0], usage)
		return 2
	}
	fmt.Fprintf(stdout, "keylint %s (gitleaks %s)\n", version(), depVersion("github.com/zricethezav/gitleaks/v8"))
	return 0
}

// version is the module version go install recorded, or "(devel)" for a
// build from a checkout.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" {
		return "(devel)"
	}
	return bi.Main.Version
}

func depVersion(path string) string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range bi.Deps {
		if d.Path == path {
			return d.Version
		}
	}
	return "unknown"
}
