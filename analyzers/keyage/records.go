package keyage

import (
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// This file decides which struct types are key records and which of their
// fields hold a key's age.

// ageWords are the words of a field name that make it the time a key was
// created, expires or was rotated.
var ageWords = map[string]bool{
	"created": true, "create": true, "creation": true, "expires": true,
	"expire": true, "expiry": true, "expiration": true, "expired": true,
	"exp": true, "rotated": true, "rotation": true, "issued": true,
	"iat": true, "until": true, "deadline": true, "ttl": true,
	"lifetime": true, "generated": true, "minted": true, "notafter": true,
}

// expiryWords are the age words that name an expiry, not a creation.
var expiryWords = map[string]bool{
	"expires": true, "expire": true, "expiry": true, "expiration": true,
	"expired": true, "exp": true, "until": true, "deadline": true,
	"notafter": true,
}

// notAgeWords end field names that sit beside an age word without being a
// time: CreatedBy, ExpiryReason.
var notAgeWords = map[string]bool{
	"by": true, "id": true, "user": true, "reason": true, "ip": true,
	"from": true, "notified": true, "warning": true,
}

// keyFieldWords end the names of fields that hold a key or its digest.
var keyFieldWords = map[string]bool{
	"key": true, "hash": true, "digest": true, "token": true,
	"secret": true, "apikey": true, "hashed": true,
}

// persistTags are struct tag keys that say a type is stored.
var persistTags = []string{
	"db", "gorm", "bson", "bun", "pg", "xorm", "sql", "dynamodbav",
	"firestore", "datastore", "sqlite", "ent",
}

// isAgeField reports whether v is a field that records a key's creation,
// expiry or rotation time.
func isAgeField(v *types.Var) bool {
	words := credname.Words(v.Name())
	if len(words) == 0 || notAgeWords[words[len(words)-1]] {
		return false
	}
	if !slices.ContainsFunc(words, func(w string) bool { return ageWords[w] }) &&
		!strings.Contains(strings.ToLower(v.Name()), "notafter") {
		return false
	}
	return isTimeLike(v.Type())
}

// isExpiryField is isAgeField for the fields that hold an expiry.
func isExpiryField(v *types.Var) bool {
	if !isAgeField(v) {
		return false
	}
	return slices.ContainsFunc(credname.Words(v.Name()),
		func(w string) bool { return expiryWords[w] })
}

// isTimeLike reports whether t can hold a point in time or a duration: a
// time.Time, a timestamp struct, an integer (Unix seconds), or a pointer or
// nullable wrapper of one.
func isTimeLike(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		name := strings.ToLower(n.Obj().Name())
		if strings.Contains(name, "time") || strings.Contains(name, "date") ||
			strings.Contains(name, "duration") {
			return true
		}
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsInteger|types.IsFloat) != 0
}

// keyRecord returns the named struct type of t (or of what t points to)
// when it is a key record: its type name says key, token or credential,
// and one of its fields holds the key or its digest.
func keyRecord(t types.Type) (*types.Named, *types.Struct, bool) {
	if t == nil {
		return nil, nil, false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil, nil, false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil, nil, false
	}
	if !namedAsKey(n.Obj().Name()) {
		return nil, nil, false
	}
	for i := range st.NumFields() {
		if isKeyField(st.Field(i)) {
			return n, st, true
		}
	}
	return nil, nil, false
}

// recordSuffixes are the last words of type names that say the type is
// one stored row of what the words before name: APIKeyRecord, TokenRow,
// CredentialModel. Only these are dropped before classifying, so that
// TokenRequest, APIKeyConfig, TokenStore or TokenDAO stay something other
// than keys (a store or a table handle is not a row).
var recordSuffixes = map[string]bool{
	"record": true, "rec": true, "row": true, "model": true, "entity": true,
	"entry": true, "item": true, "doc": true, "document": true,
}

// namedAsKey reports whether a type name says key, token or credential,
// itself (APIKey, AccessToken) or with a record suffix (APIKeyRecord).
func namedAsKey(name string) bool {
	if isKeyKind(credname.Classify(name)) {
		return true
	}
	words := credname.Words(name)
	if len(words) < 2 || !recordSuffixes[words[len(words)-1]] {
		return false
	}
	return isKeyKind(credname.Classify(strings.Join(words[:len(words)-1], "_")))
}

func isKeyKind(k credname.Kind) bool {
	switch k {
	case credname.APIKey, credname.Token, credname.Secret, credname.Credential:
		return true
	}
	return false
}

func isKeyField(v *types.Var) bool {
	words := credname.Words(v.Name())
	if len(words) == 0 {
		return false
	}
	if keyFieldWords[words[len(words)-1]] {
		return true
	}
	switch credname.Classify(v.Name()) {
	case credname.APIKey, credname.Token, credname.Secret:
		return true
	}
	return false
}

// ageFields returns the names of the age fields of st, including those of
// embedded structs (gorm.Model's CreatedAt).
func ageFields(st *types.Struct) []string {
	var names []string
	var walk func(st *types.Struct, depth int)
	walk = func(st *types.Struct, depth int) {
		for i := range st.NumFields() {
			f := st.Field(i)
			if isAgeField(f) && !slices.Contains(names, f.Name()) {
				names = append(names, f.Name())
			}
			if f.Embedded() && depth < 3 {
				if inner, ok := derefStruct(f.Type()); ok {
					walk(inner, depth+1)
				}
			}
		}
	}
	walk(st, 0)
	return names
}

func derefStruct(t types.Type) (*types.Struct, bool) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// persisted reports whether a field of st carries a storage tag.
func persisted(st *types.Struct) bool {
	for i := range st.NumFields() {
		tag := reflect.StructTag(st.Tag(i))
		for _, k := range persistTags {
			if _, ok := tag.Lookup(k); ok {
				return true
			}
		}
	}
	return false
}

// checkRecordType reports a stored key record type with no time at all.
func (c *checker) checkRecordType(ts *ast.TypeSpec) {
	obj, ok := c.pass.TypesInfo.Defs[ts.Name].(*types.TypeName)
	if !ok {
		return
	}
	n, st, ok := keyRecord(obj.Type())
	if !ok || n.Obj() != obj {
		return
	}
	// Only stored records: a struct decoded from an API response or read
	// from config is not where a policy is enforced.
	if !persisted(st) || len(ageFields(st)) > 0 {
		return
	}
	c.rep.Reportf(ts.Name, "key record type %s has no creation or expiry time, "+
		"so no rotation policy can be enforced; add CreatedAt and ExpiresAt",
		ts.Name.Name)
}
