package userapikey

import (
	"go/types"

	"github.com/keylint/keylint/analyzers/internal/credname"
)

// personWords are words of type names that say the type is a person.
var personWords = map[string]bool{
	"user": true, "account": true, "person": true, "member": true,
	"customer": true, "admin": true, "owner": true, "profile": true,
	"employee": true, "player": true, "viewer": true, "subscriber": true,
	"author": true, "human": true, "patron": true, "staff": true,
}

// machineWords are words that make a type a program's identity or
// something other than a person: ServiceAccount, ClientApp, UserKey.
var machineWords = map[string]bool{
	"service": true, "svc": true, "client": true, "app": true,
	"application": true, "bot": true, "machine": true, "integration": true,
	"system": true, "robot": true, "agent": true, "worker": true,
	"tenant": true, "project": true, "org": true, "organization": true,
	"team": true, "workspace": true, "device": true, "node": true,
	"key": true, "token": true, "session": true, "credential": true,
	"apikey": true, "principal": true, "id": true, "name": true,
	"store": true, "repo": true, "repository": true,
	"manager": true, "handler": true, "config": true, "settings": true,
	"list": true, "filter": true, "request": true, "response": true,
	"input": true, "params": true, "claims": true,
}

// personType returns the name of t when it is a struct type named for a
// person (User, *Account, CustomerProfile), or "".
func personType(t types.Type) string {
	if t == nil {
		return ""
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return ""
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return ""
	}
	person := false
	for _, w := range credname.Words(n.Obj().Name()) {
		if machineWords[w] {
			return ""
		}
		if personWords[w] || personWords[trimPlural(w)] {
			person = true
		}
	}
	if person {
		return n.Obj().Name()
	}
	return ""
}

func trimPlural(w string) string {
	if len(w) > 3 && w[len(w)-1] == 's' {
		return w[:len(w)-1]
	}
	return w
}
