// Package sariftest validates SARIF logs against the official SARIF 2.1.0
// JSON schema (OASIS, errata 01), kept in internal/report/testdata. It is
// for tests only.
//
// The schema file is the one the github.com/owenrumney/go-sarif/v3 module
// (v3.3.1, pkg/report/v210/sarif/schema.go) ships, written out unchanged.
package sariftest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaPath returns the schema file's path.
func SchemaPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "sarif-schema-2.1.0.json")
}

var compile = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open(SchemaPath())
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("decode SARIF schema: %w", err)
	}
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("add SARIF schema: %w", err)
	}
	return c.Compile(url)
})

// Validate reports whether data is a valid SARIF 2.1.0 log; the error lists
// every violation.
func Validate(data []byte) error {
	sch, err := compile()
	if err != nil {
		return fmt.Errorf("compile SARIF schema: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("decode SARIF log: %w", err)
	}
	return sch.Validate(inst)
}
