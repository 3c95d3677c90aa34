// want package:"secrets\\(1\\)"

// Package consumer does not import keys: the copy is not seen.
package consumer

var token = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // not reported: no import path to keys (a limitation; KL203 compares files)
