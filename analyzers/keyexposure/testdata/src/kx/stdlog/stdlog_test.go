package stdlog

import (
	"log"
	"testing"
)

func TestKey(t *testing.T) {
	apiKey := loadSetting()
	log.Print(apiKey) // ok: _test.go files are not checked by default
}
