package d

var a = "a" // want `^literal "a" \(KL999\)$`

var b = "b" //keylint:ignore KL999 fixture

//nolint:keylint
var c = "c"

var d = "d" //keylint:ignore KL101 another rule // want `literal "d"`

// want +2 `keylint:ignore directive for KL999 needs a reason \(KL999\)`
//
//keylint:ignore KL999
var e = "e" // want `literal "e"`

// not reported: a directive naming no rule belongs to the reporter made
// with WithUnscopedProblems.
//
//keylint:ignore
var f = "f" // want `literal "f"`
