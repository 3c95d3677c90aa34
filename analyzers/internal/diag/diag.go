// Package diag reports keylint diagnostics the same way in every analyzer:
// the rule ID goes into Category and at the end of the message (go vet's
// printer shows the message but drops Category), and suppression
// directives (see package directive) are honoured.
package diag

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/keylint/keylint/analyzers/internal/directive"
)

// Message returns msg with the rule ID appended: "… (KL101)".
func Message(rule, msg string) string {
	return msg + " (" + rule + ")"
}

// Reporter reports the diagnostics of one rule during one pass. It is not
// safe for concurrent use; make one per pass.
type Reporter struct {
	pass     *analysis.Pass
	rule     string
	unscoped bool
	files    map[*token.File]*ast.File
	indexes  map[*ast.File]*directive.Index
}

// Option configures a Reporter.
type Option func(*Reporter)

// WithUnscopedProblems makes the reporter also report malformed
// keylint:ignore directives that name no rule. Exactly one analyzer, the
// first in the registry, should set it, so such directives are reported once.
func WithUnscopedProblems() Option {
	return func(r *Reporter) { r.unscoped = true }
}

// New returns a reporter of rule (such as "KL101") for pass.
func New(pass *analysis.Pass, rule string, opts ...Option) *Reporter {
	r := &Reporter{
		pass:    pass,
		rule:    rule,
		files:   make(map[*token.File]*ast.File, len(pass.Files)),
		indexes: make(map[*ast.File]*directive.Index),
	}
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.FileStart); tf != nil {
			r.files[tf] = f
		}
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Report reports d unless a directive suppresses it. It sets d.Category to
// the rule ID and appends the ID to the message.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.Suppressed(d.Pos) {
		return
	}
	d.Category = r.rule
	d.Message = Message(r.rule, d.Message)
	r.pass.Report(d)
}

// Reportf reports a diagnostic for rng with a formatted message.
func (r *Reporter) Reportf(rng analysis.Range, format string, args ...any) {
	r.Report(analysis.Diagnostic{
		Pos:     rng.Pos(),
		End:     rng.End(),
		Message: fmt.Sprintf(format, args...),
	})
}

// Suppressed reports whether a diagnostic of the rule at pos would be
// suppressed by a directive.
func (r *Reporter) Suppressed(pos token.Pos) bool {
	tf := r.pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	f := r.files[tf]
	if f == nil {
		return false
	}
	return r.index(f).Suppressed(tf.Line(pos), r.rule)
}

// GitleaksAllowed reports whether the line of pos carries a gitleaks:allow
// comment, which analyzers that apply gitleaks rules honour as gitleaks does.
func (r *Reporter) GitleaksAllowed(pos token.Pos) bool {
	tf := r.pass.Fset.File(pos)
	if tf == nil || r.files[tf] == nil {
		return false
	}
	return r.index(r.files[tf]).GitleaksAllowed(tf.Line(pos))
}

// ReportDirectiveProblems reports the malformed keylint:ignore directives
// of f that name the reporter's rule (and, with WithUnscopedProblems, those
// that name none).
func (r *Reporter) ReportDirectiveProblems(f *ast.File) {
	for _, d := range r.index(f).All() {
		if d.Problem == "" || !r.owns(d) {
			continue
		}
		r.pass.Report(analysis.Diagnostic{
			Pos:      d.Pos,
			Category: r.rule,
			Message:  Message(r.rule, d.Problem),
		})
	}
}

func (r *Reporter) owns(d *directive.Directive) bool {
	if len(d.Rules) == 0 {
		return r.unscoped
	}
	for _, id := range d.Rules {
		if strings.EqualFold(id, r.rule) {
			return true
		}
	}
	return false
}

func (r *Reporter) index(f *ast.File) *directive.Index {
	ix, ok := r.indexes[f]
	if !ok {
		ix = directive.Parse(r.pass.Fset, f)
		r.indexes[f] = ix
	}
	return ix
}

// Checked reports whether an analyzer looks at f: not when f has no
// position, not a _test.go file unless tests is set, and not a generated
// file unless generated is set. Keys in tests and generated code rarely
// guard anything, and their authors cannot act on a report.
func Checked(pass *analysis.Pass, f *ast.File, tests, generated bool) bool {
	tf := pass.Fset.File(f.FileStart)
	if tf == nil {
		return false
	}
	if !tests && strings.HasSuffix(tf.Name(), "_test.go") {
		return false
	}
	return generated || !ast.IsGenerated(f)
}
