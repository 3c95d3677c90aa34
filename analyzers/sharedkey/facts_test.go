package sharedkey

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFactGob guards what go vet's unitchecker needs: the fact survives a
// gob round trip through the analysis.Fact interface.
func TestFactGob(t *testing.T) {
	t.Parallel()
	gob.Register(new(secretsFact))
	want := &secretsFact{Secrets: []Occurrence{{
		Digest: digest("made-up"), Package: "example.com/a", Module: "example.com",
		Name: "Key", Pos: "a.go:3",
	}}}
	var buf bytes.Buffer
	var in any = want
	if err := gob.NewEncoder(&buf).Encode(&in); err != nil {
		t.Fatal(err)
	}
	var out any
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if bytes.Contains(buf.Bytes(), []byte("made-up")) {
		t.Error("fact carries the secret's value")
	}
}
