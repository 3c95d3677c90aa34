package staticcred

import (
	_ "embed"
	"fmt"
	"go/ast"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/keylint/keylint/analyzers/internal/analyzerdoc"
	"github.com/keylint/keylint/analyzers/internal/diag"
	"github.com/keylint/keylint/analyzers/internal/outbound"
	"github.com/keylint/keylint/analyzers/internal/secretlit"
	"github.com/keylint/keylint/rules"
)

//go:embed doc.go
var docSource string

const analyzerName = "staticcred"

// Options configures an analyzer built by New. Each field is also a flag of
// the analyzer, so -staticcred.ignore sets Ignore on the command line.
type Options struct {
	// Ignore lists hosts and import paths whose static credentials are not
	// reported, separated by commas: a host also covers its subdomains
	// (stripe.com covers api.stripe.com), an import path also covers the
	// packages below it (github.com/aws/aws-sdk-go-v2).
	Ignore string
	// Tests makes the analyzer check _test.go files too.
	Tests bool
}

// Analyzer reports outbound requests authenticated with a static secret
// (KL104), with default options; its flags change them.
var Analyzer = New(Options{})

// New returns an analyzer that reports outbound requests authenticated with
// a static secret, with opts as the defaults of its flags. Every call
// returns a new analyzer with its own flags.
func New(opts Options) *analysis.Analyzer {
	rule, ok := rules.ByName(analyzerName)
	if !ok {
		panic("rules catalog has no analyzer " + analyzerName)
	}
	o := new(Options)
	a := &analysis.Analyzer{
		Name:     analyzerName,
		Doc:      analyzerdoc.MustSection(docSource, analyzerName),
		URL:      rule.URL(),
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			return run(pass, rule.ID, *o)
		},
	}
	a.Flags.StringVar(&o.Ignore, "ignore", opts.Ignore,
		"comma-separated hosts and import paths whose static keys are not reported")
	a.Flags.BoolVar(&o.Tests, "tests", opts.Tests, "also check _test.go files")
	return a
}

func run(pass *analysis.Pass, ruleID string, opts Options) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	rep := diag.New(pass, ruleID)
	finder := outbound.NewFinder(pass.TypesInfo, pass.Files)
	ignore := parseIgnore(opts.Ignore)
	for fc := range insp.Root().Children() {
		f, ok := fc.Node().(*ast.File)
		if !ok || !diag.Checked(pass, f, opts.Tests, false) {
			continue
		}
		rep.ReportDirectiveProblems(f)
		for _, a := range finder.All(fc) {
			if ignore.covers(a) {
				continue
			}
			src := finder.SourceOf(a)
			if !src.Origin.Static() || isPlaceholder(src) {
				continue
			}
			rep.Reportf(a.Node, "%s", message(a, src))
		}
	}
	return nil, nil
}

// isPlaceholder reports whether a constant credential is empty or a
// placeholder ("Bearer YOUR_TOKEN"): example code, not a key.
func isPlaceholder(src outbound.Source) bool {
	if src.Origin != outbound.Constant {
		return false
	}
	v := secretlit.AuthValue(src.Value)
	return secretlit.IsPlaceholder(v) || secretlit.IsNameLike(v)
}

// message says what is static, how it is attached and where it goes, and
// names the alternatives.
func message(a outbound.Attach, src outbound.Source) string {
	what := a.Kind.String()
	if a.Header != "" {
		what += " " + strconv.Quote(a.Header)
	}
	if a.API != "" && a.Header == "" {
		what += " (" + a.API + ")"
	}
	to := ""
	if a.Host != "" {
		to = " to " + a.Host
	}
	alt := "OAuth client credentials, a per-request JWT assertion " +
		"(golang.org/x/oauth2/jwt) or workload identity"
	if a.Kind == outbound.ClientSecret {
		alt = "a signed JWT client assertion (private_key_jwt) or workload identity"
	}
	return fmt.Sprintf("static credential from %s sent as %s%s; prefer %s",
		src.What, what, to, alt)
}

// ignoreList is the parsed -staticcred.ignore flag.
type ignoreList struct {
	hosts, paths []string
}

func parseIgnore(s string) ignoreList {
	var l ignoreList
	for item := range strings.SplitSeq(s, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		switch {
		case item == "":
		case strings.Contains(item, "/"):
			l.paths = append(l.paths, outbound.CleanPath(item))
		default:
			l.hosts = append(l.hosts, strings.TrimPrefix(item, "."))
		}
	}
	return l
}

// covers reports whether a goes to an ignored host or through an ignored
// package.
func (l ignoreList) covers(a outbound.Attach) bool {
	for _, h := range l.hosts {
		if a.Host == h || strings.HasSuffix(a.Host, "."+h) {
			return true
		}
	}
	pkg := strings.ToLower(a.Pkg)
	for _, p := range l.paths {
		if pkg == p || strings.HasPrefix(pkg, p+"/") {
			return true
		}
	}
	return false
}
