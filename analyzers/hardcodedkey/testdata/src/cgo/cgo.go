// Package cgo imports "C": go/packages hands the analyzer cmd/cgo's rewrite
// of this file, which says it is generated, but the code is the user's.
// Every secret here is made up.
package cgo

// #include <stdlib.h>
import "C"

var Key = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "Key"`

// Negative: a suppressed key is still suppressed in a cgo file.
var Fixture = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" //keylint:ignore KL101 fixture

func Free(p *C.char) { C.free(nil) }
