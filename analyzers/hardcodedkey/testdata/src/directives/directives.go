// Package directives exercises suppression comments. Every secret here is
// made up.
package directives

//keylint:ignore KL101 vendor test vector, revoked
var suppressedAbove = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv"

var suppressedTrailing = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" //keylint:ignore KL101 fixture

var suppressedList = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" //keylint:ignore KL102,KL101 fixture

//nolint:keylint
var suppressedNolint = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv"

var suppressedNolintList = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" //nolint:gosec,keylint // fixture

var suppressedNolintAll = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" //nolint:all

// want +2 `keylint:ignore directive for KL101 needs a reason \(KL101\)`
//
//keylint:ignore KL101
var noReason = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "noReason"`

//keylint:ignore KL102 a different rule
var otherRule = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "otherRule"`

//nolint:gosec
var otherLinter = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "otherLinter"`

//keylint:ignore KL101 too far away

var tooFar = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "tooFar"`

//keylint:ignore fixture without a rule // want `keylint:ignore directive must start with rule IDs such as KL101 \(KL101\)`
var noRule = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "noRule"`

// not reported: another analyzer reports its own reasonless directives.
//
//keylint:ignore KL102
var x = 1

// want +2 `keylint:ignore directive must have no space after the slashes \(//keylint:ignore KL101 …\); as written it suppresses nothing \(KL101\)`

// keylint:ignore KL101 a space after the slashes makes it a comment
var spaced = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "spaced"`

// keylint:ignore directives that name no rule ID are prose, and not reported,
// and so is a wrapped line of a comment that starts with
// keylint:ignore KL101 and goes on.
var prose = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "prose"`

//keylint:ignore KL999 no such rule // want `keylint:ignore directive names KL999, which is no analyzer's rule \(keylint rules lists them\); it suppresses nothing \(KL101\)`
var unknownRule = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "unknownRule"`

//keylint:ignore KL101 KL104 two rules without a comma // want `keylint:ignore directive must join its rule IDs with commas \(KL101,KL104\); as written, KL104 is read as the reason \(KL101\)`
var spaceSeparated = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "spaceSeparated"`

// gitleaks' own marker silences gitleaks rules on its line, as in gitleaks.
var gitleaksAllowed = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // gitleaks:allow

// gitleaks:allow
var gitleaksAllowAbove = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "gitleaksAllowAbove"`

// gitleaks:allow does not silence keylint's own heuristics.
var apiKey = "7NjfgMUsC1nhvCIDNb76" // gitleaks:allow // want `hardcoded api key in "apiKey"`
