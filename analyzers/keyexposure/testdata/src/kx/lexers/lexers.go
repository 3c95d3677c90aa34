// Package lexers holds pieces of scanned and split text named token: a
// lexer's tokens, not credentials.
package lexers

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
	"text/scanner"
)

func words(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Split(bufio.ScanWords)
	for sc.Scan() {
		token := sc.Text()
		if token != "let" {
			return fmt.Errorf("unexpected token %q", token) // ok: a word of the input
		}
		tok := sc.Bytes()
		log.Printf("token %s", tok) // ok: a word of the input
	}
	return nil
}

func textScanner(src string) {
	var s scanner.Scanner
	s.Init(strings.NewReader(src))
	for t := s.Scan(); t != scanner.EOF; t = s.Scan() {
		token := s.TokenText()
		log.Printf("at %s: %s", s.Position, token) // ok: a token of the source
	}
}

func splits(line string, b []byte) {
	for _, token := range strings.Fields(line) {
		log.Print(token) // ok: a field of the line
	}
	parts := strings.SplitN(line, "=", 2)
	secret := parts[1]
	log.Print(secret) // ok: a part of a split line
	key, token, _ := strings.Cut(line, ":")
	log.Print(key, token) // ok: the halves of a line
	for token := range strings.FieldsSeq(line) {
		log.Print(token) // ok: a field of the line
	}
	for _, token := range bytes.Split(b, []byte(",")) {
		log.Printf("%s", token) // ok: a part of a split text
	}
}

// A qualifier says which credential a part is; a split keeps the key of
// what it splits.
func credentials(line string, r *http.Request, token string) {
	fields := strings.Fields(line)
	githubToken := fields[1]
	log.Print(githubToken) // want `token "githubToken" reaches log.Print`
	parts := strings.SplitN(r.Header.Get("Authorization"), " ", 2)
	token2 := parts[1]
	log.Print(token2) // want `value of header "Authorization" reaches log.Print`
	for _, t := range strings.Split(token, ".") {
		log.Print(t) // want `token "token" reaches log.Print`
	}
	log.Print(token) // want `token "token" reaches log.Print`
}

// scan is handed a token by its caller: a parameter named token is still
// a key.
func scan(token string) error {
	return fmt.Errorf("bad token %q", token) // want `token "token" reaches fmt.Errorf`
}

func unscanned(r io.Reader) {
	token, _ := io.ReadAll(r)
	log.Printf("%s", token) // want `token "token" reaches log.Printf`
}
