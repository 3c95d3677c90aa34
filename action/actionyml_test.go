package action_test

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// actionFile is the part of action.yml the checks read.
type actionFile struct {
	Name   string
	Inputs map[string]struct {
		Description string
		Default     *string
		Required    bool
	}
	Outputs map[string]struct {
		Description string
		Value       string
	}
	Runs struct {
		Using string
		Steps []map[string]any
	}
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	b, err := os.ReadFile("../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(b, &a); err != nil {
		t.Fatalf("parse action.yml: %v", err)
	}
	return a
}

// inputRef finds an input read inside an expression: ${{ inputs.name }},
// or a bare inputs.name in an if: condition.
var inputRef = regexp.MustCompile(`\binputs\.([a-z0-9-]+)`)

func TestActionYAML(t *testing.T) {
	t.Parallel()
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for name, in := range a.Inputs {
		if in.Description == "" || in.Default == nil || in.Required {
			t.Errorf("input %s: want a description and a default, not required", name)
		}
		if name != strings.ToLower(name) || strings.Contains(name, "_") {
			t.Errorf("input %s is not kebab-case", name)
		}
	}
	for _, want := range []string{"version", "fail-on", "github-token", "scan", "analyzers",
		"sarif-file", "report", "working-directory"} {
		if _, ok := a.Inputs[want]; !ok {
			t.Errorf("no input %s", want)
		}
	}
	for _, want := range []string{"sarif-file", "findings", "overdue"} {
		if o, ok := a.Outputs[want]; !ok || o.Description == "" || o.Value == "" {
			t.Errorf("output %s missing or undescribed", want)
		}
	}

	// Expressions never reach a shell script: inputs go through env:, and
	// only with: and if: (evaluated by the runner) may read them directly.
	used := map[string]bool{}
	script := ""
	for i, step := range a.Runs.Steps {
		for key, v := range step {
			text := flatten(v)
			if key == "run" && strings.Contains(text, "${{") {
				t.Errorf("step %d: run: holds an expression: %q", i, text)
			}
			refs := inputRef.FindAllStringSubmatch(text, -1)
			if len(refs) > 0 && !slices.Contains([]string{"env", "with", "if"}, key) {
				t.Errorf("step %d: %s: reads an input", i, key)
			}
			for _, m := range refs {
				used[m[1]] = true
			}
		}
		if step["id"] == "keylint" {
			script = flatten(step["run"])
			env, _ := step["env"].(map[string]any)
			checkScriptEnv(t, env)
		}
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("input %s is never used", name)
		}
	}
	if !strings.Contains(script, "action/run.sh") {
		t.Errorf("the keylint step runs %q, not action/run.sh", script)
	}
}

// checkScriptEnv checks that run.sh reads every variable the step sets.
func checkScriptEnv(t *testing.T, env map[string]any) {
	t.Helper()
	b, err := os.ReadFile("run.sh")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "#!/usr/bin/env bash\n") ||
		!strings.Contains(string(b), "set -euo pipefail") {
		t.Error("run.sh is not strict bash")
	}
	for name := range env {
		if !strings.Contains(string(b), name) {
			t.Errorf("run.sh never reads %s", name)
		}
	}
}

// flatten renders a YAML value as text, for searching.
func flatten(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		var parts []string
		for k, x := range v {
			parts = append(parts, k+": "+flatten(x))
		}
		slices.Sort(parts)
		return strings.Join(parts, "\n")
	case []any:
		var parts []string
		for _, x := range v {
			parts = append(parts, flatten(x))
		}
		return strings.Join(parts, "\n")
	case nil:
		return ""
	}
	b, _ := yaml.Marshal(v)
	return string(b)
}

func TestShellcheck(t *testing.T) {
	t.Parallel()
	sc, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not installed")
	}
	if r := run(t, ".", nil, sc, "run.sh"); r.code != 0 {
		t.Errorf("shellcheck run.sh:\n%s%s", r.stdout, r.stderr)
	}
}
