package analyzerdoc

import (
	"strings"
	"testing"
)

const doc = `// Package p does things.
//
// # Analyzer widget
//
// widget: report widgets
//
// Widgets are reported
// when seen.
//
//	w := widget()
//
// # Other section
//
// Not part of it.
package p
`

func TestSection(t *testing.T) {
	t.Parallel()
	got, err := Section(doc, "widget")
	if err != nil {
		t.Fatal(err)
	}
	want := "report widgets\n\nWidgets are reported when seen.\n\n\tw := widget()"
	if got != want {
		t.Errorf("Section = %q, want %q", got, want)
	}
}

func TestSectionErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, name, want string }{
		{doc, "gadget", "no \"Analyzer gadget\" heading"},
		{"package p\n", "widget", "no package doc comment"},
		{"not go", "widget", "parse doc.go"},
		{strings.Replace(doc, "widget: ", "", 1), "widget", "does not start with"},
	}
	for _, tt := range tests {
		_, err := Section(tt.src, tt.name)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Section(%q) error = %v, want %q", tt.name, err, tt.want)
		}
	}
}
