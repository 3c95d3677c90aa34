// Package broken does not compile; the analyzer must neither panic nor
// stop. Every secret here is made up.
package broken

import "net/http"

var sum = undefinedName + "ghp_cat9ag498dyT5bl5GhcqrGi0qx020vorwNIv" // want `gitleaks rule github-pat`

var apiKey int = "7NjfgMUsC1nhvCIDNb76" // want `hardcoded api key in "apiKey"`

var a, b = "ghp_VaP3RjdmSlPUxYu3JvQvB7KUdDWdM8TVWzZR" // want `gitleaks rule github-pat`

func f(req *http.Request) {
	req.SetBasicAuth("admin")
	req.Header.Set("Authorization")
	undefinedFunc("Tr0ub4dor&3x", apiKey)
	var cfg struct{ Token string }
	cfg.Token, cfg.Missing = "7NjfgMUsC1nhvCIDNb76"
	_ = map[string]string{undefinedKey: "7NjfgMUsC1nhvCIDNb76"}
	_ = undefinedType{Password: "Tr0ub4dor&3x"}
	if token == "7NjfgMUsC1nhvCIDNb76" { // want `hardcoded token compared with "token"`
	}
	switch undefinedVar {
	case "7NjfgMUsC1nhvCIDNb76":
	}
	return "7NjfgMUsC1nhvCIDNb76"
}
