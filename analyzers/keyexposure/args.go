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
	var verbs []verb
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
		out = append(out, arg{v: fixed[i], verb: plainVerb, at: i})
	}
	for i, a := range packed {
		if i < len(verbs) {
			a.verb = verbs[i]
		}
		if a.at >= 0 {
			a.at += len(fixed)
		}
		out = append(out, a)
	}
	return out
}

// plainVerb is how Print and Println show an operand.
var plainVerb = verb{r: 'v', prec: -1}

// wholeArg is a value handed to a sink by itself, with no syntax to fix.
func wholeArg(v ssa.Value) []arg {
	return []arg{{v: v, verb: plainVerb, at: -1}}
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
		return wholeArg(v)
	}
	alloc, ok := s.X.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return wholeArg(v)
	}
	arr, ok := alloc.Type().(*types.Pointer).Elem().Underlying().(*types.Array)
	if !ok {
		return wholeArg(v)
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
				out[i] = arg{v: st.Val, verb: plainVerb, at: int(i)}
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

// verb is how a printf format shows one operand.
type verb struct {
	r rune
	// prec is the precision, -1 when there is none or it is given by *.
	prec int
}

// printfVerbs returns the verb of each of n operands of a printf format,
// 'v' where it cannot tell.
func printfVerbs(format string, n int) []verb {
	verbs := make([]verb, n)
	for i := range verbs {
		verbs[i] = verb{r: 'v', prec: -1}
	}
	argi := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++ // flags
		}
		var ok bool
		if i, argi, ok = argIndex(format, i, argi); !ok {
			return verbs
		}
		if i < len(format) && format[i] == '*' {
			i, argi = i+1, argi+1 // the width is an operand
		}
		i = skipDigits(format, i)
		prec := -1
		if i < len(format) && format[i] == '.' {
			i++
			if i, argi, ok = argIndex(format, i, argi); !ok {
				return verbs
			}
			if i < len(format) && format[i] == '*' {
				i, argi = i+1, argi+1 // so is the precision
			} else {
				end := skipDigits(format, i)
				prec, _ = strconv.Atoi(format[i:end]) // "%.s" is precision 0
				i = end
			}
		}
		if i, argi, ok = argIndex(format, i, argi); !ok {
			return verbs
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		if argi >= 0 && argi < n {
			verbs[argi] = verb{r: rune(format[i]), prec: prec}
		}
		argi++
	}
	return verbs
}

// argIndex reads an explicit operand index [n] at format[i:], if any.
func argIndex(format string, i, argi int) (int, int, bool) {
	if i >= len(format) || format[i] != '[' {
		return i, argi, true
	}
	end := strings.IndexByte(format[i:], ']')
	if end < 0 {
		return i, argi, false
	}
	k, err := strconv.Atoi(format[i+1 : i+end])
	if err != nil {
		return i, argi, false
	}
	return i + end + 1, k - 1, true
}

func skipDigits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// maxPrecision is the longest prefix a precision may show: %.8s shows the
// first eight bytes, which identify a key without giving it away.
const maxPrecision = 8

// hidden reports whether the verb shows nothing of a key, or only a
// prefix of it: %T, %p, and a precision of at most maxPrecision on the
// verbs that cut their operand to it (for %x, the bytes encoded).
func (v verb) hidden() bool {
	switch v.r {
	case 'T', 'p':
		return true
	case 's', 'q', 'v', 'x', 'X':
		return v.prec >= 0 && v.prec <= maxPrecision
	}
	return false
}
