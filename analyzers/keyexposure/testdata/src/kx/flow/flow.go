// Package flow holds the ways a key travels inside a function: through
// assignments, concatenation, formatting, builders, struct fields, phis,
// maps, slices and closures.
package flow

import (
	"bytes"
	"fmt"
	"log"
	"strings"
)

type settings struct {
	Token string
	Label string
}

func assign(token string) {
	t := token
	u := t
	log.Print(u) // want `token "token" reaches log.Print`
	label := "x"
	log.Print(label) // ok: a constant
}

func concat(token string) {
	header := "Bearer " + token
	log.Print(header) // want `token "token" reaches log.Print`
	n := len("Bearer " + token)
	log.Print(n) // ok: a length
}

func sprintf(token string) {
	line := fmt.Sprintf("auth=%s", token)
	log.Print(line) // want `token "token" reaches log.Print`
	kind := fmt.Sprintf("auth=%T", token)
	log.Print(kind) // ok: %T
	msg := fmt.Sprint("auth ok")
	log.Print(msg) // ok: no key
}

func builder(token string) {
	var b strings.Builder
	b.WriteString("Bearer ")
	b.WriteString(token)
	log.Print(b.String()) // want `token "token" reaches log.Print`
	var c strings.Builder
	c.WriteString("nothing secret")
	log.Print(c.String()) // ok: no key written
}

func buffer(token string) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "token=%s", token)
	log.Print(buf.String()) // want `token "token" reaches log.Print`
}

func structField(token string) {
	s := settings{Token: token, Label: "x"}
	log.Printf("%s", s.Label) // ok: another field
	log.Printf("%+v", s)      // want `token "token" reaches log.Printf`
	p := &settings{}
	p.Label = "y"
	log.Print(p.Label) // ok: another field
}

func phi(token string, verbose bool) {
	shown := "***"
	if verbose {
		shown = token
	}
	log.Print(shown) // want `token "token" reaches log.Print`
	hidden := "***"
	if verbose {
		hidden = token[:4] + "…"
	}
	log.Print(hidden) // ok: a prefix on one branch, a mask on the other
}

func maps(token string) {
	m := map[string]string{"auth": token}
	log.Print(m)         // want `token "token" reaches log.Print`
	log.Print(m["auth"]) // want `token "token" reaches log.Print`
	n := map[string]int{"len": len(token)}
	log.Print(n) // ok: a length
}

func slices(token string) {
	parts := []string{"Bearer", token}
	log.Print(strings.Join(parts, " ")) // want `token "token" reaches log.Print`
	more := append([]string{}, token)
	log.Print(more) // want `token "token" reaches log.Print`
}

func closure(token string) {
	print := func() {
		log.Print(token) // want `token "token" reaches log.Print`
	}
	print()
	count := func() {
		log.Print(len(token)) // ok: a length
	}
	count()
}

func deferred(token string) {
	defer log.Print("done " + token) // want `token "token" reaches log.Print`
	go log.Print(token)              // want `token "token" reaches log.Print`
}

func pointer(token string) {
	p := &token
	log.Print(*p) // want `token "token" reaches log.Print`
}

func channel(token string) {
	ch := make(chan string, 1)
	ch <- token
	log.Print(<-ch) // want `token "token" reaches log.Print`
}

func trimmed(token string) {
	log.Print(strings.TrimSpace(token))           // want `token "token" reaches log.Print`
	log.Print(strings.ToUpper(token))             // want `token "token" reaches log.Print`
	log.Print(strings.HasPrefix(token, "ghp_"))   // ok: a boolean
	log.Print(strings.Count(token, "a"))          // ok: a number
	log.Print(strings.Contains(token, "x"), "ok") // ok: a boolean
}

// reassigned: the variable is named token, but what reaches the log is a
// fresh constant.
func reassigned() {
	token := "placeholder"
	log.Print(token) // ok: a constant
}
