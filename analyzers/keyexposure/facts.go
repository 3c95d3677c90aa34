package keyexposure

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// source describes where a key came from, for the message.
type source struct {
	// What names the key: `api key "apiKey"`, `value of header
	// "Authorization"`.
	What string
	// Weak marks random bytes not yet bound to a credential name: they may
	// be a nonce or a request ID, so they are never reported by themselves.
	Weak bool
	// Param marks a credential-named parameter: the key is the caller's,
	// so a function returning it is not a source of keys.
	Param bool
	// Request marks a key read from the incoming request: no response may
	// show it, not even the one that creates a key.
	Request bool
}

// paramSink records that a parameter reaches a sink.
type paramSink struct {
	Index  int
	Sink   string
	Family family
}

// summary is what callers need to know about a function.
type summary struct {
	// Returns describes the key the function returns, from a source inside
	// it; nil if none.
	Returns *source
	// Generates is set when the returned key is made by the function (from
	// crypto/rand or another generator): its callers create a key.
	Generates bool
	// Through has bit i set when parameter i flows to a result.
	Through uint64
	// Sinks are the parameters that reach a sink inside the function.
	Sinks []paramSink
}

func (s *summary) empty() bool {
	return s == nil || s.Returns == nil && !s.Generates && s.Through == 0 && len(s.Sinks) == 0
}

func (s *summary) equal(t *summary) bool {
	if s.empty() || t.empty() {
		return s.empty() == t.empty()
	}
	return (s.Returns == nil) == (t.Returns == nil) && s.Generates == t.Generates &&
		s.Through == t.Through && slices.Equal(s.Sinks, t.Sinks)
}

func (s *summary) addSink(ps paramSink) {
	for _, o := range s.Sinks {
		if o.Index == ps.Index {
			return
		}
	}
	s.Sinks = append(s.Sinks, ps)
	slices.SortFunc(s.Sinks, func(a, b paramSink) int { return a.Index - b.Index })
}

// summaryFact is the summary of a function, exported to importing
// packages: a function that returns a key is a source there, and a
// function whose parameter reaches a sink makes its callers' arguments
// reach that sink.
type summaryFact struct {
	Summary summary
}

// AFact marks summaryFact as an analysis fact.
func (*summaryFact) AFact() {}

func (f *summaryFact) String() string {
	s := "summary"
	if f.Summary.Returns != nil {
		s += " returns(" + f.Summary.Returns.What + ")"
	}
	if f.Summary.Through != 0 {
		s += " through"
	}
	if f.Summary.Generates {
		s += " generates"
	}
	for _, ps := range f.Summary.Sinks {
		s += " sink(" + ps.Sink + ")"
	}
	return s
}

// summaryOf returns the summary of the function a call reaches, from the
// package's own analysis or from a fact, or nil.
func (c *checker) summaryOf(fn *ssa.Function) *summary {
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if fn.Pkg != nil && fn.Pkg.Pkg == c.pass.Pkg {
		return c.summaries[fn]
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return nil
	}
	if s, ok := c.imported[obj]; ok {
		return s
	}
	var fact summaryFact
	var s *summary
	if obj.Pkg() != nil && obj.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(obj, &fact) {
		s = &fact.Summary
	}
	c.imported[obj] = s
	return s
}

// exportFacts exports the non-empty summaries of the package's named
// functions and methods.
func (c *checker) exportFacts(fns []*ssa.Function) {
	for _, fn := range fns {
		s := c.summaries[fn]
		obj, ok := fn.Object().(*types.Func)
		// Only importers need facts, and they can call only exported names.
		if s.empty() || !ok || obj.Pkg() != c.pass.Pkg || !obj.Exported() {
			continue
		}
		c.pass.ExportObjectFact(obj, &summaryFact{Summary: *s})
	}
}
