package scan

import (
	"context"
	"encoding/binary"
	"maps"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/detect/codec"
	"github.com/zricethezav/gitleaks/v8/report"
	"github.com/zricethezav/gitleaks/v8/sources"
)

// maxWindow is the most lines a rule's match may span, beyond the line of
// its required text, for the rule to be run on the lines around that text
// only. gitleaks' generic-api-key rule spans up to nine.
const maxWindow = 16

// engine finds what gitleaks' Detector.DetectContext finds in a fragment,
// in less time. gitleaks runs each rule whose keyword is anywhere in a
// fragment over the whole fragment, and then runs a regular expression for
// encoded text over the whole fragment too; in source code, where some
// keyword (key, token, api) is in almost every fragment, that is most of
// a history scan. The engine splits the work:
//
//   - A fragment with text the decoder would decode goes to full, which is
//     gitleaks itself. Whether there is such text is decided line by line,
//     and only for lines that can hold it (mayHoldEncoded).
//   - Otherwise the rules that cannot be narrowed (near) run over the whole
//     fragment without decoding, and the others (lined) over a copy in which
//     every line far from their keywords and required text is emptied:
//     their matches cannot reach such lines, and line and column numbers do
//     not change because every newline stays.
//
// A rule is lined when every match of its expression contains one of a set
// of strings (found by walking the parsed expression) and spans at most
// maxWindow newlines. The findings of the two halves are then filtered
// together, as gitleaks filters a generic rule's finding that a specific
// rule's finding on the same line contains.
type engine struct {
	full *detect.Detector // every rule, decoding: gitleaks as it is
	rest *detect.Detector // the rules that need the whole fragment

	// lined is the config of the rules that need only the lines near
	// triggers, and linedRules those rules, by index, without keywords. A
	// fragment is read by a detector of just the lined rules whose keywords
	// it holds (linedFor), which is what gitleaks' own keyword prefilter
	// would run; the engine has found the keywords already, and one
	// detector of all the lined rules would hold another 2.5 MB automaton
	// of them.
	lined      config.Config
	linedRules []config.Rule
	detectors  sync.Map     // rule set (ruleSet.key) → *detect.Detector
	cached     atomic.Int32 // detectors in the map

	// triggers finds, in a fragment, the keywords and required strings of
	// the lined rules, and the keywords of rest's rules; roles says, by
	// pattern index, what each one does. A line holding a lined rule's
	// trigger is kept, with up to the trigger's span of lines above and
	// below it; past the first line on either side, only while the lines
	// in between are made of interior characters.
	triggers *matcher
	roles    []role
	// interior holds the ASCII characters that a lined rule's match may
	// hold on a line strictly inside it, between two of its newlines, as
	// lowercase letters; folded is the same for either case.
	interior, folded [128]bool

	// rest runs only on a fragment that holds one of its keywords, or
	// whose path one of restPaths matches, unless restAlways. gitleaks'
	// detector would skip every rule of such a fragment too, but only after
	// testing its path against the allowlists' path patterns, which costs
	// more than the rules on source code that has no keyword.
	restPaths  []config.Rule // keywordless rules that match by path alone
	restAlways bool          // a keywordless rule matches content

	// pathHits caches, by path, whether one of restPaths matches it: a
	// history shows a few thousand paths in a million fragments, and the
	// path expressions cost a quarter of a second on 50,000 commits.
	pathHits pathMemo

	// lineTargeted says an allowlist of the config tests a finding's Line,
	// which for a fragment without a final newline the engine cannot
	// compute as gitleaks does (see detect).
	lineTargeted bool
}

// role is what finding one of the engine's patterns means.
type role struct {
	trigger bool  // a keyword or required string of a lined rule: keep its line
	span          // and so many lines around it
	rest    bool  // a keyword of one of rest's rules
	rules   []int // the lined rules of which it is a keyword
}

// maxDetectors bounds how many rule sets keep their detector. A detector
// costs about 6 kB; a history of source code shows a few dozen sets, and
// past the bound a set's detector is built for the fragment alone.
var maxDetectors int32 = 512

// bigUnterminated is the size from which a fragment without a final
// newline goes through the engine even though the config has allowlists
// on the line (see detect). Below it, gitleaks reads such a fragment in a
// few milliseconds.
var bigUnterminated = 1 << 20

// newEngine splits full's rules as described on engine. When the rules use
// something the split cannot honour (a rule that requires other rules'
// findings nearby), every fragment goes to full.
func newEngine(ctx context.Context, full *detect.Detector) *engine {
	e := &engine{full: full}
	rest, lined := full.Config, full.Config
	rest.Rules, rest.Keywords = map[string]config.Rule{}, map[string]struct{}{}
	lined.Rules, lined.Keywords = nil, map[string]struct{}{}
	roles := make(map[string]*role)
	roleOf := func(text string) *role {
		if roles[text] == nil {
			roles[text] = &role{}
		}
		return roles[text]
	}
	widen := func(text string, sp span) {
		r := roleOf(text)
		r.trigger = true
		r.span = span{max(r.before, sp.before), max(r.after, sp.after)}
	}
	e.lineTargeted = targetsLine(full.Config.Allowlists)
	for _, id := range slices.Sorted(maps.Keys(full.Config.Rules)) {
		r := full.Config.Rules[id]
		if len(r.RequiredRules) > 0 || r.SkipReport {
			return e
		}
		e.lineTargeted = e.lineTargeted || targetsLine(r.Allowlists)
		n, ok := narrowable(r)
		if !ok {
			rest.Rules[id] = r
			for _, k := range r.Keywords {
				rest.Keywords[strings.ToLower(k)] = struct{}{}
			}
			switch {
			case len(r.Keywords) > 0:
				for _, k := range r.Keywords {
					if strings.Contains(k, "\n") {
						// The engine's patterns stay within a line.
						e.restAlways = true
					}
					roleOf(strings.ToLower(k)).rest = true
				}
			case r.Regex == nil && r.Path != nil:
				e.restPaths = append(e.restPaths, r)
			default:
				e.restAlways = true
			}
			continue
		}
		for _, t := range n.text {
			widen(t, n.span)
		}
		for c, in := range n.interior {
			e.interior[c] = e.interior[c] || in
		}
		index := len(e.linedRules)
		for _, k := range r.Keywords {
			// The keyword's line keeps the rule running; the match itself
			// is found through its required text.
			k = strings.ToLower(k)
			widen(k, span{})
			rl := roleOf(k)
			if !slices.Contains(rl.rules, index) {
				rl.rules = append(rl.rules, index)
			}
		}
		r.Keywords = nil // a lined detector runs each of its rules
		e.linedRules = append(e.linedRules, r)
	}
	if len(e.linedRules) == 0 {
		return e
	}
	for c := range e.folded {
		lower := c
		if 'A' <= c && c <= 'Z' {
			lower += 'a' - 'A'
		}
		e.folded[c] = e.interior[lower]
	}
	texts := slices.Sorted(maps.Keys(roles))
	for _, t := range texts {
		e.roles = append(e.roles, *roles[t])
	}
	e.rest = detect.NewDetectorContext(ctx, rest)
	e.lined = lined
	e.triggers = newMatcher(texts)
	return e
}

// span is how many lines a match may reach above and below the line of
// the text it must contain.
type span struct{ before, after int }

// narrowing says where the matches of a rule can be: around a line that
// holds one of text (lowercase), at most before newlines above its start
// and after below, with only interior characters on the lines strictly
// inside.
type narrowing struct {
	text []string
	span
	interior [128]bool
}

// narrowable reports how rule r may run on the lines near its required
// text only, if it may. Rules without keywords do not qualify: they run
// on every fragment anyway.
func narrowable(r config.Rule) (narrowing, bool) {
	if r.Regex == nil || len(r.Keywords) == 0 {
		return narrowing{}, false
	}
	re, err := syntax.Parse(r.Regex.String(), syntax.Perl)
	if err != nil {
		return narrowing{}, false
	}
	if slices.ContainsFunc(r.Keywords, func(k string) bool { return strings.Contains(k, "\n") }) {
		return narrowing{}, false // the engine's patterns stay within a line
	}
	re = re.Simplify()
	req := requiredText(re)
	if req.text == nil || shortest(req.text) < 2 ||
		slices.ContainsFunc(req.text, func(t string) bool { return strings.Contains(t, "\n") }) ||
		req.before > maxWindow || req.after > maxWindow {
		return narrowing{}, false
	}
	interior, ok := interiorChars(re)
	if !ok {
		return narrowing{}, false
	}
	if req.before > 1 || req.after > 1 {
		// A match that may run through lines of words and numbers could
		// reach any line of its span: the whole fragment serves as well.
		for _, c := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" {
			if interior[c] {
				return narrowing{}, false
			}
		}
	}
	return narrowing{text: req.text, span: span{req.before, req.after}, interior: interior}, true
}

func targetsLine(as []*config.Allowlist) bool {
	return slices.ContainsFunc(as, func(a *config.Allowlist) bool { return a.RegexTarget == "line" })
}

// detect returns the findings of gitleaks' rules in f, as
// Detector.DetectContext returns them.
func (e *engine) detect(ctx context.Context, f sources.Fragment) []report.Finding {
	if e.triggers == nil || encodes(f.Raw) {
		return e.full.DetectContext(ctx, detect.Fragment(f))
	}
	if strings.HasSuffix(f.Raw, "\n") || !strings.Contains(f.Raw, "\n") {
		return e.split(ctx, f)
	}
	// A file without a final newline. For a match on its last line,
	// gitleaks takes as the finding's Line all the text from the
	// fragment's start (detect/location.go), which the engine, having
	// emptied lines, cannot give: the engine works on the text with a
	// newline added and rewrites those findings as gitleaks would have
	// made them. Where the Line decides whether a finding is kept at all,
	// gitleaks reads the whole fragment: with a gitleaks:allow comment,
	// and with an allowlist on the line (the default config's generic
	// rule has one) unless the fragment is big.
	//
	// Limitation: in a fragment of bigUnterminated bytes or more, such an
	// allowlist is tested against the last line alone, where gitleaks
	// tests everything from the fragment's start; gitleaks, there, would
	// spend minutes on a 100 MB file.
	if strings.Contains(f.Raw, "gitleaks:allow") ||
		e.lineTargeted && len(f.Raw) < bigUnterminated {
		return e.full.DetectContext(ctx, detect.Fragment(f))
	}
	g := f
	g.Raw = f.Raw + "\n"
	return unterminated(f, e.split(ctx, g))
}

// needsRest reports whether one of rest's rules may find something in f:
// gitleaks runs a rule with keywords only on text holding one of them
// (lowercased as gitleaks lowercases it), and a path rule only on a
// matching path. keyword says f holds a keyword of rest's rules, as far as
// ASCII case folding finds; when f has other text (ascii false), Unicode
// lowering could make a keyword ASCII folding does not, and the rules run.
func (e *engine) needsRest(f sources.Fragment, keyword, ascii bool) bool {
	if e.restAlways || !ascii || keyword {
		return true
	}
	return len(e.restPaths) > 0 && e.pathHits.get(f.FilePath, f.WindowsFilePath, e.pathMatches)
}

// pathMatches reports whether one of restPaths matches the path, or its
// Windows form when there is one.
func (e *engine) pathMatches(path, windows string) bool {
	for _, r := range e.restPaths {
		if r.Path.MatchString(path) || windows != "" && r.Path.MatchString(windows) {
			return true
		}
	}
	return false
}

// maxMemoPaths bounds a pathMemo: a history with more distinct paths has
// the rest matched each time, as without a memo.
const maxMemoPaths = 1 << 16

// pathMemo remembers a yes or no per path. It is safe for concurrent use.
type pathMemo struct {
	mu sync.Mutex
	m  map[[2]string]bool
}

// get returns match(path, windows), computing it at most once per pair
// while the memo has room.
func (p *pathMemo) get(path, windows string, match func(path, windows string) bool) bool {
	k := [2]string{path, windows}
	p.mu.Lock()
	hit, ok := p.m[k]
	p.mu.Unlock()
	if ok {
		return hit
	}
	hit = match(path, windows)
	p.mu.Lock()
	if p.m == nil {
		p.m = make(map[[2]string]bool)
	}
	if len(p.m) < maxMemoPaths {
		p.m[k] = hit
	}
	p.mu.Unlock()
	return hit
}

// unterminated rewrites findings made in f's text with a newline added
// into what gitleaks makes of f itself, whose last line has no newline and
// which has a newline before that line. A match that starts on the last
// line has as its Line the fragment's text up to the end of the match's
// line; one that only ends there has no end found: its EndLine is its
// StartLine, its EndColumn 0 and its Line ends with the match.
func unterminated(f sources.Fragment, found []report.Finding) []report.Finding {
	raw := f.Raw
	last := f.StartLine + strings.Count(raw, "\n")
	prev := strings.LastIndexByte(raw, '\n')
	for i := range found {
		x := &found[i]
		if x.EndLine != last {
			continue
		}
		end := prev + x.EndColumn // the match's end in raw
		if x.StartLine == last {
			j := end
			for j < len(raw) && raw[j] != '\n' && raw[j] != '\r' {
				j++
			}
			x.Line = raw[:j]
			continue
		}
		x.EndLine, x.EndColumn = x.StartLine, 0
		x.Line = x.Line[:len(x.Line)-(len(raw)-end)]
	}
	return found
}

// split is detect for a fragment that has a newline at its end, or none at
// all, and no text to decode.
func (e *engine) split(ctx context.Context, f sources.Fragment) []report.Finding {
	lines := e.read(f.Raw)
	var found []report.Finding
	if e.needsRest(f, lines.rest, lines.ascii) {
		found = e.rest.DetectContext(ctx, detect.Fragment(f))
	}
	if len(lines.rules) > 0 {
		g := f
		g.Raw = lines.near(f.Raw)
		found = supersede(found, e.linedFor(lines.rules).DetectContext(ctx, detect.Fragment(g)))
	}
	return found
}

// encodes reports whether gitleaks' decoder finds something to decode in
// s. Its patterns match within one line, but for runs of U+XXXX code
// points, which may continue across a newline; for those the whole text
// is said to decode.
func encodes(s string) bool {
	if !mayHoldEncoded(s) {
		return false
	}
	for line := range strings.Lines(s) {
		if !mayHoldEncoded(line) {
			continue
		}
		if strings.Contains(line, "U+") {
			return true
		}
		if _, segs := codec.NewDecoder().Decode(line, nil); len(segs) > 0 {
			return true
		}
	}
	return false
}

// fragmentLines is what read finds in a fragment's text.
type fragmentLines struct {
	starts []int  // the byte offset of each line
	keep   []bool // by line: a lined rule's match may reach it
	ascii  bool   // the text is all ASCII
	rest   bool   // the text holds a keyword of rest's rules
	rules  ruleSet
}

// read finds the triggers in raw and works out which lines the lined
// rules' matches may reach (see engine), and which lined rules gitleaks'
// keyword prefilter would run on those lines. Lines with non-ASCII text
// are kept, and count as interior: gitleaks lowercases text with Unicode
// rules, and a regular expression's case folding may match there (the
// Kelvin sign for k) what ASCII folding would not find; their keywords
// are looked for in the line lowercased as gitleaks lowercases it.
func (e *engine) read(raw string) fragmentLines {
	l := fragmentLines{starts: lineStarts(raw), ascii: true}
	n := len(l.starts)
	flags := make([]bool, 2*n)
	l.keep = flags[:n:n]
	interior := flags[n:] // every character of the line is interior
	var odd []int         // lines with non-ASCII text
	line, onlyInterior := 0, true
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '\n':
			interior[line] = onlyInterior
			line, onlyInterior = line+1, true
		case c >= 0x80:
			if len(odd) == 0 || odd[len(odd)-1] != line {
				odd = append(odd, line)
			}
		default:
			onlyInterior = onlyInterior && e.folded[c]
		}
	}
	if line < n {
		interior[line] = onlyInterior
	}
	for _, o := range odd {
		interior[o] = true
	}
	l.ascii = len(odd) == 0

	reach := func(at int, sp span) {
		l.keep[at] = true
		for j := 1; j <= sp.after && at+j < n; j++ {
			l.keep[at+j] = true
			if !interior[at+j] {
				break
			}
		}
		for j := 1; j <= sp.before && at-j >= 0; j++ {
			l.keep[at-j] = true
			if !interior[at-j] {
				break
			}
		}
	}
	for _, o := range odd {
		// It may hold a trigger that ASCII folding hides.
		reach(o, span{maxWindow, maxWindow})
	}
	line = 0
	e.triggers.walk(raw, func(_, end, pattern int) bool {
		// No pattern holds a newline, so the line of a pattern's last
		// byte is its line; the ends come in order.
		for line+1 < n && l.starts[line+1] < end {
			line++
		}
		r := &e.roles[pattern]
		l.rest = l.rest || r.rest
		if r.trigger {
			reach(line, r.span)
			l.rules = l.rules.add(r.rules, len(e.linedRules))
		}
		return true
	})
	for _, o := range odd {
		end := len(raw)
		if o+1 < n {
			end = l.starts[o+1]
		}
		e.triggers.walk(strings.ToLower(raw[l.starts[o]:end]), func(_, _, pattern int) bool {
			l.rules = l.rules.add(e.roles[pattern].rules, len(e.linedRules))
			return true
		})
	}
	return l
}

// near returns raw with every line emptied that l does not keep.
func (l fragmentLines) near(raw string) string {
	var b strings.Builder
	b.Grow(len(raw))
	for i, start := range l.starts {
		end := len(raw)
		if i+1 < len(l.starts) {
			end = l.starts[i+1]
		}
		text := raw[start:end]
		if !l.keep[i] {
			// Keep the newline, so that the lines after keep their numbers.
			text = text[len(strings.TrimRight(text, "\n")):]
		}
		b.WriteString(text)
	}
	return b.String()
}

// ruleSet is a set of lined rules, by index: a bit each.
type ruleSet []uint64

// add returns s with rules added; n is the number of lined rules.
func (s ruleSet) add(rules []int, n int) ruleSet {
	if len(rules) == 0 {
		return s
	}
	if s == nil {
		s = make(ruleSet, (n+63)/64)
	}
	for _, r := range rules {
		s[r/64] |= 1 << (r % 64)
	}
	return s
}

// key returns s as a map key.
func (s ruleSet) key() string {
	b := make([]byte, 0, 8*len(s))
	for _, w := range s {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	return string(b)
}

// linedFor returns a detector of the lined rules of s.
func (e *engine) linedFor(s ruleSet) *detect.Detector {
	key := s.key()
	if d, ok := e.detectors.Load(key); ok {
		return d.(*detect.Detector)
	}
	cfg := e.lined
	cfg.Rules = make(map[string]config.Rule)
	for i, r := range e.linedRules {
		if s[i/64]&(1<<(i%64)) != 0 {
			cfg.Rules[r.RuleID] = r
		}
	}
	// The detector's own context serves only its Sema, which DetectContext
	// does not use.
	d := detect.NewDetectorContext(context.Background(), cfg)
	if e.cached.Load() < maxDetectors {
		if old, loaded := e.detectors.LoadOrStore(key, d); loaded {
			return old.(*detect.Detector)
		}
		e.cached.Add(1)
	}
	return d
}

// lineStarts returns the byte offset of each line of s.
func lineStarts(s string) []int {
	starts := make([]int, 1, 1+strings.Count(s, "\n"))
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the line (from 0) that byte offset off is on.
func lineOf(starts []int, off int) int {
	lo, hi := 0, len(starts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// supersede merges the findings of two detectors over the same fragment
// the way gitleaks filters one detector's: a finding of a generic rule is
// dropped when a finding of another, non-generic rule on the same line and
// in the same commit holds its secret. Each list is filtered within itself
// already.
func supersede(a, b []report.Finding) []report.Finding {
	drop := func(f report.Finding, others []report.Finding) bool {
		if !isGeneric(f.RuleID) {
			return false
		}
		for _, o := range others {
			if o.StartLine == f.StartLine && o.Commit == f.Commit && o.RuleID != f.RuleID &&
				!isGeneric(o.RuleID) && strings.Contains(o.Secret, f.Secret) {
				return true
			}
		}
		return false
	}
	out := make([]report.Finding, 0, len(a)+len(b))
	for _, f := range a {
		if !drop(f, b) {
			out = append(out, f)
		}
	}
	for _, f := range b {
		if !drop(f, a) {
			out = append(out, f)
		}
	}
	return out
}

func isGeneric(ruleID string) bool {
	return strings.Contains(strings.ToLower(ruleID), "generic")
}

// required is what requiredText finds: every match contains one of text
// (as lowercase text), with at most before newlines in the match before it
// and at most after from its start on.
type required struct {
	text          []string
	before, after int
}

// maxExpansion bounds the strings a run of literals and small character
// classes expands to.
const maxExpansion = 64

// requiredText returns strings one of which every match of re contains,
// and the newlines a match may hold around it; text is nil when it cannot
// tell.
func requiredText(re *syntax.Regexp) required {
	switch re.Op {
	case syntax.OpLiteral:
		s := string(re.Rune)
		return required{text: []string{strings.ToLower(s)}, after: strings.Count(s, "\n")}
	case syntax.OpCapture:
		return requiredText(re.Sub[0])
	case syntax.OpPlus:
		return repeated(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return repeated(re.Sub[0])
		}
	case syntax.OpConcat:
		return concatText(re.Sub)
	case syntax.OpAlternate:
		var r required
		for _, sub := range re.Sub {
			s := requiredText(sub)
			if s.text == nil {
				return required{}
			}
			r.text = append(r.text, s.text...)
			r.before, r.after = max(r.before, s.before), max(r.after, s.after)
		}
		return r
	}
	return required{}
}

// repeated is requiredText of sub repeated once or more: the text is in
// one of the repetitions, and the others may hold newlines either side.
func repeated(sub *syntax.Regexp) required {
	r := requiredText(sub)
	if r.text != nil && maxNewlines(sub) > 0 {
		r.before, r.after = unbounded, unbounded
	}
	return r
}

// concatText is requiredText of a concatenation. Every part is in every
// match; runs of literals and small character classes ([Aa]pi) are
// expanded into the strings they spell, and the part or run with the
// longest shortest string wins, as it keeps the fewest lines.
func concatText(subs []*syntax.Regexp) required {
	best, bestAt, bestEnd := required{}, 0, 0
	consider := func(r required, at, end int) {
		if r.text != nil && (best.text == nil || shortest(r.text) > shortest(best.text)) {
			best, bestAt, bestEnd = r, at, end
		}
	}
	var run []string
	runAt := 0
	flush := func(end int) {
		if len(run) > 0 {
			consider(required{text: run}, runAt, end)
		}
		run = nil
	}
	for i, sub := range subs {
		if chars, ok := spelled(sub); ok && !strings.Contains(strings.Join(chars, ""), "\n") {
			if run == nil {
				run, runAt = []string{""}, i
			}
			next := product(run, chars)
			if next == nil {
				flush(i)
				run, runAt = chars, i
				continue
			}
			run = next
			continue
		}
		flush(i)
		if r := requiredText(sub); r.text != nil {
			consider(r, i, i+1)
		}
	}
	flush(len(subs))
	if best.text == nil {
		return best
	}
	for _, sub := range subs[:bestAt] {
		best.before = min(unbounded, best.before+maxNewlines(sub))
	}
	for _, sub := range subs[bestEnd:] {
		best.after = min(unbounded, best.after+maxNewlines(sub))
	}
	return best
}

// spelled returns the lowercase strings re matches when they are few:
// literals, classes of a few letters ([Aa]), and concatenations and
// alternations of those (access|auth, which the parser factors into
// a(?:ccess|uth)).
func spelled(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 3 {
				return nil, false
			}
			for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
				l := strings.ToLower(string(c))
				if !slices.Contains(out, l) {
					out = append(out, l)
				}
			}
		}
		return out, len(out) > 0 && len(out) <= 4
	case syntax.OpCapture:
		return spelled(re.Sub[0])
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			part, ok := spelled(sub)
			if !ok {
				return nil, false
			}
			if out = product(out, part); out == nil {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			part, ok := spelled(sub)
			if !ok || len(out)+len(part) > maxExpansion {
				return nil, false
			}
			out = append(out, part...)
		}
		return out, true
	}
	return nil, false
}

// product returns every string of run followed by one of chars, or nil
// past maxExpansion.
func product(run, chars []string) []string {
	if len(run)*len(chars) > maxExpansion {
		return nil
	}
	out := make([]string, 0, len(run)*len(chars))
	for _, r := range run {
		for _, c := range chars {
			out = append(out, r+c)
		}
	}
	return out
}

// shortest returns the length of the shortest string of need.
func shortest(need []string) int {
	n := -1
	for _, s := range need {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// unbounded stands for a match with no limit on its newlines.
const unbounded = 1 << 30

// maxNewlines returns the most newlines one match of re can hold.
func maxNewlines(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return strings.Count(string(re.Rune), "\n")
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '\n' && '\n' <= re.Rune[i+1] {
				return 1
			}
		}
		return 0
	case syntax.OpAnyChar:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return maxNewlines(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		if maxNewlines(re.Sub[0]) > 0 {
			return unbounded
		}
		return 0
	case syntax.OpRepeat:
		n := maxNewlines(re.Sub[0])
		if n == 0 {
			return 0
		}
		if re.Max < 0 || n >= unbounded/max(re.Max, 1) {
			return unbounded
		}
		return n * re.Max
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			if n += maxNewlines(sub); n >= unbounded {
				return unbounded
			}
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, sub := range re.Sub {
			n = max(n, maxNewlines(sub))
		}
		return n
	}
	return 0
}

// interiorChars returns the ASCII characters a match of re may hold on a
// line strictly inside it: after one of its newlines, before another that
// is not its last character. It works on the compiled program: the
// characters consumed on a path from a newline to a newline after which
// the path goes on. Empty-width assertions are taken as always true, which
// only adds characters. ok is false for an expression it cannot compile.
func interiorChars(re *syntax.Regexp) (set [128]bool, ok bool) {
	prog, err := syntax.Compile(re)
	if err != nil {
		return set, false
	}
	p := progInfo{prog: prog, closures: make([][]int, len(prog.Inst))}
	n := len(prog.Inst)

	// after: rune instructions reached after a newline, through characters
	// other than newlines.
	after := make([]bool, n)
	var work []int
	push := func(i int) {
		if !after[i] {
			after[i] = true
			work = append(work, i)
		}
	}
	for i := range n {
		if p.isRune(i) && p.consumes(i, '\n') {
			for _, j := range p.closure(prog.Inst[i].Out) {
				push(j)
			}
		}
	}
	for len(work) > 0 {
		i := work[len(work)-1]
		work = work[:len(work)-1]
		for _, j := range p.closure(prog.Inst[i].Out) {
			push(j)
		}
	}

	// before: rune instructions from which, through characters other than
	// newlines, a newline is consumed that the match goes on after.
	before := make([]bool, n)
	for i := range n {
		if p.isRune(i) && p.consumes(i, '\n') && len(p.closure(prog.Inst[i].Out)) > 0 {
			before[i] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for i := range n {
			if before[i] || !p.isRune(i) {
				continue
			}
			for _, j := range p.closure(prog.Inst[i].Out) {
				if before[j] {
					before[i], changed = true, true
					break
				}
			}
		}
	}

	for i := range n {
		if !after[i] {
			continue
		}
		leads := false
		for _, j := range p.closure(prog.Inst[i].Out) {
			leads = leads || before[j]
		}
		if !leads {
			continue
		}
		for c := range rune(128) {
			if c != '\n' && p.consumes(i, c) {
				set[c] = true
			}
		}
	}
	return set, true
}

// progInfo answers questions about the instructions of a program.
type progInfo struct {
	prog     *syntax.Prog
	closures [][]int // by pc, once computed
}

func (p progInfo) isRune(i int) bool {
	switch p.prog.Inst[i].Op {
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	return false
}

// consumes reports whether rune instruction i matches r.
func (p progInfo) consumes(i int, r rune) bool {
	in := &p.prog.Inst[i]
	switch in.Op {
	case syntax.InstRune, syntax.InstRune1:
		return in.MatchRune(r)
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	return false
}

// closure returns the rune instructions reached from pc without consuming
// a character.
func (p progInfo) closure(pc uint32) []int {
	if c := p.closures[pc]; c != nil {
		return c
	}
	out := []int{}
	seen := make(map[uint32]bool)
	var walk func(pc uint32)
	walk = func(pc uint32) {
		if seen[pc] {
			return
		}
		seen[pc] = true
		in := &p.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(in.Out)
			walk(in.Arg)
		case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop:
			walk(in.Out)
		default:
			if p.isRune(int(pc)) {
				out = append(out, int(pc))
			}
		}
	}
	walk(pc)
	p.closures[pc] = out
	return out
}
