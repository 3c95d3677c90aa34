package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/keylint/keylint/internal/report"
	"github.com/keylint/keylint/rules"
)

// jsonDiagnostic is one diagnostic of the multichecker's -json output, which
// maps package ID to analyzer name to a list of these (or to {"error": …}).
type jsonDiagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	End      string `json:"end"`
	Message  string `json:"message"`
}

// analyzerResults converts the multichecker's JSON into SARIF results with
// paths relative to root, and lists the analyses that failed.
func analyzerResults(data []byte, root string) ([]report.SARIFResult, []string, error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, nil, fmt.Errorf("decode analyzer output: %w", err)
	}
	var results []report.SARIFResult
	var failed []string
	seen := map[string]bool{}
	for pkg, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var diags []jsonDiagnostic
			if json.Unmarshal(raw, &diags) != nil {
				var e struct{ Error string }
				_ = json.Unmarshal(raw, &e)
				failed = append(failed, fmt.Sprintf("%s: %s: %s", pkg, name, e.Error))
				continue
			}
			for _, d := range diags {
				res := toResult(name, d, root)
				// A package and its test variant report the same diagnostic.
				key := fmt.Sprint(res.RuleID, res.File, res.Line, res.Column, res.Message)
				if !seen[key] {
					seen[key] = true
					results = append(results, res)
				}
			}
		}
	}
	slices.SortFunc(results, func(a, b report.SARIFResult) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.RuleID, b.RuleID))
	})
	slices.Sort(failed)
	addLineHashes(results, root)
	return results, failed, nil
}

// ruleSuffix is the " (KL101)" the analyzers append for go vet's printer;
// SARIF carries the rule ID on its own.
var ruleSuffix = regexp.MustCompile(` \(KL\d{3}\)$`)

func toResult(analyzer string, d jsonDiagnostic, root string) report.SARIFResult {
	id := d.Category
	if !strings.HasPrefix(id, "KL") {
		if r, ok := rules.ByName(analyzer); ok {
			id = r.ID
		} else {
			id = analyzer
		}
	}
	file, line, col := splitPosn(d.Posn)
	_, endLine, endCol := splitPosn(d.End)
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		file = rel
	}
	return report.SARIFResult{RuleID: id, Message: ruleSuffix.ReplaceAllString(d.Message, ""),
		File: filepath.ToSlash(file), Line: line, Column: col, EndLine: endLine,
		EndColumn: endCol}
}

// splitPosn splits "file:line:col" from the right, as a file name may hold
// a colon.
func splitPosn(posn string) (file string, line, col int) {
	rest, c, ok := cutLast(posn)
	if !ok {
		return posn, 0, 0
	}
	file, l, ok := cutLast(rest)
	if !ok {
		return rest, c, 0 // file:line
	}
	return file, l, c
}

func cutLast(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil {
		return s, 0, false
	}
	return s[:i], n, true
}

// addLineHashes sets each result's line hash from the text of its line,
// counting repeats of the same rule and text within a file in order.
func addLineHashes(results []report.SARIFResult, root string) {
	lines := map[string][]string{}
	seen := map[string]int{}
	for i := range results {
		r := &results[i]
		src, ok := lines[r.File]
		if !ok {
			b, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(r.File)))
			src = strings.Split(string(b), "\n")
			lines[r.File] = src
		}
		text := ""
		if r.Line >= 1 && r.Line <= len(src) {
			text = src[r.Line-1]
		}
		key := r.File + "\x00" + r.RuleID + "\x00" + strings.Join(strings.Fields(text), " ")
		seen[key]++
		r.LineHash = report.AnalyzerLineHash(r.RuleID, text, seen[key])
	}
}

// mergeSARIF writes the runs of the SARIF files, and of the scanner
// report scanJSON when given, as one log; rangeSpec is the range the scan
// covered, or empty.
func mergeSARIF(ctx context.Context, w io.Writer, scanJSON, rangeSpec string,
	files []string) error {
	var runs []json.RawMessage
	if scanJSON != "" {
		run, err := scanRun(ctx, scanJSON, rangeSpec)
		if err != nil {
			return err
		}
		runs = append(runs, run)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		var log struct {
			Version string            `json:"version"`
			Runs    []json.RawMessage `json:"runs"`
		}
		if err := json.Unmarshal(b, &log); err != nil {
			return fmt.Errorf("decode %s: %w", name, err)
		}
		if log.Version != "2.1.0" {
			return fmt.Errorf("%s: SARIF version %q, want 2.1.0", name, log.Version)
		}
		runs = append(runs, log.Runs...)
	}
	out := report.NewSARIF(report.EngineAnalyzer, nil)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]any{"$schema": out.Schema, "version": "2.1.0",
		"runs": runs})
}

// scanRun converts a scanner JSON report into a SARIF run.
func scanRun(ctx context.Context, name, rangeSpec string) (json.RawMessage, error) {
	rep, err := readScanReport(ctx, name, rangeSpec)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, rep); err != nil {
		return nil, err
	}
	var log struct{ Runs []json.RawMessage }
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		return nil, err
	}
	return log.Runs[0], nil
}
