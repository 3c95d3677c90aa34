package scan

import "strings"

// needleSet finds where a set of strings occurs in a text, exactly. It
// serves the searches for secrets' values in git's output: a few hundred
// strings of twenty or more random characters, which share almost no
// prefix. An automaton of such strings is a chain of states per string,
// and gitleaks' (2 kB a state) took 40 MB for 500 secrets. Here each
// string is filed under its first k bytes, k the length of the shortest,
// and the text is looked up at each of its offsets.
type needleSet struct {
	k       int
	heads   map[string][]int // needle indexes by their first k bytes
	needles []string
}

// newNeedleSet returns the set of needles, which are reported by their
// index in the slice. Empty needles are never found.
func newNeedleSet(needles []string) *needleSet {
	s := &needleSet{k: 8, heads: make(map[string][]int), needles: needles}
	for _, n := range needles {
		if n != "" {
			s.k = min(s.k, len(n))
		}
	}
	for i, n := range needles {
		if n != "" {
			s.heads[n[:s.k]] = append(s.heads[n[:s.k]], i)
		}
	}
	return s
}

// find calls fn with the index of the needle of every occurrence in text,
// in the order of their offsets.
func (s *needleSet) find(text string, fn func(needle int)) {
	if len(s.heads) == 0 {
		return
	}
	for i := 0; i+s.k <= len(text); i++ {
		for _, n := range s.heads[text[i:i+s.k]] {
			if strings.HasPrefix(text[i:], s.needles[n]) {
				fn(n)
			}
		}
	}
}
