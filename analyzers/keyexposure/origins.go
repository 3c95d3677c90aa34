package keyexposure

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// This file finds where values come from before any key is seeded: made
// by this operation (markFresh), read from the request (markRequest) or
// cut from text (markScanned). The marks travel like keys do; a key
// seeded later on a marked value takes them into account.

// seedMarks marks the values of f.fn by their origin.
func (f *flow) seedMarks() {
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				f.markCall(call)
			}
		}
	}
}

// markCall marks the result of one call: random bytes, a created key, a
// read from the request, a piece of scanned or split text.
func (f *flow) markCall(call *ssa.Call) {
	common := &call.Call
	obj := calleeObj(common)
	if obj == nil {
		return
	}
	path, name, recv := pkgPath(obj), obj.Name(), recvName(obj)
	switch {
	case path == "crypto/rand" && name == "Read" && len(common.Args) == 1:
		f.addAddr(common.Args[0], taint{src: generatedKey(), marks: markFresh})
	case path == "crypto/rand" && name == "Text":
		f.add(call, taint{src: generatedKey(), marks: markFresh})
	case f.c.createsKey(common, obj):
		f.add(call, taint{marks: markFresh})
	case path == "net/http" && recv == "Request" && name == "BasicAuth":
		f.add(call, taint{marks: markRequest})
	case isRequestRead(common, obj):
		f.add(call, taint{marks: markRequest})
	case scanning(path, recv, name):
		f.add(call, taint{marks: markScanned})
	}
}

func generatedKey() *source {
	return &source{What: "generated key", Weak: true}
}

// createsKey reports whether a call returns a key it creates: the callee's
// summary says it generates one or returns random bytes, or its name, or
// for a package-level function its package's and its own, says it creates
// one (store.CreateAPIKey, issueToken, password.Generate).
func (c *checker) createsKey(common *ssa.CallCommon, obj *types.Func) bool {
	if s := c.summaryOf(common.StaticCallee()); s != nil &&
		(s.Generates || s.Returns != nil && s.Returns.Weak) {
		return true // a key generator, or random bytes to bind to a name
	}
	if obj.Signature().Results().Len() == 0 {
		return false
	}
	if createName(obj.Name()) {
		return true
	}
	// A package-level function may take the key word from its package:
	// password.Generate, token.New.
	return obj.Signature().Recv() == nil && obj.Pkg() != nil &&
		createName(obj.Pkg().Name()+"_"+obj.Name())
}

// scanning reports whether a function returns pieces of text cut from a
// longer text: the tokens of a scanner, fields and split parts. A lexer's
// token is no credential, whatever its name.
func scanning(path, recv, name string) bool {
	switch {
	case path == "bufio" && recv == "Scanner":
		return name == "Text" || name == "Bytes"
	case path == "text/scanner" && recv == "Scanner":
		return name == "TokenText"
	case (path == "strings" || path == "bytes") && recv == "":
		// Not CutPrefix: it strips "Bearer " from a header as often.
		return strings.HasPrefix(name, "Fields") || strings.HasPrefix(name, "Split") ||
			name == "Cut"
	}
	return false
}

// scanningYield reports whether mc makes the body of a range-over-func
// loop over scanned text, for tok := range strings.FieldsSeq(s): the loop
// variables are the body's parameters.
func scanningYield(mc *ssa.MakeClosure) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Synthetic == "" || mc.Referrers() == nil {
		return false
	}
	for _, r := range *mc.Referrers() {
		call, ok := r.(*ssa.Call)
		if !ok {
			continue
		}
		iter, ok := call.Call.Value.(*ssa.Call)
		if !ok {
			continue
		}
		if obj := calleeObj(&iter.Call); obj != nil &&
			scanning(pkgPath(obj), recvName(obj), obj.Name()) {
			return true
		}
	}
	return false
}

// keyAt returns the taint of a key src seeded on v: a key on a value this
// operation made is new; any other is old, and read from the request if v
// was.
func (f *flow) keyAt(v ssa.Value, src *source) taint {
	return keyWith(f.t[v].marks, src)
}

func keyWith(m mark, src *source) taint {
	if m&markFresh != 0 || src.Weak {
		return taint{src: src} // random bytes alone are never reported
	}
	if m&markRequest != 0 && !src.Request {
		s := *src
		s.Request = true
		src = &s
	}
	return taint{src: src, old: src}
}

// freshField reports whether field i of the struct x points to holds a key
// this operation made: x came whole from a creating call, or a new key is
// stored into that field of a local struct. A struct that holds a new key
// in one field and an old one in another keeps the old one old.
func (f *flow) freshField(x ssa.Value, i int) bool {
	return f.freshFieldDepth(x, i, 0)
}

func (f *flow) freshFieldDepth(x ssa.Value, i, depth int) bool {
	if u, ok := x.(*ssa.UnOp); ok && u.Op == token.MUL {
		x = u.X // a field of a loaded local struct: look at its stores
	}
	alloc, ok := x.(*ssa.Alloc)
	if !ok || depth > 4 {
		return f.t[x].marks&markFresh != 0
	}
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			// pair := T{…} copies a composite literal whole.
			if r.Addr == alloc && f.freshFieldDepth(r.Val, i, depth+1) {
				return true
			}
		case *ssa.FieldAddr:
			if r.Field == i && f.storesFresh(r) {
				return true
			}
		}
	}
	return false
}

// storesFresh reports whether a value this operation made is stored at addr.
func (f *flow) storesFresh(addr ssa.Value) bool {
	for _, r := range *addr.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == addr && f.t[st.Val].marks&markFresh != 0 {
			return true
		}
	}
	return false
}
