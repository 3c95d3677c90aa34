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

// loadConfig returns the gitleaks configuration for a scan: the first
// .gitleaks.toml of dirs that exists (the scanned directory, then the
// repository's top level), gitleaks' default rules otherwise.
//
// Limitation: a .gitleaks.toml with [extend] is extended through gitleaks'
// own loader, whose extend depth is process-wide and never reset, so only the
// first two extended configs loaded in one process are extended fully. The
// CLI loads one config per process.
func loadConfig(dirs []string) (config.Config, error) {
	for _, dir := range dirs {
		path := filepath.Join(dir, ".gitleaks.toml")
		b, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
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
	return defaultConfig()
}

// configDirs returns where a scan of dir looks for its configuration files:
// dir, then, in git modes, the top level of its repository, whose paths
// the history's paths are relative to. A directory outside git (Files
// mode) has only its own.
func (s *scanner) configDirs(dir string) []string {
	dirs := []string{dir}
	if s.repo == nil || sameDir(dir, s.repo.root) {
		return dirs
	}
	return append(dirs, s.repo.root)
}

// sameDir reports whether a and b name the same directory.
func sameDir(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// knownRules returns the IDs of the detection rules a [tiers] table may
// name: gitleaks' default rules and those of the configuration in use.
func knownRules(cfg config.Config) (map[string]bool, error) {
	def, err := defaultConfig()
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(def.Rules)+len(cfg.Rules))
	for id := range def.Rules {
		known[id] = true
	}
	for id := range cfg.Rules {
		known[id] = true
	}
	return known, nil
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
// sets one up for a scan of dirs[0]: decoding enabled, gitleaks:allow
// honoured, and the fingerprints in the .gitleaksignore of each of dirs
// skipped.
func newDetector(ctx context.Context, cfg config.Config, dirs []string) (*detect.Detector,
	error) {
	d := detect.NewDetectorContext(ctx, cfg)
	d.MaxDecodeDepth = maxDecodeDepth

	// gitleaks skips its own config file by this path.
	d.Config.Path = filepath.Join(dirs[0], ".gitleaks.toml")

	// gitleaks reads two .gitleaksignore files too (the current directory's
	// and the scanned one's); here they are the scanned directory's and the
	// repository's, whose fingerprints name the repository's paths.
	for _, dir := range dirs {
		ignore := filepath.Join(dir, ".gitleaksignore")
		if info, err := os.Stat(ignore); err == nil && !info.IsDir() {
			if err := d.AddGitleaksIgnore(ignore); err != nil {
				return nil, fmt.Errorf("read %s: %w", ignore, err)
			}
		}
	}
	return d, nil
}
