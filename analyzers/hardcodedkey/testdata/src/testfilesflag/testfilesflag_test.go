package testfilesflag

var fixtureToken = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat in "fixtureToken"`
