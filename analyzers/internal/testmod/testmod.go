// Package testmod prepares module-mode testdata for analysistest.
//
// analysistest loads a testdata directory that holds a go.mod as a module,
// but with GOPROXY=off: the modules it requires (gin, echo, golang-jwt…)
// must already be in the module cache. Download fetches them first through
// the configured proxy, so the tests pass from an empty module cache.
package testmod

import (
	"os"
	"os/exec"
	"testing"
)

// Download downloads the modules needed to build the packages of the
// module rooted at dir. It fails the test when they cannot be had.
func Download(t testing.TB, dir string) {
	t.Helper()
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("download the modules of %s: %v\n%s", dir, err, out)
	}
}
