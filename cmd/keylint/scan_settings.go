package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/keylint/keylint/internal/age"
	"github.com/keylint/keylint/internal/config"
	"github.com/keylint/keylint/internal/github"
	"github.com/keylint/keylint/internal/redact"
	"github.com/keylint/keylint/internal/scan"
	"github.com/keylint/keylint/rules"
)

// settings are the flags merged with the configuration file: a flag given
// on the command line wins over the file, the file over the defaults.
type settings struct {
	cfg       *config.Config
	policy    age.Policy
	failOn    string
	rangeSpec string
	baseline  *config.Baseline
}

func loadSettings(ctx context.Context, fl *scanFlags, env scanEnv) (*settings, error) {
	// A scan inside a repository covers the whole repository, whose paths
	// the config's excludes name: the repository's file applies unless the
	// scanned directory has its own. Without git there is only DIR.
	dirs := []string{fl.dir}
	if fl.mode != scan.Files {
		if top := scan.TopLevel(ctx, fl.dir); top != "" {
			dirs = append(dirs, top)
		}
	}
	cfg, err := config.Load(fl.configFile, dirs...)
	if err != nil {
		return nil, err
	}
	s := &settings{cfg: cfg, failOn: fl.failOn}
	if cfg.Scan.FailOn != "" && !fl.explicitFlag["fail-on"] {
		s.failOn = cfg.Scan.FailOn
	}
	base := age.DefaultPolicy()
	if cfg.Policy.Sensitive > 0 {
		base[rules.Sensitive] = cfg.Policy.Sensitive
	}
	if cfg.Policy.Standard > 0 {
		base[rules.Standard] = cfg.Policy.Standard
	}
	if s.policy, err = age.ParsePolicy(fl.policy, base); err != nil {
		return nil, fmt.Errorf("--policy: %w", err)
	}
	if s.rangeSpec, err = resolveRange(fl.rangeSpec, env.getenv); err != nil {
		return nil, err
	}
	if fl.baseline != "" {
		if s.baseline, err = config.LoadBaseline(fl.baseline); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// resolveRange turns --range auto into the BASE..HEAD of the pull request
// whose GitHub Actions run this is; other values are passed on.
func resolveRange(spec string, getenv func(string) string) (string, error) {
	if spec != "auto" {
		return spec, nil
	}
	path := getenv("GITHUB_EVENT_PATH")
	if path == "" {
		return "", errors.New("--range auto: GITHUB_EVENT_PATH is not set " +
			"(not a GitHub Actions run); give --range BASE..HEAD")
	}
	ev, err := readEvent(path)
	if err != nil {
		return "", fmt.Errorf("--range auto: %w", err)
	}
	if !ev.isPull() {
		return "", fmt.Errorf("--range auto: event %s is not a pull_request event "+
			"with base and head SHAs", path)
	}
	return ev.Base + ".." + ev.Head, nil
}

// newGitHubDater configures the GitHub dater; it connects only if a secret
// needs dating.
func newGitHubDater(fl *scanFlags, env scanEnv, log *slog.Logger) *githubDater {
	opts := github.Options{
		Token:       env.getenv(fl.tokenEnv),
		APIURL:      fl.apiURL,
		MaxRequests: fl.maxRequests,
		Timeout:     fl.timeout,
		Logger:      log,
	}
	if opts.APIURL == "" {
		opts.APIURL = env.getenv("GITHUB_API_URL")
	}
	if fl.github != "" {
		opts.Owner, opts.Repo, _ = strings.Cut(fl.github, "/")
	}
	if env.github != nil {
		env.github(&opts)
	}
	return &githubDater{opts: opts, dir: fl.dir, log: log}
}

// baselineEntries lists the secrets of a scan for a baseline file, redacted.
func baselineEntries(res *scan.Result) []config.BaselineEntry {
	var out []config.BaselineEntry
	for _, sec := range res.Secrets {
		e := config.BaselineEntry{Fingerprint: sec.Fingerprint, Rule: sec.Rule,
			Secret: redact.Secret(sec.Value), File: sec.First.File}
		if sec.PathOnly {
			e.Secret = ""
		}
		out = append(out, e)
	}
	return out
}

// dropBaselined removes the secrets the baseline lists and returns how many
// it removed.
func dropBaselined(res *scan.Result, bl *config.Baseline) int {
	if bl == nil {
		return 0
	}
	kept := res.Secrets[:0]
	for _, sec := range res.Secrets {
		if !bl.Has(sec.Fingerprint) {
			kept = append(kept, sec)
		}
	}
	n := len(res.Secrets) - len(kept)
	res.Secrets = kept
	return n
}
