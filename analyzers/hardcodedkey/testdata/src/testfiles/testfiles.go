// Package testfiles has secrets only in its _test.go file, which the
// analyzer skips by default.
package testfiles

var host = "db.internal"
