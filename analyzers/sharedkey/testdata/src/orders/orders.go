// want package:"secrets\\(12\\)"

// Package orders imports billing, which imports keys: facts reach it
// through billing.
package orders

import _ "billing"

var ordersToken = "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `secret "ordersToken" is also written in billing.token \(billing.go:8\), billing \(billing.go:22\), keys.GitHubToken \(keys.go:8\)`

var otherToken = "ghp_Zat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // not reported: a different value

var placeholder = "YOUR_API_KEY_HERE_PLEASE" // not reported: a placeholder
