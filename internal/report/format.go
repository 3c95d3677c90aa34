package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
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
	b.WriteString(summaryLine(r.Summary) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func position(l Location) string {
	switch {
	case l.Line == 0:
		return l.File
	case l.Column == 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}

// elsewhere names the other files that hold or held the secret.
func elsewhere(f Finding, shown string) string {
	var files []string
	for _, l := range append(slices.Clone(f.HeadLocations), f.Locations...) {
		if l.File != shown && !slices.Contains(files, l.File) {
			files = append(files, l.File)
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

func summaryLine(s Summary) string {
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
	line := fmt.Sprintf("keylint: %d %s (%d at HEAD): %d overdue, %d due soon, %d of unknown age",
		s.Secrets, noun, s.AtHead, s.Overdue, s.DueSoon, s.UnknownAge)
	if s.Baselined > 0 {
		line += fmt.Sprintf(", %d baselined", s.Baselined)
	}
	return line
}
