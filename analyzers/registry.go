package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/keylint/keylint/analyzers/hardcodedkey"
	"github.com/keylint/keylint/analyzers/sharedkey"
	"github.com/keylint/keylint/analyzers/staticcred"
)

// All returns every keylint analyzer, in rule ID order.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		hardcodedkey.Analyzer, // KL101
		staticcred.Analyzer,   // KL104
		sharedkey.Analyzer,    // KL106
	}
}
