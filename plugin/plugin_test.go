package plugin_test

import (
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/analysis"

	"github.com/keylint/keylint/analyzers"
	_ "github.com/keylint/keylint/plugin"
)

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestPlugin(t *testing.T) {
	t.Parallel()
	newPlugin, err := register.GetPlugin("keylint")
	if err != nil {
		t.Fatal(err)
	}
	all := names(analyzers.All())

	for _, tc := range []struct {
		name     string
		settings any
		want     []string
	}{
		{"no settings", nil, all},
		{"empty", map[string]any{}, all},
		{"disable by ID", map[string]any{"disable": []any{"KL101"}}, without(all, "hardcodedkey")},
		{"disable by name", map[string]any{"disable": []any{"hardcodedkey"}},
			without(all, "hardcodedkey")},
		{"disable another", map[string]any{"disable": []any{"KL104"}}, without(all, "staticcred")},
	} {
		p, err := newPlugin(tc.settings)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if p.GetLoadMode() != register.LoadModeTypesInfo {
			t.Errorf("%s: load mode %q", tc.name, p.GetLoadMode())
		}
		as, err := p.BuildAnalyzers()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, names(as)); diff != "" {
			t.Errorf("%s: analyzers (-want +got):\n%s", tc.name, diff)
		}
		if err := analysis.Validate(as); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}

	for _, bad := range []any{
		map[string]any{"disable": []any{"KL999"}},
		map[string]any{"disable": []any{"KL201"}}, // a scanner rule
		map[string]any{"enable": []any{"KL101"}},
		map[string]any{"disable": "KL101"},
	} {
		if _, err := newPlugin(bad); err == nil {
			t.Errorf("settings %v accepted", bad)
		}
	}
}

func without(list []string, name string) []string {
	var out []string
	for _, s := range list {
		if s != name {
			out = append(out, s)
		}
	}
	return out
}
