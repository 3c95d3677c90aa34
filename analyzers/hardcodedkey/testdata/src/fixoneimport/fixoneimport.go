// Package fixoneimport has one import outside parentheses; the fix turns it
// into a block.
package fixoneimport

import "fmt" // for Println

var ghToken = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "ghToken"`

func show() { fmt.Println(len(ghToken)) }
