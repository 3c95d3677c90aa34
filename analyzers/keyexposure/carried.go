package keyexposure

import (
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// carriedField returns a source when v is a struct (or a pointer, slice or
// map of structs) with a credential field, its own or an embedded
// struct's, that the sink shows: any field
// for fmt and the loggers, exported fields not tagged json:"-" for
// responses. Types with their own String or MarshalJSON method are trusted.
func carriedField(v ssa.Value, fam family, verb rune) *source {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		v = mi.X
	}
	if verb != 'v' && verb != 's' {
		return nil
	}
	return structField(v.Type(), fam == famResponse, 0)
}

func structField(t types.Type, wire bool, depth int) *source {
	if depth > 3 {
		return nil
	}
	if hasMethod(t, "String") || hasMethod(t, "Error") || wire &&
		(hasMethod(t, "MarshalJSON") || hasMethod(t, "MarshalText")) {
		return nil
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		return structField(u.Elem(), wire, depth+1)
	case *types.Slice:
		return structField(u.Elem(), wire, depth+1)
	case *types.Array:
		return structField(u.Elem(), wire, depth+1)
	case *types.Map:
		return structField(u.Elem(), wire, depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			fld := u.Field(i)
			if fld.Anonymous() && !(wire && jsonName(u.Tag(i)) == "-") {
				// An embedded struct's fields print and serialise with
				// the outer one's, even when its type is unexported.
				if s := structField(fld.Type(), wire, depth+1); s != nil {
					return s
				}
				continue
			}
			if wire && (!fld.Exported() || jsonName(u.Tag(i)) == "-") {
				continue
			}
			if !isStringish(fld.Type()) || hasMethod(fld.Type(), "String") ||
				wire && (hasMethod(fld.Type(), "MarshalJSON") || hasMethod(fld.Type(), "MarshalText")) {
				continue
			}
			if !clearlySecret(fld.Name()) {
				continue
			}
			if s := fieldSource(t, i); s != nil {
				s.What = "struct with " + s.What
				return s
			}
		}
	}
	return nil
}

// clearlySecret reports whether a field name leaves no doubt that it holds
// a secret, for a struct printed or serialised whole, where the field
// itself is not in the code: a field named only Auth or Credentials is as
// often a URL or a nested struct, and a key with an unknown qualifier
// (DetachKeys, SortKeys) is often no secret at all.
func clearlySecret(name string) bool {
	switch credentialName(name) {
	case credname.Password, credname.Secret, credname.Token, credname.PrivateKey:
		return true
	case credname.APIKey:
		for _, w := range credname.Words(name) {
			switch w {
			case "api", "apikey", "apikeys", "access", "accesskey":
				return true
			}
		}
	}
	return false
}

func hasMethod(t types.Type, name string) bool {
	if _, ok := t.Underlying().(*types.Interface); ok {
		return false
	}
	if types.NewMethodSet(t).Lookup(nil, name) != nil {
		return true
	}
	if _, ok := t.(*types.Pointer); !ok {
		return types.NewMethodSet(types.NewPointer(t)).Lookup(nil, name) != nil
	}
	return false
}

func jsonName(tag string) string {
	name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
	return name
}
