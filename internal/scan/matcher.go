package scan

// matcher finds every occurrence of a set of patterns in a text, ASCII
// letters in either case, overlapping occurrences included: an Aho-Corasick
// automaton turned into a full DFA over byte classes.
//
// gitleaks' own automaton (github.com/BobuSumisu/aho-corasick) keeps 256
// transitions of 8 bytes per state, 2 KB; the engine's patterns, a few
// hundred keywords and required strings, made 3 MB of it, more than the
// rest of a scan's working memory. Here a state has one 4-byte transition
// per class of bytes the patterns tell apart (some forty), and matching
// needs no lowercased copy of the text.
type matcher struct {
	class  [256]uint16 // byte → class; 0 for the bytes no pattern holds
	stride int         // classes, the length of a state's row in next
	// next holds, at state*stride + class, the state to go to. State 0 is
	// the root.
	next []int32
	// The patterns that end at state s are outs[outStart[s]:outStart[s+1]].
	outStart []int32
	outs     []int32
	size     []int32 // the length of each pattern, by index
}

// newMatcher builds a matcher of patterns, which must be in lowercase as
// far as ASCII goes. A pattern's index in the slice is the one the matcher
// reports; an empty pattern is never reported, as in gitleaks' automaton.
func newMatcher(patterns []string) *matcher {
	m := &matcher{stride: 1}
	for _, p := range patterns {
		for i := 0; i < len(p); i++ {
			if c := p[i]; m.class[c] == 0 {
				m.class[c] = uint16(m.stride)
				m.stride++
			}
		}
	}
	for c := 'a'; c <= 'z'; c++ {
		m.class[c-'a'+'A'] = m.class[c]
	}

	// The trie first; -1 is an edge the links below fill in.
	states := int32(0)
	newState := func() int32 {
		for range m.stride {
			m.next = append(m.next, -1)
		}
		states++
		return states - 1
	}
	newState()
	ends := map[int32][]int32{}
	for i, p := range patterns {
		m.size = append(m.size, int32(len(p)))
		if p == "" {
			continue
		}
		s := int32(0)
		for j := 0; j < len(p); j++ {
			k := int(s)*m.stride + int(m.class[p[j]])
			if m.next[k] < 0 {
				t := newState()
				m.next[k] = t
			}
			s = m.next[k]
		}
		ends[s] = append(ends[s], int32(i))
	}

	// Breadth first, so that a state's fail state (the one of its longest
	// proper suffix in the trie) is complete before it: the state takes
	// the fail state's edges for those it lacks, and its patterns too.
	fail := make([]int32, states)
	outs := make([][]int32, states)
	for c := range m.stride {
		if m.next[c] < 0 {
			m.next[c] = 0
		}
	}
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		outs[s] = append(ends[s], outs[fail[s]]...)
		row, failRow := int(s)*m.stride, int(fail[s])*m.stride
		for c := range m.stride {
			t := m.next[row+c]
			switch {
			case s == 0:
				if t != 0 {
					queue = append(queue, t) // fail[t] is the root
				}
			case t >= 0:
				fail[t] = m.next[failRow+c]
				queue = append(queue, t)
			default:
				m.next[row+c] = m.next[failRow+c]
			}
		}
	}
	m.outStart = make([]int32, states+1)
	for s, o := range outs {
		m.outs = append(m.outs, o...)
		m.outStart[s+1] = int32(len(m.outs))
	}
	return m
}

// walk calls fn with the start and end offsets in text and the index of
// every occurrence of a pattern, in the order their ends come, until fn
// returns false.
func (m *matcher) walk(text string, fn func(start, end, pattern int) bool) {
	s := 0
	for i := 0; i < len(text); i++ {
		s = int(m.next[s*m.stride+int(m.class[text[i]])])
		if from, to := m.outStart[s], m.outStart[s+1]; from < to {
			for _, p := range m.outs[from:to] {
				if !fn(i+1-int(m.size[p]), i+1, int(p)) {
					return
				}
			}
		}
	}
}
