package keyexposure

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/keylint/keylint/analyzers/internal/diag"
)

// checker holds the state of one pass. Nothing in it outlives the pass.
type checker struct {
	pass   *analysis.Pass
	tables *tables
	rep    *diag.Reporter
	tests  bool

	// summaries are the summaries of the package's functions, refined
	// round by round until they no longer change.
	summaries map[*ssa.Function]*summary
	// imported caches the summaries read from facts.
	imported map[*types.Func]*summary
	// changed is set when a round changed a summary.
	changed bool
	// found are the findings of the current round, by sink position.
	found map[token.Pos]*finding
}

// finding is a key that reaches a sink, to be reported.
type finding struct {
	d   analysis.Diagnostic
	fam family
	// at is the index of the sink call's argument that is the key itself,
	// which a suggested fix may shorten, or -1.
	at int
}

// taint is what flows into one SSA value.
type taint struct {
	// src is the key that flows here, or nil.
	src *source
	// old is a key that flows here and was not created by the analysed
	// operation, preferring one read from the request: the key a response
	// or the console must not show. Nil when every key here is new.
	old *source
	// marks say where the value comes from, whatever its name (see mark).
	marks mark
	// params has bit i set when parameter i of the analysed function flows
	// here; it makes the function's summary.
	params uint64
}

// mark is a set of origins of a value, found before any key is seeded so
// that a key seeded on the value knows them.
type mark uint8

const (
	// markFresh: made by this operation, from crypto/rand or by a call of
	// an operation that creates a key.
	markFresh mark = 1 << iota
	// markRequest: read from the incoming request.
	markRequest
	// markScanned: a piece of text from a scanner or a split.
	markScanned
)

func (t taint) zero() bool { return t.src == nil && t.marks == 0 && t.params == 0 }

// merge returns t with u added, preferring a strong source over a weak one
// and, for old, a key read from the request over any other.
func (t taint) merge(u taint) taint {
	if t.src == nil || t.src.Weak && u.src != nil && !u.src.Weak {
		t.src = u.src
	}
	if t.old == nil || !t.old.Request && u.old != nil && u.old.Request {
		t.old = u.old
	}
	t.marks |= u.marks
	t.params |= u.params
	return t
}

// flow is the taint analysis of one function.
type flow struct {
	c    *checker
	fn   *ssa.Function
	root *ssa.Function // the top-level function enclosing fn
	sum  *summary      // receives the parameter sinks of fn and its closures
	t    map[ssa.Value]taint
	work []ssa.Value
	// keyed is set once the marks are settled and keys are seeded.
	keyed bool
}

// maxRounds bounds the refinement of summaries within a package; chains of
// calls longer than this inside one package lose precision, not soundness
// of what is reported.
const maxRounds = 4

// solve analyses every function until the summaries are stable, then
// reports what the last round found.
func (c *checker) solve(fns []*ssa.Function) {
	c.imported = make(map[*types.Func]*summary)
	for round := 0; round < maxRounds; round++ {
		c.changed = false
		c.found = make(map[token.Pos]*finding)
		for _, fn := range fns {
			c.analyse(fn)
		}
		if !c.changed {
			break
		}
	}
	c.report()
}

// analyse runs the flow analysis of a top-level function and of its
// closures, and updates its summary.
func (c *checker) analyse(fn *ssa.Function) {
	if fn.Blocks == nil {
		return // no body: assembly or a declaration
	}
	sum := new(summary)
	f := c.newFlow(fn, fn, sum)
	for i, p := range fn.Params {
		if i < 64 {
			f.add(p, taint{params: 1 << i})
		}
	}
	f.run()
	if old := c.summaries[fn]; !old.equal(sum) {
		c.summaries[fn] = sum
		c.changed = true
	}
}

func (c *checker) newFlow(fn, root *ssa.Function, sum *summary) *flow {
	return &flow{c: c, fn: fn, root: root, sum: sum, t: make(map[ssa.Value]taint)}
}

// run finds the origins of the values of f.fn and then its keys,
// propagates them, checks the sinks and returns, and analyses the closures
// with what their free variables hold.
func (f *flow) run() {
	// Origins first: whether a key is new or read from the request is
	// decided where it is seeded, from the marks of the value.
	f.seedMarks()
	f.propagate()
	f.keyed = true
	f.seedParams()
	f.seedSources()
	f.propagate()
	f.checkInstrs()
	for _, anon := range f.fn.AnonFuncs {
		child := f.c.newFlow(anon, f.root, f.sum)
		for _, mc := range f.closures(anon) {
			for i, b := range mc.Bindings {
				if tt, ok := f.t[b]; ok && i < len(anon.FreeVars) {
					child.add(anon.FreeVars[i], tt)
				}
			}
			if scanningYield(mc) {
				for _, p := range anon.Params {
					child.add(p, taint{marks: markScanned})
				}
			}
		}
		child.run()
		// Calls of the closure inside fn use its own summary.
		f.c.setClosureSummary(anon, child)
	}
}

// closures returns the MakeClosure instructions of f.fn that bind anon.
func (f *flow) closures(anon *ssa.Function) []*ssa.MakeClosure {
	var out []*ssa.MakeClosure
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == anon {
				out = append(out, mc)
			}
		}
	}
	return out
}

// setClosureSummary records what a closure returns, so that a call of it
// in its parent carries the key on.
func (c *checker) setClosureSummary(anon *ssa.Function, f *flow) {
	s := &summary{Returns: f.returned()}
	if old := c.summaries[anon]; !old.equal(s) {
		c.summaries[anon] = s
		c.changed = true
	}
}

// add records that tt flows into v and queues v if that is new.
func (f *flow) add(v ssa.Value, tt taint) {
	if v == nil || tt.zero() || !carries(v.Type()) {
		return
	}
	if _, ok := v.(*ssa.Const); ok {
		return
	}
	old := f.t[v]
	nt := old.merge(tt)
	if nt == old {
		return
	}
	f.t[v] = nt
	f.work = append(f.work, v)
}

// addAddr records that tt is stored at addr: the variable, struct, array
// or map that addr points into now holds the key as a whole.
func (f *flow) addAddr(addr ssa.Value, tt taint) {
	for depth := 0; addr != nil && depth < 8; depth++ {
		f.add(addr, tt)
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			addr = a.X
		case *ssa.Slice:
			addr = a.X
		default:
			return
		}
	}
}

// propagate drains the work list.
func (f *flow) propagate() {
	for len(f.work) > 0 {
		v := f.work[len(f.work)-1]
		f.work = f.work[:len(f.work)-1]
		tt := f.t[v]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, instr := range *refs {
			f.step(v, tt, instr)
		}
	}
}

// step carries the taint of v into one instruction that uses it.
func (f *flow) step(v ssa.Value, tt taint, instr ssa.Instruction) {
	switch r := instr.(type) {
	case *ssa.BinOp:
		// Concatenation keeps the key; comparisons and arithmetic do not
		// (their types carry nothing, see carries).
		if r.Op == token.ADD {
			f.add(r, tt)
		}
	case *ssa.Convert, *ssa.ChangeType, *ssa.MakeInterface, *ssa.ChangeInterface,
		*ssa.TypeAssert, *ssa.Phi, *ssa.SliceToArrayPointer, *ssa.MultiConvert,
		*ssa.Extract:
		f.add(r.(ssa.Value), tt)
	case *ssa.FieldAddr, *ssa.Field:
		// A field of what was read from the request or cut from text was,
		// too. Keys and new values stay with their struct (see freshField).
		if m := tt.marks &^ markFresh; m != 0 {
			f.add(r.(ssa.Value), taint{marks: m})
		}
	case *ssa.Lookup:
		if r.X == v && !otherHeader(r) {
			f.add(r, tt)
		}
	case *ssa.Index:
		if r.X == v {
			f.add(r, tt)
		}
	case *ssa.IndexAddr:
		if r.X == v {
			f.add(r, tt)
		}
	case *ssa.UnOp:
		if r.Op == token.MUL || r.Op == token.ARROW {
			f.add(r, tt)
		}
	case *ssa.Slice:
		if r.X == v && !shortSlice(r) {
			f.add(r, tt)
		}
	case *ssa.Store:
		if r.Val == v {
			f.addAddr(r.Addr, tt)
		}
	case *ssa.MapUpdate:
		if r.Value == v || r.Key == v {
			f.addAddr(r.Map, tt)
		}
	case *ssa.Send:
		if r.X == v {
			f.add(r.Chan, tt)
		}
	case ssa.CallInstruction:
		f.callStep(v, tt, r)
	}
}

// otherHeader reports whether l looks up, by a constant name, a header
// that carries no credential: r.Header["User-Agent"] holds none of the
// request's keys.
func otherHeader(l *ssa.Lookup) bool {
	name, ok := constString(l.Index)
	return ok && isHeaderMap(l.X.Type()) && !isSecretHeader(name)
}

// shortSlice reports whether s takes a short constant prefix or suffix,
// key[:8] or key[len(key)-4:], which identifies a key without showing it.
//
// Limitation: only constant bounds are understood; key[:n] with a variable
// n is taken to show the whole key.
const maxShown = 12

func shortSlice(s *ssa.Slice) bool {
	if s.High != nil {
		if n, ok := constInt(s.High); ok && n <= maxShown {
			return true
		}
		if n, ok := minBound(s.High); ok && n <= maxShown {
			return true // key[:min(len(key), 4)], as the suggested fix writes
		}
	}
	if s.Low != nil && s.High == nil {
		if b, ok := s.Low.(*ssa.BinOp); ok && b.Op == token.SUB {
			if n, ok := constInt(b.Y); ok && n <= maxShown && isLen(b.X) {
				return true
			}
		}
	}
	return false
}

// minBound returns the smallest constant among the operands of a call of
// the builtin min.
func minBound(v ssa.Value) (int64, bool) {
	call, ok := v.(*ssa.Call)
	if !ok {
		return 0, false
	}
	if b, ok := call.Call.Value.(*ssa.Builtin); !ok || b.Name() != "min" {
		return 0, false
	}
	var least int64
	found := false
	for _, a := range call.Call.Args {
		if n, ok := constInt(a); ok && (!found || n < least) {
			least, found = n, true
		}
	}
	return least, found
}

func isLen(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == "len"
}

func constInt(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}

// carries reports whether a value of type t can hold a key or part of
// one: not a number, a boolean or an error.
func carries(t types.Type) bool {
	if t == nil {
		return false
	}
	if isError(t) {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0 || u.Kind() == types.UnsafePointer ||
			u.Kind() == types.Invalid
	case *types.Signature:
		return false
	case *types.Tuple:
		for v := range u.Variables() {
			if carries(v.Type()) {
				return true
			}
		}
		return false
	}
	return true
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// returned returns the key f.fn returns from a source inside it.
func (f *flow) returned() *source {
	var out *source
	for _, b := range f.fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, r := range ret.Results {
			if tt := f.t[r]; tt.src != nil && !tt.src.Param && (out == nil || out.Weak) {
				out = tt.src
			}
		}
	}
	return out
}
