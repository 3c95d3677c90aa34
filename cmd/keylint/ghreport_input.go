package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
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
func loadFindings(fl *reportGitHubFlags) (fs []ghreport.Finding, md string, overdue int,
	err error) {
	var summary bytes.Buffer
	if fl.scanJSON != "" {
		b, err := os.ReadFile(fl.scanJSON)
		if err != nil {
			return nil, "", 0, err
		}
		var rep report.Report
		if err := json.Unmarshal(b, &rep); err != nil {
			return nil, "", 0, fmt.Errorf("decode %s: %w", fl.scanJSON, err)
		}
		for _, a := range report.ScanAnnotations(&rep) {
			fs = append(fs, fromAnnotation(a))
		}
		if err := report.WriteMarkdown(&summary, &rep); err != nil {
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
