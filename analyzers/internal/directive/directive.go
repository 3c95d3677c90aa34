// Package directive reads the comments that suppress keylint diagnostics.
//
// Two forms are understood, both written without a space after the slashes,
// as Go's own directives are:
//
//	//keylint:ignore KL101 fixture for the parser tests
//	//keylint:ignore KL101,KL102 rotated in INC-4411
//	//nolint:keylint
//	//nolint:gosec,keylint // reason for golangci-lint's nolintlint
//
// A directive applies to the line it is on and to the line below it, so it
// can trail the offending code or stand alone above it. keylint:ignore names
// one or more analyzer rule IDs, joined by commas, and must give a reason.
// One that suppresses nothing is reported as a [Problem], so that a typo
// does not pass for a suppression: no reason, no rule ID, an ID that no
// analyzer reports, IDs separated by spaces (the second would be read as
// the reason), a colon before them (//keylint:ignore:KL101), or a space
// after the slashes ("// keylint:ignore KL101"), which makes a comment of
// it (in a comment of its own: the same words on a line of a longer
// comment are prose).
// nolint is golangci-lint's form: a bare //nolint, //nolint:all and any list
// that names keylint suppress every keylint rule, reason or not.
//
// gitleaks' own marker, a comment containing gitleaks:allow, is recorded
// too (see Index.GitleaksAllowed), for the findings of gitleaks rules.
package directive

import (
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"github.com/keylint/keylint/rules"
)

const (
	ignorePrefix  = "//keylint:ignore"
	nolintPrefix  = "//nolint"
	gitleaksAllow = "gitleaks:allow"
)

// ruleID is the shape of a keylint rule ID.
var ruleID = regexp.MustCompile(`^KL[0-9]{3}$`)

// Directive is one suppression comment.
type Directive struct {
	// Pos is the position of the comment.
	Pos token.Pos
	// Line is the comment's line.
	Line int
	// Rules are the rule IDs named, in upper case; nil for every rule
	// (the nolint forms).
	Rules []string
	// Reason is the text after the rule IDs, trimmed.
	Reason string
	// Problem explains why the directive is malformed, or is "".
	Problem string
}

// Applies reports whether d suppresses a diagnostic of rule. Malformed
// directives suppress nothing.
func (d *Directive) Applies(rule string) bool {
	if d.Problem != "" {
		return false
	}
	return d.Rules == nil || slices.Contains(d.Rules, strings.ToUpper(rule))
}

// Index holds the directives of one file.
type Index struct {
	all    []*Directive
	byLine map[int][]*Directive
	// allowLines are the lines with a gitleaks:allow comment.
	allowLines map[int]bool
}

// Parse returns the directives in the comments of f.
func Parse(fset *token.FileSet, f *ast.File) *Index {
	ix := &Index{byLine: make(map[int][]*Directive), allowLines: make(map[int]bool)}
	for _, g := range f.Comments {
		for _, c := range g.List {
			if strings.Contains(c.Text, gitleaksAllow) {
				ix.allowLines[fset.Position(c.Slash).Line] = true
			}
			d := parseComment(c.Text, len(g.List) == 1)
			if d == nil {
				continue
			}
			d.Pos = c.Slash
			d.Line = fset.Position(c.Slash).Line
			ix.all = append(ix.all, d)
			ix.byLine[d.Line] = append(ix.byLine[d.Line], d)
		}
	}
	return ix
}

// Suppressed reports whether a diagnostic of rule on line is suppressed by
// a directive on that line or on the line above.
func (ix *Index) Suppressed(line int, rule string) bool {
	for _, l := range []int{line, line - 1} {
		for _, d := range ix.byLine[l] {
			if d.Applies(rule) {
				return true
			}
		}
	}
	return false
}

// GitleaksAllowed reports whether line carries gitleaks' own suppression
// comment, gitleaks:allow. It applies to that line only, as in gitleaks.
func (ix *Index) GitleaksAllowed(line int) bool { return ix.allowLines[line] }

// All returns every directive of the file in source order.
func (ix *Index) All() []*Directive { return ix.all }

// parseComment parses one comment, or returns nil if it is no directive;
// alone says the comment is a group of its own, not a line of prose.
func parseComment(text string, alone bool) *Directive {
	if rest, ok := strings.CutPrefix(text, ignorePrefix); ok {
		if ids, ok := strings.CutPrefix(rest, ":"); ok {
			// nolint's form, //keylint:ignore:KL101.
			if d := parseIgnore(" " + ids); len(d.Rules) > 0 {
				d.Problem = "keylint:ignore directive takes its rule IDs after a space " +
					"(//keylint:ignore " + strings.Join(d.Rules, ",") + " reason), not a " +
					"colon; as written it suppresses nothing"
				return d
			}
		}
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return nil // another word, such as //keylint:ignored
		}
		return parseIgnore(rest)
	}
	if spaced, ok := strings.CutPrefix(text, "//"); ok && alone {
		// A line of a longer comment, or one that goes on without a rule
		// ID ("keylint:ignore directives that…"), is prose; a comment of
		// its own that names a rule meant to be a directive.
		rest, ok := strings.CutPrefix(strings.TrimLeft(spaced, " \t"), ignorePrefix[2:])
		if ok && spaced != ignorePrefix[2:]+rest {
			if d := parseIgnore(rest); len(d.Rules) > 0 {
				d.Problem = "keylint:ignore directive must have no space after the slashes " +
					"(//keylint:ignore " + strings.Join(d.Rules, ",") + " …); " +
					"as written it suppresses nothing"
				return d
			}
		}
	}
	if rest, ok := strings.CutPrefix(text, nolintPrefix); ok {
		return parseNolint(rest)
	}
	return nil
}

func parseIgnore(rest string) *Directive {
	d := &Directive{Rules: []string{}}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		d.Problem = "keylint:ignore directive names no rule and gives no reason"
		return d
	}
	ids, ok := ruleIDs(fields[0])
	if !ok {
		d.Problem = "keylint:ignore directive must start with rule IDs such as KL101"
		return d
	}
	// Only the analyzers' IDs go in Rules, so that the problems below are
	// reported by the analyzers named; with none, by the one that reports
	// directives naming no rule.
	var unknown []string
	for _, id := range ids {
		if r, ok := rules.Lookup(id); ok && r.Engine == "analyzer" {
			d.Rules = append(d.Rules, id)
		} else {
			unknown = append(unknown, id)
		}
	}
	d.Reason = strings.Join(fields[1:], " ")
	var more []string // rule IDs where the reason should start
	if len(fields) > 1 {
		more, _ = ruleIDs(fields[1])
	}
	switch {
	case len(unknown) > 0:
		d.Problem = "keylint:ignore directive names " + strings.Join(unknown, ",") +
			", which is no analyzer's rule (keylint rules lists them); it suppresses nothing"
	case len(more) > 0:
		d.Problem = "keylint:ignore directive must join its rule IDs with commas (" +
			strings.Join(append(ids, more...), ",") + "); as written, " +
			strings.Join(more, ",") + " is read as the reason"
	case d.Reason == "":
		d.Problem = "keylint:ignore directive for " + strings.Join(d.Rules, ",") +
			" needs a reason"
	}
	return d
}

// ruleIDs splits a comma-separated list of rule IDs, in upper case, and
// reports whether every item has a rule ID's shape.
func ruleIDs(list string) ([]string, bool) {
	var ids []string
	for id := range strings.SplitSeq(list, ",") {
		id = strings.ToUpper(id)
		if !ruleID.MatchString(id) {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}

func parseNolint(rest string) *Directive {
	list, ok := strings.CutPrefix(rest, ":")
	if !ok {
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return nil // another word, such as //nolintlint
		}
		return &Directive{} // bare //nolint: every linter
	}
	names, reason, _ := strings.Cut(list, " ")
	for name := range strings.SplitSeq(names, ",") {
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "keylint", "all":
			return &Directive{Reason: strings.TrimSpace(reason)}
		}
	}
	return nil
}
