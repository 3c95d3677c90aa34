package hardcodedkey

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// suggestFix returns a fix that reads the value from the environment, or
// nil where that is not sound: the value must be a string that initialises
// a variable, a struct field or an assignment target (b.env is set only
// there), the name os must be usable at the value, and a constant must be
// able to become a variable.
func (c *checker) suggestFix(e ast.Expr, b binding) []analysis.SuggestedFix {
	if b.env == "" {
		return nil
	}
	osName, importEdits, ok := c.osPackage(e.Pos())
	if !ok {
		return nil
	}
	edits := []analysis.TextEdit{{
		Pos:     e.Pos(),
		End:     e.End(),
		NewText: fmt.Appendf(nil, "%s.Getenv(%q)", osName, b.env),
	}}
	if b.decl != nil {
		if !c.constCanBeVar(b.decl) {
			return nil
		}
		edits = append(edits, analysis.TextEdit{
			Pos:     b.decl.TokPos,
			End:     b.decl.TokPos + token.Pos(len("const")),
			NewText: []byte("var"),
		})
	}
	return []analysis.SuggestedFix{{
		Message:   "Read the value from environment variable " + b.env,
		TextEdits: append(edits, importEdits...),
	}}
}

// osPackage returns the name under which package os can be used at pos,
// with the edits that import it if the file does not yet. A file that
// imports os uses the name it gives; the fix fails where that name, or os
// in a file that does not import it, means something else at pos.
func (c *checker) osPackage(pos token.Pos) (string, []analysis.TextEdit, bool) {
	scope := c.pass.TypesInfo.Scopes[c.file]
	if scope == nil {
		return "", nil, false
	}
	if inner := scope.Innermost(pos); inner != nil {
		scope = inner
	}
	for _, imp := range c.file.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path != "os" {
			continue
		}
		name := "os"
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." {
			continue
		}
		_, obj := scope.LookupParent(name, pos)
		if pn, ok := obj.(*types.PkgName); ok && pn.Imported().Path() == "os" {
			return name, nil, true
		}
		return "", nil, false
	}
	if _, obj := scope.LookupParent("os", pos); obj != nil {
		return "", nil, false
	}
	return "os", c.importOS(), true
}

// importOS returns the edit that adds import "os" to the current file.
// gofmt sorts it into place.
func (c *checker) importOS() []analysis.TextEdit {
	for _, d := range c.file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if gd.Lparen.IsValid() {
			return []analysis.TextEdit{{
				Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t\"os\""),
			}}
		}
		// import "fmt" becomes a block, as goimports writes it.
		spec := gd.Specs[0]
		return []analysis.TextEdit{
			{Pos: spec.Pos(), End: spec.Pos(), NewText: []byte("(\n\t")},
			{Pos: spec.End(), End: spec.End(), NewText: []byte("\n\t\"os\"\n)")},
		}
	}
	end := c.file.Name.End()
	return []analysis.TextEdit{{Pos: end, End: end, NewText: []byte("\n\nimport \"os\"")}}
}

// constCanBeVar reports whether the declaration const k = "…" can become
// var k = os.Getenv(…): it declares one name, of type string, is not
// exported from the package (other packages may need a constant), and
// every use accepts a string variable (no constant context, no conversion
// to another type).
func (c *checker) constCanBeVar(decl *ast.GenDecl) bool {
	if decl.Lparen.IsValid() || len(decl.Specs) != 1 {
		return false
	}
	spec, ok := decl.Specs[0].(*ast.ValueSpec)
	if !ok || len(spec.Names) != 1 || len(spec.Values) != 1 {
		return false
	}
	obj, ok := c.pass.TypesInfo.Defs[spec.Names[0]].(*types.Const)
	if !ok || obj.Exported() && obj.Parent() == c.pass.Pkg.Scope() {
		return false
	}
	if spec.Type != nil && !isStringType(c.pass.TypesInfo.TypeOf(spec.Type)) {
		return false
	}
	for id, used := range c.pass.TypesInfo.Uses {
		if used == obj && !c.varUseOK(id) {
			return false
		}
	}
	return true
}

// varUseOK reports whether the use id of a string constant would still
// compile if the constant were a string variable.
func (c *checker) varUseOK(id *ast.Ident) bool {
	t, ok := c.pass.TypesInfo.TypeOf(id).(*types.Basic)
	if !ok || t.Kind() != types.String {
		return false // untyped: used in a constant expression
	}
	cur, ok := c.insp.Root().FindNode(id)
	if !ok {
		return false
	}
	for enc := range cur.Enclosing((*ast.ArrayType)(nil), (*ast.GenDecl)(nil)) {
		switch n := enc.Node().(type) {
		case *ast.ArrayType:
			return false // a length must be constant
		case *ast.GenDecl:
			return n.Tok != token.CONST
		}
	}
	return true
}
