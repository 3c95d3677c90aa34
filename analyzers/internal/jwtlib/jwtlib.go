// Package jwtlib recognises the JSON Web Token libraries that keylint's
// analyzers reason about: golang-jwt (v3, v4, v5) and its predecessors
// dgrijalva/jwt-go and form3tech-oss/jwt-go, which share one API.
package jwtlib

import (
	"go/types"
	"strings"
)

// paths are the import paths of the libraries, without a major version
// suffix.
var paths = []string{
	"github.com/golang-jwt/jwt",
	"github.com/dgrijalva/jwt-go",
	"github.com/form3tech-oss/jwt-go",
}

// IsPackage reports whether path is the import path of one of the
// libraries, with or without a major version suffix (/v4, /v5).
func IsPackage(path string) bool {
	for _, p := range paths {
		rest, ok := strings.CutPrefix(path, p)
		if !ok {
			continue
		}
		if rest == "" || isVersionSuffix(rest) {
			return true
		}
	}
	return false
}

func isVersionSuffix(s string) bool {
	v, ok := strings.CutPrefix(s, "/v")
	if !ok || v == "" {
		return false
	}
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// IsObject reports whether obj is declared at package level (or as a
// method) in one of the libraries under one of names.
func IsObject(obj types.Object, names ...string) bool {
	if obj == nil || obj.Pkg() == nil || !IsPackage(obj.Pkg().Path()) {
		return false
	}
	for _, n := range names {
		if obj.Name() == n {
			return true
		}
	}
	return false
}

// IsNamed reports whether t, or the type it points to, is one of the
// libraries' named types under one of names.
func IsNamed(t types.Type, names ...string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && IsObject(n.Obj(), names...)
}
