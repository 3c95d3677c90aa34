// Package plugin registers keylint's analyzers as a golangci-lint v2 module
// plugin named "keylint".
//
// Build a golangci-lint that includes it with golangci-lint custom and a
// .custom-gcl.yml naming github.com/keylint/keylint with import path
// github.com/keylint/keylint/plugin, then enable it in .golangci.yml as a
// custom linter of type "module". Its settings:
//
//	disable: ["KL104", "sharedkey"]  # rule IDs or analyzer names to skip
//
// golangci-lint's //nolint:keylint silences it, as keylint's own
// //keylint:ignore KLxxx reason does.
package plugin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/keylint/keylint/analyzers"
	"github.com/keylint/keylint/rules"
)

// The plugin API has no other entry point: golangci-lint finds a module
// plugin by the name it registered under, from the package's init, once
// the custom build imports this package. This is the only init in keylint.
func init() {
	register.Plugin("keylint", New)
}

// Settings are the plugin's settings in .golangci.yml.
type Settings struct {
	// Disable lists rule IDs (KL104) or analyzer names (staticcred) not to
	// run.
	Disable []string `json:"disable"`
}

// Plugin is keylint's golangci-lint plugin.
type Plugin struct {
	settings Settings
}

// New returns the plugin for the settings golangci-lint decoded from its
// configuration. Unknown settings and unknown rules are errors.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("keylint settings: %w", err)
	}
	for _, d := range s.Disable {
		if _, ok := ruleOf(d); !ok {
			return nil, fmt.Errorf("keylint settings: disable: unknown rule %q", d)
		}
	}
	return &Plugin{settings: s}, nil
}

// BuildAnalyzers returns keylint's analyzers less the disabled ones, in
// rule ID order.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, a := range analyzers.All() {
		if !p.disabled(a.Name) {
			out = append(out, a)
		}
	}
	return out, nil
}

// GetLoadMode says the analyzers need type information.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

func (p *Plugin) disabled(analyzer string) bool {
	return slices.ContainsFunc(p.settings.Disable, func(d string) bool {
		r, _ := ruleOf(d)
		return r.Name == analyzer
	})
}

// ruleOf finds an analyzer rule by ID or analyzer name.
func ruleOf(s string) (rules.Rule, bool) {
	if r, ok := rules.Lookup(s); ok && r.Engine == "analyzer" {
		return r, true
	}
	return rules.ByName(strings.ToLower(s))
}
