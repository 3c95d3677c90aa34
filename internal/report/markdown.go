package report

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
)

// maxMarkdownRows bounds the table and the chart: GitHub keeps a job
// summary under 1 MiB, and a chart of hundreds of bars says nothing.
const maxMarkdownRows = 100

// WriteMarkdown writes a job summary: a headline, a table of the secrets
// (always with the report's redaction) and a Mermaid gantt chart of each
// dated secret's exposure window against its rotation deadline.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	b.WriteString("## keylint: committed secrets\n\n")
	b.WriteString(strings.TrimPrefix(summaryLine(r), "keylint: ") + ".\n\n")
	if len(r.Findings) == 0 {
		_, err := io.WriteString(w, b.String())
		return err
	}

	b.WriteString("| rule | secret | where | introduced | age | tier / policy | verdict |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for i, f := range r.Findings {
		if i == maxMarkdownRows {
			fmt.Fprintf(&b, "\n…and %d more; the JSON or SARIF report has them all.\n",
				len(r.Findings)-maxMarkdownRows)
			break
		}
		res := scanResult(f)
		where := code(position(Location{File: res.File, Line: res.Line}))
		if n := len(res.RelatedFiles); n > 0 {
			where += fmt.Sprintf(" and %s", plural(n, "more file"))
		}
		fmt.Fprintf(&b, "| %s `%s` | %s | %s | %s | %s | %s %d d | %s |\n",
			strings.Join(f.IDs, " "), cell(f.Rule), code(f.Secret), where, introducedCell(f),
			ageCell(f), f.Tier, f.PolicyDays, verdictCell(f))
	}
	b.WriteString(gantt(r.Findings))
	_, err := io.WriteString(w, b.String())
	return err
}

func introducedCell(f Finding) string {
	switch {
	case f.Introduced != nil:
		return day(f.Introduced.Date) + " (" + short(f.Introduced.Commit) + ")"
	case f.IntroducedNotAfter != "":
		return "on or before " + day(f.IntroducedNotAfter)
	}
	return "—"
}

func ageCell(f Finding) string {
	switch {
	case f.AgeDays != nil && !f.AtHead:
		return fmt.Sprintf("exposed %d d", *f.AgeDays)
	case f.AgeDays != nil:
		return fmt.Sprintf("%d d", *f.AgeDays)
	case f.MinAgeDays != nil:
		return fmt.Sprintf("≥ %d d", *f.MinAgeDays)
	}
	return "—"
}

func verdictCell(f Finding) string {
	switch f.Verdict {
	case "overdue":
		return fmt.Sprintf("**overdue** by %d d", f.OverdueDays)
	case "due-soon":
		return fmt.Sprintf("due in %d d", *f.DueInDays)
	}
	return f.Verdict
}

// cell keeps text inside its table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "`", "'").Replace(s)
}

// code formats s as inline code that shows s as it is, backticks and all
// (a path may hold them): CommonMark ends a code span only at a run of
// backticks as long as the one that opened it, so the fence is one longer
// than the longest run in s, and a space pads s where it starts or ends
// with one.
func code(s string) string {
	s = strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
	longest, run := 0, 0
	for _, c := range []byte(s) {
		if c != '`' {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	fence := strings.Repeat("`", longest+1)
	return fence + s + fence
}

// gantt draws each dated secret as a bar from its introduction to its
// removal (or now) and a milestone at its rotation deadline. Secrets
// without a date (staged, --no-git) are left out.
func gantt(fs []Finding) string {
	var b strings.Builder
	n := 0
	for _, f := range fs {
		start, ok := startOf(f)
		if !ok || n == maxMarkdownRows {
			continue
		}
		n++
		days := 0
		switch {
		case f.AgeDays != nil:
			days = *f.AgeDays
		case f.MinAgeDays != nil:
			days = *f.MinAgeDays
		}
		bar := "exposed"
		if !f.AgeKnown {
			bar = "exposed, at least"
		}
		tag := "active, "
		if f.Verdict == "overdue" {
			tag = "crit, "
		} else if !f.AtHead {
			tag = ""
		}
		res := scanResult(f)
		fmt.Fprintf(&b, "    section %s\n", mermaidText(res.RuleID+" "+f.Rule+" "+
			f.Secret+" "+res.File))
		fmt.Fprintf(&b, "    %s :%ss%d, %s, %dd\n", bar, tag, n, start.Format(time.DateOnly),
			max(days, 1))
		fmt.Fprintf(&b, "    rotate by (%s %d d) :milestone, m%d, %s, 0d\n", f.Tier,
			f.PolicyDays, n, start.AddDate(0, 0, f.PolicyDays).Format(time.DateOnly))
	}
	if n == 0 {
		return ""
	}
	return "\n```mermaid\ngantt\n    title Exposure window against rotation deadline\n" +
		"    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m\n" + b.String() + "```\n"
}

func startOf(f Finding) (time.Time, bool) {
	date := f.IntroducedNotAfter
	if f.Introduced != nil {
		date = f.Introduced.Date
	}
	t, err := time.Parse(time.RFC3339, date)
	return t, err == nil
}

// mermaidText drops what ends a gantt name: a colon starts the task's
// data, a hash a comment, a semicolon a new statement.
func mermaidText(s string) string {
	return strings.Map(func(r rune) rune {
		// Any line ending (Markdown takes a lone \r for one) would end the
		// task, and a line of backticks after it the code block.
		if r == ':' || r == '#' || r == ';' || unicode.IsControl(r) ||
			r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}
