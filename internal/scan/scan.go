package scan

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/zricethezav/gitleaks/v8/detect"
)

// Mode selects what a scan reads.
type Mode int

// The scan modes.
const (
	// History reads every commit reachable from any ref, as gitleaks git does.
	History Mode = iota
	// Staged reads the changes staged for the next commit.
	Staged
	// Files reads the files under a directory, without git.
	Files
)

// String returns the mode's name as reports show it: history, staged or
// files.
func (m Mode) String() string {
	switch m {
	case History:
		return "history"
	case Staged:
		return "staged"
	case Files:
		return "files"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Options configure a scan.
type Options struct {
	// Dir is the directory to scan: a git repository (or a directory
	// inside one) for History and Staged, any directory for Files. Its
	// .gitleaks.toml applies, or else the repository's (at the top level);
	// both their .gitleaksignore files apply.
	Dir  string
	Mode Mode

	// Dater, when set, dates secrets whose local history is cut off by a
	// shallow clone.
	Dater Dater

	// Exclude, when set, drops every sighting in a file it reports true
	// for (a slash-separated path relative to the repository or
	// directory); a secret with no sighting left is not reported.
	Exclude func(path string) bool

	// Range, in History mode, limits the scan to the commits of a range
	// such as "BASE..HEAD" (a pull request): only secrets that the range
	// adds are reported, but each is dated by the oldest commit that added
	// it, before BASE too. Empty scans every commit of every ref.
	Range string

	// CheckRules, when set, is called with the IDs of the detection rules
	// a configuration may name (gitleaks' default rules and those of the
	// .gitleaks.toml in use) before the history is read; its error stops
	// the scan.
	CheckRules func(known map[string]bool) error

	// Logger receives debug and warning messages; nil discards them. The
	// scanner never logs a secret's value.
	Logger *slog.Logger

	// Progress, when set, counts what the scan has read, for a caller to
	// show while it runs or to say how far an interrupted scan got.
	Progress *Progress
}

// Commit identifies a commit and its author.
type Commit struct {
	SHA    string
	Date   time.Time // the author date, in UTC
	Author string    // the author's name
}

// Location is one place a secret was seen.
type Location struct {
	File   string // slash-separated, relative to the repository or directory
	Line   int    // 1-based
	Column int    // 1-based, in bytes
	Commit string // the commit whose diff adds the secret; empty outside history
	Date   time.Time
	Author string
}

// Secret is one distinct secret (one detection rule and one value) with
// everything the scan learned about it.
type Secret struct {
	Rule        string // the gitleaks rule that detected it, such as "github-pat"
	Value       string // the secret itself: redact it before showing it anywhere
	Fingerprint string // redact.Fingerprint(Rule, Value)

	// Decoded says gitleaks found the secret only after decoding the text
	// (base64, hex, percent-encoding): it does not appear literally.
	Decoded bool

	// PathOnly says the rule matched a file by its name (a .p12 keystore,
	// say); Value is then gitleaks' "file detected: PATH".
	PathOnly bool

	// Locations lists every sighting, oldest first. In history, a sighting
	// is a commit whose diff adds the secret.
	Locations []Location

	// First is the oldest sighting (in FirstSeen), where the report says the
	// secret was introduced.
	First Location

	// FirstSeen is the oldest commit whose diff adds the secret; nil outside
	// history.
	FirstSeen *Commit

	// Shallow says the repository is a shallow clone, so the history before
	// its boundary is missing: FirstSeen only bounds the introduction, the
	// secret may be older.
	Shallow bool

	// AtBoundary says some sighting is a shallow-clone boundary commit: the
	// secret was in the tree when history was cut off. Only such a secret
	// is given to the Dater, which searches back from the boundary.
	AtBoundary bool

	// Introduced is the commit that introduced the secret: FirstSeen unless
	// the history is cut off (Shallow), in which case it is what the Dater
	// found, or nil when the introduction is unknown.
	Introduced *Commit
	DatedBy    string // the Dater that found Introduced, if one did

	// IntroducedNotAfter, when Introduced is nil, may hold an older bound
	// than FirstSeen: a commit outside the clone that a Dater found holding
	// the secret without being able to tell that it introduced it (the file
	// was created with the secret already in it). The secret is at least as
	// old; AgeUnknownReason says why it may be older.
	IntroducedNotAfter *Commit

	// External, when set, says the scanned history does not show the
	// secret: a service watching the hosted repository reported it (a
	// GitHub secret-scanning alert). Locations, First and FirstSeen are
	// that report's; AtHead and HeadLocations come from a search of HEAD's
	// tree. No ref but HEAD was searched, and no removal looked for.
	External *External

	// AgeUnknownReason says, in one line, why a Shallow secret has no
	// Introduced: the Dater's error, that it found nothing, or that the
	// secret was first added after the boundary, where no Dater can search.
	// It is empty when no reason is known (no Dater was asked).
	AgeUnknownReason string

	// SharedAcross, when set, says the secret is in more than one file
	// (KL203); see Sharing.
	SharedAcross *Sharing

	// AtHead says HEAD's tree still holds the secret, at HeadLocations.
	AtHead        bool
	HeadLocations []Location

	// LiveRefs are the refs (full names such as refs/heads/main or
	// refs/tags/v1) whose tip still holds the secret, sorted; the branch
	// HEAD is on is among them when HEAD holds the secret. A secret that is
	// not at HEAD but on some ref has not left the repository.
	LiveRefs []string

	// LastSeen is the newest commit known to hold the secret: HEAD while it
	// is there, else the newest tip of LiveRefs, else the parent of the
	// commit that removed it (Removed), or the newest sighting when the
	// removal was not found.
	LastSeen *Commit
	Removed  *Commit
}

// External describes the report of a secret that the scanned history does
// not show.
type External struct {
	Source string // the reporting service, such as "github-alert"
	ID     string // the report's identifier there, such as an alert number
	Title  string // the report for people, such as "GitHub secret-scanning alert #3"
	URL    string // where the report is shown, if anywhere

	// HeadUnknown says HEAD's tree could not be searched for the secret
	// (GitHub found it base64-encoded), so AtHead false means unknown.
	HeadUnknown bool
}

// Result is the outcome of a scan.
type Result struct {
	Mode    Mode
	Head    *Commit // nil outside history, or when HEAD is unborn
	Shallow bool    // the repository is a shallow clone
	Secrets []Secret

	// Range is the range of Options.Range with both ends resolved to
	// commit SHAs, nil when the whole history was scanned.
	Range *Range
}

// Range is a resolved commit range BASE..HEAD.
type Range struct {
	Base, Head string // full commit SHAs
}

// Run scans opts.Dir and groups what gitleaks finds into secrets, sorted by
// rule and fingerprint. A directory that is not a repository (in History or
// Staged mode) gives an error wrapping ErrNotRepository, a repository with
// no commits (in History mode) one wrapping ErrNoCommits.
//
// Run pins, for every git command the process starts from then on, the
// settings of pinnedGitConfig, and clears the environment variables that
// unsafeGitEnv names.
func Run(ctx context.Context, opts Options) (*Result, error) {
	pinGitConfig()
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &scanner{opts: opts, log: log}
	res, err := s.run(ctx)
	if err != nil {
		// Whatever failed, its message must not carry a secret found so far.
		return nil, s.scrub(err)
	}
	return res, nil
}

type scanner struct {
	opts     Options
	log      *slog.Logger
	repo     *repo
	rng      *commitRange      // Options.Range, resolved
	detector *detect.Detector  // set up as gitleaks' command does; collects findings
	engine   *engine           // runs the detector's rules faster
	tipOf    map[string]string // ref name → the commit at its tip

	// addedIn holds the files the scanned commits added each secret to
	// (in a range, the range's own; not those found before its base), and
	// the lines of each file.
	addedIn map[*Secret]map[string]map[int]bool

	mu      sync.Mutex
	secrets map[string]string // every secret value found, for scrub
}

func (s *scanner) run(ctx context.Context) (*Result, error) {
	dir := s.opts.Dir
	if dir == "" {
		dir = "."
	}
	res := &Result{Mode: s.opts.Mode}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", dir)
	}

	// Check the repository before the rules: a clear error comes first.
	if s.opts.Mode != Files {
		r, err := openRepo(ctx, dir, s.opts.Mode == History)
		if err != nil {
			return nil, err
		}
		s.repo = r
		res.Shallow = r.shallow
		if s.opts.Mode == History {
			res.Head = r.head
		}
		if s.opts.Range != "" {
			if s.rng, err = resolveRange(ctx, r.root, s.opts.Range); err != nil {
				return nil, err
			}
			res.Range = &Range{Base: s.rng.base, Head: s.rng.head}
		}
	}

	dirs := s.configDirs(dir)
	cfg, err := loadConfig(dirs)
	if err != nil {
		return nil, err
	}
	if s.opts.CheckRules != nil {
		known, err := knownRules(cfg)
		if err != nil {
			return nil, err
		}
		if err := s.opts.CheckRules(known); err != nil {
			return nil, err
		}
	}
	if s.detector, err = newDetector(ctx, cfg, dirs); err != nil {
		return nil, err
	}
	s.engine = newEngine(ctx, s.detector)

	start := time.Now()
	s.opts.Progress.setStage(map[Mode]string{History: "reading history",
		Staged: "reading staged changes", Files: "reading files"}[s.opts.Mode])
	findings, err := s.detect(ctx, dir)
	if err != nil {
		return nil, err
	}
	s.log.Debug("gitleaks finished", "mode", s.opts.Mode, "findings", len(findings),
		"elapsed", since(start))

	secrets := group(findings, s.opts.Mode, dir)
	for _, sec := range secrets {
		s.remember(sec.Value)
	}
	secrets = exclude(secrets, s.opts.Exclude)
	s.addedIn = make(map[*Secret]map[string]map[int]bool, len(secrets))
	for _, sec := range secrets {
		files := make(map[string]map[int]bool)
		for _, l := range sec.Locations {
			if files[l.File] == nil {
				files[l.File] = make(map[int]bool)
			}
			files[l.File][l.Line] = true
		}
		s.addedIn[sec] = files
	}
	if s.rng != nil {
		if err := s.beforeBase(ctx, secrets); err != nil {
			return nil, err
		}
	}
	if s.opts.Mode == History {
		s.opts.Progress.setStage("dating secrets")
		if err := s.age(ctx, secrets); err != nil {
			return nil, err
		}
	}
	share(secrets)
	res.Secrets = make([]Secret, len(secrets))
	for i, sec := range secrets {
		res.Secrets[i] = *sec
	}
	return res, nil
}
