// Package robust holds cgo, unsafe and generic code the analyzer must get
// through without panicking.
package robust

/*
#include <stdlib.h>
static const char* greeting(void) { return "hi"; }
*/
import "C"

import (
	"log"
	"unsafe"
)

func cgo(token string) {
	cs := C.CString(token)
	defer C.free(unsafe.Pointer(cs))
	log.Print(C.GoString(C.greeting())) // ok: no key
	log.Print(token)                    // want `token "token" reaches log.Print`
}

func pointers(secret string) {
	p := unsafe.Pointer(unsafe.StringData(secret))
	b := unsafe.Slice((*byte)(p), len(secret))
	log.Print(len(b)) // ok: a length
	// Not reported: the key travels through unsafe.Pointer conversions.
	log.Print(unsafe.String(&b[0], len(b)))
}

// Box holds any value.
type Box[T any] struct{ v T }

// Get returns the value.
func (b Box[T]) Get() T { return b.v }

func generic[K ~string](apiKey K, show func(K) string) {
	log.Print(apiKey)       // want `api key "apiKey" reaches log.Print`
	log.Print(show(apiKey)) // ok: an unknown function value
	box := Box[K]{v: apiKey}
	log.Print(box.Get()) // ok: not followed through generic fields
}

func instantiate() {
	generic[string]("k", func(s string) string { return s[:2] })
}
