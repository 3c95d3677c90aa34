package d

var a = "a" // want `^literal "a" \(KL103\)$`

var b = "b" //keylint:ignore KL103 fixture

//nolint:keylint
var c = "c"

var d = "d" //keylint:ignore KL101 another rule // want `literal "d"`

// want +2 `keylint:ignore directive for KL103 needs a reason \(KL103\)`
//
//keylint:ignore KL103
var e = "e" // want `literal "e"`

// not reported: a directive naming no rule belongs to the reporter made
// with WithUnscopedProblems.
//
//keylint:ignore
var f = "f" // want `literal "f"`
