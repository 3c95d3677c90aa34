package scan

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
)

type occurrence struct{ start, end, pattern int }

func (m *matcher) all(text string) []occurrence {
	var got []occurrence
	m.walk(text, func(start, end, pattern int) bool {
		got = append(got, occurrence{start, end, pattern})
		return true
	})
	return got
}

// reference finds the occurrences with gitleaks' automaton, in lowercased
// text, sorted as walk reports them within one end.
func reference(patterns []string, text string) []occurrence {
	trie := ahocorasick.NewTrieBuilder().AddStrings(patterns).Build()
	var want []occurrence
	trie.Walk([]byte(strings.ToLower(text)), func(end, n, pattern int64) bool {
		want = append(want, occurrence{int(end - n + 1), int(end + 1), int(pattern)})
		return true
	})
	return want
}

func sortOccurrences(o []occurrence) []occurrence {
	o = slices.Clone(o)
	slices.SortFunc(o, func(a, b occurrence) int {
		if a.end != b.end {
			return a.end - b.end
		}
		return a.pattern - b.pattern
	})
	return o
}

func TestMatcher(t *testing.T) {
	patterns := []string{"key", "api_key", "secret", "ke", "e", "sk_live_", "he", "she", "hers", "héllo"}
	m := newMatcher(patterns)
	for _, text := range []string{
		"", "API_KEY=1", "ushers", "she sells", "SK_LIVE_x sk_live_y", "héllo HÉLLO",
		"kkkey\nke\x00y", strings.Repeat("a", 100),
	} {
		got, want := sortOccurrences(m.all(text)), sortOccurrences(reference(patterns, text))
		if text == "héllo HÉLLO" {
			// Only ASCII folds: É stays apart from é.
			want = slices.DeleteFunc(want, func(o occurrence) bool { return o.start > 6 && o.pattern == 9 })
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %v, want %v", text, got, want)
		}
	}
	// fn's false ends the walk.
	n := 0
	m.walk("key key key", func(int, int, int) bool { n++; return false })
	if n != 1 {
		t.Errorf("walk went on after false: %d calls", n)
	}
	if got := newMatcher([]string{"", "a"}).all("aa"); len(got) != 2 || got[0].pattern != 1 {
		t.Errorf("empty pattern: got %v, want only the two a", got)
	}
}

// TestMatcherRandom compares the matcher with gitleaks' automaton over
// random patterns and texts of a small alphabet, where patterns overlap
// and share prefixes and suffixes.
func TestMatcherRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func(max int) string {
		b := make([]byte, 1+r.IntN(max))
		for i := range b {
			b[i] = "abcAB_\n"[r.IntN(7)]
		}
		return string(b)
	}
	for i := range 300 {
		seen := map[string]bool{}
		var patterns []string
		for range 1 + r.IntN(20) {
			p := strings.ToLower(word(6))
			if !seen[p] {
				seen[p] = true
				patterns = append(patterns, p)
			}
		}
		text := word(200)
		got, want := sortOccurrences(newMatcher(patterns).all(text)), sortOccurrences(reference(patterns, text))
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: patterns %q, text %q:\ngot  %v\nwant %v", i, patterns, text, got, want)
		}
	}
}

func BenchmarkMatcher(b *testing.B) {
	e := testEngine(b)
	var patterns []string
	for k := range e.full.Config.Keywords {
		patterns = append(patterns, k)
	}
	text := strings.Repeat("func (s *Server) handle(w http.ResponseWriter, r *http.Request) { key := r.Header.Get(\"X-Api-Key\") }\n", 100)
	lower := strings.ToLower(text)
	b.Run("matcher", func(b *testing.B) {
		m := newMatcher(patterns)
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			m.walk(text, func(int, int, int) bool { return true })
		}
	})
	b.Run("gitleaks", func(b *testing.B) {
		trie := ahocorasick.NewTrieBuilder().AddStrings(patterns).Build()
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			trie.Walk([]byte(lower), func(int64, int64, int64) bool { return true })
		}
	})
}

func TestNeedleSet(t *testing.T) {
	needles := []string{"AKIAXYZ123", "ghp_abc", "ghp_abcdef", "", "zz"}
	set := newNeedleSet(needles)
	for _, tc := range []struct {
		text string
		want []int
	}{
		{"", nil},
		{"x AKIAXYZ123 y", []int{0}},
		{"akiaxyz123", nil}, // case counts
		{"ghp_abcdef", []int{1, 2}},
		{"zzz ghp_ab", []int{4, 4}},
		{"AKIAXYZ12", nil},
	} {
		var got []int
		set.find(tc.text, func(i int) { got = append(got, i) })
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: found %v, want %v", tc.text, got, tc.want)
		}
	}
	n := 0
	newNeedleSet([]string{""}).find("anything", func(int) { n++ })
	if n != 0 {
		t.Errorf("an empty needle was found %d times", n)
	}
}
