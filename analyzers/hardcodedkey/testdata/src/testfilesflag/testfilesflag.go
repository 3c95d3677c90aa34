// Package testfilesflag is checked with Options.Tests set.
package testfilesflag

var host = "db.internal"
