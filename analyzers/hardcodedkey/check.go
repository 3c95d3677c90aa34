package hardcodedkey

import (
	"fmt"
	"go/ast"
	"go/constant"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keylint/keylint/analyzers/internal/credname"
	"github.com/keylint/keylint/analyzers/internal/secretlit"
	"github.com/keylint/keylint/internal/redact"
)

// checkConst judges one maximal string constant expression: first against
// gitleaks' rules, then, if it is bound to a credential, against the shape
// heuristics of package secretlit.
//
// Limitation: only constants are judged. A secret assembled at run time
// (strings.Repeat, fmt.Sprintf, base64 decoding) or read from an embedded
// file is not seen; the scanner (KL201) reads embedded files.
func (c *checker) checkConst(e ast.Expr, val string) {
	// A use of a named constant is judged at the constant's declaration.
	if c.isConstRef(e) || c.patterns[e] {
		return
	}
	b := c.bindings[e]
	if fs := c.leaks(e, val); len(fs) > 0 {
		// gitleaks:allow silences gitleaks on the line; it does the same here,
		// so the analyzer and the scanner agree on what a line allows.
		if !c.rep.GitleaksAllowed(e.Pos()) {
			c.reportLeak(e, b, fs)
		}
		return
	}
	if u, ok := secretlit.FindURLCredential(val); ok {
		c.report(e, b, fmt.Sprintf("hardcoded password in connection URL %q; "+
			"load the URL or its password at run time", u.Redacted()))
		return
	}
	if b.kind == credname.None && !b.sink {
		return
	}
	// Publishable keys are public by design, whatever name they sit under.
	if !b.sink && secretlit.IsPublicValue(val) {
		return
	}
	v := val
	if b.auth {
		v = secretlit.AuthValue(v)
	}
	var secret bool
	switch {
	case b.json:
		secret = jsonCarriesSecret(v)
	case b.sink:
		secret = secretlit.Plausible(v)
	case b.kind == credname.Password:
		secret = secretlit.LooksLikePassword(v)
	default:
		secret = secretlit.LooksRandom(v)
	}
	if secret {
		what := b.kind.String()
		if b.kind == credname.None {
			what = "secret"
		}
		c.report(e, b, fmt.Sprintf("hardcoded %s %s (%s); load it at run time",
			what, b.where, redact.Secret(v)))
	}
}

// leaks returns the gitleaks findings in val, leaving out the secrets that
// sit entirely inside a named constant operand of e: those are reported at
// that constant's declaration.
func (c *checker) leaks(e ast.Expr, val string) []secretlit.Finding {
	fs, ok := c.matches[val]
	if !ok {
		fs = c.match(val)
		c.matches[val] = fs
	}
	if len(fs) == 0 {
		return nil
	}
	inner := c.namedOperands(e, nil)
	if len(inner) == 0 {
		return fs
	}
	return slices.DeleteFunc(slices.Clone(fs), func(f secretlit.Finding) bool {
		return slices.ContainsFunc(inner, func(s string) bool {
			return strings.Contains(s, f.Secret)
		})
	})
}

// match runs gitleaks over val, keeping the first error.
func (c *checker) match(val string) []secretlit.Finding {
	if c.err != nil {
		return nil
	}
	found, err := secretlit.MatchDefault(val)
	c.err = err
	return found
}

// namedOperands appends the values of the named string constants among the
// operands of a folded concatenation e.
func (c *checker) namedOperands(e ast.Expr, out []string) []string {
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		return c.namedOperands(e.Y, c.namedOperands(e.X, out))
	case *ast.Ident, *ast.SelectorExpr:
		if c.isConstRef(e) {
			if tv := c.pass.TypesInfo.Types[e]; tv.Value != nil &&
				tv.Value.Kind() == constant.String {
				out = append(out, constant.StringVal(tv.Value))
			}
		}
	}
	return out
}

func (c *checker) reportLeak(e ast.Expr, b binding, fs []secretlit.Finding) {
	var ids []string
	for _, f := range fs {
		if !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	noun := "rule"
	if len(ids) > 1 {
		noun = "rules"
	}
	msg := fmt.Sprintf("hardcoded secret matching gitleaks %s %s", noun,
		strings.Join(ids, ", "))
	if b.where != "" {
		msg += " " + b.where
	}
	c.report(e, b, msg+fmt.Sprintf(" (%s); load it at run time",
		redact.Secret(fs[0].Secret)))
}

func (c *checker) report(e ast.Expr, b binding, msg string) {
	c.rep.Report(analysis.Diagnostic{
		Pos:            e.Pos(),
		End:            e.End(),
		Message:        msg,
		SuggestedFixes: c.suggestFix(e, b),
	})
}
