package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format names an output format.
type Format string

// The output formats.
const (
	Text Format = "text"
	JSON Format = "json"

	// SARIF is SARIF 2.1.0, for GitHub code scanning and other viewers.
	SARIF Format = "sarif"
	// GitHub is workflow-command annotations; in a workflow step it also
	// appends the Markdown summary to $GITHUB_STEP_SUMMARY.
	GitHub Format = "github"
	// Markdown is a job summary: a table and an exposure chart.
	Markdown Format = "markdown"
)

// writers maps each format to its writer.
var writers = map[Format]func(io.Writer, *Report) error{
	Text:     WriteText,
	JSON:     WriteJSON,
	SARIF:    WriteSARIF,
	GitHub:   writeGitHubEnv,
	Markdown: WriteMarkdown,
}

// Formats returns the supported formats, sorted.
func Formats() []Format {
	fs := make([]Format, 0, len(writers))
	for f := range writers {
		fs = append(fs, f)
	}
	slices.Sort(fs)
	return fs
}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(s))
	if _, ok := writers[f]; !ok {
		return "", fmt.Errorf("unknown format %q (want %s)", s, joinFormats())
	}
	return f, nil
}

func joinFormats() string {
	var names []string
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Write writes r to w in format f.
func Write(w io.Writer, f Format, r *Report) error {
	write, ok := writers[f]
	if !ok {
		return fmt.Errorf("unknown format %q", f)
	}
	return write(w, r)
}

// WriteJSON writes r as indented JSON.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteText writes one line a finding, then a summary line:
//
//	config/app.env:3:14: KL202 github-pat ghp_8z…(40 chars) introduced 2026-01-05 by alice (abc1234), 120 days old, sensitive policy 90 days: overdue by 30 days
//
// The position is where the secret is at HEAD when HEAD still holds it (the
// place to fix), else where it was introduced. The rule ID is the most
// important one the secret triggers: KL202 when it is overdue, else KL201
// (sharing, KL203, is told in the message). Lines are sorted by position.
//
// A file name that holds a control character, invalid UTF-8 or another
// character a terminal does not print as itself is quoted with Go's escapes
// ("a\nb.env"), as git quotes such names; any such character elsewhere in a
// line (an author's name, a rule ID) is escaped the same way, so a finding
// is always one line and nothing in it reaches the terminal as a control
// sequence.
//
// Limitation: no colour yet, even on a terminal.
func WriteText(w io.Writer, r *Report) error {
	type line struct {
		pos  Location
		text string
	}
	var lines []line
	for _, f := range r.Findings {
		pos := Location{File: f.File, Line: f.Line, Column: f.Column}
		if len(f.HeadLocations) > 0 {
			pos = f.HeadLocations[0]
		}
		text := fmt.Sprintf("%s: %s %s %s %s%s", position(pos), primaryID(f), f.Rule,
			f.Secret, f.Message, elsewhere(f, pos.File))
		text = escapeUnprintable(text) // what quoting the paths left
		lines = append(lines, line{pos, text})
	}
	slices.SortStableFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(a.pos.File, b.pos.File), cmp.Compare(a.pos.Line, b.pos.Line),
			cmp.Compare(a.pos.Column, b.pos.Column))
	})
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text + "\n")
	}
	b.WriteString(summaryLine(r) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func position(l Location) string {
	file := quotePath(l.File)
	switch {
	case l.Line == 0:
		return file
	case l.Column == 0:
		return fmt.Sprintf("%s:%d", file, l.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, l.Line, l.Column)
}

// quotePath returns a file name as text output shows it: unchanged, or
// quoted with Go's escapes when it holds anything that is not printable.
func quotePath(p string) string {
	if printable(p) {
		return p
	}
	return strconv.Quote(p)
}

// printable reports whether s is valid UTF-8 made of printable characters
// and spaces only.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

// escapeUnprintable replaces each character of s that is not printable by
// its Go escape (\x1b, \n, \u202e), and each byte of invalid UTF-8 by \xNN.
func escapeUnprintable(s string) string {
	if printable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case strconv.IsPrint(r):
			b.WriteString(s[i : i+n])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += n
	}
	return b.String()
}

// elsewhere names the other files that hold or held the secret, but for
// those the message has named already: KL203 across files lists them all.
func elsewhere(f Finding, shown string) string {
	var named []string
	if sa := f.SharedAcross; sa != nil && sa.Kind == "files" {
		named = sa.Groups
	}
	var files []string
	for _, l := range append(slices.Clone(f.HeadLocations), f.Locations...) {
		if q := quotePath(l.File); l.File != shown && !slices.Contains(files, q) &&
			!slices.Contains(named, l.File) {
			files = append(files, q)
		}
	}
	const most = 3
	switch {
	case len(files) == 0:
		return ""
	case len(files) > most:
		return fmt.Sprintf(" (also in %s and %d more)", strings.Join(files[:most], ", "),
			len(files)-most)
	}
	return fmt.Sprintf(" (also in %s)", strings.Join(files, ", "))
}

// summaryLine counts a report's findings in one line. Ages and HEAD
// mean something only for history: a staged secret is being committed
// now, and files read without git have no history at all.
func summaryLine(r *Report) string {
	s := r.Summary
	if s.Secrets == 0 && s.Baselined > 0 {
		return fmt.Sprintf("keylint: no new secrets found, %d baselined", s.Baselined)
	}
	if s.Secrets == 0 {
		return "keylint: no secrets found"
	}
	noun := "secrets"
	if s.Secrets == 1 {
		noun = "secret"
	}
	var line string
	switch r.Mode {
	case "staged":
		line = fmt.Sprintf("keylint: %d %s in the staged changes", s.Secrets, noun)
	case "files":
		line = fmt.Sprintf("keylint: %d %s in files read without git, of unknown age",
			s.Secrets, noun)
	default:
		line = fmt.Sprintf("keylint: %d %s (%d at HEAD): %d overdue, ", s.Secrets, noun,
			s.AtHead, s.Overdue)
		if s.OverdueOnOtherRefs > 0 {
			line += fmt.Sprintf("%d overdue on other refs only, ", s.OverdueOnOtherRefs)
		}
		line += fmt.Sprintf("%d due soon, %d of unknown age", s.DueSoon, s.UnknownAge)
	}
	if s.Baselined > 0 {
		line += fmt.Sprintf(", %d baselined", s.Baselined)
	}
	return line
}
