package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/keylint/keylint/analyzers/hardcodedkey"
	"github.com/keylint/keylint/analyzers/keyage"
	"github.com/keylint/keylint/analyzers/keyexposure"
	"github.com/keylint/keylint/analyzers/sharedkey"
	"github.com/keylint/keylint/analyzers/staticcred"
	"github.com/keylint/keylint/analyzers/userapikey"
)

// All returns every keylint analyzer, in rule ID order.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		hardcodedkey.Analyzer, // KL101
		keyexposure.Analyzer,  // KL102
		userapikey.Analyzer,   // KL103
		staticcred.Analyzer,   // KL104
		keyage.Analyzer,       // KL105
		sharedkey.Analyzer,    // KL106
	}
}
