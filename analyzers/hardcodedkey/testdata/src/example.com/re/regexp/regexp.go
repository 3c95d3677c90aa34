// Package regexp stands for a project's own wrapper of a regular
// expression engine, as gitleaks has one.
package regexp

type Regexp struct{}

func MustCompile(str string) *Regexp { return &Regexp{} }
