package directive

import (
	"go/parser"
	"go/token"
	"testing"
)

const src = `package p

//keylint:ignore KL101 fixture for the parser tests
var a = 1

var b = 2 //keylint:ignore KL101,kl102 rotated in INC-4411

//keylint:ignore KL101
var c = 3

//keylint:ignore fixture without a rule
var d = 4

//nolint:gosec,keylint // vendored test vector
var e = 5

var f = 6 //nolint

//nolint:gosec
var g = 7

//keylint:ignored KL101 not a directive
var h = 8

//nolintlint
var i = 9

// keylint:ignore KL101 a space after the slashes
var j = 10

//keylint:ignore
var k = 11

var l = "x" // gitleaks:allow

//keylint:ignore KL999 no such rule
var m = 12

//keylint:ignore KL101,KL201 a scanner rule among them
var n = 13

//keylint:ignore KL101 KL104 two rules without a comma
var o = 14

// keylint:ignore KL101 a space before a directive
var p = 15

//   keylint:ignore kl101,KL102
var q = 16

// keylint:ignore directives that name no rule are prose
var r = 17

// A doc comment may wrap a line so that it starts with
// keylint:ignore KL101 and goes on: prose all the same.
var s = 18

//keylint:ignore:KL101 nolint's form
var u = 19
`

func parse(t *testing.T) (*Index, *token.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	return Parse(fset, f), fset.File(f.FileStart)
}

func TestSuppressed(t *testing.T) {
	t.Parallel()
	ix, _ := parse(t)
	tests := []struct {
		line int
		rule string
		want bool
	}{
		{4, "KL101", true},   // directive on the line above
		{4, "KL102", false},  // another rule
		{6, "KL101", true},   // trailing directive
		{6, "KL102", true},   // second rule of a list, any case
		{7, "KL101", true},   // the line below a trailing directive
		{9, "KL101", false},  // no reason: suppresses nothing
		{12, "KL101", false}, // no rule
		{15, "KL104", true},  // nolint naming keylint
		{17, "KL101", true},  // bare nolint
		{20, "KL101", false}, // nolint for another linter
		{23, "KL101", false}, // another word
		{26, "KL101", false}, // nolintlint is not nolint
		{29, "KL101", false}, // a space after the slashes
		{40, "KL101", false}, // an unknown rule beside it
		{43, "KL104", false}, // IDs separated by a space
		{43, "KL101", false},
		{46, "KL101", false}, // a space after the slashes
		{52, "KL101", false}, // prose
		{2, "KL101", false},
	}
	for _, tt := range tests {
		if got := ix.Suppressed(tt.line, tt.rule); got != tt.want {
			t.Errorf("Suppressed(%d, %s) = %v, want %v", tt.line, tt.rule, got, tt.want)
		}
	}
}

func TestProblems(t *testing.T) {
	t.Parallel()
	ix, tf := parse(t)
	want := map[int]string{
		8:  "keylint:ignore directive for KL101 needs a reason",
		11: "keylint:ignore directive must start with rule IDs such as KL101",
		31: "keylint:ignore directive names no rule and gives no reason",
		36: "keylint:ignore directive names KL999, which is no analyzer's rule (keylint rules lists them); it suppresses nothing",
		39: "keylint:ignore directive names KL201, which is no analyzer's rule (keylint rules lists them); it suppresses nothing",
		42: "keylint:ignore directive must join its rule IDs with commas (KL101,KL104); as written, KL104 is read as the reason",
		28: "keylint:ignore directive must have no space after the slashes (//keylint:ignore KL101 …); as written it suppresses nothing",
		45: "keylint:ignore directive must have no space after the slashes (//keylint:ignore KL101 …); as written it suppresses nothing",
		48: "keylint:ignore directive must have no space after the slashes (//keylint:ignore KL101,KL102 …); as written it suppresses nothing",
		58: "keylint:ignore directive takes its rule IDs after a space (//keylint:ignore KL101 reason), not a colon; as written it suppresses nothing",
	}
	got := map[int]string{}
	for _, d := range ix.All() {
		if d.Problem != "" {
			got[tf.Line(d.Pos)] = d.Problem
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems = %v, want %v", got, want)
	}
	for line, msg := range want {
		if got[line] != msg {
			t.Errorf("problem on line %d = %q, want %q", line, got[line], msg)
		}
	}
}

func TestReason(t *testing.T) {
	t.Parallel()
	ix, _ := parse(t)
	d := ix.All()[1]
	if d.Reason != "rotated in INC-4411" || len(d.Rules) != 2 || d.Rules[1] != "KL102" {
		t.Errorf("directive = %+v", d)
	}
}

func TestGitleaksAllowed(t *testing.T) {
	t.Parallel()
	ix, _ := parse(t)
	if !ix.GitleaksAllowed(34) || ix.GitleaksAllowed(33) || ix.GitleaksAllowed(35) {
		t.Error("gitleaks:allow should apply to its own line only")
	}
}
