package testfiles

// not reported: _test.go files are skipped unless -hardcodedkey.tests is set.
var fixtureToken = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv"
var fixturePassword = "Tr0ub4dor&3x"
