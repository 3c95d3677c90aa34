package keyexposure

import (
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// expand returns the sink arguments from index first, with the values
// packed into a variadic parameter unpacked and their printf verbs.
func (f *flow) expand(obj *types.Func, args []ssa.Value, first int) []arg {
	sig := obj.Signature()
	var verbs []rune
	fixed := args
	var packed []arg
	if sig.Variadic() && len(args) > 0 {
		fixed = args[:len(args)-1]
		packed = f.variadic(args[len(args)-1])
		if n := len(fixed); n > 0 && strings.HasSuffix(obj.Name(), "f") {
			if format, ok := constString(fixed[n-1]); ok {
				verbs = printfVerbs(format, len(packed))
			}
		}
	}
	var out []arg
	for i := first; i < len(fixed); i++ {
		out = append(out, arg{v: fixed[i], verb: 'v'})
	}
	for i, a := range packed {
		if i < len(verbs) {
			a.verb = verbs[i]
		}
		out = append(out, a)
	}
	return out
}

// variadic unpacks the slice SSA builds for a variadic call, f(a, b…):
// a Slice of an Alloc'd array whose elements are stored one by one.
// Anything else (f(xs...)) is returned as one value.
//
// Limitation: f(xs...) is checked as a whole, so the printf verbs of its
// elements are unknown and %T does not sanitize them.
func (f *flow) variadic(v ssa.Value) []arg {
	s, ok := v.(*ssa.Slice)
	if !ok {
		if c, ok := v.(*ssa.Const); ok && c.IsNil() {
			return nil
		}
		return []arg{{v: v, verb: 'v'}}
	}
	alloc, ok := s.X.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return []arg{{v: v, verb: 'v'}}
	}
	arr, ok := alloc.Type().(*types.Pointer).Elem().Underlying().(*types.Array)
	if !ok {
		return []arg{{v: v, verb: 'v'}}
	}
	out := make([]arg, arr.Len())
	for _, r := range *alloc.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok || ia.Referrers() == nil {
			continue
		}
		i, ok := constInt(ia.Index)
		if !ok || i < 0 || i >= int64(len(out)) {
			continue
		}
		for _, rr := range *ia.Referrers() {
			if st, ok := rr.(*ssa.Store); ok && st.Addr == ia {
				out[i] = arg{v: st.Val, verb: 'v'}
			}
		}
	}
	var packed []arg
	for _, a := range out {
		if a.v != nil {
			packed = append(packed, a)
		}
	}
	return packed
}

// printfVerbs returns the verb of each of n operands of a printf format,
// 'v' where it cannot tell.
func printfVerbs(format string, n int) []rune {
	verbs := make([]rune, n)
	for i := range verbs {
		verbs[i] = 'v'
	}
	argi := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		// Flags, width, precision and an explicit [n] index.
		for i < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[i]) >= 0 {
			if format[i] == '[' {
				end := strings.IndexByte(format[i:], ']')
				if end < 0 {
					return verbs
				}
				if k, err := strconv.Atoi(format[i+1 : i+end]); err == nil {
					argi = k - 1
				}
				i += end
			} else if format[i] == '*' {
				argi++
			}
			i++
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		if argi >= 0 && argi < n {
			verbs[argi] = rune(format[i])
		}
		argi++
	}
	return verbs
}
