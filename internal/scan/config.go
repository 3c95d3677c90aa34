package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
)

// maxDecodeDepth is gitleaks' default for --max-decode-depth: how many
// rounds of decoding (base64, hex, percent) it applies to find encoded
// secrets.
const maxDecodeDepth = 5

// gitleaksMu serialises config loading: gitleaks' loader reads and writes
// package-level state (its global viper instance and its extend depth), so
// two loads must never run at once.
var gitleaksMu sync.Mutex

// defaultConfig is gitleaks' default rule set, translated once: it is
// compiled from an embedded file and is only read afterwards.
var defaultConfig = sync.OnceValues(func() (config.Config, error) {
	return translate(func(v *viper.Viper) error {
		return v.ReadConfig(strings.NewReader(config.DefaultConfig))
	})
})

// loadConfig returns the gitleaks configuration for a scan of dir: the file
// dir/.gitleaks.toml when there is one, gitleaks' default rules otherwise.
//
// Limitation: a .gitleaks.toml with [extend] is extended through gitleaks'
// own loader, whose extend depth is process-wide and never reset, so only the
// first two extended configs loaded in one process are extended fully. The
// CLI loads one config per process.
func loadConfig(dir string) (config.Config, error) {
	path := filepath.Join(dir, ".gitleaks.toml")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return defaultConfig()
	}
	if err != nil {
		return config.Config{}, fmt.Errorf("load gitleaks config: %w", err)
	}
	cfg, err := translate(func(v *viper.Viper) error {
		return v.ReadConfig(bytes.NewReader(b))
	})
	if err != nil {
		return config.Config{}, fmt.Errorf("load gitleaks config %s: %w", path, err)
	}
	return cfg, nil
}

// translate reads a config through a private viper instance and translates
// it into gitleaks' rules. A rule gitleaks cannot compile panics inside
// gitleaks; that panic becomes an error here.
func translate(read func(*viper.Viper) error) (cfg config.Config, err error) {
	gitleaksMu.Lock()
	defer gitleaksMu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("invalid rule: %v", p)
		}
	}()

	v := viper.New()
	v.SetConfigType("toml")
	if err := read(v); err != nil {
		return config.Config{}, err
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		return config.Config{}, err
	}
	return vc.Translate()
}

// newDetector returns a gitleaks detector set up as the gitleaks command
// sets one up for a scan of dir: decoding enabled, gitleaks:allow honoured,
// and the fingerprints in dir/.gitleaksignore skipped.
func newDetector(ctx context.Context, cfg config.Config, dir string) (*detect.Detector, error) {
	d := detect.NewDetectorContext(ctx, cfg)
	d.MaxDecodeDepth = maxDecodeDepth

	// gitleaks skips its own config file by this path.
	d.Config.Path = filepath.Join(dir, ".gitleaks.toml")

	ignore := filepath.Join(dir, ".gitleaksignore")
	if info, err := os.Stat(ignore); err == nil && !info.IsDir() {
		if err := d.AddGitleaksIgnore(ignore); err != nil {
			return nil, fmt.Errorf("read %s: %w", ignore, err)
		}
	}
	return d, nil
}
