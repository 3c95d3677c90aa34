// Package fixalias imports os under another name, and shadows os locally.
package fixalias

import stdos "os"

var home = stdos.Getenv("HOME")

var ghToken = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "ghToken"`

func shadowed() {
	stdos := "not the package"
	_ = stdos
	// No fix: neither os nor stdos names package os here.
	password := "Tr0ub4dor&3x" // want `hardcoded password in "password"`
	_ = password
}
