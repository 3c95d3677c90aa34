package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is a file of secrets to leave out of keylint scan's findings:
// the secrets of an old repository, accepted while they are rotated. An
// entry is a secret's fingerprint (a hash of its rule and value), so it
// follows the secret across commits, files and moves. It holds no secret.
//
//	{"version": 1, "secrets": [
//	  {"fingerprint": "…", "rule": "github-pat", "secret": "ghp_8z…(40 chars)",
//	   "file": "config/app.env"}]}
type Baseline struct {
	Version int             `json:"version"`
	Secrets []BaselineEntry `json:"secrets"`
}

// BaselineEntry is one secret of a baseline. Only Fingerprint counts; Rule,
// the redacted Secret and the File it was first seen in are for the people
// who read the file.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule,omitempty"`
	Secret      string `json:"secret,omitempty"`
	File        string `json:"file,omitempty"`
}

// LoadBaseline reads a baseline file.
func LoadBaseline(file string) (*Baseline, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var bl Baseline
	if err := dec.Decode(&bl); err != nil {
		return nil, fmt.Errorf("baseline %s: %s", file, describeJSON(b, err))
	}
	// A second value after the first is a damaged or concatenated file,
	// whose later entries would otherwise be dropped without a word.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		line := bytes.Count(b[:dec.InputOffset()], []byte{'\n'}) + 1
		return nil, fmt.Errorf("baseline %s: line %d: text after the JSON object", file, line)
	}
	if bl.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d; want %d", file, bl.Version,
			BaselineVersion)
	}
	for i, e := range bl.Secrets {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline %s: secret %d has no fingerprint", file, i+1)
		}
	}
	return &bl, nil
}

// Has reports whether the baseline holds fingerprint.
func (bl *Baseline) Has(fingerprint string) bool {
	if bl == nil {
		return false
	}
	return slices.ContainsFunc(bl.Secrets, func(e BaselineEntry) bool {
		return e.Fingerprint == fingerprint
	})
}

// WriteBaseline writes entries to file as a baseline, sorted by
// fingerprint. The caller redacts the secrets.
func WriteBaseline(file string, entries []BaselineEntry) error {
	bl := Baseline{Version: BaselineVersion, Secrets: slices.Clone(entries)}
	if bl.Secrets == nil {
		bl.Secrets = []BaselineEntry{}
	}
	slices.SortFunc(bl.Secrets, func(a, b BaselineEntry) int {
		return strings.Compare(a.Fingerprint, b.Fingerprint)
	})
	bl.Secrets = slices.CompactFunc(bl.Secrets, func(a, b BaselineEntry) bool {
		return a.Fingerprint == b.Fingerprint
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(bl); err != nil {
		return err
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// describeJSON turns a decoding error into a message with a line number.
func describeJSON(b []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var off int64
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		off = int64(len(b))
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	default:
		return "malformed JSON: " + oneLine(err.Error())
	}
	line := bytes.Count(b[:min(int(off), len(b))], []byte{'\n'}) + 1
	return fmt.Sprintf("line %d: malformed JSON: %s", line, oneLine(err.Error()))
}
