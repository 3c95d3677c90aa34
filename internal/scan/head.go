package scan

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
)

// atHead finds which secrets HEAD's tree still holds, and where.
//
// A secret that appears literally is searched for with one git grep over
// HEAD's tree, so it is found wherever it now is, renamed files included. A
// multi-line secret is searched by its longest line and confirmed against
// the whole file. A secret gitleaks found only after decoding (base64, hex,
// percent-encoding) does not appear literally; the files it was committed to
// are read at HEAD and run through the detector again.
func (s *scanner) atHead(ctx context.Context, secrets []*Secret) error {
	var literal, recheck []*Secret
	for _, sec := range secrets {
		if sec.Decoded || sec.PathOnly || Needle(sec.Value) == "" {
			recheck = append(recheck, sec)
		} else {
			literal = append(literal, sec)
		}
	}

	confirm, err := s.grepHead(ctx, literal)
	if err != nil {
		return err
	}
	for _, sec := range literal {
		if len(sec.HeadLocations) > 0 || len(confirm[sec]) > 0 {
			continue
		}
		// git grep passes over binary files (-I) and symbolic links: the
		// files the secret was committed to are read whole, in case one
		// has become binary since or is a link whose target holds it.
		for _, l := range sec.Locations {
			confirm[sec] = append(confirm[sec], l.File)
		}
	}
	for _, sec := range recheck {
		// Limitation: an encoded secret is looked for only in the files it
		// was committed to; if such a file was renamed since, the secret is
		// reported as gone from HEAD.
		for _, l := range sec.Locations {
			confirm[sec] = append(confirm[sec], l.File)
		}
	}
	if err := s.confirmAtHead(ctx, confirm); err != nil {
		return err
	}

	for _, sec := range secrets {
		sec.HeadLocations = slices.DeleteFunc(sec.HeadLocations, func(l Location) bool {
			return s.opts.Exclude != nil && s.opts.Exclude(l.File) || s.pathAllowed(sec.Rule, l.File)
		})
		slices.SortFunc(sec.HeadLocations, compareLocations)
		sec.HeadLocations = slices.Compact(sec.HeadLocations)
		// Reports show a secret at its first HEAD location: let that be a
		// place the scanned commits added it to (in a range, the pull
		// request's own copy, in a file of its own or on a new line of a
		// file that held the secret before), not a copy elsewhere.
		added := s.addedIn[sec]
		slices.SortStableFunc(sec.HeadLocations, func(a, b Location) int {
			return cmp.Compare(addedRank(added, a), addedRank(added, b))
		})
		sec.AtHead = len(sec.HeadLocations) > 0
	}
	return nil
}

// addedRank orders a HEAD location by how surely the scanned commits put
// it there: on a line they added it to, in a file they added it to (a
// later commit may have moved the line), or neither.
//
// Limitation: lines are not carried forward through the later commits of
// the range; when one of them inserts lines above the copy, another copy
// at the line number the range added can be taken for it.
func addedRank(added map[string]map[int]bool, l Location) int {
	switch lines, ok := added[l.File]; {
	case lines[l.Line]:
		return 0
	case ok:
		return 1
	}
	return 2
}

// pathAllowed reports whether the gitleaks config allowlists path for
// rule by the path alone, so that gitleaks would never report a secret
// there: a copy of the secret in such a file does not count as at HEAD.
func (s *scanner) pathAllowed(rule, path string) bool {
	byPath := func(a *config.Allowlist) bool {
		byPathAlone := a.MatchCondition == config.AllowlistMatchOr ||
			len(a.Commits) == 0 && len(a.Regexes) == 0 && len(a.StopWords) == 0
		return byPathAlone && a.PathAllowed(path)
	}
	return slices.ContainsFunc(s.detector.Config.Allowlists, byPath) ||
		slices.ContainsFunc(s.detector.Config.Rules[rule].Allowlists, byPath)
}

// Needle returns the text to search files for (with git grep -F, say) to
// find value: the value itself, or its longest line when it spans several.
func Needle(value string) string {
	var longest string
	for line := range strings.SplitSeq(value, "\n") {
		line = strings.TrimRight(line, "\r")
		if len(line) > len(longest) {
			longest = line
		}
	}
	return longest
}

// grepHead searches HEAD's tree for the secrets' needles. Single-line
// secrets get their HEAD locations directly; for multi-line ones it returns
// the files to confirm.
func (s *scanner) grepHead(ctx context.Context, secrets []*Secret) (map[*Secret][]string, error) {
	confirm := make(map[*Secret][]string)
	if len(secrets) == 0 {
		return confirm, nil
	}
	var needles []string
	owners := make(map[string][]*Secret)
	for _, sec := range secrets {
		n := Needle(sec.Value)
		if _, ok := owners[n]; !ok {
			needles = append(needles, n)
		}
		owners[n] = append(owners[n], sec)
	}

	// Limitation: binary files (-I) are not searched, but for the files a
	// secret was committed to (see atHead); gitleaks does not scan binary
	// blobs in history either, except archives.
	err := grep(ctx, s.repo.root, "HEAD", needles, func(path string, line int, text string,
		i int) {
		n := needles[i]
		for _, sec := range owners[n] {
			if n != sec.Value {
				confirm[sec] = append(confirm[sec], path)
				continue
			}
			sec.HeadLocations = append(sec.HeadLocations, s.headLocation(path, line,
				strings.Index(text, n)+1))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("search HEAD: %w", err)
	}
	return confirm, nil
}

// maxGrepPatterns bounds the fixed strings one git grep is given. git grep
// tries each pattern on each line it reads: 60,000 secrets over 10,000
// lines at HEAD took three minutes. Past the bound it is given the
// needles' distinct prefixes instead (see grepPatterns), and the lines
// those match are narrowed to the needles as they come.
const maxGrepPatterns = 256

// grep searches rev's tree for needles with one git grep and calls fn with
// each line that holds one, as git prints it: the path, the line number,
// the text and the needle's index, once for each needle the line holds.
func grep(ctx context.Context, dir, rev string, needles []string,
	fn func(path string, line int, text string, needle int)) error {
	set := newNeedleSet(needles)
	stdin := strings.NewReader(strings.Join(grepPatterns(needles), "\n") + "\n")
	err := gitRead(ctx, dir, stdin, func(r *bufio.Reader) error {
		return readGrep(r, rev, func(path string, line int, text string) {
			set.find(text, func(i int) { fn(path, line, text, i) })
		})
	}, "grep", "-z", "-n", "-I", "-F", "--no-color", "--no-column", "--full-name", "-f", "-",
		rev, "--")
	var ge *GitError
	if errors.As(err, &ge) && ge.Code == 1 {
		return nil // no match at all
	}
	return err
}

// grepPatterns returns the fixed strings git grep is to look for: needles,
// or when there are more than maxGrepPatterns, their distinct prefixes of
// the greatest length that keeps them within the bound. Every line that
// holds a needle holds one of its prefixes.
func grepPatterns(needles []string) []string {
	if len(needles) <= maxGrepPatterns {
		return needles
	}
	shortest := len(needles[0])
	for _, n := range needles {
		shortest = min(shortest, len(n))
	}
	var prefixes []string
	for k := shortest; k >= 1; k-- {
		seen := make(map[string]bool)
		for _, n := range needles {
			seen[n[:k]] = true
		}
		prefixes = slices.Sorted(maps.Keys(seen))
		if len(prefixes) <= maxGrepPatterns {
			break
		}
	}
	return prefixes
}

// readGrep reads git grep -z -n output for a search of rev,
// "REV:path\0line\0text\n" a match, and calls fn with each.
func readGrep(r *bufio.Reader, rev string, fn func(path string, line int, text string)) error {
	prefix := rev + ":"
	bad := fmt.Errorf("unexpected git grep output")
	for {
		name, err := r.ReadString(0)
		if errors.Is(err, io.EOF) && name == "" {
			return nil
		}
		if err != nil {
			return bad
		}
		num, err := r.ReadString(0)
		if err != nil {
			return bad
		}
		text, err := r.ReadString('\n')
		if err != nil && (!errors.Is(err, io.EOF) || text == "") {
			return bad
		}
		line, err := strconv.Atoi(num[:len(num)-1])
		name = name[:len(name)-1]
		if err != nil || !strings.HasPrefix(name, prefix) {
			return bad
		}
		fn(name[len(prefix):], line, strings.TrimSuffix(text, "\n"))
	}
}

func (s *scanner) headLocation(path string, line, col int) Location {
	h := s.repo.head
	return Location{File: path, Line: line, Column: col, Commit: h.SHA, Date: h.Date,
		Author: h.Author}
}

// confirmAtHead reads the given files at HEAD and looks for each secret in
// them: a multi-line secret as text, a decoded one through the detector, a
// path-only one by the file's existence.
func (s *scanner) confirmAtHead(ctx context.Context, confirm map[*Secret][]string) error {
	wanted := make(map[string][]*Secret)
	var names []string
	for sec, paths := range confirm {
		slices.Sort(paths)
		for _, p := range slices.Compact(paths) {
			if _, ok := wanted[p]; !ok {
				names = append(names, "HEAD:"+p)
			}
			wanted[p] = append(wanted[p], sec)
		}
	}
	slices.Sort(names)

	err := blobs(ctx, s.repo.root, names, func(name string, content []byte) {
		path := strings.TrimPrefix(name, "HEAD:")
		var found []detectedAt
		var literal []*Secret
		for _, sec := range wanted[path] {
			switch {
			case sec.PathOnly:
				sec.HeadLocations = append(sec.HeadLocations, s.headLocation(path, 0, 0))
			case sec.Decoded:
				if found == nil {
					found = s.redetect(ctx, path, content)
				}
				for _, f := range found {
					if f.rule == sec.Rule && f.value == sec.Value {
						sec.HeadLocations = append(sec.HeadLocations,
							s.headLocation(path, f.line, f.col))
					}
				}
			default:
				literal = append(literal, sec)
			}
		}
		// One pass over the file for all its literal secrets: thousands of
		// secrets committed to one file, each looked for on its own, made
		// this step cost secrets × the file's size.
		if len(literal) == 0 {
			return
		}
		values := make([]string, len(literal))
		for i, sec := range literal {
			values[i] = sec.Value
		}
		held := make([]bool, len(literal))
		newNeedleSet(values).find(string(content), func(i int) { held[i] = true })
		for i, sec := range literal {
			if !held[i] {
				continue // not searched again: that was the cost
			}
			if line, col, ok := Position(content, sec.Value); ok {
				sec.HeadLocations = append(sec.HeadLocations, s.headLocation(path, line, col))
			}
		}
	})
	if err != nil {
		return fmt.Errorf("read HEAD: %w", err)
	}
	return nil
}

type detectedAt struct {
	rule, value string
	line, col   int
}

// redetect runs the detector over one file's content.
func (s *scanner) redetect(ctx context.Context, path string, content []byte) []detectedAt {
	found := []detectedAt{} // not nil: the file was scanned
	frag := detect.Fragment{Raw: string(content), FilePath: path, StartLine: 1}
	for _, f := range s.detector.DetectContext(ctx, frag) {
		col := f.StartColumn
		if f.StartLine > frag.StartLine && col > 1 {
			col-- // gitleaks' count, one too many past the first line (see inspectAll)
		}
		found = append(found, detectedAt{f.RuleID, f.Secret, f.StartLine, col})
	}
	return found
}

// Position returns the 1-based line and byte column where value first
// occurs in content, allowing for CRLF line ends in either: where a search
// of a file finds a secret.
func Position(content []byte, value string) (line, col int, ok bool) {
	i := bytes.Index(content, []byte(value))
	if i < 0 && strings.Contains(value, "\n") {
		crlf := strings.ReplaceAll(strings.ReplaceAll(value, "\r\n", "\n"), "\n", "\r\n")
		i = bytes.Index(content, []byte(crlf))
	}
	if i < 0 {
		return 0, 0, false
	}
	before := content[:i]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = i - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col, true
}
