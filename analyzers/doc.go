// Package analyzers is the registry of keylint's analyzers, in rule ID order.
// The command wires this list to its standalone driver, to the multichecker
// (for -fix) and to go vet; plugins and tests take it from here too, so an
// analyzer is added in exactly one place.
package analyzers
