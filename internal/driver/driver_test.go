package driver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/analysis"

	"github.com/keylint/keylint/internal/testrepo"
)

// printsFact marks a function that calls println, directly or through
// functions of other packages that have the fact.
type printsFact struct{}

func (*printsFact) AFact()         {}
func (*printsFact) String() string { return "prints" }

// newPrints returns an analyzer that passes printsFact between packages and
// reports every call, outside the function's own package, to a function
// that has it: a small stand-in for keyexposure's summaries, whose result
// shows exactly which packages had facts computed.
func newPrints() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      "prints",
		Doc:       "report calls to functions of other packages that print",
		FactTypes: []analysis.Fact{new(printsFact)},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		// Analyzers take a package's syntax and type information for
		// granted; a driver must not run them on one without.
		if pass.TypesInfo == nil || pass.Pkg == nil {
			panic("no type information for " + pass.String())
		}
		checkBodies(pass)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				if printsIn(pass, fd.Body) {
					pass.ExportObjectFact(pass.TypesInfo.Defs[fd.Name], new(printsFact))
				}
			}
		}
		return nil, nil
	}
	return a
}

// checkBodies panics if a function body of the package was not
// type-checked, as SSA construction would: go/packages leaves bodies out
// of the packages it type-checks from source without being asked to.
func checkBodies(pass *analysis.Pass) {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					id, ok := n.(*ast.Ident)
					if !ok {
						return true
					}
					_, def := pass.TypesInfo.Defs[id]
					_, use := pass.TypesInfo.Uses[id]
					if !def && !use {
						panic(fmt.Sprintf("%s: body of %s not type-checked",
							pass.Pkg.Path(), fd.Name.Name))
					}
					return true
				})
			}
		}
	}
}

// printsIn reports whether body calls println or an imported function with
// printsFact, and reports each such imported call.
func printsIn(pass *analysis.Pass, body *ast.BlockStmt) bool {
	prints := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		switch fn := calleeOf(pass, call).(type) {
		case *types.Builtin:
			prints = prints || fn.Name() == "println"
		case *types.Func:
			if fn.Pkg() != pass.Pkg && pass.ImportObjectFact(fn, new(printsFact)) {
				pass.Reportf(call.Pos(), "%s.%s prints", fn.Pkg().Name(), fn.Name())
				prints = true
			}
		}
		return true
	})
	return prints
}

func calleeOf(pass *analysis.Pass, call *ast.CallExpr) types.Object {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return pass.TypesInfo.Uses[f]
	case *ast.SelectorExpr:
		return pass.TypesInfo.Uses[f.Sel]
	}
	return nil
}

// layered is a main module whose command calls a printing helper in its
// own module and one in a separate module it requires.
var layered = map[string]string{
	"go.mod": "module example.com/m\n\ngo 1.26\n\nrequire example.com/dep v0.0.0\n\n" +
		"replace example.com/dep => ./dep\n",
	"dep/go.mod":           "module example.com/dep\n\ngo 1.26\n",
	"dep/dep.go":           "package dep\n\nimport \"strings\"\n\nfunc Show(s string) { println(strings.ToUpper(s)) }\n",
	"internal/util/u.go":   "package util\n\nfunc Show(s string) { println(s) }\n",
	"internal/util/nop.go": "package util\n\nfunc Quiet(s string) {}\n",
	"cmd/app/main.go": `package main

import (
	"example.com/dep"
	"example.com/m/internal/util"
)

func main() {
	util.Show("a")
	util.Quiet("b")
	dep.Show("c")
}
`,
}

func TestFactsByDeps(t *testing.T) {
	t.Chdir(testrepo.WriteTree(t, layered))
	for _, how := range []reading{readExport, readSource, readAuto} {
		t.Run(how.String(), func(t *testing.T) { factsByDeps(t, how) })
	}
}

// runWith runs the driver as Run does, reading the packages outside the
// scope of analysis as how says.
func runWith(t *testing.T, how reading, analyzers []*analysis.Analyzer, args []string) (code int, stdout, stderr string) {
	t.Helper()
	o, ok := parse(analyzers, args)
	if !ok {
		t.Fatalf("%v: not a command line for the driver", args)
	}
	o.reading = how
	var out, errs bytes.Buffer
	code = o.run(&out, &errs)
	return code, out.String(), errs.String()
}

func factsByDeps(t *testing.T, how reading) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		// The helper in the module has its fact even when only the command
		// is named; the other module's is not computed.
		{[]string{"./cmd/app"}, []string{"main.go:9:2: util.Show prints"}},
		{[]string{"./..."}, []string{"main.go:9:2: util.Show prints"}},
		{[]string{"-deps=module", "./cmd/app"}, []string{"main.go:9:2: util.Show prints"}},
		{[]string{"-deps=all", "./cmd/app"}, []string{
			"main.go:9:2: util.Show prints", "main.go:11:2: dep.Show prints",
		}},
		// A named file's package is read with its dependencies from
		// source; the facts stay within the module.
		{[]string{"cmd/app/main.go"}, []string{"main.go:9:2: util.Show prints"}},
	} {
		code, _, stderr := runWith(t, how, []*analysis.Analyzer{newPrints()}, tc.args)
		if code != 3 {
			t.Errorf("%v: exit %d, want 3\n%s", tc.args, code, stderr)
			continue
		}
		if diff := cmp.Diff(tc.want, diagnostics(stderr)); diff != "" {
			t.Errorf("%v: diagnostics (-want +got):\n%s", tc.args, diff)
		}
	}
}

// diagnostics returns the text driver's lines without the directory part of
// their file names.
func diagnostics(out string) []string {
	var lines []string
	for l := range strings.Lines(out) {
		lines = append(lines, filepath.Base(strings.TrimSpace(l)))
	}
	return lines
}

// TestOtherModuleImportingRoot loads a module whose tests import a package
// of another module that imports the module back. go/packages type-checks
// that package from source, without function bodies, for the test; it
// must not be analyzed (keyexposure's SSA builder panicked on one in
// azidentity).
func TestOtherModuleImportingRoot(t *testing.T) {
	t.Chdir(testrepo.WriteTree(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n\nrequire example.com/ext v0.0.0\n\n" +
			"replace example.com/ext => ./ext\n",
		"lib/lib.go": "package lib\n\nfunc Show(s string) { println(s) }\n",
		"lib/lib_test.go": "package lib_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/ext/plug\"\n)\n\n" +
			"func TestUse(t *testing.T) { plug.Use() }\n",
		"ext/go.mod":       "module example.com/ext\n\ngo 1.26\n\nrequire example.com/m v0.0.0\n",
		"ext/plug/plug.go": "package plug\n\nimport \"example.com/m/lib\"\n\nfunc Use() { x := \"a\"; lib.Show(x) }\n",
		"cmd/app/main.go":  "package main\n\nimport \"example.com/m/lib\"\n\nfunc main() { lib.Show(\"b\") }\n",
	}))
	for _, how := range []reading{readExport, readSource} {
		for _, args := range [][]string{{"./..."}, {"./cmd/app"}, {"-deps=all", "./..."}} {
			code, _, stderr := runWith(t, how, []*analysis.Analyzer{newPrints()}, args)
			if code != 3 || !strings.Contains(stderr, "main.go:5:15: lib.Show prints") {
				t.Errorf("%v, reading %v: exit %d; want 3 and the call in main.go\n%s", args, how, code, stderr)
			}
			// The other module's package is analyzed only with -deps=all.
			if other := strings.Contains(stderr, "plug.Use prints"); other != (args[0] == "-deps=all") {
				t.Errorf("%v, reading %v: plug.Use reported %t\n%s", args, how, other, stderr)
			}
		}
	}
}

// TestColdCache runs the driver on an empty build cache, where it parses
// what it would otherwise read from export data: the diagnostics must be
// those of a warm cache.
func TestColdCache(t *testing.T) {
	dir := testrepo.WriteTree(t, layered)
	t.Chdir(dir)
	t.Setenv("GOCACHE", t.TempDir())
	if !coldCache([]string{"./..."}, true) {
		t.Fatal("coldCache = false on an empty build cache")
	}
	for _, args := range [][]string{{"./cmd/app"}, {"./..."}} {
		var stdout, stderr bytes.Buffer
		code, ok := Run([]*analysis.Analyzer{newPrints()}, args, &stdout, &stderr)
		if diff := cmp.Diff([]string{"main.go:9:2: util.Show prints"}, diagnostics(stderr.String())); !ok || code != 3 || diff != "" {
			t.Errorf("%v on a cold cache: Run = %d, %t; diagnostics (-want +got):\n%s", args, code, ok, diff)
		}
	}
}

func TestJSONAndExitCodes(t *testing.T) {
	t.Chdir(testrepo.WriteTree(t, layered))
	var stdout, stderr bytes.Buffer
	code, ok := Run([]*analysis.Analyzer{newPrints()}, []string{"-json", "./..."}, &stdout, &stderr)
	if !ok || code != 0 || stderr.Len() > 0 {
		t.Fatalf("-json: Run = %d, %t, stderr %q; want 0, true and nothing on stderr", code, ok, &stderr)
	}
	// {"example.com/m/cmd/app": {"prints": [{"posn": ..., "message": ...}]}}
	var got map[string]map[string][]struct{ Message string }
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("-json output: %v\n%s", err, &stdout)
	}
	if m := got["example.com/m/cmd/app"]["prints"]; len(m) != 1 || m[0].Message != "util.Show prints" {
		t.Errorf("-json output: %s", &stdout)
	}

	stdout.Reset()
	code, ok = Run([]*analysis.Analyzer{newPrints()}, []string{"./internal/..."}, &stdout, &stderr)
	if !ok || code != 0 || stdout.Len()+stderr.Len() > 0 {
		t.Errorf("clean packages: Run = %d, %t, output %q %q; want 0 and none", code, ok, &stdout, &stderr)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Chdir(testrepo.WriteTree(t, map[string]string{
		"go.mod":     "module example.com/broken\n\ngo 1.26\n",
		"bad/bad.go": "package bad\n\nimport \"example.com/broken/nowhere\"\n\nvar _ = nowhere.X\n",
		"ok/ok.go":   "package ok\n\nimport \"example.com/dep\"\n\nfunc F() { println(dep.X) }\n",
	}))
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"./bad"}, 1, "nowhere"},
		{[]string{"./ok"}, 1, "example.com/dep"},
		{[]string{"./nosuchdir"}, 1, "nosuchdir"},
	} {
		var stdout, stderr bytes.Buffer
		code, ok := Run([]*analysis.Analyzer{newPrints()}, tc.args, &stdout, &stderr)
		if !ok || code != tc.code || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: Run = %d, %t, stderr %q; want %d and %q", tc.args, code, ok, &stderr, tc.code, tc.want)
		}
		if strings.Contains(stderr.String(), "panic") {
			t.Errorf("%v: %s", tc.args, &stderr)
		}
	}
}

// TestGoCommandErrors checks that a fatal error of the go command reaches
// the user, not an empty match.
func TestGoCommandErrors(t *testing.T) {
	t.Chdir(t.TempDir()) // no go.mod here or above
	var stdout, stderr bytes.Buffer
	code, ok := Run([]*analysis.Analyzer{newPrints()}, []string{"."}, &stdout, &stderr)
	if !ok || code != 1 || !strings.Contains(stderr.String(), "go.mod file not found") {
		t.Errorf("outside a module: Run = %d, %t, stderr %q; want 1 and go's message", code, ok, &stderr)
	}
}

// TestProfiles checks that the profile flags write their files, and that
// a profile that cannot be created fails the run before the work.
func TestProfiles(t *testing.T) {
	t.Chdir(testrepo.WriteTree(t, layered))
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "cpu"), filepath.Join(dir, "trace"), filepath.Join(dir, "mem")}
	args := []string{"-cpuprofile=" + files[0], "-trace=" + files[1], "-memprofile=" + files[2], "./..."}
	if code, _, stderr := runWith(t, readAuto, []*analysis.Analyzer{newPrints()}, args); code != 3 {
		t.Fatalf("with profiles: exit %d, want 3\n%s", code, stderr)
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("profile %s: %v, want a written file", f, err)
		}
	}
	bad := filepath.Join(dir, "missing", "mem")
	code, _, stderr := runWith(t, readAuto, []*analysis.Analyzer{newPrints()}, []string{"-memprofile=" + bad, "./..."})
	if code != 1 || !strings.Contains(stderr, "no such file") || strings.Contains(stderr, "prints") {
		t.Errorf("-memprofile=%s: exit %d, stderr %q; want 1, the error and no diagnostics", bad, code, stderr)
	}
}

func TestParse(t *testing.T) {
	a, b := newPrints(), newPrints()
	b.Name = "other"
	var level string
	b.Flags.StringVar(&level, "level", "", "")
	all := []*analysis.Analyzer{a, b}
	names := func(as []*analysis.Analyzer) []string {
		var s []string
		for _, x := range as {
			s = append(s, x.Name)
		}
		return s
	}
	for _, tc := range []struct {
		args      []string
		handled   bool
		analyzers []string
		deps      Deps
	}{
		{[]string{"./..."}, true, []string{"prints", "other"}, DepsModule},
		{[]string{"-prints", "./..."}, true, []string{"prints"}, DepsModule},
		{[]string{"-prints=false", "./..."}, true, []string{"other"}, DepsModule},
		{[]string{"-other.level=x", "-deps=all", "-json", "-c=2", "p"}, true, []string{"prints", "other"}, DepsAll},
		{[]string{"-test=false", "-debug=v", "p"}, true, []string{"prints", "other"}, DepsModule},
		{[]string{"-v", "-tags=x", "p"}, true, []string{"prints", "other"}, DepsModule},

		// The multichecker's: go vet's protocol, help, fixes, bad flags.
		{[]string{"-V=full"}, false, nil, ""},
		{[]string{"-flags"}, false, nil, ""},
		{[]string{"/tmp/vet.cfg"}, false, nil, ""},
		{[]string{"help"}, false, nil, ""},
		{[]string{"help", "prints"}, false, nil, ""},
		{[]string{"-fix", "./..."}, false, nil, ""},
		{[]string{"-fix", "-diff", "./..."}, false, nil, ""},
		{[]string{"-h"}, false, nil, ""},
		{[]string{"-bogus", "./..."}, false, nil, ""},
		{[]string{"-deps=some", "./..."}, false, nil, ""},
		{nil, false, nil, ""},
	} {
		o, ok := parse(all, tc.args)
		if ok != tc.handled {
			t.Errorf("parse(%q): handled %t, want %t", tc.args, ok, tc.handled)
			continue
		}
		if !ok {
			continue
		}
		if got := names(o.analyzers); !slices.Equal(got, tc.analyzers) || o.deps != tc.deps {
			t.Errorf("parse(%q): analyzers %v, deps %q; want %v, %q", tc.args, got, o.deps, tc.analyzers, tc.deps)
		}
	}
	if level != "x" {
		t.Errorf("-other.level=x: the analyzer's flag is %q", level)
	}
}
