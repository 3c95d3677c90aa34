package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/keylint/keylint/rules"
)

// SARIF engines: each names a run's automation ID, so that GitHub code
// scanning keeps the analyzers' and the scanner's alerts apart (the
// upload's category) even when both come in one file.
const (
	EngineAnalyzer = "analyzer"
	EngineScanner  = "scanner"
)

// SARIFResult is one result of a SARIF run, from either engine.
type SARIFResult struct {
	RuleID  string // a catalog ID, such as KL101
	Message string
	// File is slash-separated and relative to the repository root, which
	// SARIF names %SRCROOT%.
	File               string
	Line, Column       int
	EndLine, EndColumn int
	LineHash           string         // partialFingerprints.primaryLocationLineHash
	Properties         map[string]any // extra result properties; nil for none
	RelatedFiles       []Location     // other places, as relatedLocations
}

// securitySeverity maps a catalog severity to GitHub code scanning's
// security-severity score: over 7.0 shows as high, 4.0 to 6.9 as medium,
// 0.1 to 3.9 as low.
var securitySeverity = map[string]string{"error": "8.0", "warning": "5.0", "note": "2.0"}

// cwe names the weakness each rule reports, as code scanning's tag.
var cwe = map[string]string{
	"KL101": "798", "KL102": "532", "KL103": "287", "KL104": "798",
	"KL105": "324", "KL106": "798", "KL201": "798", "KL202": "324", "KL203": "798",
}

// NewSARIF returns a SARIF 2.1.0 log with one run of the given engine: the
// engine's catalog rules and results.
func NewSARIF(engine string, results []SARIFResult) *sarif.Report {
	run := sarif.NewRunWithInformationURI("keylint", "https://github.com/keylint/keylint")
	if v := toolVersion(); v != "" {
		run.Tool.Driver.WithVersion(v)
	}
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID("keylint/" + engine + "/"))
	run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
		"%SRCROOT%": *sarif.NewArtifactLocation().
			WithDescription(sarif.NewTextMessage("the repository root")),
	})
	for _, r := range rules.All() {
		if r.Engine == engine {
			addRule(run, r)
		}
	}
	for _, res := range results {
		run.AddResult(newResult(run, res))
	}
	return sarif.NewReport().AddRun(run)
}

func addRule(run *sarif.Run, r rules.Rule) {
	tags := []string{"security", "secrets", r.Engine}
	if c, ok := cwe[r.ID]; ok {
		tags = append(tags, "external/cwe/cwe-"+c)
	}
	precision := "high"
	if r.Severity == "note" {
		precision = "medium"
	}
	props := sarif.NewPropertyBag().WithTags(tags).
		Add("security-severity", securitySeverity[r.Severity]).
		Add("precision", precision).
		Add("problem.severity", problemSeverity(r.Severity))
	run.AddRule(r.ID).
		WithName(r.Name).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(r.Summary())).
		WithHelpURI(r.URL()).
		WithHelp(sarif.NewMultiformatMessageString().WithText(r.Summary() + " " + r.URL()).
			WithMarkdown(r.Doc())).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(r.Severity)).
		WithProperties(props)
}

// problemSeverity is the severity code scanning shows for a rule without a
// security-severity; it calls a note "recommendation".
func problemSeverity(sev string) string {
	if sev == "note" {
		return "recommendation"
	}
	return sev
}

func newResult(run *sarif.Run, res SARIFResult) *sarif.Result {
	level := "warning"
	if r, ok := rules.Lookup(res.RuleID); ok {
		level = r.Severity
	}
	out := sarif.NewRuleResult(res.RuleID).
		WithRuleIndex(run.GetRuleIndex(res.RuleID)).
		WithLevel(level).
		WithMessage(sarif.NewTextMessage(res.Message)).
		AddLocation(physical(res.File, res.Line, res.Column, res.EndLine, res.EndColumn))
	if res.LineHash != "" {
		out.WithPartialFingerprints(map[string]string{"primaryLocationLineHash": res.LineHash})
	}
	if len(res.Properties) > 0 {
		bag := sarif.NewPropertyBag()
		for k, v := range res.Properties {
			bag.Add(k, v)
		}
		out.WithProperties(bag)
	}
	for i, l := range res.RelatedFiles {
		rel := physical(l.File, l.Line, l.Column, 0, 0).WithID(i + 1)
		out.AddRelatedLocation(rel.WithMessage(sarif.NewTextMessage("also here")))
	}
	return out
}

func physical(file string, line, col, endLine, endCol int) *sarif.Location {
	region := sarif.NewRegion().WithStartLine(max(line, 1))
	if col > 0 {
		region.WithStartColumn(col)
	}
	// SARIF forbids an end before the start; analyzers report an end equal
	// to the start when they have none.
	if endLine >= line && endLine > 0 {
		region.WithEndLine(endLine)
		if endCol > 0 && (endLine > line || endCol > col) {
			region.WithEndColumn(endCol)
		}
	}
	art := sarif.NewArtifactLocation().WithURI(uri(file)).WithURIBaseID("%SRCROOT%")
	return sarif.NewLocationWithPhysicalLocation(
		sarif.NewPhysicalLocation().WithArtifactLocation(art).WithRegion(region))
}

// uri writes a slash-separated relative path as a relative URI reference
// (RFC 3986): each byte a path segment may not hold as is becomes %XX,
// non-ASCII ones as their UTF-8 bytes. A colon is escaped too, although
// a segment may hold one, because in the first segment it would make the
// rest a URI of another scheme ("prod:eu.env").
func uri(file string) string {
	file = strings.TrimPrefix(file, "./")
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(file); i++ {
		c := file[i]
		if c == '/' || pathByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// pathByte reports whether c may stand unescaped in a URI path segment:
// unreserved, a sub-delimiter or "@" (RFC 3986, section 3.3), less ":".
func pathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=@", c) >= 0
}

// WriteSARIFLog writes log as indented JSON.
func WriteSARIFLog(w io.Writer, log *sarif.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// WriteSARIF writes the scanner's report as SARIF 2.1.0: one result per
// distinct secret, at its place at HEAD when HEAD holds it (the place to
// fix), else where it was introduced, under KL202 when it is overdue at
// HEAD and KL201 otherwise; a secret in several files (KL203) gets a second
// result, with the other files as related locations. The secret appears
// redacted, as in the
// report; its fingerprint, verdict and age are result properties.
func WriteSARIF(w io.Writer, r *Report) error {
	results := make([]SARIFResult, 0, len(r.Findings))
	for _, f := range r.Findings {
		res := scanResult(f)
		results = append(results, res)
		if slices.Contains(f.IDs, "KL203") && len(res.RelatedFiles) > 0 {
			// Sharing is a problem of its own, with an alert of its own.
			shared := res
			shared.RuleID, shared.LineHash = "KL203", ScanLineHash("KL203", f.Fingerprint)
			shared.Message = f.Rule + " " + f.Secret + " is in " +
				plural(len(res.RelatedFiles)+1, "file") + ": use one secret per consumer " +
				"and environment"
			results = append(results, shared)
		}
	}
	return WriteSARIFLog(w, NewSARIF(EngineScanner, results))
}

func scanResult(f Finding) SARIFResult {
	pos := Location{File: f.File, Line: f.Line, Column: f.Column}
	if len(f.HeadLocations) > 0 {
		pos = f.HeadLocations[0]
	}
	id := primaryID(f)
	props := map[string]any{"fingerprint": f.Fingerprint, "detectionRule": f.Rule,
		"verdict": f.Verdict, "tier": f.Tier, "policyDays": f.PolicyDays, "atHead": f.AtHead}
	if f.AgeDays != nil {
		props["ageDays"] = *f.AgeDays
	}
	res := SARIFResult{RuleID: id, File: pos.File, Line: pos.Line, Column: pos.Column,
		Message:    f.Rule + " " + f.Secret + " " + f.Message,
		LineHash:   ScanLineHash(id, f.Fingerprint),
		Properties: props}
	for _, l := range append(f.HeadLocations, f.Locations...) {
		if l.File != pos.File && !containsFile(res.RelatedFiles, l.File) {
			res.RelatedFiles = append(res.RelatedFiles, Location{File: l.File, Line: l.Line,
				Column: l.Column})
		}
	}
	return res
}

// primaryID is the rule a finding is reported under: KL202 when the
// secret is overdue at HEAD, else KL201. KL203 (sharing) is reported on
// its own in SARIF, and named in the message elsewhere.
func primaryID(f Finding) string {
	if slices.Contains(f.IDs, "KL202") {
		return "KL202"
	}
	return "KL201"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func containsFile(ls []Location, file string) bool {
	for _, l := range ls {
		if l.File == file {
			return true
		}
	}
	return false
}

// ScanLineHash is the primaryLocationLineHash of a scanner result: a hash
// of the rule and the secret's fingerprint (itself a hash, never the
// secret). It stays the same while the secret moves between lines, files
// and commits, so code scanning keeps one alert per secret.
func ScanLineHash(ruleID, fingerprint string) string {
	return shortHash(ruleID, fingerprint) + ":1"
}

// AnalyzerLineHash is the primaryLocationLineHash of an analyzer result:
// a hash of the rule and the flagged line with its whitespace normalised,
// and which occurrence of that pair in the file it is (1 for the first).
// Edits elsewhere in the file, which move the line, keep the hash; editing
// the line itself makes a new one.
func AnalyzerLineHash(ruleID, line string, occurrence int) string {
	return shortHash(ruleID, strings.Join(strings.Fields(line), " ")) + ":" +
		strconv.Itoa(occurrence)
}

func shortHash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// toolVersion is keylint's module version as go install recorded it, or
// empty for a build from a checkout.
func toolVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || !strings.HasPrefix(bi.Main.Version, "v") {
		return ""
	}
	return bi.Main.Version
}
