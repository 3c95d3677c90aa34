// Package analyzerdoc takes an analyzer's documentation from its doc.go, so
// the package doc is the one source of both the Go documentation and
// analysis.Analyzer.Doc.
//
// The package comment holds a section for the analyzer:
//
//	// # Analyzer hardcodedkey
//	//
//	// hardcodedkey: report secrets written into Go source
//	//
//	// Longer text…
//
// Section returns the text below that heading, up to the next heading, with
// the "name: " prefix removed from the first line; so the first paragraph
// becomes the title that go vet and the multichecker show.
package analyzerdoc

import (
	"errors"
	"fmt"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"
)

// Section returns the "# Analyzer name" section of the package doc comment
// of the Go source file src.
func Section(src, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src,
		parser.PackageClauseOnly|parser.ParseComments)
	if err != nil {
		return "", fmt.Errorf("parse doc.go: %w", err)
	}
	if f.Doc == nil {
		return "", errors.New("doc.go has no package doc comment")
	}
	var p comment.Parser
	doc := p.Parse(f.Doc.Text())
	blocks, ok := sectionBlocks(doc.Content, "Analyzer "+name)
	if !ok {
		return "", fmt.Errorf("doc.go has no %q heading", "Analyzer "+name)
	}
	pr := comment.Printer{TextWidth: -1}
	text := strings.TrimSpace(string(pr.Text(&comment.Doc{Content: blocks})))
	title, ok := strings.CutPrefix(text, name+": ")
	if !ok {
		return "", fmt.Errorf("section %q does not start with %q", "Analyzer "+name, name+": ")
	}
	return title, nil
}

// MustSection is Section for package initialisation: an analyzer without its
// doc is a build defect, caught by the analyzer's tests.
func MustSection(src, name string) string {
	s, err := Section(src, name)
	if err != nil {
		panic(err)
	}
	return s
}

// sectionBlocks returns the blocks after the heading with the given text,
// up to the next heading.
func sectionBlocks(content []comment.Block, heading string) ([]comment.Block, bool) {
	for i, b := range content {
		h, ok := b.(*comment.Heading)
		if !ok || headingText(h) != heading {
			continue
		}
		rest := content[i+1:]
		for j, b := range rest {
			if _, ok := b.(*comment.Heading); ok {
				return rest[:j], true
			}
		}
		return rest, true
	}
	return nil, false
}

func headingText(h *comment.Heading) string {
	var sb strings.Builder
	for _, t := range h.Text {
		if p, ok := t.(comment.Plain); ok {
			sb.WriteString(string(p))
		}
	}
	return sb.String()
}
