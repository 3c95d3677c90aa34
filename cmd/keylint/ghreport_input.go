package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/keylint/keylint/internal/ghreport"
	"github.com/keylint/keylint/internal/report"
	"github.com/keylint/keylint/rules"
)

// appendFile appends text to the file name; an empty name skips it.
func appendFile(name, text string) error {
	if name == "" {
		return nil
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// loadFindings reads the inputs into findings, a Markdown summary and the
// number of overdue secrets at HEAD.
func loadFindings(ctx context.Context, fl *reportGitHubFlags) (fs []ghreport.Finding,
	md string, overdue int, err error) {
	var summary bytes.Buffer
	if fl.scanJSON != "" {
		rep, err := readScanReport(ctx, fl.scanJSON, fl.rangeSpec)
		if err != nil {
			return nil, "", 0, err
		}
		for _, a := range report.ScanAnnotations(rep) {
			fs = append(fs, fromAnnotation(a))
		}
		if err := report.WriteMarkdown(&summary, rep); err != nil {
			return nil, "", 0, err
		}
		overdue = rep.Summary.Overdue
	}
	var fromSARIF []ghreport.Finding
	for _, name := range fl.sarif {
		more, err := sarifFindings(name)
		if err != nil {
			return nil, "", 0, err
		}
		fromSARIF = append(fromSARIF, more...)
	}
	fs = append(fs, fromSARIF...)
	if len(fl.sarif) > 0 {
		sarifSummary(&summary, fromSARIF)
	}
	if fl.summary != "" {
		b, err := os.ReadFile(fl.summary)
		if err != nil {
			return nil, "", 0, err
		}
		summary.Reset()
		summary.Write(b)
	}
	return fs, summary.String(), overdue, nil
}

// readScanReport reads a scanner JSON report. With a range (BASE..HEAD,
// as the scan was given, or else the range the report names), each
// secret's HEAD locations in files the range's commits added it to come
// first, so that it is reported there.
func readScanReport(ctx context.Context, name, rangeSpec string) (*report.Report, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var rep report.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	if rep.Version != report.Version {
		return nil, fmt.Errorf("%s: report version %d, want %d", name, rep.Version,
			report.Version)
	}
	switch {
	case rangeSpec != "":
		inRange, err := rangeCommits(ctx, rangeSpec)
		if err != nil {
			return nil, err
		}
		report.PreferAdded(&rep, inRange)
	case rep.Range != nil:
		// The report may be read away from its repository (an artifact in
		// another job); without the commits, its order stands.
		if inRange, err := rangeCommits(ctx, rep.Range.Base+".."+rep.Range.Head); err == nil {
			report.PreferAdded(&rep, inRange)
		}
	}
	return &rep, nil
}

// rangeCommits returns whether a commit is one of BASE..HEAD's, as git
// lists them in the repository around the current directory.
func rangeCommits(ctx context.Context, spec string) (func(string) bool, error) {
	base, head, ok := strings.Cut(spec, "..")
	// A name starting with "-" would be read by git as an option.
	if !ok || base == "" || head == "" || strings.HasPrefix(base, "-") ||
		strings.HasPrefix(head, ".") || strings.HasPrefix(head, "-") {
		return nil, fmt.Errorf("--range %q: want BASE..HEAD", spec)
	}
	out, err := exec.CommandContext(ctx, "git", "rev-list", base+".."+head, "--").Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			err = fmt.Errorf("%w: %s", err, bytes.TrimSpace(exit.Stderr))
		}
		return nil, fmt.Errorf("list the commits of %s: %w", spec, err)
	}
	commits := map[string]bool{}
	for _, c := range strings.Fields(string(out)) {
		commits[c] = true
	}
	return func(c string) bool { return commits[c] }, nil
}

func fromAnnotation(a report.Annotation) ghreport.Finding {
	return ghreport.Finding{RuleID: a.RuleID, Level: a.Level, Title: a.Title,
		Message: a.Message, File: a.File, Line: a.Line, EndLine: a.EndLine, Column: a.Column}
}

// sarifFindings reads the results of every run of a SARIF log.
func sarifFindings(name string) ([]ghreport.Finding, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
							EndLine     int `json:"endLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &log); err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	var fs []ghreport.Finding
	for _, run := range log.Runs {
		for _, r := range run.Results {
			f := ghreport.Finding{RuleID: r.RuleID, Level: report.AnnotationLevel(r.Level),
				Title: r.RuleID, Message: r.Message.Text}
			if rule, ok := rules.Lookup(r.RuleID); ok {
				f.Title += " " + rule.Title
			}
			if len(r.Locations) > 0 {
				p := r.Locations[0].PhysicalLocation
				f.File = unescapeURI(p.ArtifactLocation.URI)
				f.Line, f.Column, f.EndLine = p.Region.StartLine, p.Region.StartColumn,
					p.Region.EndLine
			}
			fs = append(fs, f)
		}
	}
	return fs, nil
}

// unescapeURI undoes the escaping of a relative SARIF URI.
func unescapeURI(u string) string {
	if s, err := url.PathUnescape(u); err == nil {
		return s
	}
	return u
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// sarifSummary adds a table of the SARIF logs' findings to a job summary.
func sarifSummary(b *bytes.Buffer, fs []ghreport.Finding) {
	fmt.Fprintf(b, "\n### keylint: analyzers\n\n%s in the SARIF logs.\n",
		plural(len(fs), "finding"))
	if len(fs) == 0 {
		return
	}
	const most = 50
	b.WriteString("\n| rule | where | message |\n|---|---|---|\n")
	cell := strings.NewReplacer("|", `\|`, "\n", " ")
	for i, f := range fs {
		if i == most {
			fmt.Fprintf(b, "\n…and %d more.\n", len(fs)-most)
			break
		}
		fmt.Fprintf(b, "| %s | `%s:%d` | %s |\n", cell.Replace(f.Title),
			cell.Replace(f.File), f.Line, cell.Replace(f.Message))
	}
}
