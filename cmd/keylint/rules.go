package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/keylint/keylint/rules"
)

func runRules(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	markdown := fs.Bool("markdown", false, "print the rule table in Markdown (as in the README)")
	usage := func(w io.Writer) {
		fmt.Fprintf(w, `Usage: keylint rules [--markdown] [ID|NAME]

Without an argument, list every rule: ID, engine, name, default severity,
title. With an ID (such as KL101) or a name (hardcodedkey,
secret-past-rotation), print that rule's documentation.

Flags:
`)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		// Help asked for goes to standard output, so it can be paged; a
		// usage error to standard error.
		if err == flag.ErrHelp {
			usage(stdout)
			return 0
		}
		fmt.Fprintf(stderr, "keylint rules: %v\n", err)
		usage(stderr)
		return 2
	}

	switch {
	case fs.NArg() > 1:
		fmt.Fprintf(stderr, "keylint rules: want at most one rule ID, got %d\n", fs.NArg())
		usage(stderr)
		return 2
	case fs.NArg() == 1:
		r, ok := lookupRule(fs.Arg(0))
		if !ok {
			fmt.Fprintf(stderr, "keylint rules: no rule %q; run keylint rules for the list\n", fs.Arg(0))
			return 2
		}
		fmt.Fprint(stdout, r.Doc())
		return 0
	case *markdown:
		fmt.Fprint(stdout, rules.MarkdownTable())
		return 0
	}

	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tENGINE\tNAME\tSEVERITY\tTITLE")
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Engine, r.Name, r.Severity, r.Title)
	}
	tw.Flush()
	return 0
}

// lookupRule finds a rule by its ID or by its name, in any case.
func lookupRule(arg string) (rules.Rule, bool) {
	if r, ok := rules.Lookup(arg); ok {
		return r, true
	}
	for _, r := range rules.All() {
		if strings.EqualFold(r.Name, arg) {
			return r, true
		}
	}
	return rules.Rule{}, false
}
