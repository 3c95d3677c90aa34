// Package fixnoimport has no imports; the fix adds one.
package fixnoimport

var ghToken = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "ghToken"`
