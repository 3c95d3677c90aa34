package sharedkey

import (
	"fmt"
	"go/ast"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/keylint/keylint/analyzers/internal/outbound"
)

// collectAttaches records the credentials of a file that are sent to a
// known host and name a variable, field or constant.
func (c *checker) collectAttaches(file inspector.Cursor) {
	for _, a := range c.finder.All(file) {
		if a.Host != "" && c.finder.Object(a.Value) != nil {
			c.attaches = append(c.attaches, a)
		}
	}
}

// checkHosts reports a credential sent to hosts of several domains, at the
// first attachment to each domain after the first, naming the others.
//
// Limitation: only hosts written as constants in http.NewRequest calls of
// the same package are known; a credential sent to one host per package is
// not compared across packages.
func (c *checker) checkHosts() {
	groups := make(map[string][]outbound.Attach)
	var order []string
	for _, a := range c.attaches {
		k := c.credKey(a.Value)
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], a)
	}
	for _, k := range order {
		c.reportHosts(groups[k])
	}
}

func (c *checker) reportHosts(as []outbound.Attach) {
	domains := map[string]bool{outbound.Domain(as[0].Host): true}
	for _, a := range as[1:] {
		d := outbound.Domain(a.Host)
		if domains[d] {
			continue
		}
		domains[d] = true
		var others []string
		seen := map[string]bool{d: true}
		for _, o := range as {
			if od := outbound.Domain(o.Host); !seen[od] {
				seen[od] = true
				others = append(others, o.Host+" ("+c.where(o.Node.Pos())+")")
			}
		}
		name := c.finder.Object(a.Value).Name()
		if sel, ok := ast.Unparen(a.Value).(*ast.SelectorExpr); ok {
			name = types.ExprString(sel)
		}
		c.rep.Reportf(a.Node, "credential %s is sent to %s and also to %s; give "+
			"each consumer its own key", strconv.Quote(name), a.Host, list(others))
	}
}

// credKey identifies the credential behind e: the variable, field path or
// constant it reads.
func (c *checker) credKey(e ast.Expr) string {
	obj := c.finder.Object(e)
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
		return "s:" + types.ExprString(sel) + fmt.Sprintf("@%d", obj.Pos())
	}
	return fmt.Sprintf("o:%s@%d", obj.Name(), obj.Pos())
}
