// Package testfiles has a _test.go file that is skipped by default.
package testfiles
