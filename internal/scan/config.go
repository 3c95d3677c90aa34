package scan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	_ "unsafe" // go:linkname, for gitleaksExtendDepth

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
func loadConfig(dirs []string) (config.Config, error) {
	for _, dir := range dirs {
		path := filepath.Join(dir, ".gitleaks.toml")
		b, err := readConfigFile(path)
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
			return config.Config{}, fmt.Errorf("load gitleaks config %s: %s", path,
				oneLine(err.Error()))
		}
		if len(cfg.Rules) == 0 {
			// gitleaks would scan with no rule and find nothing; a file
			// meant to add an allowlist most often forgot the defaults.
			return config.Config{}, fmt.Errorf("gitleaks config %s has no rules: add "+
				"[extend] useDefault = true to keep gitleaks' default rules", path)
		}
		return cfg, nil
	}
	return defaultConfig()
}

// maxConfigSize bounds the configuration files keylint reads from the
// repository under scan, which may hold a huge file or a symbolic link to
// /dev/zero or a pipe.
const maxConfigSize = 10 << 20

// readConfigFile reads a configuration file, which must be a regular file
// (or a link to one) of at most maxConfigSize bytes.
func readConfigFile(path string) ([]byte, error) {
	// Stat before opening: opening a named pipe blocks.
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxConfigSize {
		return nil, fmt.Errorf("%s: larger than %d MB", path, maxConfigSize>>20)
	}
	return b, nil
}

// maxErrorLen bounds the part of an error message that quotes a
// configuration file: a rule's regular expression, say.
const maxErrorLen = 300

// oneLine makes an error message from gitleaks' loader, which may quote a
// multi-line regular expression, one line of bounded length.
func oneLine(msg string) string {
	msg = strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(msg)
	if r := []rune(msg); len(r) > maxErrorLen {
		msg = string(r[:maxErrorLen]) + "…"
	}
	return msg
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
	if err := checkExtends(vc.Extend.Path, 1); err != nil {
		return config.Config{}, err
	}
	// Each load starts at depth 0, as in the gitleaks command, which
	// loads one config per process (see gitleaksExtendDepth).
	gitleaksExtendDepth = 0
	return vc.Translate()
}

// gitleaksExtendDepth is gitleaks' count of the [extend]s it has followed
// (config.extendDepth), which it keeps for the whole process and never
// resets: after two configs with [extend] were loaded, no later one would
// be extended, and a scan whose .gitleaks.toml says useDefault would run
// its own rules only. It is reset before each load, under gitleaksMu.
//
//go:linkname gitleaksExtendDepth github.com/zricethezav/gitleaks/v8/config.extendDepth
var gitleaksExtendDepth int

// checkExtends checks the file a config's [extend] path names, before
// gitleaks' loader reads it, and the file that one extends in turn:
// gitleaks extends two levels deep. As the loader does, it takes a
// relative path from the working directory. A file that is not a
// configuration gitleaks can read is left to the loader to report.
func checkExtends(path string, depth int) error {
	if path == "" || depth > 2 {
		return nil
	}
	b, err := readConfigFile(path)
	if err != nil {
		return fmt.Errorf("[extend] path: %w", err)
	}
	typ := strings.TrimPrefix(filepath.Ext(path), ".")
	if !slices.Contains(viper.SupportedExts, typ) {
		return nil
	}
	v := viper.New()
	v.SetConfigType(typ)
	var vc config.ViperConfig
	if v.ReadConfig(bytes.NewReader(b)) != nil || v.Unmarshal(&vc) != nil {
		return nil
	}
	return checkExtends(vc.Extend.Path, depth+1)
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
		if info, err := os.Stat(ignore); err != nil || info.IsDir() {
			continue
		}
		if err := checkIgnoreFile(ignore); err != nil {
			return nil, err
		}
		if err := d.AddGitleaksIgnore(ignore); err != nil {
			return nil, fmt.Errorf("read %s: %w", ignore, err)
		}
	}
	return d, nil
}

// checkIgnoreFile checks a .gitleaksignore before gitleaks reads it, which
// stops without a word at a line longer than its scanner's 64 KB buffer
// and so would drop every fingerprint after it.
func checkIgnoreFile(path string) error {
	b, err := readConfigFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(line) >= bufio.MaxScanTokenSize {
			return fmt.Errorf("read %s: line %d is longer than %d KB", path, i+1,
				bufio.MaxScanTokenSize>>10)
		}
	}
	return nil
}
