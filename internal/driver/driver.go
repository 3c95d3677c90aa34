// Package driver runs analyzers over the packages a command line names, as
// the golang.org/x/tools multichecker does, with one difference that decides
// its speed: it analyzes only the packages of the modules being checked.
//
// The multichecker loads every dependency from source as soon as one
// analyzer passes facts, and computes facts for all of them: on a module
// with a few dozen dependencies most of its time and nearly all of its
// memory go to parsing, type-checking and analyzing the standard library
// and other people's modules. This driver takes those packages' types from
// the export data the go command keeps in its build cache (or parses them,
// when that cache is cold and would have to be filled by compiling), and
// computes facts only within the analyzed modules. What is lost is what
// facts would have said about functions elsewhere (that a third-party
// helper logs its argument, say); keylint's analyzers model the standard
// library and the common logging, HTTP and JWT libraries by name, so the
// loss is small (7 true KL102 findings of 94 on 69 real modules), and
// -deps=all brings the whole-program behaviour back.
//
// The flags, output and exit codes are the multichecker's. What this driver
// does not do it leaves to the multichecker: Run reports so, and the caller
// hands the command line on (go vet's -V and -flags and its .cfg files,
// help, and -fix, whose code x/tools keeps internal).
package driver

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// DepsUsage is the -deps flag's help text. The command registers the flag
// on the process's flag set too, so that the multichecker accepts it when it
// is handed the command line.
const DepsUsage = `which packages to analyze for facts: "module" (those of the named ` +
	`packages' modules; the others are only type-checked) or "all" (every ` +
	`dependency, as go vet does; slower)`

// Run runs analyzers on the packages that args, the process's arguments
// without the program name, name. It returns the exit code and true, or
// false if the command line is one for the multichecker: then it has
// printed nothing.
//
// Run changes the analyzers' flags as the command line says, as the
// multichecker would.
func Run(analyzers []*analysis.Analyzer, args []string, stdout, stderr io.Writer) (int, bool) {
	o, ok := parse(analyzers, args)
	if !ok {
		return 0, false
	}
	return o.run(stdout, stderr), true
}

// options is a parsed command line.
type options struct {
	analyzers []*analysis.Analyzer
	patterns  []string
	deps      Deps
	tests     bool
	json      bool
	context   int
	debug     string
	reading   reading

	cpuProfile, memProfile, trace string
}

// parse reads args with the multichecker's flags. It reports false for a
// command line the multichecker must handle, including one with a flag it
// does not know, so that the user sees the multichecker's own message.
func parse(analyzers []*analysis.Analyzer, args []string) (*options, bool) {
	o := &options{deps: DepsModule, tests: true, context: -1}
	fs := flag.NewFlagSet("keylint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}

	enabled := make(map[*analysis.Analyzer]*triState, len(analyzers))
	for _, a := range analyzers {
		enabled[a] = new(triState)
		fs.Var(enabled[a], a.Name, "")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	var fix, printFlags, version bool
	fs.BoolVar(&fix, "fix", false, "")
	fs.BoolVar(&printFlags, "flags", false, "")
	fs.BoolVar(&version, "V", false, "")
	fs.Bool("diff", false, "") // only with -fix
	fs.Var(&o.deps, "deps", "")
	fs.BoolVar(&o.tests, "test", true, "")
	fs.BoolVar(&o.json, "json", false, "")
	fs.IntVar(&o.context, "c", -1, "")
	fs.StringVar(&o.debug, "debug", "", "")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "")
	fs.StringVar(&o.memProfile, "memprofile", "", "")
	fs.StringVar(&o.trace, "trace", "", "")
	for _, name := range []string{"source", "all"} { // no effect, as in x/tools
		fs.Bool(name, false, "")
	}
	fs.String("tags", "", "")
	verbose := fs.Bool("v", false, "") // -debug=v, as in x/tools

	if err := fs.Parse(args); err != nil || fix || printFlags || version {
		return nil, false
	}
	if *verbose {
		o.debug += "v"
	}
	o.patterns = fs.Args()
	if len(o.patterns) == 0 || o.patterns[0] == "help" ||
		len(o.patterns) == 1 && strings.HasSuffix(o.patterns[0], ".cfg") {
		return nil, false
	}
	o.analyzers = selectAnalyzers(analyzers, enabled)
	return o, true
}

// selectAnalyzers applies the enable flags: naming some analyzers (-NAME)
// runs only those, turning some off (-NAME=false) runs the others.
func selectAnalyzers(all []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	var on, unnamed []*analysis.Analyzer
	for _, a := range all {
		switch *enabled[a] {
		case setTrue:
			on = append(on, a)
		case unset:
			unnamed = append(unnamed, a)
		}
	}
	if len(on) > 0 {
		return on
	}
	return unnamed
}

func (o *options) run(stdout, stderr io.Writer) int {
	logf := func(format string, args ...any) {
		fmt.Fprintf(stderr, "keylint: "+format+"\n", args...)
	}
	stop, err := o.startProfiles(logf)
	defer stop()
	if err != nil {
		logf("%v", err)
		return 1
	}

	start := time.Now()
	roots, analyze, err := load(o.patterns, o.tests, o.deps, o.reading)
	if err != nil {
		logf("%v", err)
		return 1
	}
	if o.dbg('v') {
		logf("loaded %d packages and their dependencies in %v", len(roots), time.Since(start))
	}
	code := 0
	if printErrors(stderr, roots) > 0 {
		code = 1
	}
	if analyze != nil {
		cutGraph(roots, analyze)
	}

	opts := &checker.Options{SanityCheck: o.dbg('s'), Sequential: o.dbg('p')}
	if o.dbg('f') {
		opts.FactLog = stderr
	}
	graph, err := checker.Analyze(o.analyzers, roots, opts)
	if err != nil {
		logf("%v", err)
		return 1
	}
	if o.dbg('v') {
		logf("analyzed in %v", time.Since(start))
	}
	code = max(code, o.print(graph, stdout, stderr))
	if o.dbg('t') {
		printTimes(graph, stderr)
	}
	return code
}

// print writes the diagnostics and returns the exit code for them: with
// -json always 0, else 1 if an analysis failed and 3 if any diagnostic was
// reported.
func (o *options) print(graph *checker.Graph, stdout, stderr io.Writer) int {
	if o.json {
		if err := graph.PrintJSON(stdout); err != nil {
			return 1
		}
		return 0
	}
	if err := graph.PrintText(stderr, o.context); err != nil {
		return 1
	}
	failed, diags := 0, 0
	for act := range graph.All() {
		if act.Err != nil {
			failed++
		} else if act.IsRoot {
			diags += len(act.Diagnostics)
		}
	}
	switch {
	case failed > 0:
		return 1
	case diags > 0:
		return 3
	}
	return 0
}

func (o *options) dbg(c rune) bool { return strings.ContainsRune(o.debug, c) }

// startProfiles starts the profiles the flags ask for and returns the
// function that writes them.
func (o *options) startProfiles(logf func(string, ...any)) (func(), error) {
	var stops []func()
	stop := func() {
		for _, f := range stops {
			f()
		}
	}
	// profile creates path now, so that a bad path fails the run before
	// the work, starts writing to it, and has stop finish and close it.
	profile := func(path string, begin func(io.Writer) error, end func(io.Writer)) error {
		if path == "" {
			return nil
		}
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := begin(f); err != nil {
			f.Close()
			return err
		}
		stops = append(stops, func() { end(f); f.Close() })
		return nil
	}
	none := func(io.Writer) error { return nil }
	heap := func(w io.Writer) {
		runtime.GC() // up-to-date statistics
		if err := pprof.WriteHeapProfile(w); err != nil {
			logf("%v", err)
		}
	}
	for _, p := range []struct {
		path  string
		begin func(io.Writer) error
		end   func(io.Writer)
	}{
		{o.cpuProfile, pprof.StartCPUProfile, func(io.Writer) { pprof.StopCPUProfile() }},
		{o.trace, trace.Start, func(io.Writer) { trace.Stop() }},
		{o.memProfile, none, heap},
	} {
		if err := profile(p.path, p.begin, p.end); err != nil {
			return stop, err
		}
	}
	return stop, nil
}

// printErrors prints the errors of roots and of the packages they import,
// each module's error once, and returns how many it printed: what
// packages.PrintErrors does, but to w rather than to os.Stderr.
func printErrors(w io.Writer, roots []*packages.Package) int {
	n := 0
	modules := make(map[*packages.Module]bool)
	for p := range packages.Postorder(roots) {
		for _, err := range p.Errors {
			fmt.Fprintln(w, err)
			n++
		}
		if m := p.Module; m != nil && m.Error != nil && !modules[m] {
			modules[m] = true
			fmt.Fprintln(w, m.Error.Err)
			n++
		}
	}
	return n
}

// printTimes prints the slowest actions, those that take 90% of the total,
// for -debug=t.
func printTimes(graph *checker.Graph, w io.Writer) {
	var acts []*checker.Action
	var total time.Duration
	for act := range graph.All() {
		acts = append(acts, act)
		total += act.Duration
	}
	sort.Slice(acts, func(i, j int) bool { return acts[i].Duration > acts[j].Duration })
	var sum time.Duration
	for _, act := range acts {
		if sum >= total*9/10 {
			fmt.Fprintf(w, "%s\tall others\n", total-sum)
			break
		}
		fmt.Fprintf(w, "%s\t%s\n", act.Duration, act)
		sum += act.Duration
	}
}

// triState is a boolean flag that knows whether it was set at all, so that
// -NAME and -NAME=false can mean different things.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) IsBoolFlag() bool { return true }

func (t *triState) String() string {
	switch *t {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (t *triState) Set(s string) error {
	switch s {
	case "true", "1", "t", "T", "TRUE", "True":
		*t = setTrue
	case "false", "0", "f", "F", "FALSE", "False":
		*t = setFalse
	default:
		return fmt.Errorf("want a boolean, got %q", s)
	}
	return nil
}
